"""The outbox's two senders: GOV.UK Notify (email and text messages) against a local HTTP server that
answers as Notify's API documents (POST /v2/notifications/email and /sms, a JWT signed with the key's
secret, 201 with the notification, 400 ValidationError, 500), and SMTP with STARTTLS and sign-in against
the real local server (aiosmtpd). Young people who chose text hear by text, content-free, in their language."""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import threading
import time
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jwt
import pytest
from portal_testing import Inbox, free_port
from sqlalchemy import select

from portal.notifications import outbox
from portal.notifications.models import Notification

SERVICE_ID, SECRET = str(uuid.uuid4()), str(uuid.uuid4())
EMAIL_TEMPLATE, SMS_TEMPLATE = str(uuid.uuid4()), str(uuid.uuid4())


class FakeNotify(BaseHTTPRequestHandler):
    received: list[dict] = []
    answer: int = 201

    def log_message(self, *args) -> None:  # quiet
        pass

    def _reply(self, status: int, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self) -> None:  # noqa: N802 - http.server's name
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        try:
            claims = jwt.decode(token, SECRET, algorithms=["HS256"])
            assert claims["iss"] == SERVICE_ID and abs(time.time() - claims["iat"]) < 30
        except (jwt.PyJWTError, AssertionError, KeyError):
            return self._reply(403, {"status_code": 403, "errors": [
                {"error": "AuthError", "message": "Invalid token: signature, api token not found"}]})
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        FakeNotify.received.append({"path": self.path, **body})
        if FakeNotify.answer != 201:
            return self._reply(FakeNotify.answer, {"status_code": FakeNotify.answer, "errors": [
                {"error": "ValidationError" if FakeNotify.answer == 400 else "Exception",
                 "message": "phone_number Not a UK mobile number" if FakeNotify.answer == 400 else "Internal"}]})
        sms = self.path == "/v2/notifications/sms"
        template = SMS_TEMPLATE if sms else EMAIL_TEMPLATE
        if self.path not in ("/v2/notifications/email", "/v2/notifications/sms") or body["template_id"] != template \
                or ("phone_number" if sms else "email_address") not in body:
            return self._reply(400, {"status_code": 400, "errors": [{"error": "BadRequestError", "message": "?"}]})
        content = {"body": body["personalisation"]["body"]}
        content |= {"from_number": "GOVUK"} if sms else {"subject": body["personalisation"]["subject"],
                                                          "from_email": "portal@notifications.service.gov.uk"}
        return self._reply(201, {"id": str(uuid.uuid4()), "reference": body.get("reference"), "content": content,
                                 "uri": "https://api.notifications.service.gov.uk/v2/notifications/x",
                                 "template": {"id": template, "version": 1, "uri": "https://example/t"}})


@pytest.fixture
def notify(app) -> Iterator[type[FakeNotify]]:
    FakeNotify.received, FakeNotify.answer = [], 201
    server = ThreadingHTTPServer(("127.0.0.1", 0), FakeNotify)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings = {"MESSAGE_SENDER": "notify", "NOTIFY_API_KEY": f"portal_test-{SERVICE_ID}-{SECRET}",
                "NOTIFY_BASE_URL": f"http://127.0.0.1:{server.server_address[1]}",
                "NOTIFY_EMAIL_TEMPLATE_ID": EMAIL_TEMPLATE, "NOTIFY_SMS_TEMPLATE_ID": SMS_TEMPLATE}
    old = {key: app.config[key] for key in settings}
    app.config.update(settings)
    yield FakeNotify
    app.config.update(old)
    server.shutdown()


def test_notify_sends_email_and_text_messages_in_their_language(app, session, notify):
    from flask_babel import force_locale, gettext

    from portal.notifications.sender import send_pending

    email = outbox.queue("young.person@example.com", "message_waiting", language="ar")
    text = outbox.queue("07700900123", "message_waiting", language="uk", channel="sms")
    session.commit()
    assert send_pending() == (2, 0)
    by_path = {request["path"]: request for request in notify.received}
    sent_email, sent_text = by_path["/v2/notifications/email"], by_path["/v2/notifications/sms"]
    assert (sent_email["email_address"], sent_email["template_id"], sent_email["reference"]) == \
        ("young.person@example.com", EMAIL_TEMPLATE, email.message_id)
    assert (sent_text["phone_number"], sent_text["template_id"], sent_text["reference"]) == \
        ("07700900123", SMS_TEMPLATE, text.message_id)
    with app.test_request_context("/"):
        with force_locale("ar"):
            subject, line = gettext("You have a new message"), gettext(
                "You have a new message from the Children's Rights Service.")
        with force_locale("uk"):
            text_line = gettext("You have a new message from the Children's Rights Service.")
    assert sent_email["personalisation"]["subject"] == subject and line in sent_email["personalisation"]["body"]
    assert text_line in sent_text["personalisation"]["body"] and text_line != line
    assert set(sent_text["personalisation"]) == {"body"}
    session.refresh(text)
    assert text.sent_at is not None and text.attempts == 1


def test_notify_refusals_are_given_up_and_its_outages_retried(app, session, notify):
    from portal.notifications.sender import send_pending

    refused = outbox.queue("0000", "message_waiting", channel="sms")
    session.commit()
    notify.answer = 400
    assert send_pending() == (0, 1)
    session.refresh(refused)
    assert refused.given_up_at is not None and refused.last_error == "notify: 400"

    waiting = outbox.queue("young.person@example.com", "message_waiting")
    session.commit()
    notify.answer = 500
    assert send_pending() == (0, 1)
    session.refresh(waiting)
    assert waiting.given_up_at is None and waiting.next_attempt_at is not None and waiting.last_error == "notify: 500"

    app.config["NOTIFY_API_KEY"] = f"portal_test-{SERVICE_ID}-{uuid.uuid4()}"  # a wrong secret: 403
    notify.answer = 201
    other = outbox.queue("another@example.com", "message_waiting")
    session.commit()
    assert send_pending() == (0, 1)
    session.refresh(other)
    assert other.given_up_at is not None and other.last_error == "notify: 403"


def test_smtp_cannot_send_a_text_message(app, session, smtp_server):
    from portal.notifications.sender import send_pending

    text = outbox.queue("07700900123", "message_waiting", channel="sms")
    session.commit()
    assert send_pending() == (0, 1)
    session.refresh(text)
    assert text.given_up_at is not None and "MESSAGE_SENDER=notify" in text.last_error


def _certificate(folder) -> tuple[str, str]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    certificate = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
                   .serial_number(x509.random_serial_number()).not_valid_before(now - dt.timedelta(minutes=5))
                   .not_valid_after(now + dt.timedelta(days=1))
                   .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                                  critical=False)
                   .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
                   .sign(key, hashes.SHA256()))
    cert_path, key_path = folder / "relay.pem", folder / "relay.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_path), str(key_path)


@pytest.fixture
def tls_relay(app, tmp_path) -> Iterator[tuple[Inbox, str, list]]:
    """aiosmtpd requiring STARTTLS, then sign-in (PLAIN or LOGIN) as relay-user / relay-password."""
    import ssl

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    cert, key = _certificate(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    logins: list = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # noqa: ANN001, ANN202
        logins.append((mechanism, auth_data.login))
        return AuthResult(success=(auth_data.login, auth_data.password) == (b"relay-user", b"relay-password"))

    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                            authenticator=authenticator, auth_required=True, auth_require_tls=True)
    controller.start()
    old = {key: app.config[key] for key in ("SMTP_HOST", "SMTP_PORT", "SMTP_STARTTLS", "SMTP_CA_FILE",
                                             "SMTP_USERNAME", "SMTP_PASSWORD")}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    yield inbox, cert, logins
    app.config.update(old)
    controller.stop()


def test_smtp_with_starttls_and_sign_in(app, session, tls_relay):
    from portal.notifications.sender import send_pending

    inbox, cert, logins = tls_relay
    message = outbox.queue("young.person@example.com", "message_waiting")
    session.commit()
    assert send_pending() == (0, 1)  # the relay insists on STARTTLS: refused, and tried again later
    session.refresh(message)
    assert message.last_error == "SMTPSenderRefused 530" and inbox.messages == []  # 530: STARTTLS first

    app.config.update(SMTP_STARTTLS=True, SMTP_CA_FILE=cert, SMTP_USERNAME="relay-user",
                      SMTP_PASSWORD="wrong")  # noqa: S106 - a test relay's
    session.execute(Notification.__table__.update().values(next_attempt_at=None))
    session.commit()
    assert send_pending() == (0, 1) and inbox.messages == []  # signed in with the wrong password: refused

    app.config["SMTP_PASSWORD"] = "relay-password"  # noqa: S105 - a test relay's
    session.execute(Notification.__table__.update().values(next_attempt_at=None))
    session.commit()
    assert send_pending() == (1, 0)
    assert len(inbox.messages) == 1 and logins[-1][1] == b"relay-user"


def test_a_young_person_who_chose_text_hears_by_text(app, session, make_submission, notify):
    from portal.casework import young_persons_words

    submission = make_submission(language="so", contact_method="text", contact_text="07700 900123")
    assert young_persons_words.notify_message_waiting(submission) == "text_sent"
    notice = session.scalar(select(Notification))
    assert (notice.channel, notice.to_address, notice.template, notice.language) == \
        ("sms", "07700 900123", "message_waiting", "so")
    assert notice.sealed_personalisation is None  # nothing about them: the words say only that one waits
    app.config["MESSAGE_SENDER"] = "smtp"  # no text-message sender: staff are told to text them
    other = make_submission(contact_method="text", contact_text="07700 900456")
    assert young_persons_words.notify_message_waiting(other) == "text"


def test_production_refuses_incomplete_sender_settings():
    from portal.config import Config, message_sender_refusal

    def settings(**values):
        return type("Settings", (Config,), values)()

    assert message_sender_refusal(settings()) is None
    assert "NOTIFY_SMS_TEMPLATE_ID" in message_sender_refusal(settings(
        MESSAGE_SENDER="notify", NOTIFY_API_KEY="k", NOTIFY_EMAIL_TEMPLATE_ID="t"))
    assert message_sender_refusal(settings(MESSAGE_SENDER="notify", NOTIFY_API_KEY="k", NOTIFY_EMAIL_TEMPLATE_ID="t",
                                           NOTIFY_SMS_TEMPLATE_ID="s")) is None
    assert "in clear" in message_sender_refusal(settings(SMTP_USERNAME="relay"))
    assert message_sender_refusal(settings(SMTP_USERNAME="relay", SMTP_STARTTLS=True)) is None
    assert "choose smtp or notify" in message_sender_refusal(settings(MESSAGE_SENDER="pigeon"))
