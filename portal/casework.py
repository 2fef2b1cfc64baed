"""Casework operations: the only writers of case state.

Each operation checks the rule in ``portal.procedure`` (which refuses illegal moves and changes
nothing), writes the change and its audit event, and commits them in one transaction, so nothing is
half-done after a crash. Views call these; they never set case columns themselves.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from portal import audit
from portal.db import db
from portal.models import Case, User
from portal.procedure import (
    CaseStatus,
    Event,
    ProcedureError,
    ProcedureState,
    RequestStage2,
    RequestStage3,
    Withdraw,
    allowed_events,
    apply,
    uk_today,
)


class CaseworkError(ValueError):
    """An operation refused: the message says why, in staff's words."""


def _apply(case: Case, event: Event) -> ProcedureState:
    try:
        state = apply(case.procedure, event)
    except ProcedureError as error:
        raise CaseworkError(str(error)) from error
    case.store_procedure(state)
    return state


def record_event(
    case: Case,
    event: Event,
    *,
    actor: User | None,
    actor_kind: str | None = None,
    commit: bool = True,
    **details: Any,
) -> ProcedureState:
    """Apply one procedure event to a case and audit it (details: ids, codes and dates only)."""
    before = case.status
    state = _apply(case, event)
    audit.record(
        type(event).__name__,
        subject_type="case",
        subject_id=case.id,
        actor=actor,
        actor_kind=actor_kind,
        on=event.on.isoformat(),
        status_before=before,
        status_after=case.status,
        **details,
    )
    if commit:
        db.session.commit()
    return state


def can(case: Case, event_type: type[Event]) -> bool:
    return event_type in allowed_events(case.procedure)


# --- what a young person can do from the tracking page ----------------------------------------------


def next_stage_event(case: Case) -> type[Event] | None:
    """Which request "I'm not happy with the answer" makes now, if any."""
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
    return record_event(case, event_type(on=on or uk_today()), actor=None, actor_kind="public")


def withdraw(case: Case, *, on: date | None = None, actor: User | None = None) -> ProcedureState:
    return record_event(case, Withdraw(on=on or uk_today()), actor=actor,
                        actor_kind="staff" if actor else "public")


def is_open(case: Case) -> bool:
    return case.procedure.is_open and case.status != CaseStatus.AWAITING_TRIAGE
