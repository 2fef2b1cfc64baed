"""The statutory working-day calendar (reg 2), checked against known England and Wales bank holidays
and against a naive day-by-day oracle built straight from the regulation's wording."""

import time
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import holidays
import pytest
from dateutil.easter import easter
from hypothesis import given, settings
from hypothesis import strategies as st

from portal.procedure.calendar import (
    EPOCH,
    FIRST_YEAR,
    LAST_YEAR,
    add_working_days,
    holiday_name,
    is_working_day,
    uk_local_date,
    uk_today,
    working_day_ordinal,
    working_day_ordinals,
    working_days_between,
)

D = date


# --- an independent oracle: reg 2 read literally, one day at a time ------------------------------

_BANK = holidays.country_holidays("GB", subdiv="ENG", years=range(1992, 2101))


def naive_is_working(d: date) -> bool:
    if d.weekday() >= 5:
        return False
    if (d.month, d.day) in ((12, 25), (12, 26)):
        return False
    if d == easter(d.year) - timedelta(days=2):
        return False
    return d not in _BANK


def naive_between(a: date, b: date) -> int:
    return sum(naive_is_working(a + timedelta(days=i)) for i in range(1, (b - a).days + 1))


def naive_add(start: date, n: int) -> date:
    d = start
    while n:
        d += timedelta(days=1)
        n -= naive_is_working(d)
    return d


# --- named days ----------------------------------------------------------------------------------

NON_WORKING = [
    # Easter: Good Friday and Easter Monday
    D(2015, 4, 3), D(2015, 4, 6), D(2019, 4, 19), D(2019, 4, 22), D(2024, 3, 29), D(2024, 4, 1),
    D(2025, 4, 18), D(2025, 4, 21), D(2030, 4, 19), D(2030, 4, 22),
    # Christmas at a weekend: substitute days
    D(2021, 12, 27), D(2021, 12, 28), D(2022, 12, 26), D(2022, 12, 27), D(2016, 12, 27),
    D(2027, 12, 27), D(2027, 12, 28), D(2015, 12, 28), D(2020, 12, 28), D(2026, 12, 28),
    # Christmas and Boxing Day on weekdays
    D(2023, 12, 25), D(2023, 12, 26), D(2024, 12, 25), D(2024, 12, 26), D(2025, 12, 25), D(2025, 12, 26),
    # special bank holidays
    D(2022, 9, 19), D(2023, 5, 8), D(2022, 6, 2), D(2022, 6, 3),
    # early May (2020's moved to VE day, Friday 8 May), late May, August
    D(2015, 5, 4), D(2020, 5, 8), D(2024, 5, 6), D(2015, 5, 25), D(2024, 5, 27), D(2029, 5, 28),
    D(2015, 8, 31), D(2024, 8, 26), D(2030, 8, 26),
    # New Year and its substitutes
    D(2024, 1, 1), D(2017, 1, 2), D(2022, 1, 3), D(2023, 1, 2), D(2028, 1, 3),
    # weekends
    D(2024, 3, 2), D(2024, 3, 3),
]  # fmt: skip

WORKING = [
    D(2020, 5, 4),  # the usual early May Monday, moved in 2020
    D(2022, 5, 30),  # the late May holiday moved to 2 June in 2022
    D(2021, 12, 29), D(2022, 12, 28), D(2023, 12, 27), D(2024, 1, 2), D(2023, 5, 9), D(2022, 9, 20),
    D(2024, 4, 2), D(2019, 4, 18),  # Maundy Thursday works
    D(2024, 3, 17) + timedelta(days=1),  # St Patrick's Day is a Northern Ireland holiday, not ours
    D(2024, 11, 5), D(2024, 12, 24), D(2024, 12, 31), D(2024, 12, 27),
]  # fmt: skip


@pytest.mark.parametrize("day", NON_WORKING, ids=str)
def test_non_working_days(day):
    assert not is_working_day(day)
    assert working_days_between(day - timedelta(days=1), day) == 0


@pytest.mark.parametrize("day", WORKING, ids=str)
def test_working_days(day):
    assert is_working_day(day)
    assert working_days_between(day - timedelta(days=1), day) == 1


def test_st_patricks_day_on_a_weekday_works():
    assert is_working_day(D(2025, 3, 17))


def test_holiday_names_are_only_statutory_ones():
    """Every non-working weekday from 2015 to 2030 is one reg 2 names or a bank holiday (with its
    substitute); the library adds nothing else (no regional or optional days)."""
    allowed = {
        "New Year's Day", "Good Friday", "Easter Monday", "May Day", "Spring Bank Holiday",
        "Late Summer Bank Holiday", "Christmas Day", "Boxing Day",
        "New Year's Day (observed)", "Christmas Day (observed)", "Boxing Day (observed)",
        "Platinum Jubilee of Elizabeth II", "State Funeral of Queen Elizabeth II",
        "Coronation of Charles III",
    }  # fmt: skip
    names = set()
    day = D(2015, 1, 1)
    while day <= D(2030, 12, 31):
        if day.weekday() < 5 and not is_working_day(day):
            names.add(holiday_name(day))
        day += timedelta(days=1)
    assert names == allowed
    assert holiday_name(D(2024, 3, 5)) is None
    assert holiday_name(D(2021, 12, 27)) == "Christmas Day (observed)"


def test_eight_bank_holidays_a_normal_year_and_more_in_special_ones():
    def count(year):
        return sum(
            1
            for i in range(366)
            if (d := D(year, 1, 1) + timedelta(days=i)).year == year
            and d.weekday() < 5
            and not is_working_day(d)
        )

    assert count(2024) == 8
    assert count(2022) == 10  # jubilee + the Queen's funeral
    assert count(2023) == 9  # coronation


# --- the contract's boundary examples ------------------------------------------------------------


def test_received_friday_answered_monday_is_one():
    assert working_days_between(D(2024, 3, 1), D(2024, 3, 4)) == 1


def test_received_saturday_answered_monday_is_one():
    assert working_days_between(D(2024, 3, 2), D(2024, 3, 4)) == 1


def test_same_day_is_zero():
    assert working_days_between(D(2024, 3, 4), D(2024, 3, 4)) == 0


def test_end_before_start_raises():
    with pytest.raises(ValueError, match="before start"):
        working_days_between(D(2024, 3, 4), D(2024, 3, 3))


def test_add_zero_gives_start_even_on_a_sunday():
    assert add_working_days(D(2024, 3, 3), 0) == D(2024, 3, 3)


def test_add_negative_raises():
    with pytest.raises(ValueError, match="negative"):
        add_working_days(D(2024, 3, 4), -1)


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (D(2024, 3, 1), 1, D(2024, 3, 4)),  # Friday -> Monday
        (D(2024, 3, 2), 1, D(2024, 3, 4)),  # Saturday -> Monday
        (D(2024, 3, 4), 10, D(2024, 3, 18)),  # two weeks
        (D(2024, 3, 28), 1, D(2024, 4, 2)),  # over Good Friday and Easter Monday
        (D(2021, 12, 24), 1, D(2021, 12, 29)),  # over Christmas 2021 and both substitutes
        (D(2022, 12, 23), 1, D(2022, 12, 28)),
        (D(2022, 12, 30), 1, D(2023, 1, 3)),  # over New Year's substitute, across the year
        (D(2022, 9, 16), 1, D(2022, 9, 20)),  # over the Queen's funeral
        (D(2023, 5, 5), 1, D(2023, 5, 9)),  # over the coronation
        (D(2022, 6, 1), 1, D(2022, 6, 6)),  # over the jubilee
        (D(2024, 12, 20), 10, D(2025, 1, 8)),
        (D(1999, 12, 30), 1, D(2000, 1, 4)),  # across the epoch: 31 Dec 1999 and 3 Jan 2000 were holidays
        (D(1995, 6, 1), 2000, D(2003, 4, 30)),
    ],
)
def test_add_working_days_examples(start, n, expected):
    assert add_working_days(start, n) == expected
    assert expected == naive_add(start, n)


def test_epoch_has_ordinal_zero_and_earlier_dates_are_negative():
    assert working_day_ordinal(EPOCH) == 0
    assert working_day_ordinal(D(2000, 1, 4)) == 1  # Tuesday: Monday 3rd was the New Year substitute
    assert holiday_name(D(1999, 12, 31)) == "Millennium Celebrations"  # a special bank holiday
    assert working_day_ordinal(D(1999, 12, 31)) == 0
    assert working_day_ordinal(D(1999, 12, 30)) == 0  # the last working day of 1999
    assert working_day_ordinal(D(1999, 12, 29)) == -1


def test_outside_the_calendar_raises():
    with pytest.raises(ValueError, match="outside the statutory calendar"):
        is_working_day(D(FIRST_YEAR - 1, 6, 1))
    with pytest.raises(ValueError, match="outside the statutory calendar"):
        add_working_days(D(LAST_YEAR, 12, 30), 5)
    with pytest.raises(ValueError, match="outside the statutory calendar"):
        working_day_ordinal(D(FIRST_YEAR - 1, 6, 1))


# --- the calendar table --------------------------------------------------------------------------


def test_ordinals_rows():
    rows = working_day_ordinals(D(2021, 12, 24), D(2021, 12, 29))
    assert [(d.day, w) for d, _, w in rows] == [
        (24, True), (25, False), (26, False), (27, False), (28, False), (29, True),
    ]  # fmt: skip
    ordinals = [o for _, o, _ in rows]
    assert ordinals[1:5] == [ordinals[0]] * 4  # non-working days carry the last working day's ordinal
    assert ordinals[5] == ordinals[0] + 1


def test_ordinals_single_day_and_bad_range():
    assert working_day_ordinals(EPOCH, EPOCH) == [(EPOCH, 0, False)]
    with pytest.raises(ValueError, match="before first"):
        working_day_ordinals(D(2024, 1, 2), D(2024, 1, 1))


dates = st.dates(min_value=D(1993, 1, 1), max_value=D(2095, 12, 31))


@settings(max_examples=150, deadline=None)
@given(dates, st.integers(min_value=0, max_value=800))
def test_ordinal_table_subtraction_matches_the_naive_count(a, span):
    b = a + timedelta(days=span)
    rows = working_day_ordinals(a, b)
    assert rows[-1][1] - rows[0][1] == naive_between(a, b) == working_days_between(a, b)
    for (d, ordinal, working), (_, previous, _) in zip(rows[1:], rows, strict=False):
        assert working == naive_is_working(d)
        assert ordinal == previous + working
        assert ordinal == working_day_ordinal(d)


@settings(max_examples=200, deadline=None)
@given(dates, dates)
def test_between_is_an_ordinal_subtraction(a, b):
    a, b = min(a, b), max(a, b)
    assert working_days_between(a, b) == working_day_ordinal(b) - working_day_ordinal(a)


@settings(max_examples=200, deadline=None)
@given(dates, st.integers(min_value=0, max_value=300))
def test_add_then_between_round_trips(start, n):
    end = add_working_days(start, n)
    assert working_days_between(start, end) == n
    if n:
        assert is_working_day(end)
        assert end == naive_add(start, n)
    if is_working_day(start):  # and back again from a working day
        assert add_working_days(start, working_days_between(start, end)) == end


@settings(max_examples=200, deadline=None)
@given(dates, dates, st.integers(min_value=1, max_value=120))
def test_add_working_days_is_monotonic(a, b, n):
    a, b = min(a, b), max(a, b)
    assert add_working_days(a, n) <= add_working_days(b, n)
    assert add_working_days(a, n - 1) < add_working_days(a, n)


@settings(max_examples=200, deadline=None)
@given(dates, dates, dates)
def test_between_is_monotonic_and_additive(a, b, c):
    a, b, c = sorted((a, b, c))
    assert working_days_between(a, b) <= working_days_between(a, c)
    assert working_days_between(a, b) + working_days_between(b, c) == working_days_between(a, c)


# --- UK dates ------------------------------------------------------------------------------------


def test_bst_midnight_edge():
    moment = datetime(2024, 3, 31, 23, 30, tzinfo=UTC)  # 00:30 BST on 1 April
    assert uk_local_date(moment) == D(2024, 4, 1)
    assert uk_local_date(datetime(2024, 4, 1, 0, 30, tzinfo=ZoneInfo("Europe/London"))) == D(2024, 4, 1)


def test_gmt_and_other_zones():
    assert uk_local_date(datetime(2024, 1, 31, 23, 30, tzinfo=UTC)) == D(2024, 1, 31)
    assert uk_local_date(datetime(2024, 10, 26, 23, 30, tzinfo=UTC)) == D(2024, 10, 27)  # BST ends
    assert uk_local_date(datetime(2024, 6, 1, 1, 0, tzinfo=timezone(timedelta(hours=5)))) == D(2024, 5, 31)


def test_naive_datetime_raises():
    with pytest.raises(ValueError, match="naive"):
        uk_local_date(datetime(2024, 4, 1, 0, 30))


def test_uk_today():
    assert uk_today(datetime(2024, 3, 31, 23, 30, tzinfo=UTC)) == D(2024, 4, 1)
    assert abs((uk_today() - datetime.now(UTC).date()).days) <= 1


# --- speed ---------------------------------------------------------------------------------------


def test_add_working_days_is_fast():
    add_working_days(D(2024, 3, 20), 100)  # warm the year cache
    best = min(_time_per_call(n) for n in (20, 100) for _ in range(3))
    assert best < 20e-6, f"{best * 1e6:.2f} µs per call"


def _time_per_call(n, calls=2000):
    start = time.perf_counter()
    for _ in range(calls):
        add_working_days(D(2024, 3, 20), n)
    return (time.perf_counter() - start) / calls


def test_the_dates_the_portal_accepts():
    from portal.procedure.calendar import EARLIEST_DATE, FIRST_YEAR, LAST_YEAR, accepted_dates, date_accepted

    assert accepted_dates(date(2026, 12, 7)) == (date(2000, 1, 1), date(2036, 12, 7))
    assert accepted_dates(date(2028, 2, 29)) == (EARLIEST_DATE, date(2038, 2, 28))  # no 29 February in 2038
    assert date_accepted(date(2026, 1, 1), date(2026, 12, 7))
    assert not date_accepted(date(2101, 1, 1), date(2026, 12, 7))  # the typo of 2026
    assert not date_accepted(date(1999, 12, 31), date(2026, 12, 7))
    # Inside the statutory calendar, with room for the longest limit after the last accepted date.
    assert FIRST_YEAR < EARLIEST_DATE.year and accepted_dates(date(2080, 1, 1))[1].year < LAST_YEAR
