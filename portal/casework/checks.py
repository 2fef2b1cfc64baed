"""The date check every casework operation shares: a date staff entered must be there, must not be in
the future, and must not come before the thing it follows (the enquiry it answers, the day a
restriction started, the day an extension was decided …).

Each operation keeps its own words for each problem (they say what the date is), and the order of the
checks is the one every screen used: missing, then in the future, then too early.
"""

from __future__ import annotations

from datetime import date

from portal.casework.common import CaseworkError
from portal.procedure import uk_today

MISSING, FUTURE, EARLY = "missing", "future", "early"

# One message for every problem, or a message per problem (MISSING, FUTURE, EARLY).
Messages = str | dict[str, str]


def date_problem(on: date | None, *, not_before: date | None = None, future_allowed: bool = False,
                 today: date | None = None) -> str | None:
    """MISSING, FUTURE or EARLY, whichever is wrong with ``on`` first; None when it is a date to accept."""
    if on is None:
        return MISSING
    if not future_allowed and on > (today or uk_today()):
        return FUTURE
    if not_before is not None and on < not_before:
        return EARLY
    return None


def date_error(on: date | None, messages: Messages, *, not_before: date | None = None,
               future_allowed: bool = False, today: date | None = None) -> str | None:
    """The words for what is wrong with ``on``, or None. ``messages`` is one message for any problem, or
    a message per problem; a problem with no message of its own gets the message for MISSING."""
    problem = date_problem(on, not_before=not_before, future_allowed=future_allowed, today=today)
    if problem is None:
        return None
    if isinstance(messages, str):
        return messages
    return messages.get(problem) or messages[MISSING]


def check_date(on: date | None, messages: Messages, *, field: str, not_before: date | None = None,
               future_allowed: bool = False) -> None:
    """Refuse the operation, with the message on ``field``, when the date is not one to accept."""
    error = date_error(on, messages, not_before=not_before, future_allowed=future_allowed)
    if error is not None:
        raise CaseworkError(error, field=field)


def check_told(told_on: date | None, on: date) -> None:
    """An extension's new date is told to the complainant on or after the day it is decided (reg 14, 17)."""
    out_of_range = "The complainant is told on or after the day the extension is decided, and not later than today."
    check_date(told_on, {MISSING: "Enter the date the complainant was told the new date.", FUTURE: out_of_range,
                         EARLY: out_of_range}, field="complainant_told_on", not_before=on)
