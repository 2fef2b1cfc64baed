"""Asking for the next stage (stage 2 after a stage 1 response, a review panel after stage 2): from
the tracking page, or recorded by staff when it came another way, and the decision on a late request."""

from __future__ import annotations

from datetime import date

from portal.casework import stage2
from portal.casework.common import STAFF_CHANNELS, CaseworkError, can, make_event, record_event
from portal.db import db
from portal.models import Case, User
from portal.procedure import DecideLateRequest, Event, ProcedureState, RequestStage2, RequestStage3, uk_today


def next_stage_event(case: Case) -> type[Event] | None:
    """Which request "I'm not happy with the answer" makes now, if any. Before a stage 1 response,
    stage 2 may be asked for only once stage 1's time limit has passed (decision 0017)."""
    if case.status == "stage1":
        due = case.procedure.stage1_due
        return RequestStage2 if due is not None and uk_today() > due and can(case, RequestStage2) else None
    for event_type in (RequestStage2, RequestStage3):
        if can(case, event_type):
            return event_type
    return None


def ask_for_next_stage(case: Case, *, on: date | None = None) -> ProcedureState:
    """The young person (or whoever complained) is not happy with the answer: ask for the next stage.

    A request after the 20 working days is still recorded, flagged late, for staff to decide.
    """
    event_type = next_stage_event(case)
    if event_type is None:
        raise CaseworkError("There is no answer to ask about yet, or the next stage is already asked for.")
    return _requested(case, event_type, lambda: record_event(case, event_type(on=on or uk_today()), actor=None,
                                                             actor_kind="public", commit=False))


def _requested(case: Case, event_type: type[Event], record) -> ProcedureState:
    """Record the request; a stage 2 request is also kept as its own row (table 12 counts each), in the
    same transaction."""
    earlier_on, earlier_decision = case.stage2_requested, case.stage2_decision
    state = record()
    if event_type is RequestStage2:
        stage2.keep_request(case, earlier_on=earlier_on, earlier_decision=earlier_decision)
    db.session.commit()
    return state


def record_next_stage_request(case: Case, *, on: date, channel: str, actor: User) -> ProcedureState:
    """A stage 2 or review panel request that came by letter, phone, email or in person, recorded by
    staff on the day it was received (a late one waits for a staff decision, as from the tracking page)."""
    if channel not in STAFF_CHANNELS:
        raise CaseworkError("Choose how the request came.", field="channel")
    event_type = next_stage_event(case)
    if event_type is None:
        raise CaseworkError("There is no response still open to a request for the next stage.")
    return _requested(case, event_type,
                      lambda: record_event(case, make_event(event_type, on=on), actor=actor, channel=channel,
                                           commit=False))


def decide_late_request(case: Case, *, on: date, accept: bool, actor: User) -> ProcedureState:
    at_stage2 = case.status == "stage2_requested"
    state = record_event(case, make_event(DecideLateRequest, on=on, accept=accept), actor=actor, accept=accept,
                         commit=False)
    if at_stage2:
        stage2.answer_request(case, answer="" if accept else "not_progressed", on=on, late_accepted=accept)
    db.session.commit()
    return state
