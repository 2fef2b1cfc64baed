"""How a claimed message leaves: SMTP (the default; STARTTLS and authentication when configured) or GOV.UK
Notify (``MESSAGE_SENDER=notify``: email and text messages), chosen by configuration (decision 0020).

Notify is used with one plain template per channel whose content is the portal's own text: an email
template with subject ``((subject))`` and body ``((body))`` (``NOTIFY_EMAIL_TEMPLATE_ID``), and a text
message template ``((body))`` (``NOTIFY_SMS_TEMPLATE_ID``). The portal's templates and their twelve
translations stay the one source of every message's words, and a new kind of message needs no change
in Notify. The outbox's ``Message-ID`` is sent as Notify's ``reference``.

A transport's ``send`` raises ``Failed``: ``stop`` when the service cannot be reached (the rest wait for
the next round), ``give_up`` when this message can never go (an address Notify refuses, an SMS with no
text-message sender).
"""

from __future__ import annotations

import smtplib
import ssl
from typing import Any

from flask import current_app


class Failed(Exception):
    def __init__(self, what: str, *, stop: bool = False, give_up: bool = False) -> None:
        super().__init__(what)
        self.what, self.stop, self.give_up = what[:200], stop, give_up


class SmtpTransport:
    def __init__(self) -> None:
        self.smtp: smtplib.SMTP | None = None

    def _connect(self) -> smtplib.SMTP:
        config = current_app.config
        try:
            smtp = smtplib.SMTP(config["SMTP_HOST"], int(config["SMTP_PORT"]), timeout=30)
        except OSError as error:
            raise Failed(f"connect: {type(error).__name__}", stop=True) from error
        try:
            if config["SMTP_STARTTLS"]:
                context = ssl.create_default_context(cafile=config["SMTP_CA_FILE"] or None)
                smtp.starttls(context=context)
            if config["SMTP_USERNAME"]:
                smtp.login(config["SMTP_USERNAME"], config["SMTP_PASSWORD"])
        except (smtplib.SMTPException, OSError, ssl.SSLError) as error:
            smtp.close()
            raise Failed(f"connect: {type(error).__name__} {getattr(error, 'smtp_code', '')}".strip(),
                         stop=True) from error
        return smtp

    def send(self, claimed: Any, build: Any) -> None:
        if claimed.channel != "email":
            raise Failed("no text-message sender: set MESSAGE_SENDER=notify", give_up=True)
        message = build(claimed)
        if self.smtp is None:
            self.smtp = self._connect()
        try:
            self.smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            self.close()  # the connection may be broken: a new one for the next message
            raise Failed(f"{type(error).__name__} {getattr(error, 'smtp_code', '')}".strip()) from error

    def close(self) -> None:
        if self.smtp is None:
            return
        try:
            self.smtp.quit()
        except (smtplib.SMTPException, OSError):
            self.smtp.close()
        self.smtp = None


class NotifyTransport:
    def __init__(self) -> None:
        from notifications_python_client.notifications import NotificationsAPIClient

        config = current_app.config
        self.client = NotificationsAPIClient(config["NOTIFY_API_KEY"], base_url=config["NOTIFY_BASE_URL"],
                                             timeout=30)
        self.templates = {"email": config["NOTIFY_EMAIL_TEMPLATE_ID"], "sms": config["NOTIFY_SMS_TEMPLATE_ID"]}

    def send(self, claimed: Any, build: Any) -> None:
        from notifications_python_client.errors import APIError

        message = build(claimed)
        body = message.get_content().strip()
        try:
            if claimed.channel == "sms":
                self.client.send_sms_notification(claimed.to_address, self.templates["sms"],
                                                  personalisation={"body": body}, reference=claimed.message_id)
            else:
                self.client.send_email_notification(claimed.to_address, self.templates["email"],
                                                    personalisation={"subject": str(message["Subject"]),
                                                                     "body": body},
                                                    reference=claimed.message_id)
        except APIError as error:
            status = error.status_code
            # Notify's 400 (a bad address or number) and 403 (the key) will not change by trying again;
            # 429 (its rate limit) and 5xx will, and so may a connection refused (reported as 503).
            raise Failed(f"notify: {status}", stop=status >= 500 or status == 429,
                         give_up=status in (400, 403)) from error

    def close(self) -> None:
        session = getattr(self.client, "request_session", None)
        if session is not None:
            session.close()


def transport() -> SmtpTransport | NotifyTransport:
    chosen = current_app.config["MESSAGE_SENDER"]
    if chosen == "notify":
        return NotifyTransport()
    if chosen != "smtp":
        raise RuntimeError(f"MESSAGE_SENDER={chosen!r}: choose smtp or notify.")
    return SmtpTransport()
