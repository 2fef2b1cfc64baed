"""Sending what the outbox holds, through SMTP: ``flask notifications send`` (cron) or the long-running
``flask notifications worker``, on any number of hosts at once.

Each message is **claimed** before it is sent, in its own short transaction (``claim_next``): on
PostgreSQL the oldest waiting row is locked with ``FOR UPDATE SKIP LOCKED`` (another sender skips it
and takes the next); on SQLite an ``UPDATE ... WHERE claimed_by IS NULL`` changes the row only if
nobody claimed it first (SQLite runs one writer at a time, so the second finds it claimed). So in normal
running each message goes once. A sender that crashes between the SMTP server's acceptance and
recording it leaves a claim that lapses after ``CLAIM_LEASE``; the next sender sends that message again,
with the same ``Message-ID`` (the only way a message can repeat).

What a message needed (sealed, portal.notifications.sealing) is wiped when it is sent, when it is
given up (``MAX_ATTEMPTS`` failures, or a seal no key opens) and when it has waited longer than
``OUTBOX_MAX_AGE_HOURS`` (``expire_waiting``, at the start of every round).
"""

from __future__ import annotations

import os
import signal
import socket
import threading
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import formatdate
from typing import Any, Protocol

import click
from flask import current_app, render_template
from flask.cli import AppGroup
from flask_babel import force_locale, gettext
from sqlalchemy import or_, select, update

from portal.db import db
from portal.notifications.models import Notification
from portal.notifications.sealing import SealBroken, unseal

MAX_ATTEMPTS = 5
# Longer than one message's send can take (the SMTP timeout is 30 seconds): a claim older than this
# belongs to a sender that stopped.
CLAIM_LEASE = timedelta(minutes=10)

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
    # To staff (portal.notifications.reminders): what is due, never whose.
    "reminder": lambda: "A reminder from the Children's Rights portal",
    "daily_digest": lambda: "Your day in the Children's Rights portal",
}


class Queued(Protocol):
    to_address: str
    template: str
    language: str
    sealed_personalisation: str | None
    message_id: str
    channel: str


@dataclass(frozen=True)
class Claimed:
    """A claimed message, copied out of its transaction so no lock is held while it is sent."""

    id: Any
    to_address: str
    template: str
    language: str
    sealed_personalisation: str | None
    message_id: str
    channel: str = "email"


def build(notification: Queued) -> EmailMessage:
    personalisation = unseal(notification.sealed_personalisation)
    with force_locale(notification.language or "en"):
        subject = SUBJECTS[notification.template]()
        body = render_template(f"emails/{notification.template}.txt", **personalisation)
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = notification.to_address
    message["Subject"] = subject
    message["Message-ID"] = notification.message_id
    message["Date"] = formatdate(localtime=False)
    message.set_content(body)
    return message


def _now() -> datetime:
    return datetime.now(UTC)


def sender_name() -> str:
    """Who claims: the host, the process and a random part (two senders in one process differ too)."""
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{uuid.uuid4().hex[:12]}"


def _claimable(now: datetime) -> tuple:
    return (
        Notification.sent_at.is_(None),
        Notification.given_up_at.is_(None),
        or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
        or_(Notification.claimed_by.is_(None), Notification.claimed_at < now - CLAIM_LEASE),
    )


def _copy(notification: Notification) -> Claimed:
    return Claimed(notification.id, notification.to_address, notification.template, notification.language,
                   notification.sealed_personalisation, notification.message_id, notification.channel)


def claim_next(sender: str) -> Claimed | None:
    """The oldest message waiting, claimed for ``sender`` and committed; None when nothing waits."""
    session = db.session
    now = _now()
    oldest = (select(Notification).where(*_claimable(now)).order_by(Notification.created_at).limit(1)
              .execution_options(populate_existing=True))
    if session.get_bind().dialect.name == "postgresql":
        notification = session.scalar(oldest.with_for_update(skip_locked=True))
        if notification is None:
            session.commit()
            return None
        notification.claimed_by, notification.claimed_at = sender, now
        claimed = _copy(notification)
        session.commit()
        return claimed
    while True:
        notification = session.scalar(oldest)
        if notification is None:
            session.commit()
            return None
        # Changes the row only if it is still unclaimed: a compare-and-set.
        result = session.execute(
            update(Notification).where(Notification.id == notification.id, *_claimable(now))
            .values(claimed_by=sender, claimed_at=now).execution_options(synchronize_session=False))
        claimed = _copy(notification)
        session.commit()
        if result.rowcount == 1:
            return claimed


def _record(claimed: Claimed, sender: str, **values: Any) -> None:
    session = db.session
    session.execute(
        update(Notification).where(Notification.id == claimed.id, Notification.claimed_by == sender)
        .values(claimed_by=None, claimed_at=None, attempts=Notification.attempts + 1, **values)
        .execution_options(synchronize_session=False))
    session.commit()
    _forget(claimed.id)


def _forget(notification_id: Any) -> None:
    """The session's copy of the row (if it holds one) is read again next time it is used."""
    held = db.session.identity_map.get(db.session.identity_key(Notification, notification_id))
    if held is not None:
        db.session.expire(held)


def record_sent(claimed: Claimed, sender: str) -> None:
    _record(claimed, sender, sent_at=_now(), sealed_personalisation=None, last_error=None, next_attempt_at=None)


def record_failure(claimed: Claimed, sender: str, error: str, *, give_up: bool = False) -> None:
    """One more failed try: tried again later (1, 2, 4, 8 minutes), or given up and wiped."""
    attempts = db.session.scalar(select(Notification.attempts).where(Notification.id == claimed.id)) or 0
    now = _now()
    if give_up or attempts + 1 >= MAX_ATTEMPTS:
        _record(claimed, sender, last_error=error[:200], given_up_at=now, sealed_personalisation=None)
    else:
        _record(claimed, sender, last_error=error[:200], next_attempt_at=now + timedelta(minutes=2 ** attempts))


def expire_waiting() -> int:
    """Give up and wipe what has waited longer than OUTBOX_MAX_AGE_HOURS with something sealed (a code
    is no use to anyone days later: the young person can ask for a new one), and wipe anything still
    sealed on a message already sent or given up. Returns how many were given up."""
    now = _now()
    oldest = now - timedelta(hours=int(current_app.config["OUTBOX_MAX_AGE_HOURS"]))
    session = db.session
    result = session.execute(
        update(Notification).where(
            Notification.sent_at.is_(None), Notification.given_up_at.is_(None),
            Notification.sealed_personalisation.is_not(None), Notification.created_at < oldest,
            or_(Notification.claimed_by.is_(None), Notification.claimed_at < now - CLAIM_LEASE))
        .values(sealed_personalisation=None, given_up_at=now, claimed_by=None, claimed_at=None,
                last_error=f"waited more than {current_app.config['OUTBOX_MAX_AGE_HOURS']} hours")
        .execution_options(synchronize_session=False))
    session.execute(
        update(Notification).where(
            Notification.sealed_personalisation.is_not(None),
            or_(Notification.sent_at.is_not(None), Notification.given_up_at.is_not(None)))
        .values(sealed_personalisation=None).execution_options(synchronize_session=False))
    session.commit()
    if result.rowcount:
        session.expire_all()
    return result.rowcount


def send_pending(limit: int = 100) -> tuple[int, int]:
    """Claim and send up to ``limit`` waiting messages, one at a time; returns (sent, failed)."""
    from portal.notifications.transports import Failed, transport

    expire_waiting()
    sender = sender_name()
    sent = failed = 0
    way = None
    try:
        while sent + failed < limit:
            claimed = claim_next(sender)
            if claimed is None:
                break
            way = way or transport()
            try:
                way.send(claimed, build)
            except SealBroken:
                record_failure(claimed, sender, "sealed: no OUTBOX_KEY opens it", give_up=True)
                failed += 1
            except Failed as failure:
                record_failure(claimed, sender, failure.what, give_up=failure.give_up)
                failed += 1
                if failure.stop:
                    break  # the service is not there: the rest wait for the next round
            else:
                record_sent(claimed, sender)
                sent += 1
    finally:
        if way is not None:
            way.close()
    return sent, failed


def run_worker(interval: float, limit: int, rounds: int | None = None,
               stop: threading.Event | None = None) -> tuple[int, int]:
    """Send rounds until stopped (SIGTERM, SIGINT, ``stop``, or ``rounds`` rounds): a round that sent
    its whole ``limit`` is followed at once by the next, otherwise the worker waits ``interval`` seconds."""
    stop = stop or threading.Event()
    totals = [0, 0]
    done = 0
    while not stop.is_set() and (rounds is None or done < rounds):
        try:
            sent, failed = send_pending(limit)
        finally:
            db.session.remove()
        totals[0] += sent
        totals[1] += failed
        done += 1
        if sent + failed < limit and (rounds is None or done < rounds):
            stop.wait(interval)
    return totals[0], totals[1]


notifications_cli = AppGroup("notifications", help="The outbox: emails waiting to be sent.")


@notifications_cli.command("send")
@click.option("--limit", default=100, show_default=True)
def send_command(limit: int) -> None:
    """Send waiting emails through SMTP (SMTP_HOST, SMTP_PORT): one round, for cron."""
    sent, failed = send_pending(limit)
    click.echo(f"Sent {sent}, failed {failed}.")


@notifications_cli.command("worker")
@click.option("--interval", default=10.0, show_default=True, help="Seconds to wait when nothing is left to send.")
@click.option("--limit", default=100, show_default=True, help="Messages per round.")
@click.option("--rounds", type=int, default=None, help="Stop after this many rounds (default: until stopped).")
def worker_command(interval: float, limit: int, rounds: int | None) -> None:
    """Keep sending waiting emails until stopped (SIGTERM or Ctrl-C finish the message being sent first).
    Run it on as many hosts as you like, beside or instead of `flask notifications send`."""
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
    started = time.monotonic()
    sent, failed = run_worker(interval, limit, rounds, stop)
    click.echo(f"Sent {sent}, failed {failed} in {time.monotonic() - started:.0f} s.")
