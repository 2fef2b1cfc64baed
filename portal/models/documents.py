"""Documents kept with a case: uploaded by staff, or by the young person on the tracking page.

The file itself is kept in the database beside its record (``document_contents``, in chunks), so every
app host reads the same file, a document and its record commit or roll back together, and one database
backup holds everything (decision 0021). ``original_name`` is shown to staff only, never used as a path
or put in a URL.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.cases import Case
    from portal.models.users import User


class Document(HasId, HasCreated, Base):
    __tablename__ = "documents"

    # Staff attach to a case; the young person's uploads on the tracking page belong to their submission
    # (before triage there is no case yet) and show on every case made from it.
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    submission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"),
                                                            index=True)
    # The file's name in DOCUMENTS_FOLDER before ``flask documents move-into-database`` brought it in
    # (documents uploaded since are kept in the database only, and have none).
    stored_name: Mapped[str | None] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(60))  # from the content, never from the browser
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(String(200))
    # Who added it: a member of staff, or (None) the young person through the tracking page.
    uploaded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    from_young_person: Mapped[bool] = mapped_column(default=False)
    # The malware scan (clamd): "waiting" (held in quarantine, never served), "clean" (clamd passed it),
    # "infected" (found later: its content is deleted, the row stays to say so). A file found infected
    # at upload is refused at once and leaves no row.
    scan_status: Mapped[str] = mapped_column(String(10), default="waiting", index=True)
    scanned_at: Mapped[datetime | None] = mapped_column()
    # What clamd named (a signature such as "Win.Test.EICAR_HDB-1"): never anything from the file itself.
    scan_finding: Mapped[str | None] = mapped_column(String(120))

    # A file the young person sent: when someone responsible first opened a page listing it (the triage
    # staff's submission page, the responding manager's case page, the advocate's case page). Until then
    # it is flagged "new" where staff look first (the staff home, the advocate's caseload).
    seen_at: Mapped[datetime | None] = mapped_column()
    seen_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])
    seen_by: Mapped[User | None] = relationship(foreign_keys=[seen_by_id])


class DocumentChunk(Base):
    """One piece of a document's content, in order (``number`` from 0). Pieces keep each row small for
    the database's protocol and its backups, and let a download stream without holding the whole file."""

    __tablename__ = "document_contents"

    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)
