"""Statutory time limits, in working days, and how to read a deadline against today.

The limits come from the 2006 regulations and the statutory guidance "Getting the best from
complaints" (DfES 2006); DOMAIN.md has the table.
"""

from __future__ import annotations

from datetime import date

from portal.procedure.calendar import working_day_ordinal

__all__ = [
    "ESCALATION_WINDOW",
    "PANEL_LIMIT",
    "PANEL_REPORT_LIMIT",
    "STAGE1_EXTENDED_LIMIT",
    "STAGE1_LIMIT",
    "STAGE2_LIMIT",
    "STAGE2_MAX_LIMIT",
    "STAGE3_RESPONSE_LIMIT",
    "is_overdue",
    "made_over_a_year_later",
    "one_year_after",
    "working_days_left",
]

STAGE1_LIMIT = 10  # reg 14: local resolution
STAGE1_EXTENDED_LIMIT = 20  # reg 14: once, for a complex case, with a recorded reason
ESCALATION_WINDOW = 20  # the complainant asks for the next stage within 20 working days of a response
STAGE2_LIMIT = 25  # reg 17: investigation and adjudication
STAGE2_MAX_LIMIT = 65  # reg 17: extended, with reasons and a new date given to the complainant
PANEL_LIMIT = 30  # reg 19(4): the review panel meets within 30 working days of the request
PANEL_REPORT_LIMIT = 5  # the panel's report, from the panel meeting
STAGE3_RESPONSE_LIMIT = 15  # the council's response, from the panel report


def working_days_left(due: date, today: date) -> int:
    """Working days from ``today`` to ``due``: 0 on the due day, negative once overdue.

    Counted as ordinal(due) - ordinal(today), the same arithmetic as the regulations' "within n working
    days": a reply on the Saturday after a Friday deadline is still within time (0 left), and the first
    late day is the next working day (-1).
    """
    return working_day_ordinal(due) - working_day_ordinal(today)


def is_overdue(due: date, today: date) -> bool:
    """True once a working day has passed the due date (see :func:`working_days_left`)."""
    return working_days_left(due, today) < 0


def one_year_after(day: date) -> date:
    """The same date a year on (reg 9(1): a complaint is made within one year of the grounds arising);
    29 February runs to 1 March, the later reading, which favours the complainant."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def made_over_a_year_later(received: date, happened: date | None) -> bool:
    """Reg 9: a complaint received more than one year after the matter happened (False when not known:
    the officer records that, and decides on what they know)."""
    return happened is not None and received > one_year_after(happened)
