"""The statutory procedure as an explicit state machine.

``apply(state, event)`` returns a new :class:`ProcedureState` or raises :class:`IllegalTransition`;
it never mutates (states are frozen). ``allowed_events(state)`` lists the event types that are legal
now, from the same table, so the staff screens offer only what ``apply`` would accept.

The rules, with their reasons:

* Triage happens once, from ``awaiting_triage``; the route is changed afterwards only by a recorded
  correction (``CorrectTriage``), and only before a stage 1 response (DOMAIN: triage is reversible
  only through a recorded correction).
* Reg 8 deferral pauses consideration at any stage in progress; ``Resume`` returns to where it was.
  Ending a case while deferred (withdrawal, not applicable, correction) ends the deferral that day.
* Stage 1 may be extended once (reg 14). When its time limit passes without a response, the
  complainant may ask for stage 2 ("Getting the Best from Complaints"; decision 0017). A request for
  the next stage made more than 20 working days after a response is recorded as late and waits for a
  staff decision; a refused late request closes
  the case. Closing after a response does not remove the right to go on: a later request reopens it.
* Stage 3 runs: panel appointed (reg 19(1)) -> panel held -> panel report -> the council's response.
* Dates never go backwards: an event may not be dated before the received date or the last event;
  nor after today (UK local date), since one mistyped year would otherwise lock the case.
* An extension is decided before the deadline it extends: after the due date the response is late,
  not extended.
* "Not applicable" is recorded, never inferred: triage (or a correction) to "not a Children Act
  matter", a withdrawal and an ending another way record the stage 1 outcome ``not_applicable`` at that
  moment, unless a stage 1 outcome is already recorded (decision 0007).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from portal.procedure.calendar import uk_today, working_days_between
from portal.procedure.deadlines import ESCALATION_WINDOW
from portal.procedure.events import (
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
    ProcedureError,
    ReceivePanelReport,
    ReferBack,
    RequestStage2,
    RequestStage3,
    RespondStage1,
    RespondStage2,
    RespondStage3,
    Resume,
    ReviewDeferral,
    StartStage2,
    StartStage3,
    Triage,
    Withdraw,
)
from portal.procedure.state import STAGE1_STATUSES, STAGE2_STATUSES, STAGE3_STATUSES, ProcedureState
from portal.procedure.vocabulary import CaseStatus, Outcome, Route, status_for_route

__all__ = ["RULES", "IllegalTransition", "InvalidDate", "allowed_events", "apply"]

S = CaseStatus


class IllegalTransition(ProcedureError):
    """The event is not allowed in the state's current status (or its payload contradicts the state)."""


class InvalidDate(IllegalTransition):
    """The event is dated before the received date or before an earlier recorded event."""


Guard = Callable[[ProcedureState], str | None]
Handler = Callable[[ProcedureState, Any], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class _Rule:
    statuses: frozenset[CaseStatus]
    handler: Handler
    guard: Guard | None = None


# --- guards (state only: they decide allowed_events) ----------------------------------------------


def _deferred_at_stage1(state: ProcedureState) -> str | None:
    if (state.status is S.DEFERRED and state.deferred_status not in STAGE1_STATUSES) or \
            state.stage1_first_responded is not None:
        return "the route can be corrected only before a stage 1 response"
    return None


def _not_yet_extended(state: ProcedureState) -> str | None:
    if state.stage1_extended:
        return "stage 1 has already been extended once (reg 14 allows one extension)"
    return None


def _stage2_not_yet_requested(state: ProcedureState) -> str | None:
    if state.status is S.STAGE1:
        # No response yet: stage 2 may be asked for once stage 1's time limit has passed (checked
        # against the request's date in the handler; the complainant need not wait for a late answer).
        return None
    # Referred back: the fuller stage 1 response (dated on or after the referral) is open to a new request.
    answered_again = state.stage2_referred_back is not None and state.stage2_requested <= state.stage2_referred_back
    if state.stage1_responded is None or (state.stage2_requested is not None and not answered_again):
        return "there is no stage 1 response still open to a stage 2 request"
    return None


def _stage3_not_yet_requested(state: ProcedureState) -> str | None:
    if state.stage2_responded is None or state.stage3_requested is not None:
        return "there is no stage 2 adjudication still open to a review panel request"
    return None


def _pending_late_request(state: ProcedureState) -> str | None:
    late, accepted = _request_flags(state)
    if not late:
        return "the request was made in time, so there is nothing to decide"
    if accepted is not None:
        return "the late request has already been decided"
    return None


def _request_may_proceed(state: ProcedureState) -> str | None:
    late, accepted = _request_flags(state)
    if late and accepted is None:
        return "the request was late: decide whether to accept it first (DecideLateRequest)"
    return None


def _statement_not_agreed(state: ProcedureState) -> str | None:
    if state.statement_agreed is not None:
        return "the statement of complaint has already been agreed"
    return None


def _panel_not_held(state: ProcedureState) -> str | None:
    if state.panel_held is not None:
        return "the panel has already met"
    return None


def _panel_held_no_report(state: ProcedureState) -> str | None:
    if state.panel_held is None:
        return "the panel has not met yet"
    if state.panel_report_sent is not None:
        return "the panel report has already been recorded"
    return None


def _panel_report_sent(state: ProcedureState) -> str | None:
    if state.panel_report_sent is None:
        return "the panel report has not been recorded yet"
    return None


def _request_flags(state: ProcedureState) -> tuple[bool, bool | None]:
    if state.status is S.STAGE2_REQUESTED:
        return state.stage2_request_late, state.stage2_late_accepted
    return state.stage3_request_late, state.stage3_late_accepted


# --- handlers (return the fields that change) -----------------------------------------------------


def _end_deferral(state: ProcedureState, on) -> dict[str, Any]:
    """Stop a running deferral on ``on``: add its working days to the paused clocks, clear it."""
    if state.status is not S.DEFERRED:
        return {}
    paused = working_days_between(state.deferred_from, on)
    was = state.deferred_status
    changes: dict[str, Any] = {
        "status": was,
        "deferred_from": None,
        "deferral_review_date": None,
        "deferral_reason": None,
        "deferred_status": None,
    }
    if was in STAGE1_STATUSES:
        changes["stage1_paused_days"] = state.stage1_paused_days + paused
    elif was in STAGE2_STATUSES:
        changes["stage2_request_paused_days"] = state.stage2_request_paused_days + paused
        if state.statement_agreed is not None:
            changes["stage2_statement_paused_days"] = state.stage2_statement_paused_days + paused
    else:
        changes["stage3_paused_days"] = state.stage3_paused_days + paused
    return changes


def _outcome_for_route(route: Route) -> Outcome | None:
    # An alternative route is recorded as the stage 1 outcome at once, so reports count records.
    return Outcome.NOT_APPLICABLE if route is Route.NOT_CHILDREN_ACT else None


def _ended_outcome(state: ProcedureState) -> dict[str, Any]:
    # Withdrawn or ended another way before a stage 1 outcome: not applicable, recorded now.
    return {} if state.stage1_outcome is not None else {"stage1_outcome": Outcome.NOT_APPLICABLE}


def _triage(state: ProcedureState, e: Triage) -> dict[str, Any]:
    changes: dict[str, Any] = {
        "status": status_for_route(e.route),
        "route": e.route,
        "triaged_on": e.on,
        "stage1_outcome": _outcome_for_route(e.route),
    }
    if e.route is Route.STATUTORY:
        changes["stage1_started"] = e.on
    return changes


def _correct_triage(state: ProcedureState, e: CorrectTriage) -> dict[str, Any]:
    if e.route is state.route:
        raise IllegalTransition(f"CorrectTriage: the route is already '{e.route}'")
    changes = _end_deferral(state, e.on)
    changes.update(
        status=status_for_route(e.route),
        route=e.route,
        route_corrected_on=e.on,
        route_correction_reason=e.reason,
        # Corrections come before any stage 1 response, so the only outcome to undo is the route's own.
        stage1_outcome=_outcome_for_route(e.route),
    )
    if e.route is Route.STATUTORY:
        changes["stage1_started"] = e.on
    return changes


def _defer(state: ProcedureState, e: Defer) -> dict[str, Any]:
    return {
        "status": S.DEFERRED,
        "deferred_status": state.status,
        "deferred_from": e.on,
        "deferral_review_date": e.review_date,
        "deferral_reason": e.reason,
    }


def _review_deferral(state: ProcedureState, e: ReviewDeferral) -> dict[str, Any]:
    return {"deferral_review_date": e.review_date}


def _resume(state: ProcedureState, e: Resume) -> dict[str, Any]:
    return _end_deferral(state, e.on)


def _before_deadline(what: str, due: date | None, on: date) -> None:
    if due is not None and on > due:
        raise IllegalTransition(
            f"{what}: the response was due on {due.isoformat()}, before {on.isoformat()}. An extension is "
            f"decided before the deadline; after it, the response is late, not extended"
        )


def _extend_stage1(state: ProcedureState, e: ExtendStage1) -> dict[str, Any]:
    _before_deadline("ExtendStage1", state.stage1_due, e.on)
    return {"stage1_extended_on": e.on, "stage1_extension_reason": e.reason}


def _respond_stage1(state: ProcedureState, e: RespondStage1) -> dict[str, Any]:
    return {"status": S.STAGE1_RESPONDED, "stage1_responded": e.on, "stage1_outcome": e.outcome}


def _withdraw(state: ProcedureState, e: Withdraw) -> dict[str, Any]:
    return {**_end_deferral(state, e.on), **_ended_outcome(state), "status": S.WITHDRAWN, "ended_on": e.on}


def _mark_not_applicable(state: ProcedureState, e: MarkNotApplicable) -> dict[str, Any]:
    changes = {**_end_deferral(state, e.on), **_ended_outcome(state)}
    changes.update(status=S.NOT_APPLICABLE, ended_on=e.on, ended_reason=e.reason)
    return changes


def _is_late(response, on) -> bool:
    return working_days_between(response, on) > ESCALATION_WINDOW


def _request(stage: int, status: CaseStatus, response: date, on: date) -> dict[str, Any]:
    # A request reopens a closed case; it is late after the 20 working days from the response.
    # A request after a referral back is a new request: any earlier late decision does not carry over.
    return {"status": status, f"stage{stage}_requested": on, f"stage{stage}_request_late": _is_late(response, on),
            f"stage{stage}_late_decided_on": None, f"stage{stage}_late_accepted": None, "ended_on": None}


def _request_stage2(state: ProcedureState, e: RequestStage2) -> dict[str, Any]:
    if state.status is S.STAGE1:
        # Stage 1's time limit passed without a response (GBFC: the complainant may then go to stage 2).
        due = state.stage1_due
        if due is None or e.on <= due:
            until = f"has until {due.isoformat()} to respond" if due else "has no running time limit"
            raise IllegalTransition(f"RequestStage2: stage 1 {until}; stage 2 may be asked for before a "
                                    f"response only once that time limit has passed")
        return {"status": S.STAGE2_REQUESTED, "stage2_requested": e.on, "stage2_request_late": False,
                "stage2_late_decided_on": None, "stage2_late_accepted": None}
    return _request(2, S.STAGE2_REQUESTED, state.stage1_responded, e.on)


def _request_stage3(state: ProcedureState, e: RequestStage3) -> dict[str, Any]:
    return _request(3, S.STAGE3_REQUESTED, state.stage2_responded, e.on)


def _decide_late_request(state: ProcedureState, e: DecideLateRequest) -> dict[str, Any]:
    stage = "stage2" if state.status is S.STAGE2_REQUESTED else "stage3"
    changes: dict[str, Any] = {f"{stage}_late_decided_on": e.on, f"{stage}_late_accepted": e.accept}
    if not e.accept:
        changes.update(status=S.CLOSED, ended_on=e.on)
    return changes


def _start_stage2(state: ProcedureState, e: StartStage2) -> dict[str, Any]:
    return {"status": S.STAGE2, "stage2_started": e.on, "stage2_method": e.method}


def _refer_back(state: ProcedureState, e: ReferBack) -> dict[str, Any]:
    # Back to stage 1 for a fuller response; the request and the referral stay recorded. The first
    # response is kept as it was (table 9 counts it); the fuller one has its own clock from today,
    # extendable once as stage 1 is. The latest outcome stays until the fuller response replaces it.
    changes: dict[str, Any] = {"status": S.STAGE1, "stage2_referred_back": e.on, "stage1_responded": None,
                               "stage1_extended_on": None, "stage1_extension_reason": None,
                               "stage1_paused_days": 0}
    if state.stage1_first_responded is None:
        changes.update(stage1_first_responded=state.stage1_responded, stage1_first_outcome=state.stage1_outcome,
                       stage1_first_extended_on=state.stage1_extended_on,
                       stage1_first_paused_days=state.stage1_paused_days)
    return changes


def _agree_statement(state: ProcedureState, e: AgreeStatement) -> dict[str, Any]:
    return {"statement_agreed": e.on}


def _extend_stage2(state: ProcedureState, e: ExtendStage2) -> dict[str, Any]:
    if e.to <= state.stage2_limit:
        raise IllegalTransition(
            f"ExtendStage2: stage 2 already has {state.stage2_limit} working days; an extension must go "
            f"further (asked for {e.to})"
        )
    _before_deadline("ExtendStage2", state.stage2_due, e.on)
    return {"stage2_extended_to": e.to, "stage2_extended_on": e.on, "stage2_extension_reason": e.reason}


def _respond_stage2(state: ProcedureState, e: RespondStage2) -> dict[str, Any]:
    return {"status": S.STAGE2_RESPONDED, "stage2_responded": e.on, "stage2_outcome": e.outcome}


def _start_stage3(state: ProcedureState, e: StartStage3) -> dict[str, Any]:
    return {"status": S.STAGE3, "stage3_started": e.on}


def _hold_panel(state: ProcedureState, e: HoldPanel) -> dict[str, Any]:
    return {"panel_held": e.on}


def _receive_panel_report(state: ProcedureState, e: ReceivePanelReport) -> dict[str, Any]:
    return {"panel_report_sent": e.on}


def _respond_stage3(state: ProcedureState, e: RespondStage3) -> dict[str, Any]:
    return {"status": S.STAGE3_RESPONDED, "stage3_responded": e.on, "stage3_outcome": e.outcome}


def _close(state: ProcedureState, e: Close) -> dict[str, Any]:
    return {"status": S.CLOSED, "ended_on": e.on}


# --- the table ------------------------------------------------------------------------------------

_IN_PROGRESS = STAGE1_STATUSES | STAGE2_STATUSES | STAGE3_STATUSES
_TRIAGED_OUT = frozenset({S.REFERRED, S.NOT_CHILDREN_ACT, S.RESOLVED_INFORMALLY, S.LINKED, S.ENQUIRY})
_RESPONDED = frozenset({S.STAGE1_RESPONDED, S.STAGE2_RESPONDED, S.STAGE3_RESPONDED})


def _only(*statuses: CaseStatus) -> frozenset[CaseStatus]:
    return frozenset(statuses)


#: Event type -> where it is legal. The order is the order the screens offer actions in.
RULES: dict[type[Event], _Rule] = {
    Triage: _Rule(_only(S.AWAITING_TRIAGE), _triage),
    CorrectTriage: _Rule(STAGE1_STATUSES | _TRIAGED_OUT | {S.DEFERRED}, _correct_triage, _deferred_at_stage1),
    ExtendStage1: _Rule(_only(S.STAGE1), _extend_stage1, _not_yet_extended),
    RespondStage1: _Rule(_only(S.STAGE1), _respond_stage1),
    RequestStage2: _Rule(_only(S.STAGE1_RESPONDED, S.CLOSED, S.STAGE1), _request_stage2, _stage2_not_yet_requested),
    DecideLateRequest: _Rule(
        _only(S.STAGE2_REQUESTED, S.STAGE3_REQUESTED), _decide_late_request, _pending_late_request
    ),
    StartStage2: _Rule(_only(S.STAGE2_REQUESTED), _start_stage2, _request_may_proceed),
    ReferBack: _Rule(_only(S.STAGE2_REQUESTED), _refer_back, _request_may_proceed),
    AgreeStatement: _Rule(_only(S.STAGE2), _agree_statement, _statement_not_agreed),
    ExtendStage2: _Rule(_only(S.STAGE2), _extend_stage2),
    RespondStage2: _Rule(_only(S.STAGE2), _respond_stage2),
    RequestStage3: _Rule(_only(S.STAGE2_RESPONDED, S.CLOSED), _request_stage3, _stage3_not_yet_requested),
    StartStage3: _Rule(_only(S.STAGE3_REQUESTED), _start_stage3, _request_may_proceed),
    HoldPanel: _Rule(_only(S.STAGE3), _hold_panel, _panel_not_held),
    ReceivePanelReport: _Rule(_only(S.STAGE3), _receive_panel_report, _panel_held_no_report),
    RespondStage3: _Rule(_only(S.STAGE3), _respond_stage3, _panel_report_sent),
    Defer: _Rule(_IN_PROGRESS, _defer),
    ReviewDeferral: _Rule(_only(S.DEFERRED), _review_deferral),
    Resume: _Rule(_only(S.DEFERRED), _resume),
    Close: _Rule(_RESPONDED, _close),
    MarkNotApplicable: _Rule(_IN_PROGRESS | {S.DEFERRED}, _mark_not_applicable),
    Withdraw: _Rule(_IN_PROGRESS | {S.AWAITING_TRIAGE, S.DEFERRED}, _withdraw),
}


def _refusal(state: ProcedureState, event_type: type[Event]) -> str | None:
    rule = RULES[event_type]
    if state.status not in rule.statuses:
        legal = ", ".join(sorted(s.value for s in rule.statuses))
        return f"it is allowed only when the case is {legal}"
    return rule.guard(state) if rule.guard else None


def allowed_events(state: ProcedureState) -> list[type[Event]]:
    """The event types legal in ``state`` now (payload checks aside), in the order screens offer them."""
    return [t for t in RULES if _refusal(state, t) is None]


def apply(state: ProcedureState, event: Event, *, today: date | None = None) -> ProcedureState:
    """Apply ``event`` to ``state`` and return the new state; raise :class:`IllegalTransition` if the
    event is not legal now (:class:`InvalidDate` if it is dated before the last recorded date, or after
    ``today``, the UK local date unless given)."""
    if not isinstance(event, Event) or type(event) not in RULES:
        raise TypeError(f"not a procedure event: {event!r}")
    name = type(event).__name__
    refusal = _refusal(state, type(event))
    if refusal is not None:
        raise IllegalTransition(
            f"Cannot {event.description} ({name}) while the case is '{state.status}': {refusal}"
        )
    if event.on < state.latest_date:
        raise InvalidDate(
            f"Cannot {event.description} ({name}) on {event.on.isoformat()}: the case is '{state.status}' "
            f"and its last recorded date is {state.latest_date.isoformat()} "
            f"(received {state.received.isoformat()}); events cannot be dated earlier"
        )
    today = today or uk_today()
    if event.on > today:
        raise InvalidDate(
            f"Cannot {event.description} ({name}) on {event.on.isoformat()}: that is after today "
            f"({today.isoformat()}); events cannot be dated in the future"
        )
    try:
        changes = RULES[type(event)].handler(state, event)
    except IllegalTransition as error:
        raise IllegalTransition(f"{error} (the case is '{state.status}')") from None
    return replace(state, **changes, last_event_on=event.on)
