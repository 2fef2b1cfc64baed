"""Cases: a triaged submission followed through its route (the statutory stages for a complaint)."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId
from portal.models.people import Person
from portal.models.reference import Team
from portal.models.submissions import Submission


class Case(HasId, HasCreated, Base):
    __tablename__ = "cases"

    reference: Mapped[str] = mapped_column(String(16), unique=True)
    submission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("submissions.id"))
    kind: Mapped[str] = mapped_column(String(30))
    route: Mapped[str | None] = mapped_column(String(30))
    status: Mapped[str] = mapped_column(String(30), index=True)
    received_on: Mapped[date]
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), index=True)
    young_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"))
    complainant_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"))
    responding_manager_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # The advocate supporting the young person; their caseload is exactly these cases.
    advocate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    is_demo: Mapped[bool] = mapped_column(default=False)

    submission: Mapped[Submission | None] = relationship()
    team: Mapped[Team | None] = relationship()
    young_person: Mapped[Person | None] = relationship(foreign_keys=[young_person_id])
    complainant: Mapped[Person | None] = relationship(foreign_keys=[complainant_id])
