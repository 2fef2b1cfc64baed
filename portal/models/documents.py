"""Documents kept with a case: uploaded by staff, or by the young person on the tracking page.

The file itself lives outside the web root under a random name (``portal.casework.documents``); this row
keeps what it is. ``original_name`` is shown to staff only, never used as a path or put in a URL.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String
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
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(60))  # from the content, never from the browser
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    description: Mapped[str | None] = mapped_column(String(200))
    # Who added it: a member of staff, or (None) the young person through the tracking page.
    uploaded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    from_young_person: Mapped[bool] = mapped_column(default=False)

    case: Mapped[Case | None] = relationship()
    uploaded_by: Mapped[User | None] = relationship()
