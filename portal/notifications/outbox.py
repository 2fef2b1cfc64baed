"""Queueing: add a message to the outbox in the caller's transaction (the caller commits)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app

from portal.db import db
from portal.notifications.models import Notification


def queue(to_address: str, template: str, *, language: str = "en",
          personalisation: dict[str, Any] | None = None) -> Notification:
    domain = current_app.config.get("MAIL_FROM", "portal@localhost").rpartition("@")[2] or "localhost"
    notification = Notification(
        to_address=to_address,
        template=template,
        language=language,
        personalisation=personalisation or {},
        message_id=f"<{uuid.uuid4()}@{domain}>",
    )
    db.session.add(notification)
    return notification
