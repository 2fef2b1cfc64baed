"""Stage 2, stage 3 and the Ombudsman on the case page: the stage 2 adjudication and stage 3 response
screens, an Ombudsman enquiry's later steps, and the stage clocks the case page shows. The actions that
are a date, a reason or a choice are rows of ``staff.case_actions.CASE_ACTIONS``."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from portal.casework import appointments, common, ombudsman, responses, stage2, stage3
from portal.db import db
from portal.models import Case, OmbudsmanEnquiry
from portal.permissions import (
    OMBUDSMAN,
    STAGE2_ADJUDICATE,
    STAGE3_RESPOND,
    requires,
)
from portal.procedure import (
    RespondStage2,
    RespondStage3,
    allowed_events,
)
from portal.rendering import labels
from staff.blueprint import bp
from staff.case_actions import investigating, people_with
from staff.forms import FINDINGS, DateOnlyForm, put_errors, put_response_errors
from staff.forms.stages import (
    OmbudsmanDecisionForm,
    Stage3ResponseForm,
    StageResponseForm,
)
from staff.lookup import case_or_404

# --- the stage 2 adjudication and the stage 3 response ------------------------------------------------------

RESPONSES = {
    2: (RespondStage2, StageResponseForm, _l("Record the stage 2 adjudication"), stage2.respond_stage2),
    3: (RespondStage3, Stage3ResponseForm, _l("Record the council's response to the panel"), stage3.respond_stage3),
}


def response_offered(case: Case, stage: int) -> bool:
    if RESPONSES[stage][0] not in allowed_events(case.procedure):
        return False
    return not (stage == 2 and investigating(case) and case.investigation_report_on is None)


def _respond(case_id: uuid.UUID, stage: int) -> Any:
    case = case_or_404(case_id)
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
                           posted=request.form if request.method == "POST" else {},
                           # Reg 20: offered only where there was a stage 2 independent person.
                           had_independent_person=appointments.stage2_independent_person(case) is not None)


@bp.route("/cases/<uuid:case_id>/adjudication", methods=["GET", "POST"])
@requires(STAGE2_ADJUDICATE)
def respond_stage2(case_id: uuid.UUID) -> Any:
    return _respond(case_id, 2)


@bp.route("/cases/<uuid:case_id>/stage-3-response", methods=["GET", "POST"])
@requires(STAGE3_RESPOND)
def respond_stage3(case_id: uuid.UUID) -> Any:
    return _respond(case_id, 3)


# --- an Ombudsman enquiry's later steps ------------------------------------------------------------------

def _ombudsman_step(case_id: uuid.UUID, enquiry_id: uuid.UUID, form: Any, title: Any,
                    perform: Callable[[OmbudsmanEnquiry, Any], None]) -> Any:
    """One later step of an Ombudsman enquiry: its form, then the operation that records it."""
    case = case_or_404(case_id)
    enquiry = ombudsman.enquiry_of(case, enquiry_id)
    if enquiry is None:
        abort(404)
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


def _information_sent(enquiry: OmbudsmanEnquiry, form: Any) -> None:
    ombudsman.record_information_sent(enquiry, on=form.on.data, actor=current_user)


def _decision(enquiry: OmbudsmanEnquiry, form: Any) -> None:
    ombudsman.record_ombudsman_decision(
        enquiry, decision=form.decision.data, decided_on=form.decided_on.data, remedy=form.remedy.data or "",
        remedy_due_on=form.remedy_due_on.data, public_report=bool(form.public_report.data), actor=current_user)


def _remedy_completed(enquiry: OmbudsmanEnquiry, form: Any) -> None:
    ombudsman.record_remedy_completed(enquiry, on=form.on.data, actor=current_user)


@bp.route("/cases/<uuid:case_id>/ombudsman/<uuid:enquiry_id>/sent", methods=["GET", "POST"])
@requires(OMBUDSMAN)
def ombudsman_sent(case_id: uuid.UUID, enquiry_id: uuid.UUID) -> Any:
    return _ombudsman_step(case_id, enquiry_id, DateOnlyForm(),
                           _("Record that the information was sent to the Ombudsman"), _information_sent)


@bp.route("/cases/<uuid:case_id>/ombudsman/<uuid:enquiry_id>/decision", methods=["GET", "POST"])
@requires(OMBUDSMAN)
def ombudsman_decision(case_id: uuid.UUID, enquiry_id: uuid.UUID) -> Any:
    return _ombudsman_step(case_id, enquiry_id, OmbudsmanDecisionForm(), _("Record the Ombudsman's decision"),
                           _decision)


@bp.route("/cases/<uuid:case_id>/ombudsman/<uuid:enquiry_id>/remedy", methods=["GET", "POST"])
@requires(OMBUDSMAN)
def ombudsman_remedy(case_id: uuid.UUID, enquiry_id: uuid.UUID) -> Any:
    return _ombudsman_step(case_id, enquiry_id, DateOnlyForm(), _("Record that the remedy was completed"),
                           _remedy_completed)


# --- what the case page shows and offers ---------------------------------------------------------------


def response_links(case: Case) -> list[tuple[str, Any]]:
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



# --- words for the case page ---------------------------------------------------------------------------

@bp.app_template_filter("stage2_decision")
def stage2_decision_name(key: str) -> str:
    from staff.forms.stages import STAGE2_DECISIONS

    return str(dict(STAGE2_DECISIONS).get(key, key))


_REQUEST_ANSWERS = {"not_progressed": _l("Not progressed"),
                    "referred_back": _l("Referred back for a fuller stage 1 response")}


@bp.app_template_filter("stage2_answer")
def stage2_answer_name(key: str | None) -> str:
    """How one stage 2 request was answered (a method, not progressed, referred back), or awaiting."""
    if not key:
        return str(_l("Awaiting a decision"))
    return str(_REQUEST_ANSWERS.get(key) or stage2_decision_name(key))


@bp.app_template_filter("deferral_ground")
def deferral_ground_name(key: str) -> str:
    from staff.forms.case_actions import DEFERRAL_GROUNDS

    return str(dict(DEFERRAL_GROUNDS).get(key, key))


@bp.app_template_filter("ombudsman_decision")
def ombudsman_decision_name(key: str) -> str:
    from staff.forms.stages import OMBUDSMAN_DECISIONS

    return str(dict(OMBUDSMAN_DECISIONS).get(key, key))


@bp.app_template_filter("role_name")
def role_name(key: str) -> str:
    return str(labels.APPOINTED_ROLES.get(key, key))


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
