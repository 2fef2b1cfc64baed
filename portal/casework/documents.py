"""Documents kept with a case: stored outside the web root, typed by their content, served only to
those allowed, always as a download.

- The type comes from the file's first bytes (PDF, PNG, JPEG, WEBP, HEIC), never from its name or the
  browser's Content-Type: a file named ``.pdf`` that is really HTML is refused.
- The size is limited (``UPLOAD_MAX_BYTES``); the request limit for upload pages is raised just enough
  to read the file and tell the user it is too big, rather than fail with a bare 413.
- Files live in ``DOCUMENTS_FOLDER`` (``instance/documents`` by default; never ``static/``) under a
  random name with no extension, created exclusively and readable by the portal's user only.
- Served by a view that checks access, with ``Content-Disposition: attachment``, ``nosniff`` and a
  sandboxing CSP, so nothing is ever shown inline or run as a page.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from flask import Flask, current_app, request, send_file
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.wrappers import Response

from portal import audit
from portal.db import db
from portal.models import Case, Document, Submission, User


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
    """An upload refused. ``reason``: "missing", "empty", "too_big", "type" or "too_many"; the view words it
    in the user's language."""

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


def folder() -> Path:
    path = Path(current_app.config["DOCUMENTS_FOLDER"])
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


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
    person, ``actor`` None). Checks size and type first; writes the file, then the row and its audit
    event in one transaction (the file is removed again if that fails)."""
    if upload is None or not getattr(upload, "filename", None):
        raise DocumentError("missing")
    if actor is None and submission is not None and len(sent_by_young_person(submission)) >= MAX_FROM_YOUNG_PERSON:
        raise DocumentError("too_many")
    data = _read(upload.stream)
    kind = sniff(data[:32])
    if kind is None:
        raise DocumentError("type")
    stored_name = secrets.token_hex(24)
    path = folder() / stored_name
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    try:
        document = Document(
            case_id=case.id if case is not None else None,
            submission_id=submission.id if submission is not None else (case.submission_id if case else None),
            stored_name=stored_name, original_name=clean_name(upload.filename), content_type=kind.content_type,
            size=len(data), sha256=hashlib.sha256(data).hexdigest(),
            description=(description or "").strip()[:200] or None,
            uploaded_by_id=actor.id if actor is not None else None, from_young_person=actor is None,
        )
        db.session.add(document)
        db.session.flush()
        audit.record("document_added", subject_type="case" if case is not None else "submission",
                     subject_id=case.id if case is not None else document.submission_id, actor=actor,
                     actor_kind=None if actor is not None else "public", document_id=str(document.id),
                     content_type=kind.content_type, size=len(data))
        db.session.commit()
    except Exception:
        db.session.rollback()
        path.unlink(missing_ok=True)
        raise
    return document


def for_case(case: Case) -> list[Document]:
    """A case's documents: its own, and what the young person sent for the submission it came from."""
    from sqlalchemy import and_, or_, select

    conditions = [Document.case_id == case.id]
    if case.submission_id is not None:
        conditions.append(and_(Document.case_id.is_(None), Document.submission_id == case.submission_id))
    return list(db.session.scalars(select(Document).where(or_(*conditions)).order_by(Document.created_at)))


def sent_by_young_person(submission: Submission) -> list[Document]:
    from sqlalchemy import select

    return list(db.session.scalars(
        select(Document).where(Document.submission_id == submission.id, Document.from_young_person.is_(True))
        .order_by(Document.created_at)))


def download_name(document: Document) -> str:
    extension = {kind.content_type: kind.extension for kind in (PDF, PNG, JPEG, WEBP, HEIC)}[document.content_type]
    created: datetime = document.created_at
    return f"document-{created:%Y%m%d}-{str(document.id)[:8]}.{extension}"


def serve(document: Document) -> Response:
    """The file as a download, never inline, with the type it was checked to be."""
    response = send_file(folder() / document.stored_name, mimetype=document.content_type, as_attachment=True,
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
