"""Reference lists that reports count by: areas and teams."""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasId


class Area(HasId, Base):
    __tablename__ = "areas"

    name: Mapped[str] = mapped_column(String(120), unique=True)


class Team(HasId, Base):
    __tablename__ = "teams"

    name: Mapped[str] = mapped_column(String(160), unique=True)
    area_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("areas.id"))
    # Teams whose managers write stage 1 responses; operational (e.g. safeguarding) referrals go here too.
    active: Mapped[bool] = mapped_column(default=True)

    area: Mapped[Area | None] = relationship(lazy="joined")
