"""MP and County Councillor enquiries about a family, recorded by staff and answered on the council's
own timescale. Each is linked (automatically, when recorded or changed) to the people the service
already knows and their cases, so work on the same family is not duplicated.

The family's name and date of birth are special-category data: never logged, never in a URL.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.cases import Case
    from portal.models.people import Person
    from portal.models.users import User

MEMBER_KINDS = ("mp", "councillor")

# The known people and cases an enquiry was matched to (refreshed whenever the enquiry changes).
member_enquiry_people = Table(
    "member_enquiry_people",
    Base.metadata,
    Column("enquiry_id", ForeignKey("member_enquiries.id", ondelete="CASCADE"), primary_key=True),
    Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), primary_key=True),
)
member_enquiry_cases = Table(
    "member_enquiry_cases",
    Base.metadata,
    Column("enquiry_id", ForeignKey("member_enquiries.id", ondelete="CASCADE"), primary_key=True),
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class MemberEnquiry(HasId, HasCreated, Base):
    __tablename__ = "member_enquiries"

    member_name: Mapped[str] = mapped_column(String(200))
    member_kind: Mapped[str] = mapped_column(String(20))  # one of MEMBER_KINDS
    received_on: Mapped[date] = mapped_column(index=True)
    # The family it concerns, as the service records people (portal.models.people.Person).
    person_name: Mapped[str] = mapped_column(String(200))
    person_date_of_birth: Mapped[date | None]
    about: Mapped[str | None] = mapped_column(Text)
    # Fixed when recorded, from the setting then in force (MEMBER_ENQUIRY_WORKING_DAYS).
    due_on: Mapped[date] = mapped_column(index=True)
    responded_on: Mapped[date | None]
    response: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    is_demo: Mapped[bool] = mapped_column(default=False)
    # A front-door submission triaged as an MP or Councillor enquiry: the case triage made of it. It is
    # the enquiry itself, so it is never one of the known complainant's cases in ``cases``.
    from_case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id", ondelete="SET NULL"), index=True)
    # Set when retention removed the family's details (portal.casework.retention); the counted record stays.
    personal_data_removed_on: Mapped[date | None]

    recorded_by: Mapped[User | None] = relationship()
    from_case: Mapped[Case | None] = relationship(foreign_keys=[from_case_id])
    people: Mapped[list[Person]] = relationship(secondary=member_enquiry_people)
    cases: Mapped[list[Case]] = relationship(secondary=member_enquiry_cases, order_by="Case.received_on")
