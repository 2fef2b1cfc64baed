"""Stage 2, stage 3 and the Ombudsman on the case page: actions added to the case action table, the
stage 2/3 response screen, and the Ombudsman enquiry's own small forms."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.casework import appointments, common, ombudsman, responses, stage2, stage3
from portal.db import db
from portal.models import Case, User, UserRole
from portal.models.stages import INVESTIGATOR
from portal.permissions import (
    CASES_MANAGE,
    OMBUDSMAN,
    STAGE2_ADJUDICATE,
    STAGE2_INVESTIGATE,
    STAGE3_PANEL,
    STAGE3_RESPOND,
    requires,
)
from portal.procedure import (
    AgreeStatement,
    HoldPanel,
    ReceivePanelReport,
    RespondStage2,
    RespondStage3,
    StartStage2,
    StartStage3,
    allowed_events,
)
from portal.procedure.independence import Declaration
from portal.rendering import labels
from staff.blueprint import bp
from staff.cases import CASE_PAGE_EXTRAS, EXTRA_ACTIONS, EXTRA_LINKS, CaseAction, _case_or_404, register
from staff.forms import FINDINGS, DateOnlyForm, put_errors, put_response_errors
from staff.forms.stages import (
    AppointInvestigationForm,
    AppointPanelForm,
    EndAppointmentForm,
    HoldPanelForm,
    OmbudsmanDecisionForm,
    OmbudsmanEnquiryForm,
    PanelReportForm,
    Stage2DecisionForm,
    Stage3ResponseForm,
    StageResponseForm,
)


def people_with(role: str) -> list[tuple[str, str]]:
    rows = db.session.scalars(
        select(User).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role == role, User.active.is_(True)).order_by(User.name)
    ).all()
    return [("", _("Choose a person"))] + [(str(user.id), user.name) for user in rows]


def _person(raw: Any) -> User | None:
    try:
        return db.session.get(User, uuid.UUID(raw)) if raw else None
    except ValueError:
        return None


def _yes(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def _fill_investigation(form: Any, case: Case) -> None:
    form.investigator.choices = people_with("investigator")
    form.independent_person.choices = people_with("independent_person")


def _fill_panel(form: Any, case: Case) -> None:
    people = people_with("panel_member")
    for field in (form.member_1, form.member_2, form.member_3):
        field.choices = people


def _appoint_investigation(case: Case, form: Any) -> None:
    declaration = Declaration(_yes(form.council_member.data), _yes(form.council_officer.data),
                              _yes(form.spouse_or_partner.data))
    appointments.appoint_investigation(
        case,
        investigator=appointments.NewAppointment(_person(form.investigator.data), form.appointed_on.data,
                                           form.ends_on.data),
        independent_person=appointments.NewAppointment(_person(form.independent_person.data), form.appointed_on.data,
                                                 form.ends_on.data, declaration=declaration),
        actor=current_user,
    )


def _appoint_panel(case: Case, form: Any) -> None:
    declared = Declaration(False, False, False) if form.declared.data else None
    members = [appointments.NewAppointment(_person(field.data), form.on.data, form.ends_on.data, declaration=declared,
                                     chair=number == 1)
               for number, field in enumerate((form.member_1, form.member_2, form.member_3), start=1)]
    appointments.appoint_panel(case, members=members, declared_independent=bool(form.declared.data),
                         actor=current_user, on=form.on.data)


def _open_appointments(case: Case) -> list[Any]:
    from portal.procedure import uk_today

    return [a for a in case.appointments if a.ends_on >= uk_today()]


def _fill_appointments(form: Any, case: Case) -> None:
    form.appointment.choices = [("", _("Choose a person"))] + [
        (str(a.id), f"{a.user.name} ({role_name(a.role)})") for a in _open_appointments(case)]


def _end_appointment(case: Case, form: Any) -> None:
    chosen = next((a for a in _open_appointments(case) if str(a.id) == form.appointment.data), None)
    if chosen is None:
        raise common.CaseworkError("Choose whose appointment ends.", field="appointment")
    appointments.end_appointment(chosen, on=form.on.data, actor=current_user)


def _event(event_type: Any) -> Any:
    return lambda case: event_type in allowed_events(case.procedure)


def _investigating(case: Case) -> bool:
    return case.status == "stage2" and case.stage2_method == "investigation"


STAGE_ACTIONS = (
    CaseAction("decide_stage2", "stage-2-decision", _l("Decide how to answer the stage 2 request"), CASES_MANAGE,
               Stage2DecisionForm,
               lambda case, f: stage2.decide_stage2(case, decision=f.decision.data, on=f.on.data,
                                                    reason=f.reason.data, actor=current_user),
               event=StartStage2),
    CaseAction("appoint_investigation", "appoint-investigation",
               _l("Appoint the independent investigator and independent person"), CASES_MANAGE,
               AppointInvestigationForm, _appoint_investigation,
               offered=lambda case: _investigating(case) and not appointments.current(case, INVESTIGATOR, 2),
               prepare=_fill_investigation),
    CaseAction("agree_statement", "statement-agreed", _l("Record that the statement of complaint is agreed"),
               STAGE2_INVESTIGATE, DateOnlyForm,
               lambda case, f: stage2.agree_statement(case, on=f.on.data, actor=current_user),
               event=AgreeStatement),
    CaseAction("investigation_report", "investigation-report", _l("Record that the investigation report was "
                                                                   "received"), STAGE2_INVESTIGATE, DateOnlyForm,
               lambda case, f: stage2.investigation_report_received(case, on=f.on.data, actor=current_user),
               offered=lambda case: _investigating(case) and case.statement_agreed is not None
               and case.investigation_report_on is None),
    CaseAction("appoint_panel", "appoint-panel", _l("Appoint the review panel"), CASES_MANAGE, AppointPanelForm,
               _appoint_panel, event=StartStage3, prepare=_fill_panel),
    CaseAction("hold_panel", "panel-held", _l("Record the panel meeting"), STAGE3_PANEL, HoldPanelForm,
               lambda case, f: stage3.hold_panel(case, on=f.on.data, actor=current_user,
                                                 advocate_attended=_yes(f.advocate_attended.data)),
               event=HoldPanel),
    CaseAction("panel_report", "panel-report", _l("Record that the panel's report was sent"), STAGE3_PANEL,
               PanelReportForm,
               lambda case, f: stage3.send_panel_report(case, on=f.on.data, to_complainant=f.to_complainant.data,
                                                        to_advocate=f.to_advocate.data,
                                                        to_independent_person=f.to_independent_person.data,
                                                        actor=current_user),
               event=ReceivePanelReport),
    CaseAction("end_appointment", "end-appointment", _l("End an appointment (their access ends)"), CASES_MANAGE,
               EndAppointmentForm, _end_appointment, offered=lambda case: bool(_open_appointments(case)),
               prepare=_fill_appointments),
    CaseAction("ombudsman_enquiry", "ombudsman", _l("Record an enquiry from the Ombudsman"), OMBUDSMAN,
               OmbudsmanEnquiryForm,
               lambda case, f: ombudsman.record_ombudsman_enquiry(
                   case, enquired_on=f.enquired_on.data, reference=f.reference.data or "",
                   information_requested=f.information_requested.data or "",
                   information_due_on=f.information_due_on.data, actor=current_user),
               offered=lambda case: case.route == "statutory"),
)

EXTRA_ACTIONS.extend(STAGE_ACTIONS)
for _action in STAGE_ACTIONS:
    register(_action)


# --- the stage 2 adjudication and the stage 3 response ------------------------------------------------------

RESPONSES = {
    2: (RespondStage2, StageResponseForm, _l("Record the stage 2 adjudication"), stage2.respond_stage2),
    3: (RespondStage3, Stage3ResponseForm, _l("Record the council's response to the panel"), stage3.respond_stage3),
}


def response_offered(case: Case, stage: int) -> bool:
    if RESPONSES[stage][0] not in allowed_events(case.procedure):
        return False
    return not (stage == 2 and _investigating(case) and case.investigation_report_on is None)


def _respond(case_id: uuid.UUID, stage: int) -> Any:
    case = _case_or_404(case_id)
    if not response_offered(case, stage):
        flash(_("That action is not possible at this point in the procedure."))
        return redirect(url_for("staff.case", case_id=case.id), code=303)
    _event_type, form_type, title, perform = RESPONSES[stage]
    form = form_type()
    if stage == 3:
        form.responded_by.choices = people_with("deputy_director")
    finding_errors: dict[str, str] = {}
    if request.method == "POST":
        valid = form.validate_on_submit()
        try:
            response = responses.stage_response_from(case, stage, form.data, request.form)
            if valid:
                perform(case, response, actor=current_user)
                flash(_("Response recorded."))
                return redirect(url_for("staff.case", case_id=case.id), code=303)
        except common.CaseworkError as error:
            db.session.rollback()
            finding_errors = put_response_errors(form, error)
    return render_template("staff/respond_stage.html", case=case, form=form, findings=FINDINGS, stage=stage,
                           title=title, finding_errors=finding_errors, finding_field=responses.finding_field,
                           posted=request.form if request.method == "POST" else {})


@bp.route("/cases/<uuid:case_id>/adjudication", methods=["GET", "POST"])
@requires(STAGE2_ADJUDICATE)
def respond_stage2(case_id: uuid.UUID) -> Any:
    return _respond(case_id, 2)


@bp.route("/cases/<uuid:case_id>/stage-3-response", methods=["GET", "POST"])
@requires(STAGE3_RESPOND)
def respond_stage3(case_id: uuid.UUID) -> Any:
    return _respond(case_id, 3)


# --- an Ombudsman enquiry's later steps ------------------------------------------------------------------

ENQUIRY_STEPS = {
    "sent": (DateOnlyForm, _l("Record that the information was sent to the Ombudsman"),
             lambda enquiry, f: ombudsman.record_information_sent(enquiry, on=f.on.data, actor=current_user)),
    "decision": (OmbudsmanDecisionForm, _l("Record the Ombudsman's decision"),
                 lambda enquiry, f: ombudsman.record_ombudsman_decision(
                     enquiry, decision=f.decision.data, decided_on=f.decided_on.data, remedy=f.remedy.data or "",
                     remedy_due_on=f.remedy_due_on.data, public_report=bool(f.public_report.data),
                     actor=current_user)),
    "remedy": (DateOnlyForm, _l("Record that the remedy was completed"),
               lambda enquiry, f: ombudsman.record_remedy_completed(enquiry, on=f.on.data, actor=current_user)),
}


def ombudsman_step(case_id: uuid.UUID, enquiry_id: uuid.UUID, step: str) -> Any:
    case = _case_or_404(case_id)
    enquiry = ombudsman.enquiry_of(case, enquiry_id)
    if enquiry is None or step not in ENQUIRY_STEPS:
        abort(404)
    form_type, title, perform = ENQUIRY_STEPS[step]
    form = form_type()
    if form.validate_on_submit():
        try:
            perform(enquiry, form)
        except common.CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Saved."))
            return redirect(url_for("staff.case", case_id=case.id, _anchor="ombudsman"), code=303)
    return render_template("staff/case_action.html", case=case, form=form, title=title)


def _enquiry_view(step: str) -> Any:
    def view(case_id: uuid.UUID, enquiry_id: uuid.UUID) -> Any:
        return ombudsman_step(case_id, enquiry_id, step)

    return view


for _step in ENQUIRY_STEPS:
    bp.add_url_rule(f"/cases/<uuid:case_id>/ombudsman/<uuid:enquiry_id>/{_step}", f"ombudsman_{_step}",
                    requires(OMBUDSMAN)(_enquiry_view(_step)), methods=["GET", "POST"])


# --- what the case page shows and offers ---------------------------------------------------------------


def _response_links(case: Case) -> list[tuple[str, Any]]:
    from portal.permissions import has_permission

    links = []
    for stage, endpoint, permission in ((2, "staff.respond_stage2", STAGE2_ADJUDICATE),
                                        (3, "staff.respond_stage3", STAGE3_RESPOND)):
        if response_offered(case, stage) and has_permission(current_user, permission):
            links.append((url_for(endpoint, case_id=case.id), RESPONSES[stage][2]))
    return links


def clock(due: Any, today: Any) -> dict[str, Any] | None:
    from portal.procedure import is_overdue, working_days_left

    if due is None:
        return None
    return {"due": due, "left": working_days_left(due, today), "overdue": is_overdue(due, today)}


def stage_details(case: Case, today: Any) -> dict[str, Any]:
    """The stage 2 and 3 dates and clocks for the case page (deadlines from the procedure only)."""
    state = case.procedure
    open_stage2 = case.status in ("stage2_requested", "stage2")
    return {
        "from_statement": clock(state.stage2_due_from_statement, today) if open_stage2 else None,
        "from_request": clock(state.stage2_due_from_request, today) if open_stage2 else None,
        "panel": clock(state.panel_due, today) if case.status in ("stage3_requested", "stage3")
        and state.panel_held is None else None,
        "panel_report": clock(state.panel_report_due, today) if state.panel_report_sent is None else None,
        "stage3_response": clock(state.stage3_response_due, today) if state.stage3_responded is None else None,
        "independent_person": appointments.stage2_independent_person(case),
        "today": today,
    }


EXTRA_LINKS.append(_response_links)
CASE_PAGE_EXTRAS["stages"] = stage_details


# --- words for the case page ---------------------------------------------------------------------------

ROLE_NAMES = {"investigator": _l("Independent investigator"), "independent_person": _l("Independent person"),
              "panel_member": _l("Review panel member")}


@bp.app_template_filter("stage2_decision")
def stage2_decision_name(key: str) -> str:
    from staff.forms.stages import STAGE2_DECISIONS

    return str(dict(STAGE2_DECISIONS).get(key, key))


@bp.app_template_filter("ombudsman_decision")
def ombudsman_decision_name(key: str) -> str:
    from staff.forms.stages import OMBUDSMAN_DECISIONS

    return str(dict(OMBUDSMAN_DECISIONS).get(key, key))


@bp.app_template_filter("role_name")
def role_name(key: str) -> str:
    return str(ROLE_NAMES.get(key, key))


@bp.app_template_filter("working_days_to")
def working_days_to(start: Any, end: Any) -> int:
    from portal.procedure import working_days_between

    return working_days_between(start, end)


# The audit trail's words for what this module records (added here, beside the operations).
labels.AUDIT_ACTIONS.update({
    "StartStage2": _l("Stage 2 started"),
    "ReferBack": _l("Referred back for a fuller stage 1 response"),
    "AgreeStatement": _l("Statement of complaint agreed"),
    "RespondStage2": _l("Stage 2 adjudication recorded"),
    "StartStage3": _l("Review panel appointed"),
    "HoldPanel": _l("Review panel held"),
    "ReceivePanelReport": _l("Panel report sent"),
    "RespondStage3": _l("The council's response to the panel recorded"),
    "appointed": _l("Person appointed"),
    "appointment_ended": _l("Appointment ended"),
    "investigation_report_received": _l("Investigation report received"),
    "ombudsman_enquiry": _l("Ombudsman enquiry recorded"),
    "ombudsman_information_sent": _l("Information sent to the Ombudsman"),
    "ombudsman_decision": _l("Ombudsman's decision recorded"),
    "ombudsman_remedy_completed": _l("Ombudsman's remedy completed"),
})
