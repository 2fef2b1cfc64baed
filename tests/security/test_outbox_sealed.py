"""A tracking code never rests in plain text: what waits in the outbox is sealed with OUTBOX_KEY, and
wiped when sent, when given up and after OUTBOX_MAX_AGE_HOURS.

The test commits for real and, after every step, reads every row of every table (and, on SQLite, the
database file and its write-ahead log byte for byte) looking for each code issued.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from portal_testing import committing, free_port
from sqlalchemy import inspect, select, text, update
from sqlalchemy.engine import make_url

TOUCHED = ("audit_events", "notifications", "tracking_attempts", "submissions", "people")


@pytest.fixture
def committed(app, database) -> Iterator[None]:
    with committing(TOUCHED):
        yield


def _forms(secret: str) -> set[bytes]:
    """The ways a code could be written down: as issued, without its dashes, lower case."""
    plain = secret.replace("-", "").replace(" ", "")
    return {form.encode() for form in (secret, plain, secret.lower(), plain.lower())}


def found_on_disk(*secrets: str) -> list[str]:
    """Which of ``secrets`` appear anywhere in the database: every row of every table as text, and on
    SQLite the file and its write-ahead log as bytes."""
    from portal.db import db

    db.session.commit()  # the test's own session holds no lock while the scan reads
    found: set[str] = set()
    with db.engine.connect().execution_options(deferred_begin=True) as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):  # noqa: S608 - names from the schema
                seen = repr(tuple(row)).encode()
                found |= {secret for secret in secrets if any(form in seen for form in _forms(secret))}
    url = make_url(str(db.engine.url))
    if url.get_backend_name() == "sqlite":
        for suffix in ("", "-wal"):
            path = Path(f"{url.database}{suffix}")
            if path.exists():
                # Read by another process: closing a descriptor of the database file in this one would drop
                # every POSIX lock SQLite holds on it here, and another process could then reset the WAL
                # under this one's open connections ("disk I/O error" in a later test).
                content = subprocess.run(["cat", str(path)], capture_output=True, check=True).stdout  # noqa: S603, S607
                found |= {secret for secret in secrets if any(form in content for form in _forms(secret))}
    return sorted(found)


def test_no_tracking_code_rests_in_plain_text_at_any_step(app, committed, make_submission, smtp_server):
    from portal.db import db
    from portal.intake import tracking
    from portal.notifications import outbox, sender
    from portal.notifications.models import Notification

    submission = make_submission(contact_method="email", contact_email="young.person@example.com")
    # The scan finds what is stored in plain text: the reference is.
    assert found_on_disk(submission.reference) == [submission.reference]
    issued = []

    # 1. Queued: a new code waits for the sender, sealed.
    issued.append(tracking.issue_new_tracking_code(submission, channel="email"))
    waiting = db.session.scalar(select(Notification))
    assert outbox.personalisation_of(waiting)["code"] == issued[0]  # the sender can open it
    assert found_on_disk(*issued) == []

    # 2. The SMTP server is down: tried, failed, still waiting, still sealed.
    app.config["SMTP_PORT"], port = free_port(), app.config["SMTP_PORT"]
    assert sender.send_pending() == (0, 1)
    app.config["SMTP_PORT"] = port
    assert found_on_disk(*issued) == []

    # 3. Sent: the code reached the young person's mailbox, and nothing of it is kept.
    db.session.execute(update(Notification).values(next_attempt_at=None))
    db.session.commit()
    assert sender.send_pending() == (1, 0)
    assert issued[0].encode() in smtp_server.messages[0].content  # the scan would have seen it
    assert db.session.scalar(select(Notification.sealed_personalisation)) is None
    assert found_on_disk(*issued) == []

    # 4. Given up after five failures: wiped.
    issued.append(tracking.issue_new_tracking_code(submission, channel="email"))
    app.config["SMTP_PORT"] = free_port()
    for _attempt in range(sender.MAX_ATTEMPTS):
        db.session.execute(update(Notification).values(next_attempt_at=None))
        db.session.commit()
        assert found_on_disk(*issued) == []
        assert sender.send_pending() == (0, 1)
    app.config["SMTP_PORT"] = port
    given_up = db.session.scalar(select(Notification).where(Notification.given_up_at.is_not(None)))
    assert given_up.attempts == sender.MAX_ATTEMPTS and given_up.sealed_personalisation is None
    assert sender.send_pending() == (0, 0)  # never tried again
    assert found_on_disk(*issued) == []

    # 5. Waited past the maximum age (the sender was stopped): given up and wiped, never sent.
    issued.append(tracking.issue_new_tracking_code(submission, channel="email"))
    too_old = datetime.now(UTC) - timedelta(hours=app.config["OUTBOX_MAX_AGE_HOURS"], minutes=1)
    db.session.execute(update(Notification).where(Notification.sent_at.is_(None), Notification.given_up_at.is_(None))
                       .values(created_at=too_old))
    db.session.commit()
    assert sender.send_pending() == (0, 0)
    expired = db.session.scalar(select(Notification).where(Notification.created_at == too_old))
    assert expired.given_up_at is not None and expired.sealed_personalisation is None
    assert expired.last_error == "waited more than 24 hours"
    assert len(smtp_server.messages) == 1
    assert found_on_disk(*issued) == []


def test_the_first_code_emailed_on_request_is_sealed_too(app, committed, make_submission):
    from portal.db import db
    from portal.intake import submissions
    from portal.notifications.models import Notification

    submission = make_submission(contact_method="email", contact_email="young.person@example.com")
    key = "journey-key-for-this-test"
    code = submissions.tracking_code_for(key)
    from portal.intake import codes

    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    db.session.commit()
    assert submissions.email_first_code(submission, key)
    assert db.session.scalar(select(Notification.template)) == "reference_and_code"
    assert found_on_disk(code) == []


def test_a_seal_is_useless_without_the_key_and_a_key_can_be_changed(app, database, session, make_submission):
    from portal.intake import tracking
    from portal.notifications import outbox
    from portal.notifications.models import Notification
    from portal.notifications.sealing import SealBroken

    submission = make_submission(contact_method="email", contact_email="young.person@example.com")
    code = tracking.issue_new_tracking_code(submission, channel="email")
    notification = session.scalar(select(Notification))
    old = app.config["OUTBOX_KEY"]
    try:
        app.config["OUTBOX_KEY"] = "another-key"
        with pytest.raises(SealBroken):
            outbox.personalisation_of(notification)
        app.config["OUTBOX_KEY"] = f"a-new-key,{old}"  # a new key first, the old one still opens
        assert outbox.personalisation_of(notification)["code"] == code
    finally:
        app.config["OUTBOX_KEY"] = old


def test_a_message_no_key_opens_is_given_up_not_sent(app, database, session, make_submission, smtp_server):
    from portal.intake import tracking
    from portal.notifications import sender
    from portal.notifications.models import Notification

    submission = make_submission(contact_method="email", contact_email="young.person@example.com")
    tracking.issue_new_tracking_code(submission, channel="email")
    old, app.config["OUTBOX_KEY"] = app.config["OUTBOX_KEY"], "not-the-key-it-was-sealed-with"
    try:
        assert sender.send_pending() == (0, 1)
    finally:
        app.config["OUTBOX_KEY"] = old
    notification = session.scalar(select(Notification))
    assert notification.given_up_at is not None and notification.sealed_personalisation is None
    assert notification.last_error == "sealed: no OUTBOX_KEY opens it" and smtp_server.messages == []


def test_production_needs_its_own_outbox_key():
    from portal.config import ProductionConfig

    class Keys(ProductionConfig):
        SECRET_KEY = "k" * 32
        TRACKING_CODE_KEY = "t" * 32
        DATABASE_SINGLE_HOST = True
        RATELIMIT_SINGLE_PROCESS = True

    class Missing(Keys):
        OUTBOX_KEY = ""

    class Shared(Keys):
        OUTBOX_KEY = "k" * 32

    with pytest.raises(RuntimeError, match="OUTBOX_KEY"):
        Missing()
    with pytest.raises(RuntimeError, match="OUTBOX_KEY must differ"):
        Shared()
