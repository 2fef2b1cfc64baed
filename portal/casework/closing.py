"""Ending a case's procedure: withdrawn (at any time), not applicable (an alternative route), closed."""

from __future__ import annotations

from datetime import date

from portal.casework.common import make_event, record_event
from portal.models import Case, User
from portal.procedure import Close, MarkNotApplicable, ProcedureState, Withdraw, uk_today


def withdraw(case: Case, *, on: date | None = None, actor: User | None = None) -> ProcedureState:
    return record_event(case, Withdraw(on=on or uk_today()), actor=actor,
                        actor_kind="staff" if actor else "public")


def mark_not_applicable(case: Case, *, on: date, reason: str, actor: User) -> ProcedureState:
    return record_event(case, make_event(MarkNotApplicable, on=on, reason=reason), actor=actor)


def close(case: Case, *, on: date, actor: User) -> ProcedureState:
    """Close after a response; a later request for the next stage reopens it (late if out of time)."""
    return record_event(case, make_event(Close, on=on), actor=actor)
