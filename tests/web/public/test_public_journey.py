"""The front door's journey through the test client (CSRF on): every step, every rule, one submission."""

from __future__ import annotations

from datetime import timedelta

import pytest
from public_helpers import ARABIC, TIGRINYA, code_from, reference_from, text_of
from sqlalchemy import func, select

from portal.models import AuditEvent, JourneyDraft, Submission


def _submissions(session) -> list[Submission]:
    return list(session.scalars(select(Submission)))


def test_complaint_is_stored_exactly_as_typed(journey, client, session):
    journey.fill()
    response = journey.send()
    assert response.status_code == 303 and response.headers["Location"].endswith("/tell-us/thank-you")
    body = text_of(client.get("/tell-us/thank-you"))
    [submission] = _submissions(session)
    assert reference_from(body) == submission.reference
    assert submission.kind == "complaint" and submission.channel == "web" and submission.language == "en"
    assert submission.status == "new" and submission.who_is_telling == "young_person"
    # A line break is one character: CRLF from the browser is stored as LF; nothing else changes.
    assert submission.answers["what_happened"] == ARABIC.replace("\r\n", "\n")
    assert submission.answers["what_would_help"] == TIGRINYA
    assert submission.answers["contact_email"] == "selam@example.com"
    assert not any(key.startswith("_") for key in submission.answers)
    person = submission.young_person
    assert person.name == "Selam" and person.age_when_received == 15 and person.email == "selam@example.com"
    assert (person.gender, person.ethnicity, person.uas_child) == ("female", "BAFR", True)
    assert submission.submitter is None
    # The code is shown, and only its keyed hash is stored.
    code = code_from(body)
    assert code.replace("-", "") not in str(submission.tracking_code_hash)
    assert len(submission.tracking_code_hash) == 64
    event = session.scalar(select(AuditEvent).where(AuditEvent.subject_id == submission.id))
    assert event.action == "submission_received" and event.actor_kind == "public"
    assert ARABIC[:10] not in str(event.details)
    # The answers kept during the journey are gone.
    assert session.scalar(select(func.count()).select_from(JourneyDraft)) == 0


@pytest.mark.parametrize("kind", ["complaint", "wishes_and_feelings", "advocacy_request"])
def test_each_kind_of_journey(journey, client, session, kind):
    journey.fill(kind)
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    [submission] = _submissions(session)
    assert submission.kind == kind
    assert ("first answer by" in body) == (kind == "complaint")
    assert "get in touch by" in body


def test_someone_else_telling_us(journey, client, session):
    journey.fill(who={"who_is_telling": "helper"},
                 name={"young_person_name": "", "name_withheld": "y"},
                 age={"dob_day": "3", "dob_month": "4", "dob_year": "2012", "age": ""})
    journey.send()
    [submission] = _submissions(session)
    assert submission.who_is_telling == "helper"
    assert submission.answers["young_person_knows"] == "agrees"
    assert submission.submitter.name == "Amina Yusuf"
    assert submission.submitter.email == "selam@example.com" and submission.young_person.email is None
    assert submission.young_person.name is None and submission.answers["name_withheld"] is True
    assert str(submission.young_person.date_of_birth) == "2012-04-03"


def test_a_young_person_is_not_asked_about_themselves_as_a_helper(journey, client):
    journey.step("start")
    response = journey.step("who")
    assert response.headers["Location"].endswith("/tell-us/name")
    assert client.get("/tell-us/you").headers["Location"].endswith("/tell-us/name")


def test_pages_are_neutral_and_say_what_to_do_in_danger(journey, client):
    for path in ["/tell-us/start"]:
        body = text_of(client.get(path))
        assert "<title>What would you like to do? – Example County Council</title>" in body
        assert "0800 1111" in body and "Exit this page" in body
    journey.fill()
    body = text_of(client.get("/tell-us/check"))
    assert "<title>Check your answers – Example County Council</title>" in body
    assert "Selam" in body and "selam@example.com" in body
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    assert "<title>Thank you – Example County Council</title>" in body


def test_answers_are_kept_server_side_and_come_back(journey, client, session):
    journey.step("start")
    journey.step("who")
    journey.step("name")
    draft = session.scalar(select(JourneyDraft))
    assert draft.answers["young_person_name"] == "Selam"
    with client.session_transaction() as cookie:
        assert "Selam" not in str(dict(cookie))
    assert 'value="Selam"' in text_of(client.get("/tell-us/name"))  # the back button brings them back


def test_after_an_error_everything_typed_is_still_there(journey, client):
    journey.step("start")
    long_text = "ሰላም " * 1500  # 6,000 characters
    response = journey.step("details", {"what_happened": long_text})
    body = text_of(response)
    assert response.status_code == 200
    assert "govuk-error-summary" in body and "<title>Error: What happened? – Example County Council</title>" in body
    assert "5,000 characters or fewer. You have written 6,000" in body
    assert long_text.strip() in body


def test_a_line_break_counts_as_one_character(journey):
    journey.step("start")
    exactly = "a" * 4998 + "\r\n" + "b"  # 5,000 characters once CRLF is LF; a browser sends 5,001
    assert journey.step("details", {"what_happened": exactly}).status_code == 303
    assert journey.step("details", {"what_happened": exactly + "c"}).status_code == 200


RULES = [
    ("start", {}, "Choose what you would like to do"),
    ("start", {"kind": "something_else"}, "Not a valid choice"),
    ("who", {}, "Choose who is telling us"),
    ("you", {"young_person_knows": "agrees"}, "Enter your name"),
    ("you", {"your_name": "A", "young_person_knows": "agrees"}, "Say how you know the young person"),
    ("you", {"your_name": "A", "your_relationship": "aunt"}, "Choose whether the young person knows"),
    ("you", {"your_name": "A" * 201, "your_relationship": "aunt", "young_person_knows": "agrees"},
     "200 characters or fewer"),
    ("name", {"young_person_name": "  "}, "Enter a name, or choose"),
    ("name", {"young_person_name": "Sam", "name_withheld": "y"}, "Delete the name, or untick"),
    ("age", {}, "Enter a date of birth, or an age"),
    ("age", {"dob_day": "3", "dob_month": "", "dob_year": "2012"}, "must include a day, a month and a year"),
    ("age", {"dob_day": "3", "dob_month": "x", "dob_year": "2012"}, "must be in numbers"),
    ("age", {"dob_day": "3", "dob_month": "4", "dob_year": "12"}, "Year must be 4 numbers"),
    ("age", {"dob_day": "31", "dob_month": "2", "dob_year": "2012"}, "must be a real date"),
    ("age", {"dob_day": "1", "dob_month": "1", "dob_year": "2999"}, "must be in the past"),
    ("age", {"dob_day": "1", "dob_month": "1", "dob_year": "1990"}, "up to the age of 25. Check the year"),
    ("age", {"age": "fifteen"}, "Enter an age as a number"),
    ("age", {"age": "40"}, "up to the age of 25. Check the age"),
    ("where", {}, "Choose where you live"),
    ("where", {"where_they_live": "not_sure", "service_or_worker": "x" * 501}, "500 characters or fewer"),
    ("details", {"what_happened": " \r\n "}, "Tell us what happened"),
    ("hopes", {"what_would_help": "x" * 5001}, "5,000 characters or fewer"),
    ("advocate", {}, "Choose whether you would like an advocate"),
    ("advocate", {"advocate": "own_choice"}, "Enter the name of the person you choose"),
    ("advocate", {"advocate": "own_choice", "advocate_name": "Gran"}, "Say who they are to you"),
    ("contact", {}, "Choose how we can contact you"),
    ("contact", {"contact_method": "phone"}, "Enter a phone number"),
    ("contact", {"contact_method": "text", "contact_text": "12345"}, "like 07700 900 982"),
    ("contact", {"contact_method": "email"}, "Enter an email address"),
    ("contact", {"contact_method": "email", "contact_email": "me at home"}, "in the correct format"),
    ("contact", {"contact_method": "post"}, "Enter the address to write to"),
    ("contact", {"contact_method": "worker"}, "Enter the name and job of the worker or carer"),
    ("contact-safety", {}, "Choose yes if we can leave a message"),
    ("interpreter", {}, "Choose yes if you need an interpreter"),
    ("interpreter", {"interpreter_needed": "yes"}, "Enter the language you need"),
    ("about-you", {"ethnicity": "NOBT"}, "Not a valid choice"),
]


@pytest.mark.parametrize(("slug", "data", "message"), RULES, ids=[f"{r[0]}-{r[2][:30]}" for r in RULES])
def test_validation_rules_say_how_to_fix_it(journey, client, slug, data, message):
    if slug != "start":
        journey.step("start")
        if slug == "you":
            journey.step("who", {"who_is_telling": "professional"})
        if slug == "contact-safety":
            journey.step("contact")
    response = journey.step(slug, data)
    body = text_of(response)
    assert response.status_code == 200, body[:500]
    assert "govuk-error-summary" in body and message in body
    assert "<title>Error: " in body


def test_optional_questions_can_be_left_out(journey, client, session):
    journey.fill(about_you={}, hopes={"what_would_help": ""}, contact={"contact_method": "none"})
    journey.send()
    [submission] = _submissions(session)
    assert submission.young_person.ethnicity is None and submission.young_person.gender is None
    assert "may_leave_message" not in submission.answers  # contact-safety did not apply


def test_answers_to_questions_no_longer_asked_are_not_sent(journey, session):
    journey.fill()
    journey.step("contact", {"contact_method": "phone", "contact_phone": "07700 900 982",
                             "contact_email": "old@example.com"})
    journey.send()
    [submission] = _submissions(session)
    assert "contact_email" not in submission.answers
    assert submission.young_person.phone == "07700 900 982" and submission.young_person.email is None


def test_change_links_come_back_to_check_your_answers(journey, client):
    journey.fill()
    body = text_of(client.get("/tell-us/check"))
    assert 'href="/tell-us/details"' in body
    response = journey.step("details", {"what_happened": "Changed"})
    assert response.headers["Location"].endswith("/tell-us/check")
    # A change that makes a new question apply asks it first.
    response = journey.step("who", {"who_is_telling": "parent_carer"})
    assert response.headers["Location"].endswith("/tell-us/you")


def test_check_your_answers_needs_every_step(journey, client):
    journey.step("start")
    assert client.get("/tell-us/check").headers["Location"].endswith("/tell-us/who")


def test_sending_twice_makes_one_submission(journey, client, session):
    journey.fill()
    first = journey.send()
    second = journey.send()  # a double tap, or the form sent again after a timeout
    assert first.status_code == second.status_code == 303
    assert second.headers["Location"].endswith("/tell-us/thank-you")
    assert len(_submissions(session)) == 1


def test_a_retry_after_a_lost_response_still_shows_the_same_code(journey, client, session, app):
    from portal.intake import tracking

    journey.fill()
    with client.session_transaction() as cookie:
        before = dict(cookie)
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    code = code_from(body)
    # The browser never saw that response: its cookie is the one it had before sending.
    with client.session_transaction() as cookie:
        cookie.update(before)
    again = journey.send()
    assert again.headers["Location"].endswith("/tell-us/thank-you")
    assert code_from(text_of(client.get("/tell-us/thank-you"))) == code
    assert len(_submissions(session)) == 1
    [submission] = _submissions(session)
    assert tracking.check_tracking_code(submission.reference, code) is not None


def test_the_code_is_shown_once(journey, client):
    journey.fill()
    journey.send()
    assert client.get("/tell-us/thank-you").status_code == 200
    response = client.get("/tell-us/thank-you")
    assert response.status_code == 303 and response.headers["Location"].endswith("/tell-us/start")


def test_the_honeypot_stops_a_robot(journey, session):
    journey.fill()
    response = journey.post("/tell-us/check", {"website": "http://spam.example"})
    assert response.status_code == 400
    assert _submissions(session) == []


def test_sending_needs_the_csrf_token(journey, client, session):
    journey.fill()
    response = client.post("/tell-us/check", data={"website": ""})
    assert response.status_code == 400
    assert _submissions(session) == []


def test_a_big_request_is_refused(journey):
    journey.step("start")
    response = journey.step("details", {"what_happened": "x" * 300_000})
    assert response.status_code == 413


def test_exit_this_page_deletes_the_saved_answers(journey, client, session):
    journey.step("start")
    journey.step("who")
    assert session.scalar(select(func.count()).select_from(JourneyDraft)) == 1
    assert client.get("/exit").status_code == 303
    assert session.scalar(select(func.count()).select_from(JourneyDraft)) == 0
    response = client.get("/tell-us/name")
    assert response.headers["Location"].endswith("/tell-us/start")


def test_answers_expire_after_the_session_lifetime(journey, client, session, monkeypatch):
    from portal.intake import submissions

    journey.step("start")
    journey.step("who")
    later = submissions.now() + timedelta(minutes=31)
    monkeypatch.setattr(submissions, "now", lambda: later)
    body = text_of(client.get("/tell-us/name"))
    assert "Your answers were deleted" in body and "30 minutes" in body
    assert session.scalar(select(func.count()).select_from(JourneyDraft)) == 0


def test_activity_keeps_answers_alive(journey, client, session, monkeypatch):
    from portal.intake import submissions

    journey.step("start")
    start = submissions.now()
    monkeypatch.setattr(submissions, "now", lambda: start + timedelta(minutes=20))
    journey.step("who")
    monkeypatch.setattr(submissions, "now", lambda: start + timedelta(minutes=40))
    assert client.get("/tell-us/name").status_code == 200


def test_purge_deletes_only_expired_drafts(journey, client, session, app):
    from portal.intake import submissions

    journey.step("start")
    assert submissions.purge_expired_drafts() == 0
    assert submissions.purge_expired_drafts(at=submissions.now() + timedelta(minutes=31)) == 1


def test_purge_command(app, journey, session):
    journey.step("start")
    result = app.test_cli_runner().invoke(args=["journeys", "purge"])
    assert "Deleted 0 expired" in result.output


def test_sending_is_rate_limited_per_address_but_generously(journey, client, app):
    from portal.public.journey_views import SEND_LIMIT

    assert int(SEND_LIMIT.split()[0]) >= 30


def test_the_language_is_recorded(journey, client, session):
    client.get("/?lang=ar")
    journey.fill()
    journey.send()
    [submission] = _submissions(session)
    assert submission.language == "ar"


def test_a_submission_is_listed_for_staff(journey, client, session, make_user):
    journey.fill()
    journey.send()
    [submission] = _submissions(session)
    client.get("/exit")
    client.sign_in(make_user("crs_officer"))
    body = text_of(client.get("/staff/submissions"))
    assert submission.reference in body


def test_with_csrf_protection_switched_off_a_journey_still_goes_on(app, monkeypatch):
    """A question's read builds its form without a CSRF field; its post must build it as configured (it
    once forced the field on, and with protection off, as some benches run, every step was refused)."""
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", False)
    browser = app.test_client()
    assert browser.get("/tell-us/start").status_code == 200
    response = browser.post("/tell-us/start", data={"kind": "complaint"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/tell-us/who")
    response = browser.post("/tell-us/who", data={"who_is_telling": "young_person"})
    assert response.status_code == 303
