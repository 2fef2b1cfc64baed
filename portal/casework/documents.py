"""Documents kept with a case: kept in the database, scanned for malware, typed by their content, served
only to those allowed, always as a download.

- The type comes from the file's first bytes (PDF, PNG, JPEG, WEBP, HEIC), never from its name or the
  browser's Content-Type: a file named ``.pdf`` that is really HTML is refused.
- The size is limited (``UPLOAD_MAX_BYTES``); the request limit for upload pages is raised just enough
  to read the file and tell the user it is too big, rather than fail with a bare 413.
- The content is kept in the database beside the record (``document_contents``, in pieces of
  ``CHUNK`` bytes): every app host reads the same file, the file and its record commit or roll back
  together, and one database backup holds everything (decision 0021).
- Every file is scanned by clamd (``portal.hosting.clamd``) before anyone can download it. Found
  infected at upload, it is refused at once and nothing of it is kept; with clamd unreachable it waits
  in quarantine (``scan_status`` "waiting", never served) until ``flask documents scan`` passes it, or
  finds it infected: then its content is deleted, staff are told and the young person's tracking page
  says the file could not be accepted.
- Served by a view that checks access, with ``Content-Disposition: attachment``, ``nosniff`` and a
  sandboxing CSP, so nothing is ever shown inline or run as a page.
"""

from __future__ import annotations

import hashlib
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from flask import Flask, current_app, request, send_file
from sqlalchemy import Select, and_, delete, func, or_, select
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from portal import audit
from portal.db import db
from portal.hosting import clamd
from portal.models import Case, Document, DocumentChunk, Submission, User
from portal.models.base import utcnow
from portal.notifications import outbox

# Pieces of the content, one row each: small enough for any database protocol and a backup's lines, and a
# file of the largest size allowed (10 MB by default) is ten rows.
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str


PDF = Kind("application/pdf", "pdf")
PNG = Kind("image/png", "png")
JPEG = Kind("image/jpeg", "jpg")
WEBP = Kind("image/webp", "webp")
HEIC = Kind("image/heic", "heic")

# ISO base media "brands" that mean a HEIC/HEIF still image (what iPhones save photos as).
_HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}


def sniff(head: bytes) -> Kind | None:
    """What a file is, from its first bytes (at least 16), or None when it is none of the kinds kept."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return HEIC
    return None


class DocumentError(ValueError):
    """An upload refused. ``reason``: "missing", "empty", "too_big", "type", "too_many" or "infected" (the
    malware scan found something: nothing of the file is kept); the view words it in the user's language."""

    def __init__(self, reason: str) -> None:
        self.reason = reason
        super().__init__(reason)


def max_bytes() -> int:
    return int(current_app.config["UPLOAD_MAX_BYTES"])


def size_text(size: int | None = None) -> str:
    """A size as people say it: "10 MB", "500 KB"."""
    size = max_bytes() if size is None else size
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.3g}\u00a0MB"  # a no-break space: never "10" on one line, "MB" on the next
    return f"{max(1, round(size / 1024))}\u00a0KB"


def clean_name(name: str | None) -> str:
    """The name the file had, for staff to recognise it: no path, no control characters, 200 at most.
    Never used as a path or in a URL."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C").strip()
    return base[:200] or "file"


def _read(stream: IO[bytes]) -> bytes:
    limit = max_bytes()
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise DocumentError("too_big")
    if not data:
        raise DocumentError("empty")
    return data


# The most files a young person can send for one submission from the tracking page (the page is open to
# anyone with the code: this keeps one code from filling the disk).
MAX_FROM_YOUNG_PERSON = 20


def store(upload: Any, *, case: Case | None = None, submission: Submission | None = None,
          description: str | None = None, actor: User | None = None) -> Document:
    """Keep an uploaded file (a werkzeug FileStorage) with a case (staff) or a submission (the young
    person, ``actor`` None). Checks size and type, then scans it; keeps the row, its content and the audit
    event in one transaction. A young person's upload is counted against ``MAX_FROM_YOUNG_PERSON`` and
    stored under one lock on their submission, so uploads arriving at once cannot pass the cap."""
    if upload is None or not getattr(upload, "filename", None):
        raise DocumentError("missing")
    capped = actor is None and submission is not None
    if capped and _count_sent(submission.id) >= MAX_FROM_YOUNG_PERSON:
        raise DocumentError("too_many")  # said before the file is read or scanned; checked again under the lock
    data = _read(upload.stream)
    kind = sniff(data[:32])
    if kind is None:
        raise DocumentError("type")
    subject_type = "case" if case is not None else "submission"
    subject_id = case.id if case is not None else (submission.id if submission is not None else None)
    # The scan may take a moment: no transaction (and so no SQLite write lock, no row lock) is held
    # while it runs. What this request read so far is committed (nothing was written).
    db.session.commit()
    try:
        verdict: clamd.Verdict | None = scan(data)
    except clamd.ScannerUnavailable:
        verdict = None  # kept in quarantine: ``flask documents scan`` tries again
    if verdict is not None and not verdict.clean:
        audit.record("document_refused", subject_type=subject_type, subject_id=subject_id, actor=actor,
                     actor_kind=None if actor is not None else "public", finding=verdict.finding,
                     content_type=kind.content_type, size=len(data))
        db.session.commit()
        raise DocumentError("infected")
    if capped:
        hold_submission(submission.id)
        if _count_sent(submission.id) >= MAX_FROM_YOUNG_PERSON:
            db.session.rollback()
            raise DocumentError("too_many")
    try:
        document = Document(
            case_id=case.id if case is not None else None,
            submission_id=submission.id if submission is not None else (case.submission_id if case else None),
            original_name=clean_name(upload.filename), content_type=kind.content_type,
            size=len(data), sha256=hashlib.sha256(data).hexdigest(),
            description=(description or "").strip()[:200] or None,
            uploaded_by_id=actor.id if actor is not None else None, from_young_person=actor is None,
            scan_status="clean" if verdict is not None else "waiting",
            scanned_at=utcnow() if verdict is not None else None,
        )
        db.session.add(document)
        db.session.flush()
        keep_content(document, data)
        audit.record("document_added", subject_type=subject_type, subject_id=subject_id, actor=actor,
                     actor_kind=None if actor is not None else "public", document_id=str(document.id),
                     content_type=kind.content_type, size=len(data), scan=document.scan_status)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return document


def scan(data: bytes) -> clamd.Verdict:
    config = current_app.config
    return clamd.scan(data, config["CLAMD_URL"], timeout=float(config["CLAMD_TIMEOUT_SECONDS"]))


def hold_submission(submission_id: Any) -> None:
    """Take the lock that counting and adding a young person's files happen under, until the transaction
    ends: the submission's row on PostgreSQL; on SQLite a writing transaction already holds the database's
    write lock from its BEGIN (``portal.db``)."""
    if db.session.get_bind().dialect.name != "sqlite":
        db.session.execute(select(Submission.id).where(Submission.id == submission_id).with_for_update())


def _count_sent(submission_id: Any) -> int:
    return db.session.scalar(select(func.count()).select_from(Document).where(
        Document.submission_id == submission_id, Document.from_young_person.is_(True))) or 0


def keep_content(document: Document, data: bytes) -> None:
    """Add a document's content, in pieces, to the current transaction."""
    db.session.add_all(DocumentChunk(document_id=document.id, number=number, data=data[start:start + CHUNK])
                       for number, start in enumerate(range(0, len(data), CHUNK)))
    db.session.flush()


def content(document: Document) -> bytes | None:
    """The document's bytes as kept, or None when there are none (never brought in, or deleted)."""
    pieces = list(db.session.scalars(select(DocumentChunk.data).where(DocumentChunk.document_id == document.id)
                                     .order_by(DocumentChunk.number)))
    return b"".join(pieces) if pieces else None


def for_case(case: Case) -> list[Document]:
    """A case's documents: its own, and what the young person sent for the submission it came from."""
    conditions = [Document.case_id == case.id]
    if case.submission_id is not None:
        conditions.append(and_(Document.case_id.is_(None), Document.submission_id == case.submission_id))
    return list(db.session.scalars(select(Document).where(or_(*conditions)).order_by(Document.created_at)))


def sent_by_young_person(submission: Submission) -> list[Document]:
    return list(db.session.scalars(
        select(Document).where(Document.submission_id == submission.id, Document.from_young_person.is_(True))
        .order_by(Document.created_at)))


def mark_seen(files: list[Document], *, actor: User) -> int:
    """Someone responsible has opened a page listing these files from a young person: the unseen ones
    stop being flagged "new". One audit event per submission (document ids only). Commits."""
    unseen = [document for document in files if document.from_young_person and document.seen_at is None]
    if not unseen:
        return 0
    moment = utcnow()
    by_submission: dict[Any, list[str]] = {}
    for document in unseen:
        document.seen_at, document.seen_by_id = moment, actor.id
        by_submission.setdefault(document.submission_id, []).append(str(document.id))
    for submission_id, ids in by_submission.items():
        audit.record("young_person_files_seen", subject_type="submission", subject_id=submission_id,
                     actor=actor, document_ids=ids)
    db.session.commit()
    return len(unseen)


def unseen_from_young_people(submission_ids: Any, *, limit: int = 50) -> list[tuple[Submission, int]]:
    """Submissions (among ``submission_ids``, a query of ids the viewer may see) with files from the young
    person nobody responsible has seen yet, and how many; the oldest first."""
    # The few unseen files first (a partial index holds only them), then which of their submissions the
    # viewer may see: joined the other way, every visible submission (100,000) was listed to find them.
    unseen = {submission_id: (count, first) for submission_id, count, first in db.session.execute(
        select(Document.submission_id, func.count(Document.id), func.min(Document.created_at))
        .where(Document.from_young_person.is_(True), Document.seen_at.is_(None), Document.submission_id.is_not(None))
        .group_by(Document.submission_id))}
    if not unseen:
        return []
    if isinstance(submission_ids, Select):  # narrowed to the unseen ones in its own column, read by key
        column = submission_ids.selected_columns[0]
        allowed = Submission.id.in_(submission_ids.where(column.in_(list(unseen))))
    else:
        allowed = Submission.id.in_(set(submission_ids) & set(unseen))
    found = db.session.scalars(select(Submission).where(Submission.id.in_(list(unseen)), allowed)).all()
    oldest_first = sorted(found, key=lambda submission: (unseen[submission.id][1], str(submission.id)))[:limit]
    return [(submission, unseen[submission.id][0]) for submission in oldest_first]


def refused_after_scan(submission: Submission) -> list[Document]:
    """What the young person sent that a later scan found infected (and deleted): their tracking page
    says each could not be accepted."""
    return [document for document in sent_by_young_person(submission) if document.scan_status == "infected"]


def download_name(document: Document) -> str:
    extension = {kind.content_type: kind.extension for kind in (PDF, PNG, JPEG, WEBP, HEIC)}[document.content_type]
    created: datetime = document.created_at
    return f"document-{created:%Y%m%d}-{str(document.id)[:8]}.{extension}"


def serve(document: Document) -> Response | tuple[str, int]:
    """The file as a download, never inline, with the type it was checked to be; only once clamd has
    passed it (a file waiting for its scan, or removed, gets a page that says so)."""
    from portal.errors import error_page

    if document.scan_status == "waiting":
        return error_page("document_waiting", 409)
    data = content(document) if document.scan_status == "clean" else None
    if data is None:
        return error_page("document_removed" if document.scan_status == "infected" else 404,
                          410 if document.scan_status == "infected" else 404)
    response = send_file(io.BytesIO(data), mimetype=document.content_type, as_attachment=True,
                         download_name=download_name(document), max_age=0, conditional=False, etag=False)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response.headers["Cache-Control"] = "no-store"
    return response


def accepts_upload(view: Any) -> Any:
    """Mark a view as taking a file: its requests may be as large as ``UPLOAD_MAX_BYTES`` allows."""
    view._accepts_upload = True
    return view


def _raise_limit() -> None:
    view = current_app.view_functions.get(request.endpoint or "")
    if view is not None and getattr(view, "_accepts_upload", False) and request.method == "POST":
        # Room for the form's other fields and twice the file, so an over-limit file still reaches
        # the view and gets a clear message; anything larger is a 413 worded for files.
        request.max_content_length = 2 * max_bytes() + 64 * 1024


def init_app(app: Flask) -> None:
    """Raise the request limit for upload views before anything reads the form (CSRF does, first), and
    word a too-large request on an upload page as a file that is too big."""
    from portal.errors import error_page

    app.before_request_funcs.setdefault(None, []).insert(0, _raise_limit)

    @app.errorhandler(RequestEntityTooLarge)
    def too_large(_error: RequestEntityTooLarge) -> Any:
        view = current_app.view_functions.get(request.endpoint or "")
        return error_page("file_too_big" if getattr(view, "_accepts_upload", False) else 413, 413)


# ---------------------------------------------------------------------------------------------------
# Later: the scan of files that waited, and files kept on disk before documents moved into the database
# ---------------------------------------------------------------------------------------------------


@dataclass
class ScanRound:
    clean: int = 0
    infected: int = 0
    waiting: int = 0


def scan_waiting(limit: int = 200) -> ScanRound:
    """Scan files held in quarantine (clamd was unreachable when they came). Each is scanned outside any
    transaction, then settled under a lock on its row, only if still waiting: several hosts may run this
    at once and each file is settled once. Clean: it may be downloaded. Infected: its content is deleted,
    the audit records it, staff are told by email and on the case, and the young person's tracking page
    says the file could not be accepted."""
    done = ScanRound()
    waiting = list(db.session.scalars(
        select(Document.id).where(Document.scan_status == "waiting",
                                  select(DocumentChunk.number).where(DocumentChunk.document_id == Document.id)
                                  .exists())
        .order_by(Document.created_at).limit(limit)))
    db.session.commit()
    for document_id in waiting:
        document = db.session.get(Document, document_id)
        data = content(document) if document is not None else None
        db.session.commit()
        if data is None:
            continue
        try:
            verdict = scan(data)
        except clamd.ScannerUnavailable:
            done.waiting += 1
            continue
        if settle(document_id, verdict):
            if verdict.clean:
                done.clean += 1
            else:
                done.infected += 1
    return done


def settle(document_id: Any, verdict: clamd.Verdict) -> bool:
    """Record a later scan's verdict on a file that waited; False when another host settled it first."""
    document = db.session.scalar(select(Document).where(Document.id == document_id).with_for_update()
                                 .execution_options(populate_existing=True))
    if document is None or document.scan_status != "waiting":
        db.session.rollback()
        return False
    subject_type = "case" if document.case_id is not None else "submission"
    subject_id = document.case_id if document.case_id is not None else document.submission_id
    document.scanned_at = utcnow()
    if verdict.clean:
        document.scan_status = "clean"
        audit.record("document_scanned", subject_type=subject_type, subject_id=subject_id,
                     document_id=str(document.id))
    else:
        document.scan_status, document.scan_finding = "infected", verdict.finding
        db.session.execute(delete(DocumentChunk).where(DocumentChunk.document_id == document.id))
        told = _tell_staff(document)
        audit.record("document_removed", subject_type=subject_type, subject_id=subject_id,
                     document_id=str(document.id), finding=verdict.finding, notified=told)
    db.session.commit()
    return True


def _tell_staff(document: Document) -> int:
    """Email the service's mailbox, and whoever uploaded the file: the message names neither the file nor
    anyone, only where to look (the case's documents page, or the submission's triage page)."""
    recipients = [current_app.config["SERVICE_EMAIL"]]
    if document.uploaded_by is not None and document.uploaded_by.active:
        recipients.append(document.uploaded_by.email)
    if document.case_id is not None:
        where = f"/staff/cases/{document.case_id}/documents"
    else:
        case_id = db.session.scalar(select(Case.id).where(Case.submission_id == document.submission_id).limit(1))
        where = f"/staff/cases/{case_id}/documents" if case_id else f"/staff/submissions/{document.submission_id}"
    for address in dict.fromkeys(recipients):
        outbox.queue(address, "document_removed", personalisation={"where": where})
    return len(set(recipients))


@dataclass
class Move:
    moved: int = 0
    missing: list[str] = field(default_factory=list)  # stored names (random), never original names
    different: list[str] = field(default_factory=list)


def move_into_database(folder: Path, *, keep_files: bool = False) -> Move:
    """Bring documents kept on disk (before decision 0021) into the database: each file is checked
    against its recorded size and SHA-256, written, read back and compared byte for byte, committed,
    and only then deleted from the folder (unless ``keep_files``). A file missing or different is named
    (by its stored name, never its original one) and left as it is. Safe to run again."""
    result = Move()
    has_content = select(DocumentChunk.number).where(DocumentChunk.document_id == Document.id).exists()
    pending = list(db.session.scalars(select(Document).where(Document.stored_name.is_not(None), ~has_content)
                                      .order_by(Document.created_at)))
    for document in pending:
        stored_name = document.stored_name or ""
        path = folder / stored_name
        if not path.is_file():
            result.missing.append(stored_name)
            continue
        data = path.read_bytes()
        if len(data) != document.size or hashlib.sha256(data).hexdigest() != document.sha256:
            result.different.append(stored_name)
            continue
        keep_content(document, data)
        db.session.expire_all()
        if content(document) != data:  # read back from the database before anything is deleted
            db.session.rollback()
            result.different.append(stored_name)
            continue
        document.stored_name = None
        audit.record("document_moved_into_database", subject_type="case" if document.case_id else "submission",
                     subject_id=document.case_id or document.submission_id, document_id=str(document.id))
        db.session.commit()
        result.moved += 1
        if not keep_files:
            path.unlink(missing_ok=True)
    return result
