"""Operations of the advocacy service: the only writers of the advocate pool, advocacy cases, their
contact log and messages, safeguarding concerns and helpline contacts.

Each operation applies a rule from ``portal.procedure.advocacy``, writes its change and its audit event
(ids and codes only, never anything a child said) and any notification (outbox, no child's details) in
one transaction, and commits. Errors are ``casework.CaseworkError`` with the field they are about, so
the staff forms' ``put_errors`` puts each where it belongs.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import current_app
from sqlalchemy import and_, func, select, update
from sqlalchemy.orm import joinedload, selectinload

from portal import audit
from portal.casework import young_persons_words
from portal.casework.checks import FUTURE, MISSING, date_error
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import (
    AdvocacyCase,
    AdvocacyContact,
    AdvocacyMessage,
    AdvocateProfile,
    HelplineContact,
    SafeguardingConcern,
    Submission,
    Team,
    User,
    UserRole,
)
from portal.models.advocacy import ADVOCATE_KINDS, CONTACT_METHODS, HELPLINE_CALLERS, HELPLINE_OUTCOMES
from portal.models.base import utcnow
from portal.notifications import outbox
from portal.procedure import advocacy as rules
from portal.procedure import uk_today

MESSAGE_MAX = young_persons_words.MESSAGE_MAX
NOTE_MAX = 5000


def _fail(error: rules.AdvocacyRuleError) -> CaseworkError:
    return CaseworkError(str(error), problems={error.field: str(error)})


# --- the advocate pool ------------------------------------------------------------------------------------


def advocates() -> list[User]:
    """Every account with the advocate role, by name."""
    return list(db.session.scalars(
        select(User).join(UserRole).where(UserRole.role == "advocate").order_by(User.name)).unique())


def profile_for(user: User) -> AdvocateProfile | None:
    return db.session.scalar(select(AdvocateProfile).where(AdvocateProfile.user_id == user.id))


def pool() -> list[tuple[User, AdvocateProfile | None, int]]:
    """Every advocate, their pool entry (if any) and their open advocacy cases, in three queries."""
    counts = open_counts()
    profiles = {p.user_id: p for p in db.session.scalars(select(AdvocateProfile))}
    return [(user, profiles.get(user.id), counts.get(user.id, 0)) for user in advocates()]


def unacknowledged(query: Any) -> list[SafeguardingConcern]:
    """Concerns of ``query`` (scoped by ``portal.access``) nobody has acknowledged, oldest first."""
    return list(db.session.scalars(query.where(SafeguardingConcern.acknowledged_at.is_(None))
                                   .options(joinedload(SafeguardingConcern.advocacy_case))
                                   .order_by(SafeguardingConcern.created_at)))


def open_counts() -> dict[uuid.UUID, int]:
    rows = db.session.execute(
        select(AdvocacyCase.advocate_id, func.count()).where(AdvocacyCase.status == "open",
                                                             AdvocacyCase.advocate_id.is_not(None))
        .group_by(AdvocacyCase.advocate_id))
    return {advocate_id: count for advocate_id, count in rows}


@dataclass
class PoolEntry:
    kind: str
    languages: str
    gender: str | None
    areas: str
    capacity: int
    active: bool


def save_pool_entry(user: User, entry: PoolEntry, *, actor: User) -> AdvocateProfile:
    """Staff add an advocate to the pool, or change their entry (kind, languages, gender, areas,
    capacity, active)."""
    if "advocate" not in user.role_names:
        raise CaseworkError("Only an advocate's account can be in the pool.")
    problems = {}
    if entry.kind not in ADVOCATE_KINDS:
        problems["kind"] = "Choose the kind of advocate."
    if not 0 <= entry.capacity <= 50:
        problems["capacity"] = "Enter how many open cases they can take, from 0 to 50."
    if problems:
        raise CaseworkError(problems=problems)
    profile = profile_for(user)
    if profile is None:
        profile = AdvocateProfile(user_id=user.id, available=True)
        db.session.add(profile)
    profile.kind = entry.kind
    profile.languages = ", ".join(p.strip() for p in entry.languages.split(",") if p.strip())
    profile.gender = entry.gender or None
    profile.areas = ", ".join(p.strip() for p in entry.areas.split(",") if p.strip())
    profile.capacity = entry.capacity
    profile.active = entry.active
    profile.updated_at = utcnow()
    db.session.flush()
    audit.record("advocate_pool_entry_saved", subject_type="user", subject_id=user.id, actor=actor,
                 kind=entry.kind, capacity=entry.capacity, active=entry.active)
    db.session.commit()
    return profile


def update_availability(advocate: User, *, available: bool, note: str | None) -> AdvocateProfile:
    """An advocate keeps their own availability up to date."""
    profile = profile_for(advocate)
    if profile is None:
        raise CaseworkError("You are not in the advocate pool yet: ask the Children's Rights Service.")
    if note is not None and len(note) > 500:
        raise CaseworkError(problems={"note": "Keep the note to 500 characters or fewer."})
    profile.available = available
    profile.availability_note = (note or "").strip() or None
    profile.updated_at = utcnow()
    audit.record("advocate_availability_updated", subject_type="user", subject_id=advocate.id, actor=advocate,
                 available=available)
    db.session.commit()
    return profile


# --- the request queue and assignment -------------------------------------------------------------------


def waiting_requests() -> list[Submission]:
    """Advocacy requests with no advocacy case yet, oldest first (the front door's and staff-recorded)."""
    assigned = select(AdvocacyCase.submission_id)
    return list(db.session.scalars(
        select(Submission).where(Submission.kind == "advocacy_request", Submission.status != "withdrawn",
                                 Submission.id.not_in(assigned))
        .order_by(Submission.submitted_at)))


def waiting_request(submission_id: uuid.UUID) -> Submission | None:
    return next((s for s in waiting_requests() if s.id == submission_id), None)


def wishes_of(submission: Submission) -> rules.Wishes:
    answers = submission.answers or {}
    return rules.Wishes(kind=answers.get("advocate") or None, gender=answers.get("advocate_gender") or None,
                        language=(answers.get("advocate_language") or "").strip() or None)


@dataclass
class Candidate:
    profile: AdvocateProfile
    open_cases: int
    match: rules.Match


def candidates(wishes: rules.Wishes) -> list[Candidate]:
    """Active advocates in the pool, best match first (with room, then the most wishes met)."""
    counts = open_counts()
    found = []
    profiles = db.session.scalars(select(AdvocateProfile).where(AdvocateProfile.active.is_(True)))
    # (the profile's user is joined-loaded: no query per advocate)
    for profile in profiles:
        facts = rules.Advocate(kind=profile.kind, gender=profile.gender, languages=tuple(profile.language_list),
                               capacity=profile.capacity, open_cases=counts.get(profile.user_id, 0),
                               available=profile.available, active=profile.active)
        found.append(Candidate(profile, facts.open_cases, rules.match(facts, wishes)))
    return sorted(found, key=lambda c: rules.rank_key(c.match, c.profile.user.name))


def assign(submission: Submission, *, advocate: User | None, actor: User, on: date | None = None,
           staff_notes: str | None = None) -> AdvocacyCase:
    """Staff assign an advocate from the pool to a waiting request; or, when the young person chose
    their own advocate, record that person (name and relationship, from the request) instead."""
    if waiting_request(submission.id) is None:
        raise CaseworkError("This request already has an advocate, or has been withdrawn.")
    answers = submission.answers or {}
    wishes = wishes_of(submission)
    own_choice = wishes.kind == "own_choice"
    kind = "own_choice"
    if not own_choice:
        profile = profile_for(advocate) if advocate is not None else None
        if profile is None or not profile.active:
            raise CaseworkError(problems={"advocate": "Choose an advocate from the pool."})
        kind = profile.kind
    interpreter = answers.get("interpreter_needed") == "yes"
    case = AdvocacyCase(
        submission_id=submission.id, reference=submission.reference, kind=kind, requested_kind=wishes.kind,
        wanted_gender=wishes.gender, wanted_language=wishes.language,
        advocate_id=None if own_choice else advocate.id,
        own_choice_name=(answers.get("advocate_name") or "").strip()[:200] or None if own_choice else None,
        own_choice_relationship=(answers.get("advocate_relationship") or "").strip()[:200] or None
        if own_choice else None,
        language=submission.language, interpreter_needed=interpreter,
        interpreter_language=(answers.get("interpreter_language") or "").strip()[:100] or None if interpreter
        else None,
        status="open", requested_on=submission.received_on, assigned_on=on or uk_today(), assigned_by_id=actor.id,
        staff_notes=(staff_notes or "").strip() or None, is_demo=submission.is_demo,
    )
    db.session.add(case)
    db.session.flush()
    audit.record("advocate_assigned", subject_type="advocacy_case", subject_id=case.id, actor=actor,
                 submission_id=str(submission.id), kind=kind,
                 advocate_id=str(advocate.id) if advocate is not None and not own_choice else None)
    if advocate is not None and not own_choice:
        outbox.queue(advocate.email, "advocacy_assigned")
    db.session.commit()
    return case


def update_staff_notes(case: AdvocacyCase, notes: str, *, actor: User) -> None:
    case.staff_notes = notes.strip() or None
    audit.record("advocacy_staff_notes_updated", subject_type="advocacy_case", subject_id=case.id, actor=actor)
    db.session.commit()


# --- the caseload ----------------------------------------------------------------------------------------


@dataclass
class CaseloadRow:
    case: AdvocacyCase
    unread: int
    overdue: bool


def caseload(query: Any, *, include_closed: bool = False) -> list[CaseloadRow]:
    """Rows of ``query`` (already scoped by ``portal.access``): unread messages and overdue contacts head it."""
    if not include_closed:
        query = query.where(AdvocacyCase.status == "open")
    cases = list(db.session.scalars(query.options(selectinload(AdvocacyCase.advocate))))
    unread = dict(db.session.execute(
        select(AdvocacyMessage.advocacy_case_id, func.count())
        .where(AdvocacyMessage.advocacy_case_id.in_([c.id for c in cases]),
               AdvocacyMessage.direction == "from_young_person", AdvocacyMessage.read_at.is_(None))
        .group_by(AdvocacyMessage.advocacy_case_id)).all()) if cases else {}
    today = uk_today()
    rows = [CaseloadRow(c, unread.get(c.id, 0), c.status == "open" and rules.contact_overdue(c.next_contact_due,
                                                                                               today))
            for c in cases]
    return sorted(rows, key=lambda r: (r.case.status != "open",) + rules.caseload_key(
        unread=r.unread, next_contact_due=r.case.next_contact_due if r.case.status == "open" else None,
        today=today, requested_on=r.case.requested_on))


def log_contact(case: AdvocacyCase, *, on: date | None, method: str, minutes: int | None, note: str,
                next_due: date | None, actor: User) -> AdvocacyContact:
    if case.status != "open":
        raise CaseworkError("This advocacy is closed.")
    if method not in CONTACT_METHODS:
        raise CaseworkError(problems={"method": "Choose how you were in touch."})
    try:
        rules.check_contact(on=on, minutes=minutes, today=uk_today(), next_due=next_due)
    except rules.AdvocacyRuleError as error:
        raise _fail(error) from error
    contact = AdvocacyContact(advocacy_case_id=case.id, contact_on=on, method=method, minutes=minutes,
                              note=(note or "").strip()[:NOTE_MAX], recorded_by_id=actor.id)
    db.session.add(contact)
    case.next_contact_due = next_due
    db.session.flush()
    audit.record("advocacy_contact_logged", subject_type="advocacy_case", subject_id=case.id, actor=actor,
                 contact_id=str(contact.id), method=method, minutes=minutes, on=on.isoformat())
    db.session.commit()
    return contact


def close(case: AdvocacyCase, *, on: date | None, outcome: str | None, note: str | None, actor: User) -> None:
    try:
        rules.check_close(status=case.status, outcome=outcome, on=on, opened_on=case.assigned_on, today=uk_today(),
                          note=note)
    except rules.AdvocacyRuleError as error:
        raise _fail(error) from error
    case.status, case.closed_on, case.outcome = "closed", on, outcome
    case.outcome_note = (note or "").strip() or None
    case.next_contact_due = None
    audit.record("advocacy_closed", subject_type="advocacy_case", subject_id=case.id, actor=actor,
                 outcome=outcome, on=on.isoformat())
    db.session.commit()


# --- secure messages ----------------------------------------------------------------------------------


def _check_message(body: str) -> str:
    return young_persons_words.check_message(body)


def send_message(case: AdvocacyCase, body: str, *, actor: User, role: str) -> AdvocacyMessage:
    """The advocate (or staff) writes to the young person. The young person is told there is a new
    message only on the channel they said is safe (email today; none for the others), with no content."""
    if case.status != "open":
        raise CaseworkError("This advocacy is closed.")
    message = AdvocacyMessage(advocacy_case_id=case.id, direction="to_young_person", body=_check_message(body),
                              sent_at=utcnow(), author_id=actor.id, author_role=role)
    db.session.add(message)
    db.session.flush()
    way = young_persons_words.notify_message_waiting(case.submission)
    audit.record("advocacy_message_sent", subject_type="advocacy_case", subject_id=case.id, actor=actor,
                 message_id=str(message.id), notified=way)
    db.session.commit()
    return message


def advocacy_case_for(submission: Submission) -> AdvocacyCase | None:
    """The advocacy case of a submission (the tracking page shows its thread when it has an advocate)."""
    return db.session.scalar(select(AdvocacyCase).where(AdvocacyCase.submission_id == submission.id))


def reply_from_young_person(case: AdvocacyCase, body: str) -> AdvocacyMessage:
    if case.status != "open":
        raise CaseworkError("This advocacy is closed.")
    message = AdvocacyMessage(advocacy_case_id=case.id, direction="from_young_person", body=_check_message(body),
                              sent_at=utcnow())
    db.session.add(message)
    db.session.flush()
    audit.record("advocacy_message_received", subject_type="advocacy_case", subject_id=case.id,
                 actor_kind="public", message_id=str(message.id))
    db.session.commit()
    return message


def mark_read_by_young_person(case: AdvocacyCase) -> None:
    db.session.commit()  # end the page's reads first (a GET that writes waits for the lock: PITFALLS)
    result = db.session.execute(
        update(AdvocacyMessage).where(AdvocacyMessage.advocacy_case_id == case.id,
                                      AdvocacyMessage.direction == "to_young_person",
                                      AdvocacyMessage.read_at.is_(None)).values(read_at=utcnow()))
    if result.rowcount:
        db.session.commit()


def mark_read(case: AdvocacyCase, *, actor: User) -> int:
    """The young person's messages have been read: by their advocate, or by staff when there is none."""
    if case.advocate_id not in (None, actor.id):
        return 0
    db.session.commit()
    result = db.session.execute(
        update(AdvocacyMessage).where(AdvocacyMessage.advocacy_case_id == case.id,
                                      AdvocacyMessage.direction == "from_young_person",
                                      AdvocacyMessage.read_at.is_(None))
        .values(read_at=utcnow(), read_by_id=actor.id))
    if result.rowcount:
        audit.record("advocacy_messages_read", subject_type="advocacy_case", subject_id=case.id, actor=actor,
                     count=result.rowcount)
        db.session.commit()
    return result.rowcount


# --- a complaint for the young person, and safeguarding ------------------------------------------------------


def make_complaint(case: AdvocacyCase, *, what_happened: str, what_would_help: str, actor: User) -> Submission:
    """The advocate makes a complaint on the young person's behalf: it enters the triage queue like any
    submission (the young person is the complainant), linked to this advocacy case."""
    from portal.intake.codes import new_reference

    if case.status != "open":
        raise CaseworkError("This advocacy is closed.")
    if case.complaint_submission_id is not None:
        raise CaseworkError("A complaint has already been made from this advocacy case.")
    words = (what_happened or "").replace("\r\n", "\n").strip()
    if not words:
        raise CaseworkError(problems={"what_happened": "Say what the complaint is about."})
    source = case.submission
    answers: dict[str, Any] = {"what_happened": words,
                               "what_would_help": (what_would_help or "").replace("\r\n", "\n").strip(),
                               "advocate": case.kind, "made_by_advocate": True,
                               "advocacy_reference": case.reference}
    for key in ("contact_method", "contact_email", "contact_phone", "interpreter_needed", "interpreter_language"):
        if key in (source.answers or {}):
            answers[key] = source.answers[key]
    submission = Submission(
        reference=new_reference(), kind="complaint", channel="advocate", language=source.language,
        submitted_at=utcnow(), received_on=uk_today(), who_is_telling="young_person",
        young_person_id=source.young_person_id, answers=answers, recorded_by_id=actor.id, is_demo=case.is_demo,
    )
    db.session.add(submission)
    db.session.flush()
    case.complaint_submission_id = submission.id
    audit.record("advocacy_complaint_made", subject_type="advocacy_case", subject_id=case.id, actor=actor,
                 submission_id=str(submission.id))
    db.session.commit()
    return submission


def operational_teams() -> list[Team]:
    return list(db.session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name)))


def raise_concern(case: AdvocacyCase, *, details: str, team: Team | None, actor: User) -> SafeguardingConcern:
    """A safeguarding concern, sent at once (not queued for triage) to the Children's Rights Service and
    the operational team's managers: the notification says only that there is one, and where to read it."""
    words = (details or "").replace("\r\n", "\n").strip()
    if not words:
        raise CaseworkError(problems={"details": "Describe the concern."})
    concern = SafeguardingConcern(advocacy_case_id=case.id, team_id=team.id if team else None, details=words,
                                  raised_by_id=actor.id)
    db.session.add(concern)
    db.session.flush()
    recipients = [current_app.config["SERVICE_EMAIL"]]
    if team is not None:
        recipients += list(db.session.scalars(
            select(User.email).join(UserRole).where(and_(UserRole.role == "operational_manager",
                                                         User.team_id == team.id, User.active.is_(True)))))
    for address in dict.fromkeys(recipients):
        outbox.queue(address, "safeguarding_concern", personalisation={"concern_id": str(concern.id)})
    audit.record("safeguarding_concern_raised", subject_type="advocacy_case", subject_id=case.id, actor=actor,
                 concern_id=str(concern.id), team_id=str(team.id) if team else None, notified=len(set(recipients)))
    db.session.commit()
    return concern


def acknowledge_concern(concern: SafeguardingConcern, *, actor: User) -> None:
    if concern.acknowledged_at is None:
        concern.acknowledged_at, concern.acknowledged_by_id = utcnow(), actor.id
        audit.record("safeguarding_concern_acknowledged", subject_type="advocacy_case",
                     subject_id=concern.advocacy_case_id, actor=actor, concern_id=str(concern.id))
        db.session.commit()


# --- the helpline --------------------------------------------------------------------------------------------


def helpline_contacts_by(user: User, limit: int = 50) -> list[HelplineContact]:
    """The helpline contacts this person recorded, newest first."""
    return list(db.session.scalars(
        select(HelplineContact).where(HelplineContact.recorded_by_id == user.id)
        .order_by(HelplineContact.contact_on.desc(), HelplineContact.created_at.desc()).limit(limit)))


def record_helpline(*, on: date | None, caller: str, method: str, summary: str, outcome: str,
                    outcome_note: str | None, actor: User) -> HelplineContact:
    problems = {}
    on_error = date_error(on, {MISSING: "Enter the date of the contact, like 2026-11-26.",
                               FUTURE: "The date of the contact cannot be in the future."})
    if on_error:
        problems["on"] = on_error
    if caller not in HELPLINE_CALLERS:
        problems["caller"] = "Choose who got in touch."
    if method not in CONTACT_METHODS:
        problems["method"] = "Choose how they got in touch."
    if not (summary or "").strip():
        problems["summary"] = "Say what they needed help or advice with."
    if outcome not in HELPLINE_OUTCOMES:
        problems["outcome"] = "Choose the outcome."
    elif outcome == "other" and not (outcome_note or "").strip():
        problems["outcome_note"] = "Say what the outcome was."
    if problems:
        raise CaseworkError(problems=problems)
    contact = HelplineContact(contact_on=on, caller=caller, method=method, summary=summary.strip()[:NOTE_MAX],
                              outcome=outcome, outcome_note=(outcome_note or "").strip() or None,
                              recorded_by_id=actor.id)
    db.session.add(contact)
    db.session.flush()
    audit.record("helpline_contact_recorded", subject_type="helpline_contact", subject_id=contact.id, actor=actor,
                 caller=caller, outcome=outcome, on=on.isoformat())
    db.session.commit()
    return contact
