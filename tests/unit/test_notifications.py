"""The outbox and its SMTP sender, against a real local SMTP server (aiosmtpd)."""
from __future__ import annotations

import pytest
from portal_testing import free_port
from sqlalchemy import select

from portal.intake import tracking
from portal.notifications.outbox import personalisation_of


def _submission_with_email(make_submission, session):
    submission = make_submission(what_happened="private words", contact_method="email",
                                 contact_email="young.person@example.com")
    return submission


def test_a_new_code_email_carries_the_code_and_nothing_personal(app, database, session, make_submission,
                                                                smtp_server):
    from portal.notifications.models import Notification
    from portal.notifications.sender import send_pending

    submission = _submission_with_email(make_submission, session)
    code = tracking.issue_new_tracking_code(submission, channel="email")
    assert send_pending() == (1, 0)
    [envelope] = smtp_server.messages
    assert envelope.rcpt_tos == ["young.person@example.com"]
    text = envelope.content.decode()
    assert f"Your new code to check on what you sent us is {code}" in text
    assert submission.reference not in text and "Test Young Person" not in text and "private words" not in text
    assert "Subject: Your new code" in text
    notification = session.scalar(select(Notification))
    assert notification.sent_at is not None and notification.sealed_personalisation is None
    assert f"Message-ID: {notification.message_id}" in text
    assert send_pending() == (0, 0)  # nothing sent twice


def test_the_email_is_in_the_submissions_language(app, database, session, make_submission, smtp_server):
    from portal.notifications.models import Notification
    from portal.notifications.sender import build

    submission = make_submission(language="ar", contact_method="email", contact_email="a@example.com")
    tracking.issue_new_tracking_code(submission, channel="email")
    message = build(session.scalar(select(Notification)))
    assert message["Subject"]  # translated when the catalogue has it; never names anyone
    assert submission.reference not in message.get_content()


def test_a_failed_send_is_retried_with_the_same_message_id(app, database, session, make_submission):
    from portal.notifications.models import Notification
    from portal.notifications.sender import send_pending

    submission = _submission_with_email(make_submission, session)
    tracking.issue_new_tracking_code(submission, channel="email")
    app.config["SMTP_PORT"], old = free_port(), app.config["SMTP_PORT"]  # nobody listening
    try:
        assert send_pending() == (0, 1)
    finally:
        app.config["SMTP_PORT"] = old
    notification = session.scalar(select(Notification))
    assert notification.sent_at is None and notification.attempts == 1
    assert notification.last_error.startswith("connect:") and "@" not in notification.last_error
    assert personalisation_of(notification)["code"]  # kept until it has been sent


def test_the_send_command(app, database, session, make_submission, smtp_server):

    tracking.issue_new_tracking_code(_submission_with_email(make_submission, session), channel="email")
    session.commit()
    result = app.test_cli_runner().invoke(args=["notifications", "send"])
    assert "Sent 1, failed 0." in result.output
    assert len(smtp_server.messages) == 1


def test_staff_can_reissue_a_code_in_person(app, database, session, make_submission, make_user):
    from portal.intake import codes
    from portal.models import AuditEvent
    from portal.notifications.models import Notification

    submission = make_submission()
    officer = make_user("crs_officer")
    code = tracking.issue_new_tracking_code(submission, actor=officer, channel="phone")
    assert codes.tracking_code_matches(code, submission.tracking_code_hash, app.config["TRACKING_CODE_KEY"])
    assert session.scalar(select(Notification)) is None
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "tracking_code_reissued"))
    assert event.actor_id == officer.id and event.details == {"channel": "phone"}


def _shipped_languages():
    from pathlib import Path

    from portal.i18n import LANGUAGES, shipped_codes

    root = Path(__file__).resolve().parents[2] / "translations"
    return sorted(code for code in shipped_codes(root) if code != "en" and code in LANGUAGES)


@pytest.mark.parametrize("lang", _shipped_languages())
def test_emails_reach_the_young_person_in_their_language(app, database, session, make_submission, smtp_server,
                                                         lang):
    """Rendered when the outbox is sent (cron: no request, no browser), in the language stored on the
    message: subject and body through the real SMTP server, the code isolated in right-to-left text."""
    from email import message_from_bytes, policy

    from flask_babel import force_locale, gettext

    from portal.i18n import LANGUAGES
    from portal.notifications.models import Notification
    from portal.notifications.sender import send_pending

    submission = make_submission(language=lang, contact_method="email", contact_email="yp@example.com")
    code = tracking.issue_new_tracking_code(submission, channel="email")
    assert session.scalar(select(Notification)).language == lang
    with app.app_context():  # as the send command runs it: an app, no request
        assert send_pending() == (1, 0)
    [envelope] = smtp_server.messages
    message = message_from_bytes(envelope.content, policy=policy.default)
    body = message.get_content()
    with app.test_request_context("/"), force_locale(lang):
        subject, opening = gettext("Your new code"), gettext("Your new code to check on what you sent us is %(code)s")
    assert subject != "Your new code" and message["Subject"] == subject
    shown = f"\u2066{code}\u2069" if LANGUAGES[lang].is_rtl else code
    assert opening.replace("%(code)s", shown) in body, body
    assert "Your new code to check" not in body and submission.reference not in body
