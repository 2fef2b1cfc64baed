"""Language support for a submission: translations made and interpreters booked, and the translated
copies of a response letter that a young person reads on their tracking page.

``LanguageSupport`` is one thing staff did so a young person could understand or be understood: a
response or letter translated, or an interpreter booked, with the date, the language and who
recorded it. ``LetterTranslation`` is the text of a letter in another language, beside the letter of
record (``Letter``, the one the procedure counts): the young person sees the copy in their language,
with the original a tap away (decision 0014).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.cases import Case, Letter
    from portal.models.submissions import Submission
    from portal.models.users import User

# What was done. A language is a portal.i18n code, or what staff typed for one the portal does not
# offer (e.g. "Oromo").
LANGUAGE_SUPPORT_KINDS = ("response_translated", "letter_translated", "interpreter_booked")


class LanguageSupport(HasId, HasCreated, Base):
    __tablename__ = "language_support"

    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"),
                                                     index=True)
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))  # one of LANGUAGE_SUPPORT_KINDS
    language: Mapped[str] = mapped_column(String(60))
    on: Mapped[date]  # the day it was translated, or the day the interpreter was booked
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # Staff's own note (e.g. the agency, the appointment): staff-only, never shown to the young person.
    note: Mapped[str | None] = mapped_column(Text)

    submission: Mapped[Submission] = relationship()
    case: Mapped[Case | None] = relationship()
    recorded_by: Mapped[User | None] = relationship()


class LetterTranslation(HasId, HasCreated, Base):
    """A response letter in another language: made from what staff pasted, like the letter itself
    (``portal.sanitise.from_plain_text``), and cleaned again whenever it is shown."""

    __tablename__ = "letter_translations"
    __table_args__ = (UniqueConstraint("letter_id", "language"),)

    letter_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("letters.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(10))  # a portal.i18n code
    source: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    translated_on: Mapped[date]
    written_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    letter: Mapped[Letter] = relationship()
    written_by: Mapped[User | None] = relationship()
