"""Sending what the outbox holds, through SMTP (``flask notifications send``, run by cron).

At-least-once: a message is marked sent after the SMTP server accepted it; a crash in between sends
it again with the same ``Message-ID``. What a message needed (a new tracking code) is wiped once sent.
"""

from __future__ import annotations

import smtplib
from datetime import UTC, datetime
from email.message import EmailMessage
from email.utils import formatdate

import click
from flask import current_app, render_template
from flask.cli import AppGroup
from flask_babel import force_locale, gettext
from sqlalchemy import select

from portal.db import db
from portal.notifications.models import Notification

MAX_ATTEMPTS = 5

# Subjects say nothing about the person or what they told us.
SUBJECTS = {
    "replacement_code": lambda: gettext("Your new code"),
    "reference_and_code": lambda: gettext("Your reference and code"),
    # To staff, whose area is English only.
    "sign_in_locked": lambda: "Signing in to your account is paused",
    # The advocacy service (portal.casework.advocacy): a new message says only that there is one.
    "message_waiting": lambda: gettext("You have a new message"),
    "advocacy_assigned": lambda: "A young person has been assigned to you",
    "safeguarding_concern": lambda: "A safeguarding concern has been raised",
    # To staff (portal.casework.documents): a file that waited for its scan was found infected.
    "document_removed": lambda: "A document was removed by the virus check",
}


def build(notification: Notification) -> EmailMessage:
    with force_locale(notification.language or "en"):
        subject = SUBJECTS[notification.template]()
        body = render_template(f"emails/{notification.template}.txt", **(notification.personalisation or {}))
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = notification.to_address
    message["Subject"] = subject
    message["Message-ID"] = notification.message_id
    message["Date"] = formatdate(localtime=False)
    message.set_content(body)
    return message


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Send up to ``limit`` waiting messages; returns (sent, failed)."""
    waiting = list(db.session.scalars(
        select(Notification)
        .where(Notification.sent_at.is_(None), Notification.attempts < MAX_ATTEMPTS)
        .order_by(Notification.created_at)
        .limit(limit)
    ))
    if not waiting:
        return 0, 0
    sent = failed = 0
    config = current_app.config
    try:
        smtp = smtplib.SMTP(config["SMTP_HOST"], int(config["SMTP_PORT"]), timeout=30)
    except OSError as error:
        for notification in waiting:
            notification.attempts += 1
            notification.last_error = f"connect: {type(error).__name__}"
        db.session.commit()
        return 0, len(waiting)
    with smtp:
        for notification in waiting:
            try:
                smtp.send_message(build(notification))
            except (smtplib.SMTPException, OSError) as error:
                notification.attempts += 1
                code = getattr(error, "smtp_code", "")
                notification.last_error = f"{type(error).__name__} {code}".strip()[:200]
                failed += 1
            else:
                notification.attempts += 1
                notification.sent_at = datetime.now(UTC)
                notification.personalisation = None
                notification.last_error = None
                sent += 1
            db.session.commit()
    return sent, failed


notifications_cli = AppGroup("notifications", help="The outbox: emails waiting to be sent.")


@notifications_cli.command("send")
@click.option("--limit", default=100, show_default=True)
def send_command(limit: int) -> None:
    """Send waiting emails through SMTP (SMTP_HOST, SMTP_PORT)."""
    sent, failed = send_pending(limit)
    click.echo(f"Sent {sent}, failed {failed}.")
