"""The outbox table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, HasCreated, HasId


class Notification(HasId, HasCreated, Base):
    __tablename__ = "notifications"

    to_address: Mapped[str] = mapped_column(String(254))
    # Which template in templates/emails/ (e.g. "replacement_code"): the body is made when sent.
    template: Mapped[str] = mapped_column(String(60))
    language: Mapped[str] = mapped_column(String(10), default="en")
    # What the template needs (e.g. a new tracking code). Wiped once the message has been sent.
    personalisation: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    # Stable across retries, so a message sent twice after a crash is recognisably the same one.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    sent_at: Mapped[datetime | None] = mapped_column(index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    # The kind of failure only (an exception class and SMTP code), never the message's content.
    last_error: Mapped[str | None] = mapped_column(String(200))
