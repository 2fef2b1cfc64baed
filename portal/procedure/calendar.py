"""The statutory working-day calendar.

Reg 2 of the Children Act 1989 Representations Procedure (England) Regulations 2006 defines a working
day as any day except Saturday, Sunday, Christmas Day, Boxing Day, Good Friday or a bank holiday under
the Banking and Financial Dealings Act 1971. In England the 1971 Act's bank holidays include the
substitute days (27/28 December, 2/3 January when the day itself falls at a weekend) and the days
appointed by proclamation (the 2022 jubilee, the Queen's funeral, the 2023 coronation), so we take the
``public`` category of ``holidays.country_holidays("GB", subdiv="ENG")`` with observed days included.

Council closure days are deliberately *not* here: they never move a statutory deadline (they may only
shape internal targets, elsewhere).

Every date carries a *working-day ordinal*: the number of working days from 2000-01-01 (a Saturday,
ordinal 0) up to and including it, so a non-working day carries the ordinal of the last working day
before it, and ``working_days_between(a, b) == ordinal(b) - ordinal(a)``. That one number makes every
function here O(1) (plus a walk over years), and lets SQL subtract ordinals from a calendar table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
from dateutil.easter import easter

__all__ = [
    "EARLIEST_DATE",
    "EPOCH",
    "YEARS_AHEAD",
    "accepted_dates",
    "date_accepted",
    "FIRST_YEAR",
    "LAST_YEAR",
    "UK",
    "add_working_days",
    "holiday_name",
    "is_working_day",
    "uk_local_date",
    "uk_today",
    "working_day_ordinal",
    "working_day_ordinals",
    "working_days_between",
]

UK = ZoneInfo("Europe/London")
EPOCH = date(2000, 1, 1)
#: The years the calendar answers for. The 2006 regulations (and the 1991 ones before them) are inside;
#: bank holidays far in the future are only the library's forecast, so we stop at 2100.
FIRST_YEAR = 1992
LAST_YEAR = 2100


@dataclass(frozen=True, slots=True)
class _Year:
    first: date  # 1 January
    closed: dict[date, str]  # weekday non-working days (reg 2) with their names
    workdays: tuple[date, ...]  # the year's working days, in order
    running: tuple[int, ...]  # running[i] = working days from 1 January to first + i, inclusive


def _check_year(year: int) -> None:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"{year} is outside the statutory calendar ({FIRST_YEAR} to {LAST_YEAR})")


@cache
def _year(year: int) -> _Year:
    _check_year(year)
    bank = holidays.country_holidays("GB", subdiv="ENG", years=year, observed=True, categories=("public",))
    named = {d: str(name) for d, name in bank.items()}
    # Reg 2 names these three outright: keep them even if a library release ever drops one.
    named.setdefault(date(year, 12, 25), "Christmas Day")
    named.setdefault(date(year, 12, 26), "Boxing Day")
    named.setdefault(easter(year) - timedelta(days=2), "Good Friday")
    closed = {d: name for d, name in named.items() if d.year == year and d.weekday() < 5}
    first = date(year, 1, 1)
    workdays: list[date] = []
    running: list[int] = []
    day = first
    while day.year == year:
        if day.weekday() < 5 and day not in closed:
            workdays.append(day)
        running.append(len(workdays))
        day += timedelta(days=1)
    return _Year(first, closed, tuple(workdays), tuple(running))


@cache
def _base(year: int) -> int:
    """Working days from the epoch up to the end of the year before ``year`` (negative before 2000)."""
    if year == EPOCH.year:
        return 0
    if year > EPOCH.year:
        return _base(year - 1) + len(_year(year - 1).workdays)
    return _base(year + 1) - len(_year(year).workdays)


def working_day_ordinal(d: date) -> int:
    """The running count of working days since 2000-01-01, ``d`` included (0 on the epoch itself)."""
    y = _year(d.year)
    return _base(d.year) + y.running[(d - y.first).days]


def is_working_day(d: date) -> bool:
    """True unless ``d`` is a weekend day, Christmas Day, Boxing Day, Good Friday or a bank holiday."""
    closed = _year(d.year).closed  # first, so a date outside the calendar always raises
    return d.weekday() < 5 and d not in closed


def holiday_name(d: date) -> str | None:
    """The name of the holiday that makes a weekday non-working (for screens), else None."""
    return _year(d.year).closed.get(d)


def add_working_days(start: date, n: int) -> date:
    """The ``n``-th working day after ``start`` (the day of receipt is day 0, never counted).

    ``n == 0`` gives ``start`` itself, even on a non-working day. Cost: one ordinal look-up and a walk
    over the years crossed (no day-by-day loop).
    """
    if n < 0:
        raise ValueError(f"cannot add a negative number of working days ({n})")
    if n == 0:
        return start
    target = working_day_ordinal(start) + n
    year = start.year
    while _base(year) + len(_year(year).workdays) < target:
        year += 1
    return _year(year).workdays[target - _base(year) - 1]


def working_days_between(start: date, end: date) -> int:
    """The number of working days ``d`` with ``start < d <= end``.

    Received Friday and answered Monday is 1; received Saturday and answered Monday is also 1.
    """
    if end < start:
        raise ValueError(f"end {end.isoformat()} is before start {start.isoformat()}")
    return working_day_ordinal(end) - working_day_ordinal(start)


def working_day_ordinals(first: date, last: date) -> list[tuple[date, int, bool]]:
    """Every date from ``first`` to ``last`` inclusive as ``(date, ordinal, is_working)``.

    Feeds the SQL calendar table, so "working days between" in a report query is a subtraction.
    """
    if last < first:
        raise ValueError(f"last {last.isoformat()} is before first {first.isoformat()}")
    rows: list[tuple[date, int, bool]] = []
    day = first
    while day <= last:
        y = _year(day.year)
        base = _base(day.year)
        index = (day - y.first).days
        rows.append((day, base + y.running[index], is_working_day(day)))
        day += timedelta(days=1)
    return rows


def uk_local_date(moment: datetime) -> date:
    """The Europe/London calendar date of an aware datetime (00:30 BST on 1 April is 1 April)."""
    if moment.tzinfo is None or moment.tzinfo.utcoffset(moment) is None:
        raise ValueError("a naive datetime has no place in time: give it a timezone (UTC in the database)")
    return moment.astimezone(UK).date()


def uk_today(now: datetime | None = None) -> date:
    """Today's UK date; pass ``now`` (aware) to make it testable."""
    return uk_local_date(now if now is not None else datetime.now(UTC))


#: Every date the portal accepts (a form, the import) lies from EARLIEST_DATE to YEARS_AHEAD years after
#: today: far inside the calendar (FIRST_YEAR to LAST_YEAR), which the calendar table covers whole, so
#: no date is refused by a deadline or dropped by a report. 2100-01-01 typed for 2026 is refused on its
#: field instead of failing deep inside a rule.
EARLIEST_DATE = date(2000, 1, 1)
YEARS_AHEAD = 10


def accepted_dates(today: date) -> tuple[date, date]:
    """The first and last date the portal accepts, on ``today``."""
    try:
        last = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February, ten years on, is not a date: the day before
        last = (today - timedelta(days=1)).replace(year=today.year + YEARS_AHEAD)
    return EARLIEST_DATE, last


def date_accepted(day: date, today: date) -> bool:
    first, last = accepted_dates(today)
    return first <= day <= last
