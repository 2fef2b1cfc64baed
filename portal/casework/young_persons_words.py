"""What young people write on the tracking page, as staff read it."""

from __future__ import annotations

import uuid

from portal import audit
from portal.db import db
from portal.models import Message, User
from portal.models.base import utcnow


def mark_words_read(messages: list[Message], *, actor: User) -> int:
    """The member of staff who owns these messages from a young person has read them.

    Only messages ``actor`` owns and that are still unread are marked (the caller passes the ones on
    the page; ``portal.access.owned_messages`` decides ownership), each with who read it and when,
    with one audit event per submission naming the messages (ids only, never their words).
    """
    from portal.access import owned_messages

    wanted = [message.id for message in messages if message.read_at is None]
    if not wanted:
        return 0
    owned = set(db.session.scalars(
        owned_messages(actor).where(Message.id.in_(wanted)).with_only_columns(Message.id)
    ))
    if not owned:
        return 0
    moment = utcnow()
    marked: dict[uuid.UUID, list[str]] = {}
    for message in messages:
        if message.id in owned:
            message.read_at, message.read_by_id = moment, actor.id
            marked.setdefault(message.submission_id, []).append(str(message.id))
    for submission_id, ids in marked.items():
        audit.record("young_person_words_read", subject_type="submission", subject_id=submission_id,
                     actor=actor, message_ids=ids)
    db.session.commit()
    return len(owned)
