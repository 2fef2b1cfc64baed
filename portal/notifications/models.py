"""The outbox table."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, HasCreated, HasId


class Notification(HasId, HasCreated, Base):
    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_waiting", "given_up_at", "sent_at", "created_at"),)

    to_address: Mapped[str] = mapped_column(String(254))
    # email, or sms (a text message: to_address is the phone number; sent through GOV.UK Notify only).
    channel: Mapped[str] = mapped_column(String(10), default="email", server_default="email")
    # Which template in templates/emails/ (e.g. "replacement_code"): the body is made when sent.
    template: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(10), default="en")
    # What the template needs (e.g. a new tracking code), sealed with OUTBOX_KEY (portal.notifications.sealing):
    # never in plain text. Wiped when sent, when given up, and after OUTBOX_MAX_AGE_HOURS.
    sealed_personalisation: Mapped[str | None] = mapped_column(Text)
    # Stable across retries, so a message sent twice after a crash is recognisably the same one.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    # The kind of failure only (an exception class and SMTP code), never the message's content.
    last_error: Mapped[str | None] = mapped_column(String(200))
    # A sender claims a message before sending it (portal.notifications.sender.claim_next), so two
    # senders never both send it; a claim older than CLAIM_LEASE is taken as a crashed sender's.
    claimed_by: Mapped[str | None] = mapped_column(String(100))
    claimed_at: Mapped[datetime | None] = mapped_column()
    # After a failure the next try waits (1, 2, 4, 8 minutes), so the worker does not spend every try in a minute.
    next_attempt_at: Mapped[datetime | None] = mapped_column()
    # No more tries: five failures, or waited past OUTBOX_MAX_AGE_HOURS. Its personalisation is wiped.
    given_up_at: Mapped[datetime | None] = mapped_column()


class Reminder(HasId, HasCreated, Base):
    """A reminder queued (portal.notifications.reminders): one per kind, item, due date and member of
    staff, so each due item is reminded once however often ``flask reminders send`` runs. The daily
    digest is one too (kind "digest", the person's own id, the day)."""

    __tablename__ = "reminders"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "due_on", "user_id", name="uq_reminders_once"),)

    kind: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[uuid.UUID]
    due_on: Mapped[date]
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
