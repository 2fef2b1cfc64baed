"""The staff screens as staff meet them (issue 9, staff screens): plain words, the right managers,
find by reference, a queue that fits a phone, a complaints manager's own home, right plurals."""

from __future__ import annotations

import re
from datetime import date, timedelta

from portal.models import Person
from portal.procedure import (
    Outcome,
    RequestStage2,
    RespondStage1,
    add_working_days,
    is_working_day,
    uk_today,
    working_days_between,
)


def test_the_submission_page_shows_plain_words_never_stored_keys(client, session, make_user, make_submission):
    submission = make_submission(
        language="ar", what_happened="لا يوجد مترجم", where_they_live="foster_care", uas_child="no",
        name_withheld=False, advocate="independent", contact_method="none", interpreter_needed="yes",
        interpreter_language="Tigrinya", who_is_telling="young_person", kind="complaint",
    )
    client.sign_in(make_user("crs_officer"))
    body = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    answers = body[body.index("What they told us"):]
    assert "Living with a foster carer" in answers and "foster_care" not in answers
    for raw in (">None<", ">False<", ">True<", "independent<", "Uas child", "Where they live<"):
        assert raw not in answers, raw
    language = body[body.index('id="language"'):][:400]
    assert "Arabic (العربية)" in language and "Interpreter needed" in language and "Tigrinya" in language
    assert 'dir="auto" lang="ar"' in answers  # their own words, in their language and direction


def test_every_answer_the_front_door_asks_has_staff_words():
    from portal.intake import answers
    from staff.answers import LABELS, SHOWN_ELSEWHERE

    for question in answers.QUESTIONS:
        for key in question.keys:
            assert key in LABELS or key in SHOWN_ELSEWHERE, f"no staff wording for the answer {key!r}"


def test_the_manager_list_offers_only_the_chosen_teams_managers(client, make_user, make_team, make_submission):
    ours, theirs = make_team("Care Leavers Screens"), make_team("Adoption Screens")
    ours_manager = make_user("operational_manager", team=ours)
    ours_manager.name = "Ours Manager"
    theirs_manager = make_user("operational_manager", team=theirs)
    theirs_manager.name = "Theirs Manager"
    from portal.casework import triage

    submission = make_submission()
    officer = make_user("crs_officer")
    triage.claim(submission, actor=officer)
    client.sign_in(officer)
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "hx-get=\"/staff/submissions/" in page and 'id="responding-manager"' in page
    fragment = client.get(f"/staff/submissions/{submission.id}/responding-managers?team={ours.id}",
                          headers={"HX-Request": "true", "HX-Target": "responding-manager"}).get_data(as_text=True)
    assert "<html" not in fragment
    assert str(ours_manager.id) in fragment and str(theirs_manager.id) not in fragment


def test_find_by_reference_from_any_staff_page(client, session, make_user, make_case, make_team, make_submission):
    officer = make_user("crs_officer")
    case = make_case(team=make_team())
    waiting = make_submission()
    client.sign_in(officer)
    for page in ("/staff/", f"/staff/cases/{case.id}", "/staff/submissions"):
        assert 'action="/staff/find"' in client.get(page).get_data(as_text=True), page
    typed = case.reference.replace("-", " ").lower()
    found = client.get("/staff/find", query_string={"reference": typed})
    assert found.status_code == 303 and found.headers["Location"].endswith(f"/staff/cases/{case.id}")
    found = client.get("/staff/find", query_string={"reference": waiting.reference})
    assert found.headers["Location"].endswith(f"/staff/submissions/{waiting.id}")
    missing = client.get("/staff/find", query_string={"reference": "ZZZZ-ZZZZ"})
    assert missing.status_code == 200 and 'id="not-found"' in missing.get_data(as_text=True)


def test_find_never_finds_a_case_about_the_viewer(client, session, make_user, make_case, make_team):
    named = make_user("crs_officer")
    case = make_case(team=make_team())
    case.subject_staff.append(named)
    session.commit()
    client.sign_in(named)
    response = client.get("/staff/find", query_string={"reference": case.reference})
    assert response.status_code == 200 and 'id="not-found"' in response.get_data(as_text=True)


def test_the_triage_queue_is_cards_that_stack_on_a_phone(client, make_user, make_submission):
    make_submission()
    client.sign_in(make_user("crs_officer"))
    body = client.get("/staff/submissions").get_data(as_text=True)
    results = body[body.index('id="queue-results"'):]
    assert "<table" not in results and "govuk-summary-card" in results


def _late_request(make_case, team):
    return make_case(team=team, received=date(2026, 6, 1),
                     events=(RespondStage1(on=date(2026, 6, 5), outcome=Outcome.UPHELD),
                             RequestStage2(on=date(2026, 11, 2))))


def test_a_complaints_manager_sees_decisions_waiting_and_overdue_by_team(client, make_user, make_case, make_team):
    team = make_team("Looked After Children Screens")
    late = _late_request(make_case, team)
    overdue = make_case(team=team, received=date(2026, 9, 1))
    client.sign_in(make_user("complaints_manager"))
    body = client.get("/staff/").get_data(as_text=True)
    decisions = body[body.index('id="decisions"'):]
    assert late.reference in decisions[decisions.index('id="late-requests"'):][:600]
    row = re.search(r"Looked After Children Screens</th>\s*<td[^>]*>(\d+)</td>", body)
    assert row and int(row.group(1)) >= 1 and overdue.reference not in decisions[:200]


def test_a_triage_officer_keeps_the_officers_home(client, make_user, make_case, make_team):
    _late_request(make_case, make_team())
    client.sign_in(make_user("crs_officer"))
    body = client.get("/staff/").get_data(as_text=True)
    assert "Waiting for your decision" not in body and 'id="overdue"' in body


def _received_for(days_left: int) -> date:
    """A received date whose stage 1 due date is ``days_left`` working days from today."""
    today = uk_today()
    day = today
    while not (is_working_day(day) and working_days_between(day, today) == 10 - days_left):
        day -= timedelta(days=1)
    assert working_days_between(today, add_working_days(day, 10)) == days_left
    return day


def test_one_working_day_is_singular(client, make_user, make_case, make_team):
    case = make_case(team=make_team(), received=_received_for(1))
    client.sign_in(make_user("crs_officer"))
    body = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    deadline = body[body.index('id="current-deadline"'):][:400]
    assert "(1 working day left)" in deadline and "1 working days" not in deadline


def test_person_rows_say_nothing_raw(client, session, make_user, make_submission):
    submission = make_submission()
    submission.young_person = Person(name=None, age_when_received=None)
    session.commit()
    client.sign_in(make_user("crs_officer"))
    body = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Name not given" in body and ">None" not in body
