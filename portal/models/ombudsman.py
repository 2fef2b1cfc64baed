"""The Local Government and Social Care Ombudsman: its enquiries about a case, and what it decided.

One row per enquiry (a case may draw more than one). The annual report counts enquiries by the date
the Ombudsman first enquired, investigations and public reports (REPORT.md table 13); imported history
(IMPORT.md ``lgo_*`` columns) lands here too, so the five-year table has its earlier years.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId

if TYPE_CHECKING:
    from portal.models.cases import Case

# The Ombudsman's decision. "not_investigated" covers every reason it did not investigate
# (premature, out of jurisdiction, closed after initial enquiries).
OMBUDSMAN_DECISIONS = ("not_investigated", "no_fault", "fault_no_injustice", "fault_injustice")


class OmbudsmanEnquiry(HasId, HasCreated, Base):
    __tablename__ = "ombudsman_enquiries"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    enquired_on: Mapped[date] = mapped_column(index=True)  # the date the Ombudsman first enquired
    ombudsman_reference: Mapped[str | None] = mapped_column(String(40))
    information_requested: Mapped[str | None] = mapped_column(Text)
    information_due_on: Mapped[date | None]
    information_sent_on: Mapped[date | None]
    # Whether the Ombudsman investigated; None until it has said.
    investigated: Mapped[bool | None]
    decision: Mapped[str | None] = mapped_column(String(30))  # one of OMBUDSMAN_DECISIONS
    decided_on: Mapped[date | None]
    remedy: Mapped[str | None] = mapped_column(Text)
    remedy_due_on: Mapped[date | None]
    remedy_completed_on: Mapped[date | None]
    public_report: Mapped[bool] = mapped_column(default=False)

    case: Mapped[Case] = relationship()
