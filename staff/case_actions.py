"""The actions on the case page that are a date, a reason or a choice: one table, one view.

Each row of :data:`CASE_ACTIONS` says where an action lives, who may take it, when it is offered (a
procedure event it needs, or a check of its own) and which operation records it. :class:`CaseActionView`
shows its form and calls that operation; every row is registered once, below the table. An action with
a screen of its own (the stage 1 response, the stage 2 adjudication, the council's stage 3 response,
an Ombudsman enquiry's later steps) is a view of its own in ``staff.cases`` or ``staff.stages``.

The functions a row names are the thin adapters between a form and an operation: they read the form,
call one operation in ``portal.casework`` with the signed-in user, and nothing else.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask.views import MethodView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from portal.casework import (
    appointments,
    closing,
    common,
    deferral,
    next_stage,
    ombudsman,
    retention,
    stage1,
    stage2,
    stage3,
    triage,
)
from portal.db import db
from portal.models import Case, User, UserRole
from portal.models.stages import INVESTIGATOR
from portal.permissions import (
    CASES_MANAGE,
    OMBUDSMAN,
    RETENTION_MANAGE,
    STAGE1_RESPOND,
    STAGE2_INVESTIGATE,
    STAGE3_PANEL,
    has_permission,
    requires,
)
from portal.procedure import (
    AgreeStatement,
    Close,
    CorrectTriage,
    DecideLateRequest,
    Defer,
    Event,
    ExtendStage1,
    ExtendStage2,
    HoldPanel,
    MarkNotApplicable,
    ReceivePanelReport,
    Resume,
    ReviewDeferral,
    Route,
    StartStage2,
    StartStage3,
    Withdraw,
    allowed_events,
    uk_today,
)
from portal.procedure.independence import Declaration
from portal.rendering import labels
from staff.blueprint import bp
from staff.forms import DateOnlyForm, put_errors
from staff.forms.case_actions import (
    CorrectTriageForm,
    DeferForm,
    EraseForm,
    ExtensionForm,
    LateRequestForm,
    LegalHoldForm,
    LiftHoldForm,
    ReasonForm,
    RequestForm,
    ReviewDeferralForm,
    Stage2ExtensionForm,
)
from staff.forms.stages import (
    AppointInvestigationForm,
    AppointPanelForm,
    EndAppointmentForm,
    HoldPanelForm,
    OmbudsmanEnquiryForm,
    PanelReportForm,
    Stage2DecisionForm,
)
from staff.lookup import case_or_404


@dataclass(frozen=True)
class CaseAction:
    """One thing staff can record on a case: where it lives, who may, when, and what it does."""

    endpoint: str  # "staff.<endpoint>"
    path: str  # under /staff/cases/<id>/
    label: Any  # link text and page title
    permission: str
    form: type[FlaskForm]
    perform: Callable[[Case, Any], object]
    event: type[Event] | None = None  # offered when the procedure allows this event now
    offered: Callable[[Case], bool] | None = None  # or when this says so (not a procedure event)
    prepare: Callable[[Any, Case], None] | None = None  # fills choices that come from the database

    def available(self, case: Case) -> bool:
        if self.event is not None:
            return self.event in allowed_events(case.procedure)
        return self.offered is not None and self.offered(case)


# --- stage 1 and the case's course ---------------------------------------------------------------------


def extend_stage1(case: Case, form: Any) -> None:
    stage1.extend_stage1(case, on=form.on.data, reason=form.reason.data,
                         complainant_told_on=form.complainant_told_on.data, actor=current_user)


def record_request(case: Case, form: Any) -> None:
    next_stage.record_next_stage_request(case, on=form.on.data, channel=form.channel.data, actor=current_user)


def request_open(case: Case) -> bool:
    return next_stage.next_stage_event(case) is not None


def decide_late_request(case: Case, form: Any) -> None:
    next_stage.decide_late_request(case, on=form.on.data, accept=form.accept.data == "yes", actor=current_user)


def extend_stage2(case: Case, form: Any) -> None:
    stage2.extend_stage2(case, on=form.on.data, to=form.to.data, reason=form.reason.data,
                         complainant_told_on=form.complainant_told_on.data, actor=current_user)


def defer(case: Case, form: Any) -> None:
    deferral.defer(case, on=form.on.data, review_date=form.review_date.data, reason=form.reason.data,
                   ground=form.ground.data, complainant_told_on=form.complainant_told_on.data, actor=current_user)


def review_deferral(case: Case, form: Any) -> None:
    deferral.review_deferral(case, on=form.on.data, review_date=form.review_date.data, actor=current_user)


def resume(case: Case, form: Any) -> None:
    deferral.resume(case, on=form.on.data, actor=current_user)


def close(case: Case, form: Any) -> None:
    closing.close(case, on=form.on.data, actor=current_user)


def mark_not_applicable(case: Case, form: Any) -> None:
    closing.mark_not_applicable(case, on=form.on.data, reason=form.reason.data, actor=current_user)


def correct_triage(case: Case, form: Any) -> None:
    triage.correct_triage(case, route=Route(form.route.data), on=form.on.data, reason=form.reason.data,
                          actor=current_user)


def withdraw(case: Case, form: Any) -> None:
    closing.withdraw(case, on=form.on.data, actor=current_user)


def acknowledge_referral(case: Case, form: Any) -> None:
    triage.acknowledge_referral(case, on=form.on.data, actor=current_user)


def place_hold(case: Case, form: Any) -> None:
    retention.hold(case, on=True, reason=form.reason.data, actor=current_user)


def lift_hold(case: Case, form: Any) -> None:
    retention.hold(case, on=False, reason="", actor=current_user)


def erase(case: Case, form: Any) -> None:
    retention.erase(case, today=uk_today(), reason=form.reason.data, actor=current_user)


# --- stage 2, stage 3, appointments and the Ombudsman ----------------------------------------------------


def people_with(role: str) -> list[tuple[str, str]]:
    """Choices of the active people who hold a role, for a form's select."""
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


def yes_or_no(value: str | None) -> bool | None:
    return {"yes": True, "no": False}.get(value or "")


def investigating(case: Case) -> bool:
    return case.status == "stage2" and case.stage2_method == "investigation"


def decide_stage2(case: Case, form: Any) -> None:
    stage2.decide_stage2(case, decision=form.decision.data, on=form.on.data, reason=form.reason.data,
                         actor=current_user)


def investigation_to_staff(case: Case) -> bool:
    return investigating(case) and not appointments.current(case, INVESTIGATOR, 2)


def fill_investigation(form: Any, case: Case) -> None:
    form.investigator.choices = people_with("investigator")
    form.independent_person.choices = people_with("independent_person")


def appoint_investigation(case: Case, form: Any) -> None:
    declaration = Declaration(yes_or_no(form.council_member.data), yes_or_no(form.council_officer.data),
                              yes_or_no(form.spouse_or_partner.data))
    appointments.appoint_investigation(
        case,
        investigator=appointments.NewAppointment(_person(form.investigator.data), form.appointed_on.data,
                                                 form.ends_on.data),
        independent_person=appointments.NewAppointment(_person(form.independent_person.data),
                                                       form.appointed_on.data, form.ends_on.data,
                                                       declaration=declaration),
        actor=current_user,
    )


def agree_statement(case: Case, form: Any) -> None:
    stage2.agree_statement(case, on=form.on.data, actor=current_user)


def investigation_report_awaited(case: Case) -> bool:
    return investigating(case) and case.statement_agreed is not None and case.investigation_report_on is None


def investigation_report(case: Case, form: Any) -> None:
    stage2.investigation_report_received(case, on=form.on.data, actor=current_user)


def fill_panel(form: Any, case: Case) -> None:
    people = people_with("panel_member")
    for field in (form.member_1, form.member_2, form.member_3):
        field.choices = people


def appoint_panel(case: Case, form: Any) -> None:
    declared = Declaration(False, False, False) if form.declared.data else None
    members = [appointments.NewAppointment(_person(field.data), form.on.data, form.ends_on.data,
                                           declaration=declared, chair=number == 1)
               for number, field in enumerate((form.member_1, form.member_2, form.member_3), start=1)]
    appointments.appoint_panel(case, members=members, declared_independent=bool(form.declared.data),
                               actor=current_user, on=form.on.data)


def hold_panel(case: Case, form: Any) -> None:
    stage3.hold_panel(case, on=form.on.data, advocate_attended=yes_or_no(form.advocate_attended.data),
                      actor=current_user)


def panel_report(case: Case, form: Any) -> None:
    stage3.send_panel_report(case, on=form.on.data, to_complainant=form.to_complainant.data,
                             to_advocate=form.to_advocate.data,
                             to_independent_person=form.to_independent_person.data, actor=current_user)


def open_appointments(case: Case) -> list[Any]:
    return [a for a in case.appointments if a.ends_on >= uk_today()]


def has_open_appointments(case: Case) -> bool:
    return bool(open_appointments(case))


def fill_appointments(form: Any, case: Case) -> None:
    form.appointment.choices = [("", _("Choose a person"))] + [
        (str(a.id), f"{a.user.name} ({labels.APPOINTED_ROLES.get(a.role, a.role)})") for a in open_appointments(case)]


def end_appointment(case: Case, form: Any) -> None:
    chosen = next((a for a in open_appointments(case) if str(a.id) == form.appointment.data), None)
    if chosen is None:
        raise common.CaseworkError("Choose whose appointment ends.", field="appointment")
    appointments.end_appointment(chosen, on=form.on.data, actor=current_user)


def statutory(case: Case) -> bool:
    return case.route == "statutory"


def ombudsman_enquiry(case: Case, form: Any) -> None:
    ombudsman.record_ombudsman_enquiry(
        case, enquired_on=form.enquired_on.data, reference=form.reference.data or "",
        information_requested=form.information_requested.data or "",
        information_due_on=form.information_due_on.data, actor=current_user)


# --- the table -----------------------------------------------------------------------------------------

# Offered on the case page in this order, after the screens of their own.
CASE_ACTIONS: tuple[CaseAction, ...] = (
    CaseAction("extend_stage1", "extend", _l("Extend stage 1 to 20 working days"), STAGE1_RESPOND, ExtensionForm,
               extend_stage1, event=ExtendStage1),
    CaseAction("record_request", "next-stage-request",
               _l("Record a request for the next stage (letter, phone, email)"), CASES_MANAGE, RequestForm,
               record_request, offered=request_open),
    CaseAction("late_request", "late-request", _l("Decide on the late request"), CASES_MANAGE, LateRequestForm,
               decide_late_request, event=DecideLateRequest),
    CaseAction("extend_stage2", "extend-stage-2", _l("Extend stage 2 (26 to 65 working days)"), CASES_MANAGE,
               Stage2ExtensionForm, extend_stage2, event=ExtendStage2),
    CaseAction("defer", "defer", _l("Defer (court proceedings or criminal investigation)"), CASES_MANAGE,
               DeferForm, defer, event=Defer),
    CaseAction("review_deferral", "review-deferral", _l("Review the deferral (keep it, with a new review date)"),
               CASES_MANAGE, ReviewDeferralForm, review_deferral, event=ReviewDeferral),
    CaseAction("resume", "resume", _l("Resume consideration"), CASES_MANAGE, DateOnlyForm, resume, event=Resume),
    CaseAction("close", "close", _l("Close the case"), CASES_MANAGE, DateOnlyForm, close, event=Close),
    CaseAction("not_applicable", "not-applicable", _l("Mark not applicable (alternative route)"), CASES_MANAGE,
               ReasonForm, mark_not_applicable, event=MarkNotApplicable),
    CaseAction("correct_triage", "correct-triage", _l("Correct the triage route"), CASES_MANAGE, CorrectTriageForm,
               correct_triage, event=CorrectTriage),
    CaseAction("withdraw", "withdraw", _l("Record that it was withdrawn"), CASES_MANAGE, DateOnlyForm, withdraw,
               event=Withdraw),
    CaseAction("acknowledge_referral", "referral-picked-up", _l("Record that the team has picked up the referral"),
               CASES_MANAGE, DateOnlyForm, acknowledge_referral, offered=triage.referral_waiting),
    CaseAction("decide_stage2", "stage-2-decision", _l("Decide how to answer the stage 2 request"), CASES_MANAGE,
               Stage2DecisionForm, decide_stage2, event=StartStage2),
    CaseAction("appoint_investigation", "appoint-investigation",
               _l("Appoint the independent investigator and independent person"), CASES_MANAGE,
               AppointInvestigationForm, appoint_investigation, offered=investigation_to_staff,
               prepare=fill_investigation),
    CaseAction("agree_statement", "statement-agreed", _l("Record that the statement of complaint is agreed"),
               STAGE2_INVESTIGATE, DateOnlyForm, agree_statement, event=AgreeStatement),
    CaseAction("investigation_report", "investigation-report",
               _l("Record that the investigation report was received"), STAGE2_INVESTIGATE, DateOnlyForm,
               investigation_report, offered=investigation_report_awaited),
    CaseAction("appoint_panel", "appoint-panel", _l("Appoint the review panel"), CASES_MANAGE, AppointPanelForm,
               appoint_panel, event=StartStage3, prepare=fill_panel),
    CaseAction("hold_panel", "panel-held", _l("Record the panel meeting"), STAGE3_PANEL, HoldPanelForm, hold_panel,
               event=HoldPanel),
    CaseAction("panel_report", "panel-report", _l("Record that the panel's report was sent"), STAGE3_PANEL,
               PanelReportForm, panel_report, event=ReceivePanelReport),
    CaseAction("end_appointment", "end-appointment", _l("End an appointment (their access ends)"), CASES_MANAGE,
               EndAppointmentForm, end_appointment, offered=has_open_appointments, prepare=fill_appointments),
    CaseAction("ombudsman_enquiry", "ombudsman", _l("Record an enquiry from the Ombudsman"), OMBUDSMAN,
               OmbudsmanEnquiryForm, ombudsman_enquiry, offered=statutory),
    CaseAction("legal_hold", "legal-hold", _l("Place a legal hold (nothing is removed while it lasts)"),
               RETENTION_MANAGE, LegalHoldForm, place_hold, offered=retention.may_hold),
    CaseAction("lift_legal_hold", "lift-legal-hold", _l("Lift the legal hold"), RETENTION_MANAGE, LiftHoldForm,
               lift_hold, offered=retention.is_held),
    CaseAction("erase", "erase", _l("Erase the personal data on request"), RETENTION_MANAGE, EraseForm, erase,
               offered=retention.may_erase),
)


def offered(case: Case) -> list[tuple[str, Any]]:
    """(href, label) of the table's actions the procedure allows now and the user may take."""
    return [
        (url_for(f"staff.{action.endpoint}", case_id=case.id), action.label)
        for action in CASE_ACTIONS
        if action.available(case) and has_permission(current_user, action.permission)
    ]


class CaseActionView(MethodView):
    """GET shows an action's form; POST records it through its operation."""

    init_every_request = False
    methods = ["GET", "POST"]

    def __init__(self, action: CaseAction) -> None:
        self.action = action

    def dispatch_request(self, case_id: uuid.UUID) -> Any:
        action = self.action
        case = case_or_404(case_id)
        if not action.available(case):
            flash(_("That action is not possible at this point in the procedure."))
            return redirect(url_for("staff.case", case_id=case.id), code=303)
        form = action.form()
        if action.prepare is not None:
            action.prepare(form, case)
        if form.validate_on_submit():
            try:
                action.perform(case, form)
            except common.CaseworkError as error:
                db.session.rollback()
                put_errors(form, error)
            else:
                flash(_("Saved."))
                return redirect(url_for("staff.case", case_id=case.id), code=303)
        return render_template("staff/case_action.html", case=case, form=form, title=action.label)


for _action in CASE_ACTIONS:
    bp.add_url_rule(f"/cases/<uuid:case_id>/{_action.path}",
                    view_func=requires(_action.permission)(CaseActionView.as_view(_action.endpoint, _action)))
