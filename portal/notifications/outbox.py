"""Queueing: add a message to the outbox in the caller's transaction (the caller commits).

What the message needs (``personalisation``) is sealed before it reaches the database
(portal.notifications.sealing); ``personalisation_of`` opens it again (the sender, and tests).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import current_app

from portal.db import db
from portal.notifications.models import Notification
from portal.notifications.sealing import seal, unseal


def queue(to_address: str, template: str, *, language: str = "en",
          personalisation: dict[str, Any] | None = None, channel: str = "email") -> Notification:
    domain = current_app.config.get("MAIL_FROM", "portal@localhost").rpartition("@")[2] or "localhost"
    notification = Notification(
        to_address=to_address,
        channel=channel,
        template=template,
        language=language,
        sealed_personalisation=seal(personalisation),
        message_id=f"<{uuid.uuid4()}@{domain}>",
    )
    db.session.add(notification)
    return notification


def personalisation_of(notification: Notification) -> dict[str, Any]:
    """What a queued message needs, opened: {} once sent, given up or wiped."""
    return unseal(notification.sealed_personalisation)
