"""Cases: a triaged submission followed through its route (the statutory stages for a complaint).

A case's procedure state (status, route and the dates that matter) is stored as plain columns that
mirror `portal.procedure.ProcedureState`; deadlines are never stored, they are derived from the dates.
Only operations in `portal.casework` change these columns, through `portal.procedure.apply`.
"""

from __future__ import annotations

import dataclasses
import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId
from portal.models.people import Person
from portal.models.reference import Category, CorrectiveActionType, ResolutionCategory, Team
from portal.models.submissions import Submission
from portal.procedure import ProcedureState, working_day_ordinal

if TYPE_CHECKING:
    from portal.models.ombudsman import OmbudsmanEnquiry
    from portal.models.stages import Appointment, Stage2Request
    from portal.models.users import User

# Staff a complaint is about: they never see it, in any list or by URL, and never answer it.
case_subject_staff = Table(
    "case_subject_staff",
    Base.metadata,
    Column("case_id", ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
)

# The state fields whose column names differ from ProcedureState's.
_STATE_COLUMN = {"received": "received_on"}
_STATE_FIELDS = tuple(field.name for field in dataclasses.fields(ProcedureState))


class Case(HasId, HasCreated, Base):
    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_status_due", "status", "due_ordinal"),)

    reference: Mapped[str] = mapped_column(String(16), unique=True)
    submission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("submissions.id"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    channel: Mapped[str] = mapped_column(String(20), default="web")
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), index=True)
    young_person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"))
    complainant_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("people.id"))
    # The complainant is the young person (also when an advocate helped or submitted for them).
    from_young_person: Mapped[bool | None]
    responding_manager_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # The advocate supporting the young person; their caseload is exactly these cases.
    advocate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    # Advocacy support given (the annual report's table 5 counts this, not what was asked for).
    advocacy_given: Mapped[str | None] = mapped_column(String(20))
    summary: Mapped[str | None] = mapped_column(Text)

    # Triage, recorded with who and why (the when is triaged_on / the audit event's time).
    triaged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    triage_reason: Mapped[str | None] = mapped_column(Text)
    # Safeguarding: the operational team it was referred to, and the referral's own progress.
    referred_to_team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    referral_acknowledged_on: Mapped[date | None]
    # Not a Children Act matter: the route the person was told about.
    alternative_route: Mapped[str | None] = mapped_column(Text)
    # Duplicate: the case it is the same matter as.
    linked_case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"))
    # Who the complainant is to the child (s26(3)): the child, a parent, someone with parental
    # responsibility and a local authority foster carer complain as of right; anyone else ("other")
    # needs the council's sufficient-interest decision.
    complainant_standing: Mapped[str | None] = mapped_column(String(30))
    # Someone else complaining for a child: do they have sufficient interest in the child's welfare?
    sufficient_interest: Mapped[bool | None]
    sufficient_interest_reason: Mapped[str | None] = mapped_column(Text)
    child_views: Mapped[str | None] = mapped_column(Text)
    # A complaint made over a year after the matter, accepted by staff (recorded with the reason).
    late_complaint_reason: Mapped[str | None] = mapped_column(Text)
    # Reg 9 (decision 0017): when the matter complained about happened, or that it is not known; for
    # one received more than a year later, the two reg 9(2) conditions as decided, and who decided.
    matter_happened_on: Mapped[date | None]
    matter_date_not_known: Mapped[bool | None]
    late_not_reasonable_in_time: Mapped[bool | None]  # reg 9(2)(a)
    late_still_fair: Mapped[bool | None]  # reg 9(2)(b)
    late_decided_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    # Stage 1 response details beyond the procedure state.
    resolution_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("resolution_categories.id"))
    # Learning at stage 1: True = corrective actions, False = explicitly none, None = not recorded.
    stage1_learning: Mapped[bool | None]
    # A wishes-and-feelings contact (issue 21): passed on to whom (portal.casework.wishes.ACTIONS), the
    # team, who will act and by when (becoming a complaint, with their agreement, is an audit event).
    wishes_action: Mapped[str | None] = mapped_column(String(30))
    wishes_team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    wishes_acted_by: Mapped[str | None] = mapped_column(String(200))
    wishes_act_by: Mapped[date | None]
    is_demo: Mapped[bool] = mapped_column(default=False)
    # Retention (portal.casework.retention): a legal hold (for example a public inquiry) stops removal;
    # the day the personal data was removed (by retention or erasure), leaving the statistical record.
    legal_hold: Mapped[bool] = mapped_column(default=False, server_default=false())
    legal_hold_reason: Mapped[str | None] = mapped_column(Text)
    personal_data_removed_on: Mapped[date | None]

    # Stage 2 and 3 details beyond the procedure state (portal.casework.stage2 and stage3 write them).
    # How the stage 2 request was answered (table 12): investigation, management_review, mediation,
    # alternative_route, withdrawn (both "not progressed") or referred_back.
    stage2_decision: Mapped[str | None] = mapped_column(String(30))
    investigation_report_on: Mapped[date | None]
    panel_advocate_attended: Mapped[bool | None]
    panel_report_to_advocate: Mapped[bool | None]
    panel_report_to_independent_person: Mapped[bool | None]
    # The senior manager who made the stage 2 adjudication (decision 0017).
    stage2_adjudicated_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    stage3_responded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    stage3_with_independent_person: Mapped[bool | None]
    # --- recorded for the annual report and the case import (IMPORT.md, decision 0013) -------------
    # The old system's reference of an imported case (the import's key); None for portal cases.
    legacy_reference: Mapped[str | None] = mapped_column(String(60), unique=True)
    # The area complained about when recorded apart from the team's (imported history); the report
    # counts coalesce(this, the team's area).
    area_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("areas.id"))
    # The young person's service (looked_after, care_leaver, ...): table 8.
    service_type: Mapped[str | None] = mapped_column(String(30))
    # How a stage 2 request was answered when it was not by investigation, review or mediation:
    # not_progressed or referred_back (table 12); the methods themselves are stage2_method.
    stage2_answer: Mapped[str | None] = mapped_column(String(30))
    # MP and Councillor enquiries: the family were already known complainants.
    known_complainant: Mapped[bool | None]

    # --- procedure state (mirrors ProcedureState) ---------------------------------------------
    status: Mapped[str] = mapped_column(String(30), index=True)
    received_on: Mapped[date]
    route: Mapped[str | None] = mapped_column(String(30))
    last_event_on: Mapped[date | None]
    triaged_on: Mapped[date | None]
    route_corrected_on: Mapped[date | None]
    route_correction_reason: Mapped[str | None] = mapped_column(Text)
    stage1_started: Mapped[date | None]
    stage1_extended_on: Mapped[date | None]
    stage1_extension_reason: Mapped[str | None] = mapped_column(Text)
    stage1_responded: Mapped[date | None]
    stage1_outcome: Mapped[str | None] = mapped_column(String(30))
    # The first stage 1 response, kept after a referral back (decision 0017; table 9 counts its date).
    stage1_first_responded: Mapped[date | None]
    stage1_first_outcome: Mapped[str | None] = mapped_column(String(30))
    stage1_first_extended_on: Mapped[date | None]
    stage1_first_paused_days: Mapped[int] = mapped_column(default=0, server_default="0")
    deferred_from: Mapped[date | None]
    deferral_review_date: Mapped[date | None]
    deferral_reason: Mapped[str | None] = mapped_column(Text)
    deferred_status: Mapped[str | None] = mapped_column(String(30))
    # Reg 8: the latest deferral's ground (portal.casework.deferral.DEFERRAL_GROUNDS) and the day the
    # complainant was told (decision 0017); kept after the deferral ends, like its audit event.
    deferral_ground: Mapped[str | None] = mapped_column(String(30))
    deferral_told_on: Mapped[date | None]
    stage1_paused_days: Mapped[int] = mapped_column(default=0)
    stage2_request_paused_days: Mapped[int] = mapped_column(default=0)
    stage2_statement_paused_days: Mapped[int] = mapped_column(default=0)
    stage3_paused_days: Mapped[int] = mapped_column(default=0)
    stage2_requested: Mapped[date | None]
    stage2_request_late: Mapped[bool] = mapped_column(default=False)
    stage2_late_decided_on: Mapped[date | None]
    stage2_late_accepted: Mapped[bool | None]
    stage2_referred_back: Mapped[date | None]
    stage2_started: Mapped[date | None]
    stage2_method: Mapped[str | None] = mapped_column(String(30))
    statement_agreed: Mapped[date | None]
    stage2_extended_to: Mapped[int | None]
    stage2_extended_on: Mapped[date | None]
    stage2_extension_reason: Mapped[str | None] = mapped_column(Text)
    stage2_responded: Mapped[date | None]
    stage2_outcome: Mapped[str | None] = mapped_column(String(30))
    stage3_requested: Mapped[date | None]
    stage3_request_late: Mapped[bool] = mapped_column(default=False)
    stage3_late_decided_on: Mapped[date | None]
    stage3_late_accepted: Mapped[bool | None]
    stage3_started: Mapped[date | None]
    panel_held: Mapped[date | None]
    panel_report_sent: Mapped[date | None]
    stage3_responded: Mapped[date | None]
    stage3_outcome: Mapped[str | None] = mapped_column(String(30))
    ended_on: Mapped[date | None]
    ended_reason: Mapped[str | None] = mapped_column(Text)
    # The deadline that matters now (ProcedureState.current_deadline) and its working-day ordinal, kept
    # by store_procedure so the staff lists sort and count by an index instead of recomputing every
    # open case's clock through the calendar ("working days left" = due_ordinal - today's ordinal).
    # A derived copy, never an input: portal.casework.due_dates.refresh rebuilds it after a calendar change.
    due_on: Mapped[date | None]
    due_ordinal: Mapped[int | None] = mapped_column(Integer)

    submission: Mapped[Submission | None] = relationship(foreign_keys=[submission_id])
    team: Mapped[Team | None] = relationship(foreign_keys=[team_id])
    referred_to_team: Mapped[Team | None] = relationship(foreign_keys=[referred_to_team_id])
    wishes_team: Mapped[Team | None] = relationship(foreign_keys=[wishes_team_id])
    young_person: Mapped[Person | None] = relationship(foreign_keys=[young_person_id])
    complainant: Mapped[Person | None] = relationship(foreign_keys=[complainant_id])
    responding_manager: Mapped[User | None] = relationship(foreign_keys=[responding_manager_id])
    triaged_by: Mapped[User | None] = relationship(foreign_keys=[triaged_by_id])
    late_decided_by: Mapped[User | None] = relationship(foreign_keys=[late_decided_by_id])
    advocate: Mapped[User | None] = relationship(foreign_keys=[advocate_id])
    linked_case: Mapped[Case | None] = relationship(remote_side="Case.id", foreign_keys=[linked_case_id])
    resolution: Mapped[ResolutionCategory | None] = relationship()
    subject_staff: Mapped[list[User]] = relationship(secondary=case_subject_staff)
    categories: Mapped[list[CaseCategory]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CaseCategory.is_main.desc()"
    )
    points: Mapped[list[ComplaintPoint]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="ComplaintPoint.position"
    )
    corrective_actions: Mapped[list[CorrectiveAction]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="CorrectiveAction.created_at"
    )
    extensions: Mapped[list[StageExtension]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="StageExtension.created_at"
    )
    appointments: Mapped[list[Appointment]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="Appointment.created_at"
    )
    stage2_requests: Mapped[list[Stage2Request]] = relationship(
        back_populates="case", cascade="all, delete-orphan",
        order_by="[Stage2Request.requested_on, Stage2Request.created_at]",
    )
    stage2_adjudicated_by: Mapped[User | None] = relationship(foreign_keys=[stage2_adjudicated_by_id])
    stage3_responded_by: Mapped[User | None] = relationship(foreign_keys=[stage3_responded_by_id])
    ombudsman_enquiries: Mapped[list[OmbudsmanEnquiry]] = relationship(
        viewonly=True, order_by="OmbudsmanEnquiry.enquired_on")
    letters: Mapped[list[Letter]] = relationship(
        back_populates="case", cascade="all, delete-orphan", order_by="[Letter.stage, Letter.response]"
    )

    @property
    def procedure(self) -> ProcedureState:
        """The case's procedure state, rebuilt from its columns (deadlines are its properties)."""
        return ProcedureState(**{name: getattr(self, _STATE_COLUMN.get(name, name)) for name in _STATE_FIELDS})

    def store_procedure(self, state: ProcedureState) -> None:
        """Write a new procedure state back to the columns. Only `portal.casework` calls this."""
        for name in _STATE_FIELDS:
            value = getattr(state, name)
            setattr(self, _STATE_COLUMN.get(name, name), value.value if hasattr(value, "value") else value)
        self.store_deadline(state)

    def store_deadline(self, state: ProcedureState | None = None) -> None:
        due = (state or self.procedure).current_deadline
        self.due_on = due
        self.due_ordinal = working_day_ordinal(due) if due is not None else None

    def letter(self, stage: int) -> Letter | None:
        """The response letter of a stage, if one was written in the portal (at stage 1 after a
        referral back, the fuller response's)."""
        return next((letter for letter in reversed(self.letters) if letter.stage == stage), None)

    def earlier_letters(self, stage: int) -> list[Letter]:
        """The stage's letters before its latest (stage 1: the first response's, after a referral back)."""
        letters = [letter for letter in self.letters if letter.stage == stage]
        return letters[:-1]

    @property
    def main_category(self) -> Category | None:
        return next((link.category for link in self.categories if link.is_main), None)


class CaseCategory(Base):
    """A complaint may carry several categories; the annual report counts its main one."""

    __tablename__ = "case_categories"
    # One main category per case, enforced by the database (a partial unique index), so no table can
    # count a case twice (decision 0017).
    __table_args__ = (Index("uq_case_categories_one_main", "case_id", unique=True,
                            sqlite_where=text("is_main"), postgresql_where=text("is_main")),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    category_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("categories.id"), primary_key=True)
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)

    case: Mapped[Case] = relationship(back_populates="categories")
    category: Mapped[Category] = relationship(lazy="joined")


class ComplaintPoint(HasId, Base):
    """One point of a complaint; findings are recorded per point at each stage."""

    __tablename__ = "complaint_points"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text)
    stage1_finding: Mapped[str | None] = mapped_column(String(20))  # the latest stage 1 response's
    # The first stage 1 response's finding, kept when the case is referred back for a fuller one.
    stage1_first_finding: Mapped[str | None] = mapped_column(String(20))
    stage2_finding: Mapped[str | None] = mapped_column(String(20))
    stage3_finding: Mapped[str | None] = mapped_column(String(20))

    case: Mapped[Case] = relationship(back_populates="points")


class CorrectiveAction(HasId, HasCreated, Base):
    """Learning: an action with an owner and a due date, completed later, its impact assessed later still."""

    __tablename__ = "corrective_actions"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[int] = mapped_column(Integer, default=1)
    action_type_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("corrective_action_types.id"))
    description: Mapped[str] = mapped_column(Text)
    owner: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date]
    completed_on: Mapped[date | None]
    impact: Mapped[str | None] = mapped_column(Text)
    # The team the action is for (the case's team unless staff chose another) and when impact was assessed.
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"), index=True)
    impact_assessed_on: Mapped[date | None]

    case: Mapped[Case] = relationship(back_populates="corrective_actions")
    action_type: Mapped[CorrectiveActionType | None] = relationship()
    team: Mapped[Team | None] = relationship()


class StageExtension(HasId, HasCreated, Base):
    """Every extension of a stage's time limit, with its reason and the new date the complainant was
    told (the procedure state keeps only the latest limit; this keeps them all)."""

    __tablename__ = "stage_extensions"

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[int] = mapped_column(Integer)
    decided_on: Mapped[date]
    working_days: Mapped[int] = mapped_column(Integer)  # the stage's time limit after this extension
    new_due_on: Mapped[date]  # the new date, as the complainant was told it
    complainant_told_on: Mapped[date | None]
    reason: Mapped[str] = mapped_column(Text)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(back_populates="extensions")


class Letter(HasId, HasCreated, Base):
    """A stage's response letter, written by staff in the portal and shown on the tracking page.

    ``source`` is what staff typed (plain text with a few conventions); ``html`` is the letter as
    sent, made from it by ``portal.sanitise.from_plain_text`` and cleaned again whenever it is shown.
    Kept as sent: a later change to how text becomes HTML does not rewrite a letter already sent.
    """

    __tablename__ = "letters"
    __table_args__ = (UniqueConstraint("case_id", "stage", "response", name="uq_letters_case_stage_response"),)

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    stage: Mapped[int] = mapped_column(Integer)
    # 1 for a stage's response; 2, 3 ... for a fuller stage 1 response after a referral back (the
    # first letter stays as sent, decision 0017).
    response: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The language the letter is written in (a portal.i18n code), for lang="" where it is shown.
    language: Mapped[str] = mapped_column(String(10), default="en")
    source: Mapped[str] = mapped_column(Text)
    html: Mapped[str] = mapped_column(Text)
    written_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    case: Mapped[Case] = relationship(back_populates="letters")
    written_by: Mapped[User | None] = relationship()


class Message(HasId, Base):
    """A message on a submission's tracking page: from staff to the young person, or back."""

    __tablename__ = "messages"
    # The staff dashboard counts what young people wrote that nobody has read yet.
    __table_args__ = (Index("ix_messages_unread", "direction", "read_at"),)

    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("submissions.id", ondelete="CASCADE"), index=True)
    # to_young_person: staff wrote it; from_young_person: added on the tracking page.
    direction: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime]
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # to_young_person: when the tracking page showed it. from_young_person: when the member of staff
    # who owns it (portal.access.owned_messages) marked it read, and who that was.
    read_at: Mapped[datetime | None]
    read_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # The matter it is about, when it is about one: "not happy with the answer" to one part. None for
    # "add more information", which is about the whole submission.
    case_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("cases.id"), index=True)
    # information: "add more information"; not_happy: why they asked for the next stage.
    kind: Mapped[str] = mapped_column(String(20), default="information", server_default="information")
    # The role a member of staff wrote as (the young person reads "From Sam, Children's Rights Service").
    author_role: Mapped[str | None] = mapped_column(String(30))

    author: Mapped[User | None] = relationship(foreign_keys=[author_id])
    read_by: Mapped[User | None] = relationship(foreign_keys=[read_by_id])
    case: Mapped[Case | None] = relationship(foreign_keys=[case_id])


def live_work(legacy_reference: Any = None) -> Any:
    """Imported history is history (decision 0017): an imported case (``legacy_reference``) never shows
    as open or overdue work, whatever status and dates it came with.

    Written as ``coalesce(legacy_reference, '') = ''``, not ``IS NULL``: SQLite without statistics (no
    ANALYZE has run) takes ``IS NULL`` on the unique index of ``legacy_reference`` for a lookup of one
    row, and walks every live case through it (100,000 cases: 30 ms per count on the staff home)."""
    return func.coalesce(Case.legacy_reference if legacy_reference is None else legacy_reference, "") == ""
