"""What comes through the front door (or is recorded by staff), before and after triage."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId, utcnow
from portal.models.people import Person

if TYPE_CHECKING:
    from portal.models.users import User


class Submission(HasId, HasCreated, Base):
    __tablename__ = "submissions"
    # The triage queue: new submissions, oldest first.
    __table_args__ = (Index("ix_submissions_queue", "status", "submitted_at"),)

    # Shown to the person with their tracking code; alone it reveals nothing.
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    kind: Mapped[str] = mapped_column(String(30))  # complaint, wishes_and_feelings, advocacy_request, ...
    channel: Mapped[str] = mapped_column(String(20), default="web")
    language: Mapped[str] = mapped_column(String(10), default="en")
    submitted_at: Mapped[datetime]
    # The UK local date it arrived: day 0 of every statutory clock.
    received_on: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="new")
    who_is_telling: Mapped[str | None] = mapped_column(String(30))
    young_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"))
    submitter_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"))
    # Every answer exactly as given, in the language and script it was written in.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # Keyed hash (HMAC) of the tracking code: the code itself is never stored.
    tracking_code_hash: Mapped[str | None] = mapped_column(String(128))
    tracking_code_issued_at: Mapped[datetime | None]
    # One per journey: a double tap or a resubmitted form finds the submission already made.
    idempotency_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    claimed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    claimed_at: Mapped[datetime | None]
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # A code sent after an anonymous "I've lost my code": the code above keeps working until this one
    # is first used (then it replaces it), so knowing a reference is not enough to lock someone out.
    pending_code_hash: Mapped[str | None] = mapped_column(String(128))
    pending_code_issued_at: Mapped[datetime | None]
    is_demo: Mapped[bool] = mapped_column(default=False)

    young_person: Mapped[Person | None] = relationship(foreign_keys=[young_person_id])
    claimed_by: Mapped[User | None] = relationship(foreign_keys=[claimed_by_id])
    submitter: Mapped[Person | None] = relationship(foreign_keys=[submitter_id])


class TrackingAttempts(Base):
    """Wrong tracking codes and the lock they earned, per reference, whether or not it exists.

    Keyed by a keyed hash (HMAC) of the normalised reference, so real and unknown references are
    counted, locked and timed in exactly the same way (nothing tells a guesser which ones are real),
    and the table names no submission. Rows left alone for a day are purged (``flask journeys purge``).
    """

    __tablename__ = "tracking_attempts"

    reference_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    failed_attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
