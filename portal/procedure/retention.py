"""How long a case's personal data is kept (issue 23, decision 0020): pure, no database.

By default until the later of six years after the case closed and the young person's 25th birthday.
Six years: the Limitation Act 1980's period for most claims (ss. 2 and 5); for a child it runs only
from their 18th birthday (s. 28, a minor being "under a disability", s. 38(2)), so a claim could come
until they are 24: the 25th birthday adds a year's margin. A council sets its own figures
(``RETENTION_YEARS_AFTER_CLOSE``, ``RETENTION_UNTIL_AGE``) in its retention schedule.
"""

from __future__ import annotations

from datetime import date

from portal.procedure.vocabulary import CaseStatus

# Still open: nothing is removed while the procedure goes on, whatever the dates.
OPEN_STATUSES = frozenset({
    CaseStatus.AWAITING_TRIAGE, CaseStatus.DEFERRED, CaseStatus.STAGE1, CaseStatus.STAGE2_REQUESTED,
    CaseStatus.STAGE2, CaseStatus.STAGE3_REQUESTED, CaseStatus.STAGE3, CaseStatus.ENQUIRY,
})


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def birthday(date_of_birth: date | None, age_when_received: int | None, received_on: date, age: int) -> date:
    """The day the young person turns ``age``: from their date of birth, else the latest it can be from
    their age when we heard from them (a year later than the earliest), else as if they were newborn then."""
    if date_of_birth is not None:
        return _years_after(date_of_birth, age)
    if age_when_received is not None:
        return _years_after(received_on, max(age - age_when_received, 0) + 1)
    return _years_after(received_on, age)


def keep_until(*, status: str, closed_on: date | None, received_on: date, date_of_birth: date | None,
               age_when_received: int | None, years_after_close: int = 6, until_age: int = 25) -> date | None:
    """The first day the case's personal data may be removed; None while the case is open."""
    if status in OPEN_STATUSES:
        return None
    closed = closed_on or received_on
    return max(_years_after(closed, years_after_close),
               birthday(date_of_birth, age_when_received, received_on, until_age))


def enquiry_keep_until(*, received_on: date, responded_on: date | None, date_of_birth: date | None,
                       years_after_close: int = 6, until_age: int = 25) -> date | None:
    """An MP or councillor enquiry, by the same rule: its answer closes it (unanswered, it stays), and the
    family member's 25th birthday from the date of birth recorded, else as if newborn when received."""
    if responded_on is None:
        return None
    return keep_until(status=CaseStatus.CLOSED, closed_on=responded_on, received_on=received_on,
                      date_of_birth=date_of_birth, age_when_received=None, years_after_close=years_after_close,
                      until_age=until_age)


def helpline_keep_until(*, contact_on: date, years_after_close: int = 6, until_age: int = 25) -> date:
    """A helpline contact, by the same rule: closed when recorded; the form asks no age, so the 25th
    birthday is as if the young person it concerns were newborn that day (the latest it can be)."""
    return max(_years_after(contact_on, years_after_close), birthday(None, None, contact_on, until_age))
