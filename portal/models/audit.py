"""The audit trail: who did what, when. Details carry ids and codes, never a child's words."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasId, utcnow
from portal.models.users import User


class AuditEvent(HasId, Base):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_subject", "subject_type", "subject_id"),)

    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # staff, public (a young person or someone for them), system, cli
    actor_kind: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(60))
    subject_type: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[uuid.UUID | None]
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    actor: Mapped[User | None] = relationship()


class ReadRecord(HasId, Base):
    """Who looked at what, when: a member of staff opening a case, a submission, a young person's words,
    a document, a message thread, or taking an export (portal.audit.note_read). Written after the
    page has gone (its own short transaction), so looking is never slowed by recording it."""

    __tablename__ = "read_records"
    __table_args__ = (
        Index("ix_read_records_case", "case_id", "occurred_at"),
        Index("ix_read_records_user", "user_id", "occurred_at"),
    )

    occurred_at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    # case, submission, young_persons_words, document, thread, letter, advocacy_case, safeguarding_concern,
    # enquiry, export (portal.audit.READS)
    what: Mapped[str] = mapped_column(String(30))
    subject_id: Mapped[uuid.UUID | None]
    # The case it belongs to, if any: the trail per case finds a document or a submission read there too.
    # No foreign key: the record of a look outlives what was looked at (retention removes that first).
    case_id: Mapped[uuid.UUID | None]
    # An export's name, or which page showed it (never a search term, a name or anything a child wrote).
    detail: Mapped[str | None] = mapped_column(String(100))

    user: Mapped[User] = relationship()


class SubjectAccessRequest(HasId, Base):
    """A subject access request (portal.casework.subject_access): the person, who started it, the redaction
    review's decisions (item key: release, or withhold with the reason), and what was supplied when."""

    __tablename__ = "subject_access_requests"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    requested_by_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    decisions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    reviewed_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    supplied_at: Mapped[datetime | None]
    supplied_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # How many items were released and withheld when supplied (the items themselves are in the case).
    supplied: Mapped[dict[str, Any] | None] = mapped_column(JSON)
