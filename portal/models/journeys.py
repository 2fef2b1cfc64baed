"""Answers kept server-side while someone goes through the public front door.

A draft lives from the first answer until the answers are sent, "Exit this page" is used, or it has
been left alone for the session's lifetime (``PERMANENT_SESSION_LIFETIME``, 30 minutes): then
``flask journeys purge`` deletes it. The browser holds only a random key (in the signed session
cookie); the table holds a SHA-256 of that key, so a copy of the database cannot be used to take over
a journey, and the raw key is what the tracking code is derived from (``portal.intake.submissions``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, HasCreated, HasId, utcnow


class JourneyDraft(HasId, HasCreated, Base):
    __tablename__ = "journey_drafts"

    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    language: Mapped[str] = mapped_column(String(10), default="en")
    # Every answer exactly as typed (line endings made LF), keyed by the form field's name; keys
    # starting with "_" are the journey's own bookkeeping (steps done), never sent on.
    answers: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(index=True)

    # The raw key, known only while handling the request that presented it (never stored).
    session_key = None  # type: str | None


# The outbox table belongs to portal.notifications; importing it here puts it in Base.metadata
# whenever the models are loaded (Alembic autogenerate would otherwise offer to drop it).
import portal.notifications.models  # noqa: E402,F401
