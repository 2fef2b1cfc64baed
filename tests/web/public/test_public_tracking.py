"""Checking on something sent: reference + code, the per-reference lock, expiry, and what can be done."""

from __future__ import annotations

from datetime import timedelta

import pytest
from public_helpers import code_from, reference_from, text_of
from sqlalchemy import select

from portal.intake import codes, tracking
from portal.models import AuditEvent, Message
from portal.notifications.models import Notification
from portal.notifications.outbox import personalisation_of
from portal.procedure import RespondStage1, add_working_days


@pytest.fixture
def sent(journey, client):
    """A complaint sent through the front door: (reference, code). The browser is signed out after."""
    journey.fill()
    journey.send()
    body = text_of(client.get("/tell-us/thank-you"))
    return reference_from(body), code_from(body)


def _give_code(app, submission) -> str:
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    return code


def _sign_in(journey, reference, code):
    return journey.post("/check", {"reference": reference, "code": code})


def test_the_right_code_opens_the_page(journey, client, sent):
    reference, code = sent
    response = _sign_in(journey, reference.lower().replace("-", " "), code.lower().replace("-", ""))
    assert response.headers["Location"].endswith("/check/status")
    body = text_of(client.get("/check/status"))
    assert "<title>What is happening – Example County Council</title>" in body
    assert "We have received it" in body and "get in touch by" in body
    assert "Sign out of this page" in body


def test_a_wrong_code_says_so_without_saying_which(journey, client, sent):
    reference, _code = sent
    body = text_of(_sign_in(journey, reference, "ABCD-2345-EFGH-6789"))
    assert "The reference or the code is not right" in body
    body = text_of(_sign_in(journey, "ZZZZ-ZZZZ", "ABCD-2345-EFGH-6789"))
    assert "The reference or the code is not right" in body
    assert client.get("/check/status").headers["Location"].endswith("/check")


def test_codes_that_look_wrong_say_how_to_fix_them(journey):
    body = text_of(_sign_in(journey, "ABC", "123"))
    assert "8 letters and numbers" in body and "12 numbers, like 4821 0937 5516" in body
    body = text_of(_sign_in(journey, "", ""))
    assert "Enter your reference" in body and "Enter your code" in body


def test_wrong_codes_lock_the_reference_with_back_off(journey, client, sent, session, monkeypatch):
    from portal.intake import submissions, tracking
    from portal.public.tracking_views import DEVICE_COOKIE

    reference, code = sent
    # A browser that never opened this reference's page (the one that sent it is counted on its own:
    # tests/security/test_tracking_lock_out.py).
    client.delete_cookie(DEVICE_COOKIE)
    for _ in range(4):
        assert "not right" in text_of(_sign_in(journey, reference, "ABCD-2345-EFGH-6789"))
    assert "tried too many times" in text_of(_sign_in(journey, reference, "ABCD-2345-EFGH-6789"))
    # While locked, even the right code is refused.
    assert "tried too many times" in text_of(_sign_in(journey, reference, code))
    start = submissions.now()
    monkeypatch.setattr(submissions, "now", lambda: start + timedelta(minutes=16))
    for _ in range(5):
        _sign_in(journey, reference, "ABCD-2345-EFGH-6789")
    from portal.models import TrackingAttempts

    attempts = session.get(TrackingAttempts, tracking.reference_hash(reference))
    assert attempts.locked_until - (start + timedelta(minutes=16)) > timedelta(minutes=29)  # doubled
    monkeypatch.setattr(submissions, "now", lambda: start + timedelta(minutes=60))
    assert _sign_in(journey, reference, code).headers["Location"].endswith("/check/status")
    session.refresh(attempts)
    assert attempts.failed_attempts == 0
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "tracking_locked")) is not None


def test_an_unknown_reference_locks_the_same_way(journey):
    for _ in range(4):
        assert "not right" in text_of(_sign_in(journey, "ZZZZ-ZZZZ", "ABCD-2345-EFGH-6789"))
    assert "tried too many times" in text_of(_sign_in(journey, "ZZZZ-ZZZZ", "ABCD-2345-EFGH-6789"))


def test_a_shared_address_is_not_locked_out_by_other_references(journey, client, sent):
    reference, code = sent
    for index in range(20):  # a care home: other young people mistyping their own references
        _sign_in(journey, f"ZZZZ-{index:04d}".replace("0", "2").replace("1", "3"), "ABCD-2345-EFGH-6789")
    assert _sign_in(journey, reference, code).headers["Location"].endswith("/check/status")


def test_the_page_closes_after_inactivity(journey, client, sent, monkeypatch):
    from portal.public import tracking_views

    reference, code = sent
    _sign_in(journey, reference, code)
    start = tracking_views.clock()
    monkeypatch.setattr(tracking_views, "clock", lambda: start + 20 * 60)
    assert client.get("/check/status").status_code == 200  # activity keeps it open
    monkeypatch.setattr(tracking_views, "clock", lambda: start + 51 * 60)
    assert "This page has closed" in text_of(client.get("/check/status"))
    assert client.get("/check/status").headers["Location"].endswith("/check")


def test_sign_out_of_this_page(journey, client, sent):
    reference, code = sent
    _sign_in(journey, reference, code)
    assert client.get("/check/sign-out").status_code == 303
    assert client.get("/check/status").headers["Location"].endswith("/check")


def test_add_more_information(journey, client, sent, session):
    reference, code = sent
    _sign_in(journey, reference, code)
    assert "Write what you would like to add" in text_of(journey.post("/check/add", {"more_information": ""}))
    response = journey.post("/check/add", {"more_information": "ما زلت أنتظر.\r\n🙏"})
    assert response.status_code == 303
    message = session.scalar(select(Message))
    assert message.direction == "from_young_person" and message.body == "ما زلت أنتظر.\n🙏"
    assert "ما زلت أنتظر." in text_of(client.get("/check/status"))


def test_adding_information_is_confirmed_once_after_the_redirect(journey, client, sent):
    reference, code = sent
    _sign_in(journey, reference, code)
    assert "We've added that" not in text_of(client.get("/check/status"))
    response = journey.post("/check/add", {"more_information": "My social worker still has not called."})
    assert response.headers["Location"].endswith("/check/status#messages")
    body = text_of(client.get("/check/status"))
    assert "We've added that. The people dealing with what you sent will read it." in body
    assert 'govuk-notification-banner--success" role="alert"' in body
    assert "We've added that" not in text_of(client.get("/check/status")), "said once, not on every visit"


def test_the_confirmation_is_in_arabic_for_an_arabic_page(journey, client, sent):
    reference, code = sent
    _sign_in(journey, reference, code)
    client.get("/check/status?lang=ar")
    journey.post("/check/add", {"more_information": "ما زلت أنتظر."})
    body = text_of(client.get("/check/status"))
    assert 'lang="ar" dir="rtl"' in body
    assert "We've added that" not in body and "أضفنا ذلك" in body


def test_withdraw_before_triage(journey, client, sent, session):
    from portal.models import Submission

    reference, code = sent
    _sign_in(journey, reference, code)
    assert "Do you want to withdraw" in text_of(client.get("/check/withdraw"))
    assert journey.post("/check/withdraw").status_code == 303
    submission = session.scalar(select(Submission))
    assert submission.status == "withdrawn"
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "submission_withdrawn")) is not None
    body = text_of(client.get("/check/status"))
    assert "You withdrew this" in body and "/check/withdraw" not in body


def test_messages_from_staff_are_shown(app, journey, client, make_case, session):
    from datetime import UTC, datetime

    case = make_case()
    code = _give_code(app, case.submission)
    session.add(Message(submission_id=case.submission.id, direction="to_young_person",
                        body="Thank you. Your manager will call on Monday.", sent_at=datetime.now(UTC)))
    session.commit()
    _sign_in(journey, case.reference, code)
    body = text_of(client.get("/check/status"))
    assert "We are looking into your complaint" in body and "They should answer by" in body
    assert "Thank you. Your manager will call on Monday." in body
    assert session.scalar(select(Message)).read_at is not None


def test_not_happy_with_the_answer_asks_for_the_next_stage(app, journey, client, make_case, session):
    from portal.procedure import uk_today

    case = make_case(received=uk_today() - timedelta(days=14),
                     events=(RespondStage1(on=uk_today(), outcome="not_upheld"),))
    code = _give_code(app, case.submission)
    session.commit()
    _sign_in(journey, case.reference, code)
    body = text_of(client.get("/check/status"))
    assert "We have answered" in body and "I'm not happy with the answer" in body
    deadline = add_working_days(uk_today(), 20)
    assert str(deadline.day) in text_of(client.get("/check/look-again"))
    assert journey.post("/check/look-again", {"why": "Nobody listened."}).status_code == 303
    session.refresh(case)
    assert case.status == "stage2_requested" and case.stage2_request_late is False
    assert session.scalar(select(Message)).body == "Nobody listened."


def test_a_late_request_is_recorded_for_staff_to_decide(app, journey, client, make_case, session):
    from datetime import date

    case = make_case(received=date(2025, 1, 6), events=(RespondStage1(on=date(2025, 1, 10), outcome="upheld"),))
    code = _give_code(app, case.submission)
    session.commit()
    _sign_in(journey, case.reference, code)
    assert "The time to ask ended on" in text_of(client.get("/check/look-again"))
    journey.post("/check/look-again", {"why": ""})
    session.refresh(case)
    assert case.status == "stage2_requested" and case.stage2_request_late is True


def test_withdraw_a_case(app, journey, client, make_case, session):
    case = make_case()
    code = _give_code(app, case.submission)
    session.commit()
    _sign_in(journey, case.reference, code)
    journey.post("/check/withdraw")
    session.refresh(case)
    assert case.status == "withdrawn"


def test_lost_code_by_email_sends_a_new_code_and_the_old_one_stops_once_it_is_used(journey, client, sent,
                                                                                 session):
    reference, old_code = sent
    response = journey.post("/check/lost-code", {"reference": reference})
    assert response.headers["Location"].endswith("/check/new-code")
    body = text_of(client.get("/check/new-code"))
    assert "If the reference is right" in body and "<title>What happens now – Example County Council</title>" in body
    notification = session.scalar(select(Notification))
    assert notification.to_address == "selam@example.com" and notification.template == "replacement_code"
    new_code = personalisation_of(notification)["code"]
    # Anyone who knows a reference can ask: the old code keeps working until the new one is used.
    assert _sign_in(journey, reference, old_code).headers["Location"].endswith("/check/status")
    assert _sign_in(journey, reference, new_code).headers["Location"].endswith("/check/status")
    assert "not right" in text_of(_sign_in(journey, reference, old_code))
    assert _sign_in(journey, reference, new_code).headers["Location"].endswith("/check/status")


def test_lost_code_without_email_is_a_task_for_staff(journey, client, session):
    journey.fill(contact={"contact_method": "text", "contact_text": "07700 900 982"})
    journey.send()
    reference = reference_from(text_of(client.get("/tell-us/thank-you")))
    journey.post("/check/lost-code", {"reference": reference})
    assert session.scalar(select(Notification).where(Notification.sent_at.is_(None))) is None  # no email to send
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "tracking_code_requested"))
    assert event.details["contact_method"] == "text" and event.details["task"] == "give_new_tracking_code"
    body = text_of(client.get("/check/new-code"))
    assert "we will call or text you" in body and "we have sent a text" not in body


def test_lost_code_reads_the_same_for_any_reference(journey, client, session):
    response = journey.post("/check/lost-code", {"reference": "ZZZZ-ZZZZ"})
    assert response.headers["Location"].endswith("/check/new-code")
    assert session.scalar(select(Notification).where(Notification.sent_at.is_(None))) is None
    assert "8 letters and numbers" in text_of(journey.post("/check/lost-code", {"reference": "nope"}))


def test_new_codes_are_limited_per_reference(journey, client, sent, session):
    reference, _code = sent
    for _ in range(5):
        journey.post("/check/lost-code", {"reference": reference})
    assert len(list(session.scalars(select(Notification).where(Notification.sent_at.is_(None))))) == 3


def test_a_new_code_closes_pages_opened_with_the_old_one(journey, client, sent, session):
    from portal.models import Submission

    reference, code = sent
    _sign_in(journey, reference, code)
    assert client.get("/check/status").status_code == 200
    submission = session.scalar(select(Submission).where(Submission.reference == reference))

    tracking.issue_new_tracking_code(submission, channel="in_person")
    response = client.get("/check/status")
    assert response.status_code == 303 and response.headers["Location"].endswith("/check")
