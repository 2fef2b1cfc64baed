"""Deferral (reg 8): consideration paused while court proceedings or a criminal investigation would
be prejudiced, reviewed, and resumed."""

from __future__ import annotations

from datetime import date

from portal.casework.checks import EARLY, FUTURE, MISSING, check_date
from portal.casework.common import CaseworkError, make_event, record_event
from portal.db import db
from portal.models import Case, User
from portal.procedure import Defer, ProcedureState, Resume, ReviewDeferral

# Reg 8(1): what considering the representations now might prejudice (stored key, words for staff).
DEFERRAL_GROUNDS = (
    ("criminal", "A criminal investigation or criminal proceedings"),
    ("court", "Court proceedings (for example care or family proceedings)"),
    ("tribunal", "Tribunal proceedings"),
    ("disciplinary", "Disciplinary proceedings"),
    ("other_investigation", "Another statutory investigation or inquiry"),
)
GROUND_KEYS = tuple(key for key, _words in DEFERRAL_GROUNDS)


def defer(case: Case, *, on: date, review_date: date, reason: str, actor: User, ground: str | None = None,
          complainant_told_on: date | None = None) -> ProcedureState:
    """Reg 8: consideration deferred on one of the listed grounds, with the details, and the day the
    complainant was told (reg 8(2): the complainant is told, in writing, and why)."""
    if ground not in GROUND_KEYS:
        raise CaseworkError("Choose what considering it now would prejudice (reg 8).", field="ground")
    told = "The complainant is told on or after the day of deferral, and not later than today."
    check_date(complainant_told_on, {MISSING: "Enter the date the complainant was told about the deferral.",
                                     FUTURE: told, EARLY: told}, field="complainant_told_on", not_before=on)
    state = record_event(case, make_event(Defer, on=on, review_date=review_date, reason=reason), actor=actor,
                         commit=False, review_date=review_date.isoformat() if review_date else None, ground=ground)
    case.deferral_ground, case.deferral_told_on = ground, complainant_told_on
    db.session.commit()
    return state


def review_deferral(case: Case, *, on: date, review_date: date, actor: User) -> ProcedureState:
    """The deferral is reviewed and kept: a new review date."""
    return record_event(case, make_event(ReviewDeferral, on=on, review_date=review_date), actor=actor,
                        review_date=review_date.isoformat() if review_date else None)


def resume(case: Case, *, on: date, actor: User) -> ProcedureState:
    return record_event(case, make_event(Resume, on=on), actor=actor)
