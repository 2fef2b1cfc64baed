"""Issue 9: each kind its own journey and words, "you" wording, neutral titles and paths, nothing typed
lost to the time limit, shorter codes that can be emailed, digits in any script."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from public_helpers import ARABIC, code_from, reference_from, text_of
from sqlalchemy import func, select

from portal.intake import codes
from portal.models import AuditEvent, JourneyDraft, Submission
from portal.notifications.models import Notification
from portal.notifications.outbox import personalisation_of


def _submission(session) -> Submission:
    [submission] = list(session.scalars(select(Submission)))
    return submission


def _visited(journey, kind: str, **overrides) -> list[str]:
    """The slugs a journey of this kind asks, in order."""
    slugs = []
    response = journey.step("start", {"kind": kind})
    while not response.headers["Location"].endswith("/tell-us/check"):
        slug = response.headers["Location"].rsplit("/", 1)[1]
        slugs.append(slug)
        from public_helpers import STEP_DATA

        response = journey.step(slug, overrides.get(slug.replace("-", "_"), STEP_DATA[slug]))
        assert response.status_code == 303, text_of(response)[:3000]
    return slugs


def test_an_advocacy_request_asks_what_help_and_which_advocate_not_whether(journey, client, session):
    slugs = _visited(journey, "advocacy_request")
    assert "help" in slugs and "advocate-choice" in slugs
    assert not {"details", "hopes", "advocate", "wishes"} & set(slugs)
    page = text_of(client.get("/tell-us/advocate-choice"))
    assert "Who would you like as your advocate?" in page
    assert "Would you like an advocate?" not in page and "No, I do not want an advocate" not in page
    assert "An advocate of my choosing" in page and "A language your advocate should speak" in page
    check = text_of(client.get("/tell-us/check"))
    assert "What you would like help with" in check and "What happened" not in check
    journey.send()
    answers = _submission(session).answers
    assert answers["help_wanted"] == ARABIC.replace("\r\n", "\n")
    assert answers["advocate"] == "independent" and answers["advocate_gender"] == "woman"
    assert answers["advocate_language"] == "Tigrinya"
    assert "what_happened" not in answers and "what_would_help" not in answers


def test_an_advocate_of_my_choosing_needs_their_name_and_who_they_are(journey, client, session):
    journey.step("start", {"kind": "advocacy_request"})
    body = text_of(journey.step("advocate-choice", {"advocate": "own_choice"}))
    assert "Enter the name of the person you choose" in body and "Say who they are to you" in body
    assert "No" not in re.findall(r'value="(\w+)"', body)
    response = journey.step("advocate-choice", {"advocate": "own_choice", "advocate_name": "Gran",
                                                "advocate_relationship": "my grandmother",
                                                "advocate_gender": "man"})
    assert response.status_code == 303
    journey.fill("advocacy_request", advocate_choice={"advocate": "own_choice", "advocate_name": "Gran",
                                                      "advocate_relationship": "my grandmother",
                                                      "advocate_gender": "man"})
    journey.send()
    answers = _submission(session).answers
    assert (answers["advocate"], answers["advocate_name"]) == ("own_choice", "Gran")
    assert "advocate_gender" not in answers  # a preference for someone we find, not their own choice


def test_an_advocacy_request_goes_to_the_advocacy_queue_not_the_triage_queue(journey, client, session, make_user):
    journey.fill("advocacy_request")
    journey.send()
    submission = _submission(session)
    client.get("/exit")
    client.sign_in(make_user("crs_officer"))
    assert submission.reference in text_of(client.get("/staff/advocacy"))
    assert submission.reference not in text_of(client.get("/staff/submissions"))
    page = text_of(client.get(f"/staff/submissions/{submission.id}"))
    assert "waits in the advocacy queue" in page and "Claim for triage" not in page


def test_wishes_and_feelings_asks_what_they_want_people_to_know(journey, client, session):
    slugs = _visited(journey, "wishes_and_feelings")
    assert "wishes" in slugs and not {"details", "hopes", "advocate", "help", "advocate-choice"} & set(slugs)
    page = text_of(client.get("/tell-us/wishes"))
    assert "<title>What do you want people to know? – Example County Council</title>" in page
    check = text_of(client.get("/tell-us/check"))
    assert "What you want people to know" in check and "What happened" not in check
    journey.send()
    answers = _submission(session).answers
    assert answers["wishes"] == ARABIC.replace("\r\n", "\n") and answers["who_should_know"] == "My social worker"
    assert "what_happened" not in answers and "advocate" not in answers


def test_a_young_person_reads_you_everywhere_on_check_your_answers(journey, client):
    journey.fill()
    body = text_of(client.get("/tell-us/check"))
    for words in ["Where you live", "Came to the UK on your own", "Your gender", "Your age"]:
        assert words in body
    for words in ["Where they live", "on their own", "Their gender", "The young person's name"]:
        assert words not in body


def test_someone_else_reads_they_on_check_your_answers(journey, client):
    journey.fill(who={"who_is_telling": "helper"})
    body = text_of(client.get("/tell-us/check"))
    assert "Where they live" in body and "Came to the UK on their own" in body and "Where you live" not in body


def test_a_helper_sees_they_in_error_messages_and_a_young_person_sees_you(journey):
    journey.step("start")
    assert "Choose where you live" in text_of(journey.step("where", {}))
    journey.step("who", {"who_is_telling": "helper"})
    assert "Choose where the young person lives" in text_of(journey.step("where", {}))


def test_do_not_contact_me_is_not_answered_with_in_the_way_you_chose(journey, client):
    journey.fill(contact={"contact_method": "none"})
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    assert "in the way you chose" not in body and "You asked us not to contact you" in body
    reference, code = reference_from(body), code_from(body)
    journey.post("/check", {"reference": reference, "code": code})
    status = text_of(client.get("/check/status"))
    assert "We have received it" in status
    assert "in the way you chose" not in status and "You asked us not to contact you" in status


def test_a_post_after_the_time_limit_keeps_what_it_carried(journey, client, session, monkeypatch):
    from portal.intake import submissions

    journey.step("start", {"kind": "wishes_and_feelings"})
    journey.step("who")
    later = submissions.now() + timedelta(minutes=31)
    monkeypatch.setattr(submissions, "now", lambda: later)
    long_text = "ሰላም " * 1000
    response = journey.post("/tell-us/wishes", {"wishes": long_text, "who_should_know": "",
                                                "journey_kind": "wishes_and_feelings"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/tell-us/who")
    [draft] = list(session.scalars(select(JourneyDraft)))
    assert draft.kind == "wishes_and_feelings" and draft.answers["wishes"] == long_text
    page = text_of(client.get("/tell-us/who"))
    assert "We kept what you just wrote" in page
    assert "We kept what you just wrote" not in text_of(client.get("/tell-us/who"))  # said once
    assert long_text.strip() in text_of(client.get("/tell-us/wishes"))


def test_a_late_post_with_an_error_still_shows_what_was_typed(journey, client, monkeypatch):
    from portal.intake import submissions

    journey.step("start")
    later = submissions.now() + timedelta(minutes=31)
    monkeypatch.setattr(submissions, "now", lambda: later)
    too_long = "x" * 5001
    body = text_of(journey.post("/tell-us/details", {"what_happened": too_long, "journey_kind": "complaint"}))
    assert "5,000 characters or fewer" in body and too_long in body


def test_keep_my_answers_extends_the_time_limit(journey, client, session, monkeypatch):
    from portal.intake import submissions

    journey.step("start")
    start = submissions.now()
    page = text_of(client.get("/tell-us/who"))
    assert 'id="timeout-warning"' in page and 'data-timeout-seconds="1800"' in page
    assert 'data-warn-seconds="300"' in page and "Keep my answers" in page
    monkeypatch.setattr(submissions, "now", lambda: start + timedelta(minutes=26))
    response = journey.post("/tell-us/keep", headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.json == {"kept": True}
    monkeypatch.setattr(submissions, "now", lambda: start + timedelta(minutes=50))
    assert client.get("/tell-us/who").status_code == 200 and session.scalar(
        select(func.count()).select_from(JourneyDraft)) == 1
    # Without JavaScript the same form goes back to the page; never to another site.
    response = journey.post("/tell-us/keep", {"next": "/tell-us/who"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/tell-us/who")
    response = journey.post("/tell-us/keep", {"next": "https://evil.example/tell-us/x"})
    assert response.headers["Location"].endswith("/tell-us")
    monkeypatch.setattr(submissions, "now", lambda: start + timedelta(minutes=200))
    assert journey.post("/tell-us/keep", headers={"Accept": "application/json"}).status_code == 410


def test_keep_my_answers_needs_the_csrf_token(journey, client):
    journey.step("start")
    assert client.post("/tell-us/keep").status_code == 400


def test_the_new_code_is_twelve_digits_in_three_groups(journey, client, session):
    journey.fill()
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    code = code_from(body)
    assert re.fullmatch(r"\d{4}-\d{4}-\d{4}", code)
    assert "We will not show the code again" not in body and "govuk-warning-text" not in body
    assert "you can get a new one" in body and "I've lost my code" in body


@pytest.mark.parametrize("typed", [
    lambda c: c,  # as shown
    lambda c: c.replace("-", ""),  # run together
    lambda c: c.replace("-", " "),  # spaced
    lambda c: c.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")),  # Arabic-Indic digits
    lambda c: c.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")),  # Persian digits
])
def test_the_code_is_accepted_however_the_digits_are_written(journey, client, typed):
    journey.fill()
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    reference, code = reference_from(body), code_from(body)
    response = journey.post("/check", {"reference": reference, "code": typed(code)})
    assert response.headers["Location"].endswith("/check/status")


def test_an_old_sixteen_character_code_still_works(app, journey, client, session):
    journey.fill()
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    reference = reference_from(body)
    submission = _submission(session)
    old = "K7Q2-M9XP-4HTW-ZB3C"  # the format before decision 0009
    submission.tracking_code_hash = codes.hash_tracking_code(old, app.config["TRACKING_CODE_KEY"])
    session.commit()
    response = journey.post("/check", {"reference": reference, "code": old.lower().replace("-", " ")})
    assert response.headers["Location"].endswith("/check/status")


def test_the_reference_and_code_can_be_emailed_without_the_childs_words(journey, client, session):
    journey.fill()
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    assert "Email me my reference and code" in body
    reference, code = reference_from(body), code_from(body)
    page = text_of(journey.post("/tell-us/thank-you/email"))
    assert "Email on its way" in page and code.replace("-", "") not in page.replace(" ", "")
    [notification] = list(session.scalars(select(Notification)))
    assert notification.template == "reference_and_code" and notification.to_address == "selam@example.com"
    assert personalisation_of(notification) == {"reference": reference, "code": code}
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "tracking_code_emailed"))
    assert event is not None and code not in str(event.details)
    # Once only: the offer has gone from this browser.
    assert "We could not email it" in text_of(journey.post("/tell-us/thank-you/email"))
    assert session.scalar(select(func.count()).select_from(Notification)) == 1


def test_the_emailed_code_carries_no_childs_words(app, journey, client, session):
    from portal.notifications.sender import build

    journey.fill()
    journey.send()
    client.get("/tell-us/thank-you")
    journey.post("/tell-us/thank-you/email")
    notification = session.scalar(select(Notification))
    with app.test_request_context():
        message = build(notification)
    text = message.get_content()
    assert personalisation_of(notification)["code"].replace("-", " ") in text
    assert "Selam" not in text and ARABIC[:10] not in text and "complaint" not in text.lower()
    assert message["Subject"] == "Your reference and code"


def test_no_email_offer_without_an_email_address(journey, client):
    journey.fill(contact={"contact_method": "phone", "contact_phone": "07700 900 982"})
    journey.send()
    assert "Email me my reference and code" not in text_of(client.get("/tell-us/thank-you"))


def _title(body: str) -> str:
    return body.split("<title>")[1].split("</title>")[0]


def _heading(body: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)
    assert match, body[:3000]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", match.group(1))).strip()


@pytest.mark.parametrize("kind", ["complaint", "wishes_and_feelings", "advocacy_request"])
def test_every_title_is_the_pages_heading_then_the_council_and_says_nothing_revealing(journey, client, kind):
    journey.fill(kind, who={"who_is_telling": "professional"}, contact={"contact_method": "none"})
    urls = [f"/tell-us/{slug}" for slug in ["start", "who", "you", "name", "age", "where", "details", "hopes",
                                            "wishes", "help", "advocate", "advocate-choice", "contact",
                                            "interpreter", "about-you"]] + ["/tell-us/check"]
    seen = 0
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = text_of(response)
        seen += 1
        assert _title(body) == f"{_heading(body)} – Example County Council", url
    assert seen >= 10
    journey.send()
    pages = {"/tell-us/thank-you": text_of(client.get("/tell-us/thank-you"))}
    for url, body in pages.items():
        title = _title(body).lower()
        for word in ["complaint", "sent", "not happy", "advocate", "wishes"]:
            assert word not in title and word not in url, (url, title)


def test_an_error_page_title_starts_with_error(journey):
    journey.step("start")
    body = text_of(journey.step("who", {}))
    assert _title(body) == "Error: Who is telling us? – Example County Council"


def test_tracking_titles_and_paths_are_neutral(journey, client, session):
    journey.fill()
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    journey.post("/check", {"reference": reference_from(body), "code": code_from(body)})
    for url in ["/check", "/check/status", "/check/add", "/check/withdraw", "/check/lost-code", "/check/new-code"]:
        response = client.get(url)
        if response.status_code != 200:
            continue
        title = _title(text_of(response)).lower()
        assert title.endswith("– example county council")
        for word in ["complaint", "sent", "not happy"]:
            assert word not in title and word not in url, (url, title)


@pytest.mark.parametrize(("typed", "stored"), [
    ({"dob_day": "٣", "dob_month": "٤", "dob_year": "٢٠١٢", "age": ""}, ("3", "4", "2012")),
    ({"dob_day": "۳", "dob_month": "۴", "dob_year": "۲۰۱۲", "age": ""}, ("3", "4", "2012")),
    ({"dob_day": "27", "dob_month": "March", "dob_year": "2011", "age": ""}, ("27", "3", "2011")),
    ({"dob_day": "27", "dob_month": "mar", "dob_year": "2011", "age": ""}, ("27", "3", "2011")),
    ({"dob_day": "٢٧", "dob_month": "مارس", "dob_year": "٢٠١١", "age": ""}, ("27", "3", "2011")),
    ({"dob_day": "1", "dob_month": "آذار", "dob_year": "2011", "age": ""}, ("1", "3", "2011")),
])
def test_a_date_of_birth_in_any_digits_or_with_a_month_name(journey, session, typed, stored):
    journey.fill(age=typed)
    journey.send()
    submission = _submission(session)
    assert (submission.answers["dob_day"], submission.answers["dob_month"], submission.answers["dob_year"]) == stored
    assert submission.young_person.date_of_birth is not None


def test_an_age_and_a_phone_number_in_arabic_or_persian_digits_are_stored_as_0_to_9(journey, session):
    journey.fill(age={"age": "١٥"}, contact={"contact_method": "text", "contact_text": "۰۷۷۰۰ ۹۰۰ ۹۸۲"})
    journey.send()
    submission = _submission(session)
    assert submission.answers["age"] == "15" and submission.young_person.age_when_received == 15
    assert submission.answers["contact_text"] == "07700 900 982" and submission.young_person.phone == "07700 900 982"


def test_long_answers_have_no_stray_indentation_on_check_your_answers(journey, client):
    journey.fill(details={"what_happened": "First line\r\nSecond line"})
    body = client.get("/tell-us/check").get_data(as_text=True)
    assert '<span class="app-preserve-lines" dir="auto">First line&#10;Second line</span>' in body
    # The pre-wrapped element holds the answer and nothing else: no macro indentation inside it.
    for inside in re.findall(r'class="app-preserve-lines" dir="auto">(.*?)</span>', body, re.S):
        assert inside == inside.strip() and "\n" not in inside
    assert "govuk-summary-list__value app-preserve-lines" not in body
