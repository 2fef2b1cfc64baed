"""Stage 2: how the request is answered (investigation, management review, mediation, or not
progressed, or referred back), the statement of complaint, the investigation report, the extension
and the adjudication."""

from __future__ import annotations

from datetime import date

from portal import audit
from portal.casework.appointments import current
from portal.casework.checks import check_date, check_told
from portal.casework.common import CaseworkError, make_event, record_event
from portal.casework.responses import StageResponse, record_response
from portal.db import db
from portal.models import Case, Stage2Request, StageExtension, User
from portal.models.stages import INDEPENDENT_PERSON, INVESTIGATOR
from portal.permissions import STAGE2_ADJUDICATE, has_permission
from portal.procedure import (
    AgreeStatement,
    ExtendStage2,
    MarkNotApplicable,
    ProcedureState,
    ReferBack,
    RespondStage2,
    Stage2Method,
    StartStage2,
    Withdraw,
)

# How a stage 2 request is answered (table 12): the three methods, or not progressed, or referred back.
STAGE2_DECISIONS = ("investigation", "management_review", "mediation", "alternative_route", "withdrawn",
                    "referred_back")


# The portal's stage 2 decision as table 12 counts it.
_ANSWER_OF_DECISION = {"alternative_route": "not_progressed", "withdrawn": "not_progressed",
                       "referred_back": "referred_back"}


def latest_request(case: Case) -> Stage2Request | None:
    return case.stage2_requests[-1] if case.stage2_requests else None


def keep_request(case: Case, *, earlier_on: date | None, earlier_decision: str | None) -> None:
    """A stage 2 request was just recorded on the case: keep it as its own row. A case asked before
    these rows existed gets a row for that earlier request first (answered as it was), so the second
    request does not overwrite it. The case's own stage 2 decision is the latest request's: cleared."""
    if not case.stage2_requests and earlier_on is not None:
        case.stage2_requests.append(Stage2Request(
            requested_on=earlier_on, late=False,
            # Only a referral back opens a stage 2 request again, so that is how the earlier one ended.
            answer=_ANSWER_OF_DECISION.get(earlier_decision or "referred_back", earlier_decision), answered_on=None))
    case.stage2_requests.append(Stage2Request(requested_on=case.stage2_requested, late=case.stage2_request_late))
    case.stage2_decision = None


def answer_request(case: Case, *, answer: str, on: date, late_accepted: bool | None = None) -> None:
    """Record how the latest stage 2 request was answered (a no-op for a case without request rows)."""
    request = latest_request(case)
    if request is None:
        return
    if late_accepted is not None:
        request.late_accepted = late_accepted
    if answer:
        request.answer, request.answered_on = answer, on


def decide_stage2(case: Case, *, decision: str, on: date, reason: str | None, actor: User) -> ProcedureState:
    """How the stage 2 request is answered. ``reason``: the alternative route given, or why it is
    referred back (required for those two)."""
    if decision not in STAGE2_DECISIONS:
        raise CaseworkError("Choose how the stage 2 request is answered.", field="decision")
    if decision in (m.value for m in Stage2Method):
        event = make_event(StartStage2, on=on, method=decision)
    elif decision == "alternative_route":
        event = make_event(MarkNotApplicable, on=on, reason=reason or "")
    elif decision == "referred_back":
        event = make_event(ReferBack, on=on, reason=reason or "")
    else:
        event = make_event(Withdraw, on=on)
    state = record_event(case, event, actor=actor, commit=False, decision=decision)
    case.stage2_decision = decision
    answer_request(case, answer=_ANSWER_OF_DECISION.get(decision, decision), on=on)
    if decision == "referred_back":
        # The first response's findings stay as they were (the fuller response records its own).
        for point in case.points:
            if point.stage1_first_finding is None:
                point.stage1_first_finding = point.stage1_finding
    if decision == "alternative_route":
        case.alternative_route = reason
    db.session.commit()
    return state


def extend_stage2(case: Case, *, on: date, to: int, reason: str, complainant_told_on: date | None,
                  actor: User) -> ProcedureState:
    """Reg 17: to any limit from 26 to 65 working days, with reasons and a new date the complainant is
    told; it may be extended again, further."""
    check_told(complainant_told_on, on)
    state = record_event(case, make_event(ExtendStage2, on=on, to=to, reason=reason), actor=actor, commit=False,
                         working_days=to)
    case.extensions.append(StageExtension(
        stage=2, decided_on=on, working_days=state.stage2_limit, new_due_on=state.stage2_due,
        complainant_told_on=complainant_told_on, reason=state.stage2_extension_reason, recorded_by_id=actor.id,
    ))
    db.session.commit()
    return state



def agree_statement(case: Case, *, on: date, actor: User) -> ProcedureState:
    """The statement of complaint is agreed: day 0 of the guidance's 25 working days."""
    return record_event(case, make_event(AgreeStatement, on=on), actor=actor)


def check_people_appointed(case: Case) -> None:
    """Reg 17: a stage 2 investigation has an investigating officer and an independent person; its
    report and its adjudication wait until both are appointed."""
    if case.stage2_method != Stage2Method.INVESTIGATION:
        return
    missing = [name for role, name in ((INVESTIGATOR, "an investigating officer"),
                                       (INDEPENDENT_PERSON, "an independent person")) if not current(case, role, 2)]
    if missing:
        raise CaseworkError(
            f"Appoint {' and '.join(missing)} first: a stage 2 investigation has an investigating officer and "
            "an independent person (reg 17), and its report and adjudication wait until both are appointed.")


def investigation_report_received(case: Case, *, on: date, actor: User) -> None:
    if case.status != "stage2" or case.statement_agreed is None:
        raise CaseworkError("Record the report once the statement of complaint is agreed.")
    check_people_appointed(case)
    check_date(on, "The report is received on or after the statement was agreed, and not later than today.",
               field="on", not_before=case.statement_agreed)
    case.investigation_report_on = on
    audit.record("investigation_report_received", subject_type="case", subject_id=case.id, actor=actor,
                 on=on.isoformat())
    db.session.commit()


def respond_stage2(case: Case, response: StageResponse, *, actor: User) -> ProcedureState:
    """The adjudication, inside the stage 2 time limit: a finding per point and an outcome."""
    check_people_appointed(case)
    if case.stage2_method == Stage2Method.INVESTIGATION and case.investigation_report_on is None:
        raise CaseworkError("Record that the investigation report was received before the adjudication.",
                            field="on")
    if not has_permission(actor, STAGE2_ADJUDICATE):
        raise CaseworkError("Only the senior manager who adjudicates (the deputy director, or the complaints "
                            "manager where the council delegates it) records the adjudication.")
    event = make_event(RespondStage2, on=response.on, outcome=response.outcome)
    state = record_response(case, 2, response, event, actor)
    case.stage2_adjudicated_by_id = actor.id
    db.session.commit()
    return state
