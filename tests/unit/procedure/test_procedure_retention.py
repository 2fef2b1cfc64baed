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


def test_an_mp_or_councillor_enquiry_by_the_same_rule():
    from portal.procedure.retention import enquiry_keep_until

    # Unanswered: it stays, whatever the dates.
    assert enquiry_keep_until(received_on=date(2010, 1, 4), responded_on=None, date_of_birth=date(1990, 1, 1)) is None
    # Answered in 2019 about a child born in 2005: the 25th birthday (2030) is later than 2025.
    assert enquiry_keep_until(received_on=date(2019, 6, 3), responded_on=date(2019, 6, 20),
                              date_of_birth=date(2005, 3, 1)) == date(2030, 3, 1)
    # About an adult (a parent born in 1970): six years after the answer.
    assert enquiry_keep_until(received_on=date(2019, 6, 3), responded_on=date(2019, 6, 20),
                              date_of_birth=date(1970, 3, 1)) == date(2025, 6, 20)
    # No date of birth: as if newborn when received.
    assert enquiry_keep_until(received_on=date(2019, 6, 3), responded_on=date(2019, 6, 20), date_of_birth=None,
                              years_after_close=6, until_age=25) == date(2044, 6, 3)


def test_a_helpline_contact_by_the_same_rule():
    from portal.procedure.retention import helpline_keep_until

    # No age asked: the latest the 25th birthday can be (as if newborn that day).
    assert helpline_keep_until(contact_on=date(2019, 6, 5)) == date(2044, 6, 5)
    # A council's own figures: six years after, once the age rule is lower.
    assert helpline_keep_until(contact_on=date(2019, 6, 5), years_after_close=6, until_age=0) == date(2025, 6, 5)
