"""Retention and erasure: removing a case's personal data and keeping its statistical record.

``flask retention run`` (``--dry-run`` lists only) finds every closed case whose retention date
(``portal.procedure.retention.keep_until``: by default the later of six years after closing and the
young person's 25th birthday) has come, and that is not under a legal hold, and removes its personal
data; erasure on request (``erase``) takes the same path for one case. What is kept is exactly what
the annual report counts (the case's dates, kind, route, team, area, category, outcomes, advocacy
given, service type; the young person's age at receipt, gender, ethnicity and asylum-seeking status;
the submission's kind and dates), so every year's report gives the same figures afterwards. What goes:
names, dates of birth, contact details, the submission's answers, every free text (Text columns) of
the case and what hangs from it, the messages with the young person, documents, advocacy messages and
contact restrictions on the people. Every run, and each case's removal, is an audit event.

MP and councillor enquiries (``member_enquiries``) and helpline contacts (``helpline_contacts``) come
under the same rule (``enquiry_keep_until``: an answered enquiry, by its answer and the family member's
date of birth; ``helpline_keep_until``): the family's name and date of birth, the member's name, what
it was about, the answer, the contact's summary and note go, and the links to the people; what the
report counts stays (the enquiry's day, kind of member and its links to cases, from which "about a known
complainant" is counted; the contact's day, caller, method and outcome). An enquiry linked to a case
under a legal hold is held with it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import Text, delete, select, update

from portal import audit
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import (
    AdvocacyCase,
    AdvocacyMessage,
    Case,
    ContactRestriction,
    Document,
    DocumentChunk,
    HelplineContact,
    MemberEnquiry,
    Message,
    Person,
    Submission,
    User,
)
from portal.models.base import Base
from portal.models.enquiries import member_enquiry_cases, member_enquiry_people
from portal.procedure.retention import OPEN_STATUSES, enquiry_keep_until, helpline_keep_until, keep_until

# Names and the like kept in short columns (every Text column is free text, and goes too).
PERSONAL_STRINGS = {
    "people": ("name", "date_of_birth", "email", "phone"),
    "cases": ("wishes_acted_by",),
    "advocacy_cases": ("own_choice_name", "own_choice_relationship", "wanted_language", "interpreter_language"),
    "member_enquiries": ("member_name", "person_name", "person_date_of_birth"),
}
KEPT_TEXT = {("cases", "legal_hold_reason")}  # why it is held is not about the person


CASE, ENQUIRY, HELPLINE = "case", "member_enquiry", "helpline_contact"


@dataclass(frozen=True)
class Due:
    case_id: uuid.UUID  # the case's, enquiry's or helpline contact's id (``kind``)
    reference: str  # a case's reference; for the others their kind, day and a short id: never a name
    keep_until: date
    kind: str = CASE


def _rule() -> dict[str, int]:
    config = current_app.config
    return {"years_after_close": int(config["RETENTION_YEARS_AFTER_CLOSE"]),
            "until_age": int(config["RETENTION_UNTIL_AGE"])}


def due(today: date) -> tuple[list[Due], list[Due]]:
    """(the cases whose personal data goes now, the cases due but held)."""
    rule = _rule()
    young = Person.__table__.alias("young")
    rows = db.session.execute(
        select(Case.id, Case.reference, Case.status, Case.last_event_on, Case.received_on, Case.legal_hold,
               young.c.date_of_birth, young.c.age_when_received)
        .outerjoin(young, young.c.id == Case.young_person_id)
        .where(Case.personal_data_removed_on.is_(None)).order_by(Case.received_on, Case.reference))
    going, held = [], []
    for case_id, reference, status, last_event_on, received_on, legal_hold, born, age in rows:
        until = keep_until(status=status, closed_on=last_event_on, received_on=received_on, date_of_birth=born,
                           age_when_received=age, **rule)
        if until is not None and until <= today:
            (held if legal_hold else going).append(Due(case_id, reference, until))
    _due_enquiries(today, rule, going, held)
    _due_helpline(today, rule, going, held)
    return going, held


def _due_enquiries(today: date, rule: dict[str, int], going: list[Due], held: list[Due]) -> None:
    links = member_enquiry_cases
    on_hold = (select(links.c.enquiry_id).join(Case, Case.id == links.c.case_id)
               .where(Case.legal_hold.is_(True)))
    held_ids = set(db.session.scalars(on_hold))
    rows = db.session.execute(
        select(MemberEnquiry.id, MemberEnquiry.member_kind, MemberEnquiry.received_on, MemberEnquiry.responded_on,
               MemberEnquiry.person_date_of_birth)
        .where(MemberEnquiry.personal_data_removed_on.is_(None), MemberEnquiry.responded_on.is_not(None))
        .order_by(MemberEnquiry.received_on, MemberEnquiry.id))
    for enquiry_id, member_kind, received_on, responded_on, born in rows:
        until = enquiry_keep_until(received_on=received_on, responded_on=responded_on, date_of_birth=born, **rule)
        if until is not None and until <= today:
            item = Due(enquiry_id, f"{member_kind} enquiry of {received_on} ({str(enquiry_id)[:8]})", until, ENQUIRY)
            (held if enquiry_id in held_ids else going).append(item)


def _due_helpline(today: date, rule: dict[str, int], going: list[Due], held: list[Due]) -> None:
    rows = db.session.execute(
        select(HelplineContact.id, HelplineContact.caller, HelplineContact.contact_on)
        .where(HelplineContact.personal_data_removed_on.is_(None)).order_by(HelplineContact.contact_on))
    for contact_id, caller, contact_on in rows:
        until = helpline_keep_until(contact_on=contact_on, **rule)
        if until <= today:
            going.append(Due(contact_id, f"helpline contact ({caller}) of {contact_on} ({str(contact_id)[:8]})",
                             until, HELPLINE))


def _blank_text(table: Any, where: Any) -> None:
    values = {column.name: (None if column.nullable else "") for column in table.columns
              if isinstance(column.type, Text) and (table.name, column.name) not in KEPT_TEXT}
    values |= {name: (None if table.c[name].nullable else "") for name in PERSONAL_STRINGS.get(table.name, ())}
    if values:
        db.session.execute(update(table).where(where).values(**values))


def _tables_hanging_from(column_name: str) -> list[Any]:
    return [table for table in Base.metadata.sorted_tables if column_name in table.columns
            and table.name not in ("read_records", "reminders", "audit_events")]


def remove_personal_data(case: Case, *, today: date, reason: str, actor: User | None = None) -> None:
    """Remove what identifies anyone from ``case`` and what hangs from it, keeping what the report counts.
    The caller commits. Refused under a legal hold."""
    if case.legal_hold:
        raise CaseworkError("This case is under a legal hold: nothing can be removed until it is lifted.")
    submission_ids = [case.submission_id] if case.submission_id else []
    advocacy_ids = list(db.session.scalars(select(AdvocacyCase.id).where(
        AdvocacyCase.submission_id.in_(submission_ids)))) if submission_ids else []
    people = {case.young_person_id, case.complainant_id}
    if submission_ids:
        people |= set(db.session.execute(select(Submission.young_person_id, Submission.submitter_id)
                                         .where(Submission.id.in_(submission_ids))).one())
    people.discard(None)
    # What goes whole: the thread, documents, advocacy messages, restrictions on the people.
    documents = select(Document.id).where((Document.case_id == case.id) | Document.submission_id.in_(submission_ids))
    db.session.execute(delete(DocumentChunk).where(DocumentChunk.document_id.in_(documents)))
    db.session.execute(delete(Document).where((Document.case_id == case.id)
                                              | Document.submission_id.in_(submission_ids)))
    if submission_ids:
        db.session.execute(delete(Message).where(Message.submission_id.in_(submission_ids)))
    if advocacy_ids:
        db.session.execute(delete(AdvocacyMessage).where(AdvocacyMessage.advocacy_case_id.in_(advocacy_ids)))
    if people:
        db.session.execute(delete(ContactRestriction).where(ContactRestriction.person_id.in_(people)))
    # What stays, without its free text and names.
    cases = Case.__table__
    _blank_text(cases, cases.c.id == case.id)
    for table in _tables_hanging_from("case_id"):
        _blank_text(table, table.c.case_id == case.id)
    if submission_ids:
        submissions = Submission.__table__
        db.session.execute(update(submissions).where(submissions.c.id.in_(submission_ids)).values(
            answers={}, tracking_code_hash=None, pending_code_hash=None, idempotency_key=None))
        for table in _tables_hanging_from("submission_id"):
            if table.name not in ("cases", "submissions"):
                _blank_text(table, table.c.submission_id.in_(submission_ids))
    if advocacy_ids:
        for table in _tables_hanging_from("advocacy_case_id"):
            _blank_text(table, table.c.advocacy_case_id.in_(advocacy_ids))
    if people:
        _blank_text(Person.__table__, Person.__table__.c.id.in_(people))
    db.session.execute(update(cases).where(cases.c.id == case.id).values(personal_data_removed_on=today))
    audit.record("personal_data_removed", subject_type="case", subject_id=case.id, actor=actor,
                 actor_kind="staff" if actor is not None else "cli", reason=reason)
    db.session.expire_all()


def remove_enquiry_personal_data(enquiry_id: uuid.UUID, *, today: date) -> None:
    """An MP or councillor enquiry: the family's and the member's names, the date of birth, what it was
    about and the answer go, and its links to people; its day, kind of member and links to cases (the
    report's "about a known complainant") stay. The caller commits."""
    table = MemberEnquiry.__table__
    _blank_text(table, table.c.id == enquiry_id)
    db.session.execute(delete(member_enquiry_people).where(member_enquiry_people.c.enquiry_id == enquiry_id))
    db.session.execute(update(table).where(table.c.id == enquiry_id).values(personal_data_removed_on=today))
    audit.record("personal_data_removed", subject_type="member_enquiry", subject_id=enquiry_id, actor_kind="cli",
                 reason="retention")


def remove_helpline_personal_data(contact_id: uuid.UUID, *, today: date) -> None:
    """A helpline contact: its summary and outcome note go; its day, caller, method and outcome stay."""
    table = HelplineContact.__table__
    _blank_text(table, table.c.id == contact_id)
    db.session.execute(update(table).where(table.c.id == contact_id).values(personal_data_removed_on=today))
    audit.record("personal_data_removed", subject_type="helpline_contact", subject_id=contact_id,
                 actor_kind="cli", reason="retention")


def run(today: date, *, dry_run: bool) -> tuple[list[Due], list[Due]]:
    """One retention run: remove what is due (unless ``dry_run``), and record the run. Returns (due, held):
    cases, then MP and councillor enquiries, then helpline contacts (``Due.kind``)."""
    going, held = due(today)
    if not dry_run:
        for item in going:
            if item.kind == ENQUIRY:
                remove_enquiry_personal_data(item.case_id, today=today)
            elif item.kind == HELPLINE:
                remove_helpline_personal_data(item.case_id, today=today)
            else:
                remove_personal_data(db.session.get(Case, item.case_id), today=today, reason="retention")
        db.session.expire_all()
    counts = {kind: sum(item.kind == kind for item in going) for kind in (CASE, ENQUIRY, HELPLINE)}
    audit.record("retention_run", subject_type="retention", subject_id=None, actor_kind="cli",
                 dry_run=dry_run, on=today.isoformat(), removed=0 if dry_run else len(going), due=len(going),
                 held=len(held), due_by_kind=counts, **_rule())
    db.session.commit()
    return going, held


def may_hold(case: Case) -> bool:
    return not case.legal_hold and case.personal_data_removed_on is None


def is_held(case: Case) -> bool:
    return bool(case.legal_hold)


def may_erase(case: Case) -> bool:
    """Closed, not held, not already removed: an open case's procedure still needs its record."""
    return case.status not in OPEN_STATUSES and not case.legal_hold and case.personal_data_removed_on is None


def erase(case: Case, *, today: date, reason: str, actor: User | None = None) -> None:
    """Erasure on request (UK GDPR art. 17, where the law allows it: the council decides, and records
    why): the same removal as retention, now. Not while the case is open."""
    if case.status in OPEN_STATUSES:
        raise CaseworkError("The case is still open: close it before its personal data can be erased.")
    if not reason.strip():
        raise CaseworkError("Say why the personal data is erased (the request and the decision).")
    remove_personal_data(case, today=today, reason=f"erasure: {reason.strip()[:200]}", actor=actor)
    db.session.commit()


def hold(case: Case, *, on: bool, reason: str, actor: User | None = None) -> None:
    """Put a case under a legal hold (for example a public inquiry), or lift it: recorded with why."""
    if on and not reason.strip():
        raise CaseworkError("Say why the case is held (for example the inquiry's name).")
    case.legal_hold = on
    case.legal_hold_reason = reason.strip()[:500] if on else None
    audit.record("legal_hold_set" if on else "legal_hold_lifted", subject_type="case", subject_id=case.id,
                 actor=actor, actor_kind="staff" if actor is not None else "cli")
    db.session.commit()


retention_cli = AppGroup("retention", help="Removing personal data past its retention date, legal holds, erasure.")


def _today(value: Any) -> date:
    from portal.procedure import uk_today

    return value.date() if value is not None else uk_today()


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="List what would go; change nothing (the run is still recorded).")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None)
def run_command(dry_run: bool, today: Any) -> None:
    """Remove the personal data of every closed case past its retention date and not held (the later of
    RETENTION_YEARS_AFTER_CLOSE after closing and the RETENTION_UNTIL_AGE birthday), keeping what the
    annual report counts."""
    day = _today(today)
    going, held = run(day, dry_run=dry_run)
    for item in going:
        click.echo(f"{'would remove' if dry_run else 'removed'} {item.reference} (kept until {item.keep_until})")
    for item in held:
        click.echo(f"held {item.reference} (legal hold; due {item.keep_until})")
    count = {kind: sum(item.kind == kind for item in going) for kind in (CASE, ENQUIRY, HELPLINE)}
    click.echo(f"{'Would remove' if dry_run else 'Removed'} the personal data of {count[CASE]} cases, "
               f"{count[ENQUIRY]} MP and councillor enquiries and {count[HELPLINE]} helpline contacts; "
               f"{len(held)} held.")


def _case(reference: str) -> Case:
    case = db.session.scalar(select(Case).where(Case.reference == reference.strip().upper()))
    if case is None:
        raise click.ClickException(f"No case {reference}.")
    return case


@retention_cli.command("hold")
@click.argument("reference")
@click.option("--reason", required=True, help="Why (for example the inquiry's name).")
def hold_command(reference: str, reason: str) -> None:
    """Put a case under a legal hold: retention leaves it alone until the hold is lifted."""
    hold(_case(reference), on=True, reason=reason)
    click.echo(f"{reference} is held.")


@retention_cli.command("release")
@click.argument("reference")
def release_command(reference: str) -> None:
    """Lift a case's legal hold."""
    hold(_case(reference), on=False, reason="")
    click.echo(f"{reference} is no longer held.")


@retention_cli.command("erase")
@click.argument("reference")
@click.option("--reason", required=True, help="The request and the decision that the law allows erasure.")
def erase_command(reference: str, reason: str) -> None:
    """Erase a case's personal data on request, by the same path as retention."""
    try:
        erase(_case(reference), today=_today(None), reason=reason)
    except CaseworkError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"The personal data of {reference} has been erased; its statistical record is kept.")
