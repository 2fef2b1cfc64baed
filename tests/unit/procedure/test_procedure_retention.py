"""The retention rule: the later of six years after closing and the 25th birthday (decision 0020)."""

from datetime import date

from portal.procedure.retention import birthday, keep_until
from portal.procedure.vocabulary import CaseStatus


def test_the_later_of_six_years_after_closing_and_the_25th_birthday():
    # Closed at 17 in 2020: six years after is 2026; 25th birthday in 2028: the birthday wins.
    assert keep_until(status=CaseStatus.CLOSED, closed_on=date(2020, 6, 1), received_on=date(2020, 1, 6),
                      date_of_birth=date(2003, 3, 15), age_when_received=16) == date(2028, 3, 15)
    # Closed when already 30 (a parent's case about a child who has grown up): six years after closing.
    assert keep_until(status=CaseStatus.STAGE1_RESPONDED, closed_on=date(2020, 6, 1), received_on=date(2020, 1, 6),
                      date_of_birth=date(1990, 3, 15), age_when_received=29) == date(2026, 6, 1)


def test_nothing_goes_while_the_case_is_open():
    assert keep_until(status=CaseStatus.STAGE2, closed_on=None, received_on=date(2000, 1, 3),
                      date_of_birth=date(1985, 1, 1), age_when_received=15) is None


def test_a_council_sets_its_own_figures_and_a_missing_close_date_counts_from_receipt():
    assert keep_until(status=CaseStatus.WITHDRAWN, closed_on=None, received_on=date(2020, 1, 6),
                      date_of_birth=date(1990, 1, 1), age_when_received=30, years_after_close=3,
                      until_age=18) == date(2023, 1, 6)


def test_without_a_date_of_birth_the_latest_the_birthday_can_be():
    # 15 when we heard on 6 Jan 2020: 25 by 6 Jan 2031 at the latest.
    assert birthday(None, 15, date(2020, 1, 6), 25) == date(2031, 1, 6)
    assert birthday(None, 30, date(2020, 1, 6), 25) == date(2021, 1, 6)  # older already: a year's margin
    assert birthday(None, None, date(2020, 1, 6), 25) == date(2045, 1, 6)  # nothing known: as if newborn
    assert birthday(date(2004, 2, 29), None, date(2020, 1, 6), 25) == date(2029, 2, 28)
