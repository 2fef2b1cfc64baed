"""Stages 2 and 3: each stage 2 request as its own record, and the people appointed to a case
(investigator, independent person, panel members).

An appointment is what lets an appointed person (who signs in like staff) see a case at all
(``portal.access.visible_cases``), and only from ``appointed_on`` to ``ends_on``: after that day they
are refused, whatever their role. The declaration of independence (reg 2) is kept with it.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.cases import Case
    from portal.models.users import User

# The appointed roles, as stored (each is also a role in portal.permissions of the same name).
INVESTIGATOR = "investigator"
INDEPENDENT_PERSON = "independent_person"
PANEL_MEMBER = "panel_member"
APPOINTED_ROLES = (INVESTIGATOR, INDEPENDENT_PERSON, PANEL_MEMBER)


class Appointment(HasId, HasCreated, Base):
    __tablename__ = "appointments"
    __table_args__ = (Index("ix_appointments_user_ends", "user_id", "ends_on"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id"))
    role: Mapped[str] = mapped_column(String(30))  # one of APPOINTED_ROLES
    stage: Mapped[int] = mapped_column(Integer)
    appointed_on: Mapped[date]
    ends_on: Mapped[date]  # the last day they may see the case
    chair: Mapped[bool] = mapped_column(default=False)  # the panel's chair (reg 19(2))
    # Reg 2: the declaration, each answer "no" for an independent person (stored as given).
    declared_council_member: Mapped[bool | None]
    declared_council_officer: Mapped[bool | None]
    declared_spouse_or_partner: Mapped[bool | None]
    appointed_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(back_populates="appointments")
    user: Mapped[User] = relationship(foreign_keys=[user_id], lazy="joined")


# How a stage 2 request was answered, as table 12 counts it.
STAGE2_ANSWERS = ("investigation", "management_review", "mediation", "not_progressed", "referred_back")


class Stage2Request(HasId, HasCreated, Base):
    """One request for stage 2 and how it was answered (decision 0017). A request referred back for a
    fuller stage 1 response keeps its row when the complainant asks again: table 12 counts every
    request in the year it was made, with its own answer. The case's columns hold the latest request
    (the procedure state); cases without rows (imported, or from before these rows) are counted from them."""

    __tablename__ = "stage2_requests"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    requested_on: Mapped[date]
    late: Mapped[bool] = mapped_column(Boolean, default=False)
    late_accepted: Mapped[bool | None]
    answer: Mapped[str | None] = mapped_column(String(30))  # one of STAGE2_ANSWERS; None while awaiting
    answered_on: Mapped[date | None]

    case: Mapped[Case] = relationship(back_populates="stage2_requests")
