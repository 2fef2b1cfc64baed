"""Subject access (UK GDPR art. 15): everything the portal holds about one person, after a redaction review.

``gather`` lists what is held about the person as items: facts about them (released), what identifies
someone else (withheld by default, with the reason), and free text (what anyone wrote: offered for
review, never released unseen). Only the person's own records are gathered: the cases where they are
the young person or the complainant, the submissions they sent or that are about them, and the messages
on those submissions that belong to one of those cases (or to none). Another child's case on the same
submission is not theirs and is left out whole. ``review`` keeps the reviewer's decisions (a reason for
every withholding); ``export`` gives what is supplied, and records that it was.
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Text, or_, select

from portal import audit
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, ComplaintPoint, Document, Message, Person, SubjectAccessRequest, Submission, User

OTHER_PERSON = "It identifies someone else, who has not agreed to its release (DPA 2018 sch. 2 para. 16)."
PERSON_FACTS = ("name", "date_of_birth", "age_when_received", "email", "phone", "gender", "ethnicity", "uas_child")
CASE_FACTS = ("reference", "kind", "channel", "received_on", "status", "route", "triaged_on", "stage1_started",
              "stage1_responded", "stage1_outcome", "stage2_requested", "stage2_responded", "stage3_requested",
              "stage3_responded", "advocacy_given", "service_type")
SENDER_KEYS = ("name", "contact", "email", "phone", "address", "relationship", "birth")
SUBMISSION_FACTS = ("reference", "kind", "channel", "language", "received_on", "status", "who_is_telling")


@dataclass
class Item:
    key: str  # stable: "case:<id>:summary"
    section: str
    label: str
    value: str
    kind: str  # fact | someone_else | free_text


def _text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def _person_items(person: Person, section: str, key: str, kind: str) -> list[Item]:
    return [Item(f"{key}:{field}", section, field.replace("_", " "), _text(getattr(person, field)), kind)
            for field in PERSON_FACTS if getattr(person, field) is not None]


def cases_of(person: Person) -> list[Case]:
    return list(db.session.scalars(select(Case).where(
        or_(Case.young_person_id == person.id, Case.complainant_id == person.id)).order_by(Case.received_on)))


def submissions_of(person: Person) -> list[Submission]:
    return list(db.session.scalars(select(Submission).where(
        or_(Submission.young_person_id == person.id, Submission.submitter_id == person.id))
        .order_by(Submission.received_on)))


def gather(person: Person) -> list[Item]:
    """Every item held about ``person``, in order; nothing of a case that is not theirs."""
    items = _person_items(person, "About you", f"person:{person.id}", "fact")
    cases = cases_of(person)
    theirs = {case.id for case in cases}
    for case in cases:
        section = f"Case {case.reference}"
        items += [Item(f"case:{case.id}:{field}", section, field.replace("_", " "), _text(getattr(case, field)), "fact")
                  for field in CASE_FACTS if getattr(case, field) is not None]
        if case.team is not None:
            items.append(Item(f"case:{case.id}:team", section, "team", case.team.name, "fact"))
        for column in Case.__table__.columns:
            value = getattr(case, column.key, None)
            if isinstance(column.type, Text) and value and column.key != "legal_hold_reason":
                items.append(Item(f"case:{case.id}:{column.key}", section, column.key.replace("_", " "), value,
                                  "free_text"))
        for other_id, role in ((case.young_person_id, "young person"), (case.complainant_id, "complainant")):
            if other_id is not None and other_id != person.id:
                other = db.session.get(Person, other_id)
                items += _person_items(other, f"{section}: the {role}", f"case:{case.id}:{role.replace(' ', '_')}",
                                       "someone_else")
        for point in db.session.scalars(select(ComplaintPoint).where(ComplaintPoint.case_id == case.id)
                                        .order_by(ComplaintPoint.position)):
            items.append(Item(f"point:{point.id}", section, f"complaint point {point.position}", point.summary,
                              "free_text"))
    for submission in submissions_of(person):
        section = f"What was sent to us, {submission.reference}"
        items += [Item(f"submission:{submission.id}:{field}", section, field.replace("_", " "),
                       _text(getattr(submission, field)), "fact")
                  for field in SUBMISSION_FACTS if getattr(submission, field) is not None]
        # Sent by someone else: the answers that say who they are and how to reach them are theirs.
        sender_is_other = submission.submitter_id is not None and submission.submitter_id != person.id
        for name, value in sorted((submission.answers or {}).items()):
            if value not in (None, "", [], {}):
                kind = "someone_else" if sender_is_other and any(part in name for part in SENDER_KEYS) else "free_text"
                items.append(Item(f"submission:{submission.id}:answer:{name}", section, name.replace("_", " "),
                                  _text(value), kind))
        for other_id, role in ((submission.young_person_id, "young person"), (submission.submitter_id, "sender")):
            if other_id is not None and other_id != person.id:
                items += _person_items(db.session.get(Person, other_id), f"{section}: the {role}",
                                       f"submission:{submission.id}:{role.replace(' ', '_')}", "someone_else")
        for message in db.session.scalars(select(Message).where(
                Message.submission_id == submission.id,
                or_(Message.case_id.is_(None), Message.case_id.in_(theirs))).order_by(Message.sent_at)):
            who = "you" if message.direction == "from_young_person" else "the service"
            items.append(Item(f"message:{message.id}", section, f"message from {who}, {message.sent_at:%Y-%m-%d}",
                              message.body, "free_text"))
        for document in db.session.scalars(select(Document).where(
                Document.submission_id == submission.id,
                or_(Document.case_id.is_(None), Document.case_id.in_(theirs)))):
            items.append(Item(f"document:{document.id}", section, "document",
                              f"{document.original_name} ({document.description or 'no description'})", "free_text"))
    return items


def start(person: Person, *, actor: User) -> SubjectAccessRequest:
    request = SubjectAccessRequest(person_id=person.id, requested_by_id=actor.id, decisions={})
    db.session.add(request)
    db.session.flush()
    audit.record("subject_access_started", subject_type="person", subject_id=person.id, actor=actor,
                 request_id=str(request.id))
    db.session.commit()
    return request


def default_decisions(items: list[Item]) -> dict[str, dict[str, Any]]:
    """Facts released, someone else's details withheld (with the reason); free text undecided."""
    return {item.key: ({"release": True} if item.kind == "fact" else {"release": False, "reason": OTHER_PERSON})
            for item in items if item.kind != "free_text"}


def review(request: SubjectAccessRequest, decisions: dict[str, dict[str, Any]], *, actor: User) -> list[str]:
    """Keep the reviewer's decisions. Returns the keys still needing one (every free text must be
    decided; every withholding needs a reason); the request is reviewed only when that is empty."""
    items = gather(db.session.get(Person, request.person_id))
    merged = default_decisions(items) | {key: value for key, value in decisions.items()
                                         if key in {item.key for item in items}}
    missing = [item.key for item in items if item.key not in merged
               or (not merged[item.key].get("release") and not (merged[item.key].get("reason") or "").strip())]
    request.decisions = merged
    if not missing:
        request.reviewed_at, request.reviewed_by_id = datetime.now(UTC), actor.id
        audit.record("subject_access_reviewed", subject_type="person", subject_id=request.person_id, actor=actor,
                     request_id=str(request.id))
    db.session.commit()
    return missing


def export(request: SubjectAccessRequest, *, actor: User) -> dict[str, Any]:
    """What is supplied: the released items, and what was withheld (its label and reason only)."""
    if request.reviewed_at is None:
        raise CaseworkError("The redaction review is not finished: nothing can be supplied yet.")
    person = db.session.get(Person, request.person_id)
    items = gather(person)
    decisions = request.decisions or {}
    released = [asdict(item) | {"kind": None} for item in items if decisions.get(item.key, {}).get("release")]
    withheld = [{"section": item.section, "label": item.label, "reason": decisions.get(item.key, {}).get("reason")
                 or "Not reviewed"} for item in items if not decisions.get(item.key, {}).get("release")]
    for entry in released:
        del entry["kind"]
    request.supplied_at, request.supplied_by_id = datetime.now(UTC), actor.id
    request.supplied = {"released": len(released), "withheld": len(withheld)}
    audit.record("subject_access_supplied", subject_type="person", subject_id=person.id, actor=actor,
                 request_id=str(request.id), released=len(released), withheld=len(withheld))
    db.session.commit()
    return {"request": str(request.id), "supplied_at": request.supplied_at.isoformat(timespec="seconds"),
            "released": released, "withheld": withheld}


def request_or_none(request_id: uuid.UUID) -> SubjectAccessRequest | None:
    return db.session.get(SubjectAccessRequest, request_id)
