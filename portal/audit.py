"""Writing audit events. Callers add them in the same transaction as the change they describe."""

from __future__ import annotations

import uuid
from typing import Any

from portal.db import db
from portal.models import AuditEvent, User


def record(
    action: str,
    *,
    subject_type: str,
    subject_id: uuid.UUID | None,
    actor: User | None = None,
    actor_kind: str | None = None,
    **details: Any,
) -> AuditEvent:
    """Add an audit event to the current transaction (the caller commits).

    ``details`` must hold ids, codes and dates only: never names or anything a child wrote.
    """
    event = AuditEvent(
        action=action,
        subject_type=subject_type,
        subject_id=subject_id,
        actor_id=actor.id if actor is not None else None,
        actor_kind=actor_kind or ("staff" if actor is not None else "system"),
        details=details,
    )
    db.session.add(event)
    return event
