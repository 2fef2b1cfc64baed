"""Rules for MP/Councillor enquiries, corrective actions and contact restrictions."""

from __future__ import annotations

from datetime import date

import pytest

from portal.procedure.enquiries import Match, enquiry_due, normalise_name, person_match, search_token
from portal.procedure.learning import (
    ActionState,
    action_state,
    check_action_dates,
    check_completion,
    check_impact,
    in_plan,
)
from portal.procedure.restrictions import check_restriction_dates, check_review, is_active, review_due

# --- enquiries -----------------------------------------------------------------------------------------


def test_an_enquiry_is_due_ten_working_days_after_it_arrives_skipping_weekends_and_holidays():
    assert enquiry_due(date(2026, 11, 20)) == date(2026, 12, 4)  # Fri + 10 working days
    # Received 18 Dec 2026: Christmas Day (Fri 25), the Boxing Day substitute (Mon 28) and New Year's Day are not.
    assert enquiry_due(date(2026, 12, 18)) == date(2027, 1, 6)
    assert enquiry_due(date(2026, 11, 20), 5) == date(2026, 11, 27)


def test_an_enquiry_timescale_must_be_at_least_a_day():
    with pytest.raises(ValueError):
        enquiry_due(date(2026, 11, 20), 0)


@pytest.mark.parametrize(("raw", "expected"), [
    ("  Zoë  O'Neil ", "zoe oneil"), ("JAMIE-LEE SMITH", "jamielee smith"), ("", ""), (None, ""),
])
def test_names_compare_without_case_accents_punctuation_or_spacing(raw, expected):
    assert normalise_name(raw) == expected


def test_a_person_matches_on_name_and_date_of_birth_or_name_alone_when_one_is_missing():
    born = date(2010, 5, 1)
    assert person_match("Zoe O'Neil", born, "zoë oneil", born) is Match.NAME_AND_BIRTH
    assert person_match("Zoe O'Neil", None, "Zoe ONeil", born) is Match.NAME_ONLY
    assert person_match("Zoe O'Neil", born, "Zoe ONeil", None) is Match.NAME_ONLY
    assert person_match("Zoe O'Neil", born, "Zoe ONeil", date(2011, 5, 1)) is None  # another Zoe
    assert person_match("Zoe O'Neil", born, "Zoe Smith", born) is None
    assert person_match("", None, None, None) is None  # nothing to match on


def test_the_search_token_is_the_longest_word():
    assert search_token("Amy Richardson") == "richardson"
    assert search_token("  ") == ""


# --- learning -------------------------------------------------------------------------------------------


def test_an_action_is_open_then_overdue_then_completed_then_assessed():
    due = date(2026, 12, 1)
    assert action_state(due, None, None, date(2026, 12, 1)) is ActionState.OPEN
    assert action_state(due, None, None, date(2026, 12, 2)) is ActionState.OVERDUE
    assert action_state(due, date(2026, 12, 3), None, date(2026, 12, 4)) is ActionState.COMPLETED
    assert action_state(due, date(2026, 12, 3), date(2027, 3, 1), date(2027, 3, 1)) is ActionState.ASSESSED


def test_actions_from_stage_two_on_form_the_teams_plan():
    assert not in_plan(1)
    assert in_plan(2) and in_plan(3)


def test_action_dates_are_checked():
    assert check_action_dates(recorded=date(2026, 12, 2), due=date(2026, 12, 1))
    assert check_action_dates(recorded=date(2026, 12, 2), due=date(2026, 12, 2)) is None
    today = date(2026, 12, 2)
    assert "future" in check_completion(created=date(2026, 11, 1), completed=date(2026, 12, 3), today=today)
    assert "before" in check_completion(created=date(2026, 11, 1), completed=date(2026, 10, 1), today=today)
    assert check_completion(created=date(2026, 11, 1), completed=today, today=today) is None
    assert "complete" in check_impact(completed=None, assessed=today, today=today)
    assert "future" in check_impact(completed=date(2026, 11, 5), assessed=date(2026, 12, 3), today=today)
    assert "before" in check_impact(completed=date(2026, 11, 5), assessed=date(2026, 11, 4), today=today)
    assert check_impact(completed=date(2026, 11, 5), assessed=today, today=today) is None


# --- restrictions ----------------------------------------------------------------------------------------


def test_a_restriction_is_reviewed_after_it_starts_and_within_six_months():
    start = date(2026, 12, 1)
    assert check_restriction_dates(starts=start, review=start)
    assert "six months" in check_restriction_dates(starts=start, review=date(2027, 6, 30))
    assert check_restriction_dates(starts=start, review=date(2027, 3, 1)) is None
    assert check_review(reviewed=start, next_review=start)
    assert "six months" in check_review(reviewed=start, next_review=date(2027, 6, 30))
    assert check_review(reviewed=start, next_review=date(2027, 3, 1)) is None


def test_a_restriction_is_active_from_its_start_until_it_ends():
    start = date(2026, 12, 1)
    assert not is_active(start, None, date(2026, 11, 30))
    assert is_active(start, None, date(2026, 12, 1))
    assert is_active(start, date(2026, 12, 10), date(2026, 12, 9))
    assert not is_active(start, date(2026, 12, 10), date(2026, 12, 10))


def test_a_review_shows_as_due_two_weeks_ahead_until_the_restriction_ends():
    review = date(2026, 12, 20)
    assert not review_due(review, None, date(2026, 12, 5))
    assert review_due(review, None, date(2026, 12, 6))
    assert review_due(review, None, date(2027, 1, 6))  # overdue stays due
    assert not review_due(review, date(2026, 12, 10), date(2026, 12, 19))
