"""Reference lists that reports count by: areas and teams."""

from __future__ import annotations

import uuid
from datetime import date

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


class Category(HasId, Base):
    """Complaint categories (Quality of Service, Communication and Consultation, Decision Making, ...)."""

    __tablename__ = "categories"

    name: Mapped[str] = mapped_column(String(160), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class ResolutionCategory(HasId, Base):
    """How a complaint was put right: explanation, apology, action taken, change of decision, ..."""

    __tablename__ = "resolution_categories"

    name: Mapped[str] = mapped_column(String(160), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class CorrectiveActionType(HasId, Base):
    """Kinds of corrective action (Service/Team Briefing, Apology, Training, Policy review, ...)."""

    __tablename__ = "corrective_action_types"

    name: Mapped[str] = mapped_column(String(160), unique=True)
    active: Mapped[bool] = mapped_column(default=True)


class CalendarDay(Base):
    """The statutory working-day calendar as a table, so SQL can count working days by subtraction.

    ``ordinal`` is ``portal.procedure.working_day_ordinal``: working days between two dates is
    ``end.ordinal - start.ordinal``. Filled by the migration and refreshed by ``flask calendar refresh``.
    """

    __tablename__ = "calendar_days"

    day: Mapped[date] = mapped_column(primary_key=True)
    ordinal: Mapped[int]
    is_working: Mapped[bool]
