"""The thread between staff and a young person: what young people write on the tracking page, as staff
read it, and what staff write to them."""

from __future__ import annotations

import uuid

from portal import audit
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, Message, Submission, User
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


# --- staff writing to the young person (issue 21) -------------------------------------------------------

MESSAGE_MAX = 5000

# The role a member of staff writes as, in the order it is chosen when they hold several: the young
# person reads it as "From Sam, Children's Rights Service" or "From Sam, the manager dealing with this".
WRITING_ROLES = ("complaints_manager", "crs_officer", "operational_manager", "deputy_director", "investigator",
                 "independent_person", "panel_member", "advocate")


def writing_role(user: User) -> str:
    roles = user.role_names
    return next((role for role in WRITING_ROLES if role in roles), "crs_officer")


def check_message(body: str | None) -> str:
    """A message's text as stored: line endings normalised, trimmed, not empty, not too long."""
    text = (body or "").replace("\r\n", "\n").strip()
    if not text:
        raise CaseworkError(problems={"body": "Write your message."})
    if len(text) > MESSAGE_MAX:
        raise CaseworkError(problems={"body": f"Your message must be {MESSAGE_MAX} characters or fewer."})
    return text


def notify_message_waiting(submission: Submission) -> str:
    """Tell the young person a message is waiting, on the safe way they chose, saying nothing of it.

    Email: a content-free email through the outbox (in the caller's transaction). A text message to the
    number they gave as their own, the same words, when the portal sends through GOV.UK Notify
    (``MESSAGE_SENDER=notify``): "text_sent". Any other way (phone, post, a worker, "do not contact me",
    or text without Notify): nothing is sent; the caller tells the member of staff which way they chose.
    Returns the way ("email", "text_sent", "phone", ..., or "none")."""
    from flask import current_app

    from portal.intake.submissions import contact_email
    from portal.notifications import outbox

    address = contact_email(submission)
    if address:
        outbox.queue(address, "message_waiting", language=submission.language)
        return "email"
    answers = submission.answers or {}
    number = (answers.get("contact_text") or "").strip()
    if answers.get("contact_method") == "text" and number and current_app.config["MESSAGE_SENDER"] == "notify":
        outbox.queue(number, "message_waiting", language=submission.language, channel="sms")
        return "text_sent"
    return str(answers.get("contact_method") or "none")


def write_to_young_person(submission: Submission, body: str | None, *, actor: User,
                          case: Case | None = None) -> tuple[Message, str]:
    """A member of staff writes to the young person: the message joins the one thread on their
    tracking page (who wrote, as which role, and when) and they are told a message is waiting on the
    safe way they chose. Returns the message and that way (see :func:`notify_message_waiting`)."""
    text = check_message(body)
    if submission.status == "withdrawn" and case is None:
        raise CaseworkError("This was withdrawn: there is nobody to write to.")
    if submission.tracking_code_hash is None:
        raise CaseworkError("The young person has no tracking code, so they cannot read messages: give them "
                            "a new code first.")
    message = Message(submission_id=submission.id, direction="to_young_person", body=text, sent_at=utcnow(),
                      author_id=actor.id, author_role=writing_role(actor),
                      case_id=case.id if case is not None else None, kind="message")
    db.session.add(message)
    db.session.flush()
    way = notify_message_waiting(submission)
    audit.record("message_to_young_person", subject_type="case" if case is not None else "submission",
                 subject_id=case.id if case is not None else submission.id, actor=actor,
                 message_id=str(message.id), notified=way)
    db.session.commit()
    return message, way


def thread_for(submission: Submission) -> list[Message]:
    """Every message between staff and the young person about a submission, oldest first."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    return list(db.session.scalars(
        select(Message).where(Message.submission_id == submission.id)
        .options(selectinload(Message.author), selectinload(Message.read_by), selectinload(Message.case))
        .order_by(Message.sent_at)))
