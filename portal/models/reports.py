"""Published annual reports: frozen as published, so later corrections to records never change them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from portal.models.base import Base, HasCreated, HasId


class PublishedReport(HasId, HasCreated, Base):
    """A year's report as published: the figures (REPORT.md's JSON shape, exact numbers) and the date
    and time they were computed. One per financial year; publishing again is refused."""

    __tablename__ = "published_reports"

    year: Mapped[int] = mapped_column(unique=True)  # the financial year's first calendar year
    as_at: Mapped[date]  # the UK date the figures were computed (the report's "as at")
    computed_at: Mapped[datetime]
    published_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
