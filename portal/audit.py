"""Writing audit events. Callers add them in the same transaction as the change they describe.

And recording reads (``note_read``): who looked at a case, a submission, a young person's words, a
document, a message thread, or took an export, and when (issue 23).
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from portal.db import db
from portal.models import AuditEvent, User
from portal.models.base import utcnow

logger = logging.getLogger(__name__)


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


# What a member of staff may be recorded as having looked at (ReadRecord.what).
READS = ("case", "submission", "young_persons_words", "document", "thread", "letter", "advocacy_case",
         "safeguarding_concern", "enquiry", "export")


def note_read(what: str, subject_id: uuid.UUID | None = None, *, case_id: uuid.UUID | None = None,
              detail: str | None = None) -> None:
    """Record that the signed-in member of staff is looking at something (a ReadRecord: who, what, when).

    Nothing is written while the page is built: the reads of a request are kept and written together,
    in their own short transaction, once the response has been sent (``call_on_close``: the WSGI server
    calls it after the last byte), so recording a look never slows or blocks the page, and on SQLite a
    GET never holds the one write lock. A response that failed (400 and over) records nothing: nothing
    was shown.
    """
    from flask import after_this_request, current_app, g
    from flask_login import current_user

    if what not in READS:
        raise ValueError(f"unknown read {what!r}")
    if not getattr(current_user, "is_authenticated", False):
        return
    pending: list[dict[str, Any]] | None = g.get("_reads")
    if pending is None:
        pending = g._reads = []
        app, user_id = current_app._get_current_object(), current_user.id  # type: ignore[attr-defined]

        @after_this_request
        def _after(response: Any) -> Any:
            if response.status_code < 400:
                # A passed-through body (send_file's) goes to the server without the response's own
                # close, and so without its callbacks: iterate it through the response instead.
                response.direct_passthrough = False
                response.call_on_close(lambda: write_reads(app, user_id, pending))
            return response

    pending.append({"what": what, "subject_id": subject_id, "case_id": case_id,
                    "detail": (detail or None) and detail[:100], "occurred_at": utcnow()})


def write_reads(app: Any, user_id: uuid.UUID, reads: list[dict[str, Any]]) -> None:
    """Write a request's reads in one short transaction of their own (after the response has gone)."""
    from sqlalchemy import insert
    from sqlalchemy.exc import SQLAlchemyError

    from portal.models import ReadRecord

    if not reads:
        return
    with app.app_context():
        try:
            db.session.execute(insert(ReadRecord), [{"user_id": user_id, **read} for read in reads])
            db.session.commit()
        except SQLAlchemyError as error:
            db.session.rollback()
            # The kind of failure only: never what was looked at.
            logger.error("reads not recorded (%d): %s", len(reads), type(error).__name__)
        finally:
            db.session.remove()
