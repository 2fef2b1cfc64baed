"""Restrictions on a person's contact for persistent and unreasonable behaviour.

What is restricted, why, who approved it and when it is reviewed. Shown on every case of that person;
the complaint itself still proceeds (a restriction never changes a case's procedure state).
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.people import Person
    from portal.models.users import User


class ContactRestriction(HasId, HasCreated, Base):
    __tablename__ = "contact_restrictions"

    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    restriction: Mapped[str] = mapped_column(Text)  # what: e.g. one named contact, email only
    reason: Mapped[str] = mapped_column(Text)  # why
    approved_by: Mapped[str] = mapped_column(String(200))  # who approved it (name and role)
    starts_on: Mapped[date]
    review_on: Mapped[date] = mapped_column(index=True)
    last_reviewed_on: Mapped[date | None]
    ended_on: Mapped[date | None]
    ended_reason: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    is_demo: Mapped[bool] = mapped_column(default=False)

    person: Mapped[Person] = relationship()
    recorded_by: Mapped[User | None] = relationship()
