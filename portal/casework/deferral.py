"""Deferral (reg 8): consideration paused while court proceedings or a criminal investigation would
be prejudiced, reviewed, and resumed."""

from __future__ import annotations

from datetime import date

from portal.casework.common import make_event, record_event
from portal.models import Case, User
from portal.procedure import Defer, ProcedureState, Resume, ReviewDeferral


def defer(case: Case, *, on: date, review_date: date, reason: str, actor: User) -> ProcedureState:
    return record_event(case, make_event(Defer, on=on, review_date=review_date, reason=reason), actor=actor,
                        review_date=review_date.isoformat() if review_date else None)


def review_deferral(case: Case, *, on: date, review_date: date, actor: User) -> ProcedureState:
    """The deferral is reviewed and kept: a new review date."""
    return record_event(case, make_event(ReviewDeferral, on=on, review_date=review_date), actor=actor,
                        review_date=review_date.isoformat() if review_date else None)


def resume(case: Case, *, on: date, actor: User) -> ProcedureState:
    return record_event(case, make_event(Resume, on=on), actor=actor)
