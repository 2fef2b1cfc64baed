"""The advocacy service: the advocate pool, advocacy cases, their contact log and secure messages,
safeguarding concerns raised by advocates, and helpline contacts.

An advocacy case is made when staff assign an advocate to an advocacy request (a submission asking for
one, from the front door or recorded by staff). What the young person asked for (kind, gender,
language) is copied onto the case when it is assigned, so the annual report counts what was given.
``staff_notes`` and safeguarding concerns' details are staff-only: no advocate page shows them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.models.base import Base, HasCreated, HasId, utcnow
from portal.models.submissions import Submission

if TYPE_CHECKING:
    from portal.models.reference import Team
    from portal.models.users import User

# Kinds of advocate (the annual report's advocacy columns, "none" aside).
ADVOCATE_KINDS = ("independent", "crs")
ADVOCACY_KINDS = ("independent", "crs", "own_choice")
OUTCOMES = ("informal_resolution", "formal_complaint", "withdrawn", "other")
CONTACT_METHODS = ("visit", "phone", "video", "text", "email", "meeting")
HELPLINE_CALLERS = ("young_person", "staff")
HELPLINE_OUTCOMES = ("advice_given", "resolved_informally", "advocacy_offered", "complaint_made", "referred_on",
                     "other")


class AdvocateProfile(HasId, Base):
    """An advocate in the pool: one per advocate's account."""

    __tablename__ = "advocate_profiles"

    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    kind: Mapped[str] = mapped_column(String(20))  # independent | crs
    # Languages spoken besides English, comma-separated as typed ("Arabic, Tigrinya").
    languages: Mapped[str] = mapped_column(Text, default="")
    gender: Mapped[str | None] = mapped_column(String(20))  # woman | man | None (not given)
    areas: Mapped[str] = mapped_column(Text, default="")  # areas covered, comma-separated
    capacity: Mapped[int] = mapped_column(Integer, default=5)  # open cases they can take
    available: Mapped[bool] = mapped_column(default=True)  # taking new cases now
    availability_note: Mapped[str | None] = mapped_column(Text)  # "away until 12 Jan", kept by the advocate
    active: Mapped[bool] = mapped_column(default=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(lazy="joined")

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    def speaks(self, language: str | None) -> bool:
        wanted = (language or "").strip().casefold()
        return bool(wanted) and any(wanted == spoken.casefold() for spoken in self.language_list)


class AdvocacyCase(HasId, HasCreated, Base):
    __tablename__ = "advocacy_cases"
    __table_args__ = (Index("ix_advocacy_cases_advocate_status", "advocate_id", "status"),)

    submission_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("submissions.id"), unique=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    # What was given: independent | crs | own_choice.
    kind: Mapped[str] = mapped_column(String(20))
    requested_kind: Mapped[str | None] = mapped_column(String(20))  # as asked: ... | not_sure
    wanted_gender: Mapped[str | None] = mapped_column(String(20))
    wanted_language: Mapped[str | None] = mapped_column(String(100))
    advocate_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    # An advocate of the young person's choosing: not in the pool, so their name and relationship.
    own_choice_name: Mapped[str | None] = mapped_column(String(200))
    own_choice_relationship: Mapped[str | None] = mapped_column(String(200))
    # The thread's language (a portal.i18n code or another language's name) and whether an interpreter
    # is needed: staff see both.
    language: Mapped[str] = mapped_column(String(40), default="en")
    interpreter_needed: Mapped[bool] = mapped_column(default=False)
    interpreter_language: Mapped[str | None] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)  # open | closed
    requested_on: Mapped[date]
    assigned_on: Mapped[date]
    assigned_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # When the advocate should next be in touch (set with each contact logged): overdue heads the caseload.
    next_contact_due: Mapped[date | None]
    closed_on: Mapped[date | None]
    outcome: Mapped[str | None] = mapped_column(String(30))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    # A complaint made on the young person's behalf from the caseload: it waits in triage, linked here.
    complaint_submission_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("submissions.id"))
    # Staff only (safeguarding details, history): never shown to the advocate.
    staff_notes: Mapped[str | None] = mapped_column(Text)
    is_demo: Mapped[bool] = mapped_column(default=False)

    submission: Mapped[Submission] = relationship(foreign_keys=[submission_id])
    complaint_submission: Mapped[Submission | None] = relationship(foreign_keys=[complaint_submission_id])
    advocate: Mapped[User | None] = relationship(foreign_keys=[advocate_id])
    assigned_by: Mapped[User | None] = relationship(foreign_keys=[assigned_by_id])
    contacts: Mapped[list[AdvocacyContact]] = relationship(
        back_populates="advocacy_case", cascade="all, delete-orphan",
        order_by="(AdvocacyContact.contact_on.desc(), AdvocacyContact.created_at.desc())")
    messages: Mapped[list[AdvocacyMessage]] = relationship(
        back_populates="advocacy_case", cascade="all, delete-orphan", order_by="AdvocacyMessage.sent_at")
    concerns: Mapped[list[SafeguardingConcern]] = relationship(
        back_populates="advocacy_case", cascade="all, delete-orphan", order_by="SafeguardingConcern.created_at")


class AdvocacyContact(HasId, HasCreated, Base):
    """The advocate's contact log: when, how, how long, and a note."""

    __tablename__ = "advocacy_contacts"

    advocacy_case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advocacy_cases.id", ondelete="CASCADE"),
                                                        index=True)
    contact_on: Mapped[date]
    method: Mapped[str] = mapped_column(String(20))
    minutes: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    advocacy_case: Mapped[AdvocacyCase] = relationship(back_populates="contacts")


class AdvocacyMessage(HasId, Base):
    """A secure message in an advocacy case's thread (beside ``Message``, which is staff <-> young
    person about a submission: this thread has its own readers and its own unread counts)."""

    __tablename__ = "advocacy_messages"
    __table_args__ = (Index("ix_advocacy_messages_unread", "advocacy_case_id", "direction", "read_at"),)

    advocacy_case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advocacy_cases.id", ondelete="CASCADE"))
    # to_young_person: the advocate or staff wrote it; from_young_person: written on the tracking page.
    direction: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)
    author_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    # The role the author wrote as ("advocate", "staff"): shown to the young person with a first name.
    author_role: Mapped[str | None] = mapped_column(String(20))
    # to_young_person: when the tracking page showed it. from_young_person: when the advocate (or staff)
    # read it, and who.
    read_at: Mapped[datetime | None]
    read_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    advocacy_case: Mapped[AdvocacyCase] = relationship(back_populates="messages")
    author: Mapped[User | None] = relationship(foreign_keys=[author_id])


class SafeguardingConcern(HasId, HasCreated, Base):
    """A concern about a child's safety raised by an advocate: sent at once to the Children's Rights
    Service and the operational team (a notification with no child's details), never queued for triage."""

    __tablename__ = "safeguarding_concerns"

    advocacy_case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("advocacy_cases.id", ondelete="CASCADE"),
                                                        index=True)
    team_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("teams.id"))
    details: Mapped[str] = mapped_column(Text)  # staff only
    raised_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None]
    acknowledged_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"))

    advocacy_case: Mapped[AdvocacyCase] = relationship(back_populates="concerns")
    team: Mapped[Team | None] = relationship(foreign_keys=[team_id])
    raised_by: Mapped[User | None] = relationship(foreign_keys=[raised_by_id])


class HelplineContact(HasId, HasCreated, Base):
    """A contact with the advocacy helpline: a young person seeking informal help, or staff seeking
    advice. The annual report counts these (informal contacts)."""

    __tablename__ = "helpline_contacts"

    contact_on: Mapped[date] = mapped_column(index=True)
    caller: Mapped[str] = mapped_column(String(20))  # young_person | staff
    method: Mapped[str] = mapped_column(String(20))
    summary: Mapped[str] = mapped_column(Text)
    outcome: Mapped[str] = mapped_column(String(30))
    outcome_note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("users.id"), index=True)
    is_demo: Mapped[bool] = mapped_column(default=False)
    # Set when retention removed the summary and note (portal.casework.retention); date and caller stay.
    personal_data_removed_on: Mapped[date | None]

    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
