"""What every casework module shares: the error an operation refuses with, and recording a procedure
event with its audit event.

Each operation checks the rule in ``portal.procedure`` (which refuses illegal moves and changes
nothing), writes the change and its audit event, and commits them in one transaction, so nothing is
half-done after a crash. Views call the operations; they never set case columns themselves.
"""

from __future__ import annotations

import uuid
from typing import Any

from portal import audit
from portal.db import db
from portal.models import Case, User
from portal.procedure import (
    Event,
    InvalidDate,
    InvalidEvent,
    ProcedureError,
    ProcedureState,
    allowed_events,
    apply,
    uk_today,
)

# How a contact or a request reaches staff other than through the website (portal.rendering.labels.CHANNELS).
STAFF_CHANNELS = ("phone", "email", "letter", "in_person", "mp_cllr")


class CaseworkError(ValueError):
    """An operation refused: the message says why, in staff's words.

    ``problems`` maps a form field's name to what is wrong with it, so a screen can put each message
    on its field; ``field`` is a shorthand for one problem.
    """

    def __init__(self, message: str = "", *, field: str | None = None,
                 problems: dict[str, str] | None = None) -> None:
        self.problems = dict(problems or {})
        if field is not None:
            self.problems[field] = message
        super().__init__(message or " ".join(self.problems.values()))


def make_event(event_type: type[Event], **payload: Any) -> Event:
    """Build an event from what staff entered; a malformed one is refused in their words."""
    try:
        return event_type(**payload)
    except InvalidEvent as error:
        raise CaseworkError(str(error), field=error.field) from error


def _apply(case: Case, event: Event) -> ProcedureState:
    try:
        state = apply(case.procedure, event, today=uk_today())
    except InvalidDate as error:
        raise CaseworkError(str(error), field="on") from error
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


def by_id(model: Any, raw: Any) -> Any:
    if not raw:
        return None
    try:
        return db.session.get(model, uuid.UUID(str(raw)))
    except ValueError:
        return None


def enum_or_none(kind: Any, raw: Any) -> Any:
    try:
        return kind(raw) if raw else None
    except ValueError:
        return None
