"""People the service hears from or about. Special-category data: never logged, never in a URL."""

from __future__ import annotations

from datetime import date

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, HasCreated, HasId


class Person(HasId, HasCreated, Base):
    __tablename__ = "people"

    # "I'd rather not say" leaves the name empty; staff then rely on the safe contact details.
    name: Mapped[str | None] = mapped_column(String(200))
    date_of_birth: Mapped[date | None]
    age_when_received: Mapped[int | None]
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    # Monitoring (optional, said so on screen): DfE ethnicity code, gender, unaccompanied asylum-seeking child.
    gender: Mapped[str | None] = mapped_column(String(20))
    ethnicity: Mapped[str | None] = mapped_column(String(4))
    uas_child: Mapped[bool | None]
    is_demo: Mapped[bool] = mapped_column(default=False)
