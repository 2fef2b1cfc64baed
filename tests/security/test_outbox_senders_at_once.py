"""Delivery that cannot double: senders claim each message before sending it.

Before claiming, two senders started from cron on two hosts delivered 100 queued emails 200 times
(issue 23; bench/two_hosts.py measured 585 deliveries of 303). These tests start several senders at
once, each with its own database connection (threads here, separate processes in
``test_two_sender_processes_deliver_each_message_once``), against the real local SMTP server, and count
what arrives. They commit for real; run them on PostgreSQL too (FOR UPDATE SKIP LOCKED there).
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from pathlib import Path

import pytest
from portal_testing import committing
from sqlalchemy import func, select, update

ROOT = Path(__file__).resolve().parents[2]
TOUCHED = ("notifications",)


@pytest.fixture
def committed(app, database) -> Iterator[None]:
    with committing(TOUCHED):
        yield


def _queue(app, count: int) -> None:
    from portal.db import db
    from portal.notifications import outbox

    for number in range(count):
        outbox.queue(f"young.person.{number}@example.com", "message_waiting", language="en")
    db.session.commit()


def _delivered_ids(inbox) -> Counter:
    return Counter(message_from_bytes(envelope.content)["Message-ID"] for envelope in inbox.messages)


def _run_at_once(app, count: int, work) -> list:
    from portal.db import db

    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(index: int) -> None:
        with app.app_context():
            try:
                barrier.wait()
                results[index] = work()
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def test_four_senders_at_once_deliver_each_message_once(app, committed, smtp_server):
    from portal.db import db
    from portal.notifications import sender
    from portal.notifications.models import Notification

    _queue(app, 120)
    results = _run_at_once(app, 4, lambda: sender.send_pending(limit=1000))
    delivered = _delivered_ids(smtp_server)
    assert sum(sent for sent, _failed in results) == 120 and all(failed == 0 for _sent, failed in results)
    assert len(smtp_server.messages) == 120 and set(delivered.values()) == {1}, delivered.most_common(3)
    assert sum(1 for sent, _failed in results if sent) >= 2, results  # the work was shared, not serialised
    ids = set(db.session.scalars(select(Notification.message_id)))
    assert set(delivered) == ids
    assert db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.sent_at.is_(None) | Notification.claimed_by.is_not(None))) == 0


def test_two_sender_processes_deliver_each_message_once(app, committed, smtp_server):
    """As on two hosts: two `flask notifications send` processes started together."""
    _queue(app, 60)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("PORTAL_", "FLASK_", "SMTP_"))}
    env |= {"PORTAL_ENV": "test", "TEST_DATABASE_URL": app.config["DATABASE_URL"], "FLASK_APP": "portal",
            "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(app.config["SMTP_PORT"])}
    flask = str(Path(sys.executable).parent / "flask")
    senders = [subprocess.Popen([flask, "notifications", "send", "--limit", "1000"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for _host in ("a", "b")]
    outputs = [process.communicate(timeout=120) for process in senders]
    assert all(process.returncode == 0 for process in senders), outputs
    delivered = _delivered_ids(smtp_server)
    assert len(smtp_server.messages) == 60 and set(delivered.values()) == {1}, (delivered.most_common(3), outputs)


def test_a_lapsed_claim_is_sent_again_with_the_same_message_id(app, database, session, smtp_server):
    """Only a sender that stopped between sending and recording can make a message go twice: its claim
    lapses after CLAIM_LEASE, and the next sender sends the same message, with the same Message-ID."""
    from portal.notifications import outbox, sender
    from portal.notifications.models import Notification

    message = outbox.queue("young.person@example.com", "message_waiting")
    session.commit()
    claimed = sender.claim_next("host-a:1:crashed")
    assert claimed.message_id == message.message_id
    assert sender.claim_next("host-b:2:other") is None  # claimed: nobody else takes it
    assert sender.send_pending() == (0, 0)
    session.execute(update(Notification).values(claimed_at=datetime.now(UTC) - sender.CLAIM_LEASE
                                                - timedelta(seconds=1)))
    session.commit()
    assert sender.send_pending() == (1, 0)
    [envelope] = smtp_server.messages
    assert message_from_bytes(envelope.content)["Message-ID"] == message.message_id
    # The crashed sender's late record changes nothing: the claim is no longer its own.
    sender.record_sent(claimed, "host-a:1:crashed")
    session.refresh(message)
    assert message.attempts == 1 and message.sent_at is not None


def test_a_failed_message_waits_before_its_next_try(app, database, session, smtp_server):
    from portal.notifications import outbox, sender

    message = outbox.queue("young.person@example.com", "message_waiting")
    session.commit()
    port, app.config["SMTP_PORT"] = app.config["SMTP_PORT"], 1  # nobody listens on port 1
    try:
        assert sender.send_pending() == (0, 1)
        assert sender.send_pending() == (0, 0)  # not tried again at once
    finally:
        app.config["SMTP_PORT"] = port
    session.refresh(message)
    assert message.claimed_by is None and message.attempts == 1
    assert timedelta(seconds=50) < message.next_attempt_at - datetime.now(UTC) <= timedelta(minutes=1)


def test_the_worker_keeps_sending_until_stopped(app, committed, smtp_server):
    from portal.notifications import sender

    _queue(app, 5)
    stop = threading.Event()
    totals: list = []

    def work() -> None:
        with app.app_context():
            totals.append(sender.run_worker(interval=0.05, limit=2, stop=stop))

    worker = threading.Thread(target=work)
    worker.start()
    deadline = datetime.now(UTC) + timedelta(seconds=30)
    while len(smtp_server.messages) < 5 and datetime.now(UTC) < deadline:
        stop.wait(0.05)
    _queue(app, 3)  # queued while it runs: picked up by a later round
    while len(smtp_server.messages) < 8 and datetime.now(UTC) < deadline:
        stop.wait(0.05)
    stop.set()
    worker.join(30)
    assert not worker.is_alive() and totals == [(8, 0)]
    assert set(_delivered_ids(smtp_server).values()) == {1}


def test_the_worker_command(app, committed, smtp_server):
    _queue(app, 3)
    result = app.test_cli_runner().invoke(args=["notifications", "worker", "--rounds", "2", "--interval", "0"])
    assert result.exit_code == 0 and result.output.startswith("Sent 3, failed 0 in"), result.output
