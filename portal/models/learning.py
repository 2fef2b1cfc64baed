"""Learning: the corrective action plan (CAP) a team gets from a complaint at stage 2 and beyond.

The actions themselves are ``portal.models.cases.CorrectiveAction`` (from any stage); a plan gathers a
case's actions from stage 2 on, with the date the team was debriefed.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.cases import Case
    from portal.models.reference import Team


class CorrectiveActionPlan(HasId, HasCreated, Base):
    __tablename__ = "corrective_action_plans"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), index=True)
    debrief_on: Mapped[date | None]
    notes: Mapped[str | None] = mapped_column(Text)

    case: Mapped[Case] = relationship()
    team: Mapped[Team | None] = relationship()
