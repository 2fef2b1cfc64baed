"""Subject access (UK GDPR art. 15): everything the portal holds about one person, after a redaction review.

``gather`` lists what is held about the person as items: facts about them (released), what identifies
someone else (withheld by default, with the reason), and free text (what anyone wrote: offered for
review, never released unseen). Only the person's own records are gathered: the cases where they are
the young person or the complainant, the submissions they sent or that are about them, and the messages
on those submissions that belong to one of those cases (or to none). Another child's case on the same
submission is not theirs and is left out whole. ``review`` keeps the reviewer's decisions (a reason for
every withholding); ``export`` gives what is supplied, and records that it was.

Documents (kept in the database, ``document_contents``) are items of their own kind: each is offered for
review like free text (open it, then release it or withhold it with the reason), and a released one is
supplied as the file itself in ``export_archive`` (a zip: the JSON and the files). Only a file the
malware scan passed is ever supplied, checked again as the archive is made: a file still waiting for
its scan, or found infected (its content deleted), is listed as withheld with the reason.
"""

from __future__ import annotations

import hashlib
import json
import uuid
import zipfile
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from io import BytesIO
from typing import Any

from sqlalchemy import Text, or_, select

from portal import audit
from portal.casework import documents as stored_documents
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
WAITING_FOR_SCAN = "Waiting for its malware scan: it can be supplied once the scan has passed it."
INFECTED = "Found infected by the malware scan and removed: nothing of it is left to supply."
NOT_SCANNED = {"waiting": WAITING_FOR_SCAN, "infected": INFECTED}
UNREADABLE = "Its content could not be read as the file was made: the service supplies it separately."


@dataclass
class Item:
    key: str  # stable: "case:<id>:summary"
    section: str
    label: str
    value: str
    kind: str  # fact | someone_else | free_text | document


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


def _document_item(document: Document, section: str) -> Item:
    value = (f"{document.original_name} ({document.description or 'no description'}; {document.content_type}, "
             f"{stored_documents.size_text(document.size)})")
    if document.scan_status in NOT_SCANNED:
        value += f". {NOT_SCANNED[document.scan_status]}"
    return Item(f"document:{document.id}", section, f"document: {document.original_name}", value, "document")


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
        # What staff attached to the case.
        items += [_document_item(document, section) for document in db.session.scalars(
            select(Document).where(Document.case_id == case.id).order_by(Document.created_at))]
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
        # What the young person sent with it (a document attached to one of their cases is listed there).
        items += [_document_item(document, section) for document in db.session.scalars(
            select(Document).where(Document.submission_id == submission.id, Document.case_id.is_(None))
            .order_by(Document.created_at))]
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
    """Facts released, someone else's details withheld (with the reason), a document found infected
    withheld (nothing is left of it); free text and the other documents undecided."""
    decided = {item.key: ({"release": True} if item.kind == "fact" else {"release": False, "reason": OTHER_PERSON})
               for item in items if item.kind in ("fact", "someone_else")}
    return decided | {item.key: {"release": False, "reason": INFECTED} for item in items
                      if item.kind == "document" and item.value.endswith(INFECTED)}


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
    released: list[dict[str, Any]] = []
    withheld: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    for item in items:
        reason = None if decisions.get(item.key, {}).get("release") else \
            (decisions.get(item.key, {}).get("reason") or "Not reviewed")
        document = db.session.get(Document, uuid.UUID(item.key.split(":")[1])) if item.kind == "document" else None
        if reason is None and document is not None and document.scan_status != "clean":
            reason = NOT_SCANNED.get(document.scan_status, WAITING_FOR_SCAN)  # released, but not a file to give
        if reason is not None:
            withheld.append({"section": item.section, "label": item.label, "reason": reason})
            continue
        entry = asdict(item)
        del entry["kind"]
        if document is not None:
            entry["file"] = f"documents/{len(files) + 1:02d}-{stored_documents.download_name(document)}"
            files.append({"key": item.key, "file": entry["file"], "name": document.original_name,
                          "content_type": document.content_type, "size": document.size, "sha256": document.sha256})
        released.append(entry)
    request.supplied_at, request.supplied_by_id = datetime.now(UTC), actor.id
    request.supplied = {"released": len(released), "withheld": len(withheld), "documents": len(files)}
    audit.record("subject_access_supplied", subject_type="person", subject_id=person.id, actor=actor,
                 request_id=str(request.id), released=len(released), withheld=len(withheld), documents=len(files))
    db.session.commit()
    return {"request": str(request.id), "supplied_at": request.supplied_at.isoformat(timespec="seconds"),
            "released": released, "withheld": withheld, "documents": files}


def export_archive(request: SubjectAccessRequest, *, actor: User) -> tuple[dict[str, Any], bytes]:
    """What is supplied as one zip: ``subject-access.json`` and each released document's file under
    ``documents/``. Each file's scan is checked again as it is read (a later scan may have found it
    infected and deleted it): one no longer clean, or whose content does not match its recorded hash,
    moves to what was withheld."""
    supplied = export(request, actor=actor)
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for entry in list(supplied["documents"]):
            document = db.session.get(Document, uuid.UUID(entry["key"].split(":")[1]))
            data = stored_documents.content(document) if document is not None and \
                document.scan_status == "clean" else None
            if data is None or hashlib.sha256(data).hexdigest() != entry["sha256"]:
                supplied["documents"].remove(entry)
                released = next(item for item in supplied["released"] if item["key"] == entry["key"])
                supplied["released"].remove(released)
                supplied["withheld"].append({"section": released["section"], "label": released["label"],
                                             "reason": NOT_SCANNED.get(getattr(document, "scan_status", ""),
                                                                       UNREADABLE)})
                continue
            archive.writestr(entry["file"], data)
        archive.writestr("subject-access.json", json.dumps(supplied, ensure_ascii=False, indent=2))
    return supplied, buffer.getvalue()


def request_or_none(request_id: uuid.UUID) -> SubjectAccessRequest | None:
    return db.session.get(SubjectAccessRequest, request_id)
