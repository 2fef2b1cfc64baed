"""Reminders before a deadline passes, and a daily digest (``flask reminders send``, each working day).

Each due item is reminded **once**: a row of ``reminders`` (kind, item, the date it is due, the member
of staff) is written with the email it queues, and its unique key stops a second run (the same day, the
next day, or on another host at once) from queueing it again. A new due date (an extension) is a new
item. What is due:

=========================  =========================================================  ==========================
kind                       when                                                       who
=========================  =========================================================  ==========================
``response_due``           a case's current deadline (stage 1, 2 or 3) is within      the responding manager, or
                           ``DUE_SOON_WORKING_DAYS`` (3) working days                 the complaints managers
``response_overdue``       that deadline has passed                                   the same, and the
                                                                                      complaints managers
``first_contact``          a submission not yet triaged whose first-contact promise   the triage officers
                           (FIRST_CONTACT_WORKING_DAYS after receipt) is today or
                           the next working day
``ombudsman_due``          information the Ombudsman asked for, not sent, due within  the complaints managers
                           3 days (the Ombudsman sets a calendar date)
``advocate_contact``       an open advocacy case whose next contact with the young    the advocate
                           person is overdue
=========================  =========================================================  ==========================

Emails to staff name no child and no reference: what is due, when, and the page to open (an id).
The daily digest counts what is theirs and new since the day before; anyone can switch it off on "My
work" (``User.daily_digest``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from portal.db import db
from portal.models import AdvocacyCase, Case, Message, OmbudsmanEnquiry, Submission, User
from portal.models.users import UserRole
from portal.notifications import outbox
from portal.notifications.models import Reminder
from portal.procedure import add_working_days, working_day_ordinal

DUE_SOON_WORKING_DAYS = 3
OMBUDSMAN_DAYS = 3

# What each kind of reminder says (English: staff only). No name, no reference, nothing anyone wrote.
SAYS = {
    "response_due": "A response is due soon",
    "response_overdue": "A response is overdue",
    "first_contact": "First contact with a young person is due",
    "ombudsman_due": "Information for the Ombudsman is due",
    "advocate_contact": "Contact with a young person you advocate for is overdue",
}


@dataclass(frozen=True)
class Due:
    kind: str
    subject_id: uuid.UUID
    due_on: date
    where: str  # the page to open (ids only)
    user_ids: tuple[uuid.UUID, ...]


def _with_role(*roles: str) -> tuple[uuid.UUID, ...]:
    return tuple(db.session.scalars(
        select(User.id).join(UserRole, UserRole.user_id == User.id)
        .where(UserRole.role.in_(roles), User.active.is_(True)).distinct().order_by(User.id)))


def _cases_due(today: date) -> list[Due]:
    from portal.casework.due_dates import DEADLINE_STATUSES

    today_ordinal = working_day_ordinal(today)
    managers = _with_role("complaints_manager")
    rows = db.session.execute(
        select(Case.id, Case.due_on, Case.due_ordinal, Case.responding_manager_id)
        .where(Case.status.in_(sorted(DEADLINE_STATUSES)), Case.due_ordinal.is_not(None),
               Case.due_ordinal <= today_ordinal + DUE_SOON_WORKING_DAYS))
    found = []
    for case_id, due_on, due_ordinal, manager_id in rows:
        owner = (manager_id,) if manager_id else managers
        if due_ordinal < today_ordinal or (due_ordinal == today_ordinal and due_on < today):
            found.append(Due("response_overdue", case_id, due_on, f"/staff/cases/{case_id}",
                             tuple(dict.fromkeys(owner + managers))))
        else:
            found.append(Due("response_due", case_id, due_on, f"/staff/cases/{case_id}", owner))
    return found


def _first_contacts(today: date) -> list[Due]:
    days = int(current_app.config["FIRST_CONTACT_WORKING_DAYS"])
    officers = _with_role("crs_officer")
    horizon = add_working_days(today, 1)
    found = []
    # Received recently enough for the promise to be near (a bounded scan: the queue of new submissions).
    for submission_id, received_on in db.session.execute(
            select(Submission.id, Submission.received_on).where(Submission.status == "new")):
        promise = add_working_days(received_on, days)
        if today <= promise <= horizon:
            found.append(Due("first_contact", submission_id, promise, f"/staff/submissions/{submission_id}",
                             officers))
    return found


def _ombudsman(today: date) -> list[Due]:
    managers = _with_role("complaints_manager")
    rows = db.session.execute(
        select(OmbudsmanEnquiry.id, OmbudsmanEnquiry.case_id, OmbudsmanEnquiry.information_due_on)
        .where(OmbudsmanEnquiry.information_sent_on.is_(None), OmbudsmanEnquiry.information_due_on.is_not(None),
               OmbudsmanEnquiry.information_due_on <= today + timedelta(days=OMBUDSMAN_DAYS)))
    return [Due("ombudsman_due", enquiry_id, due_on, f"/staff/cases/{case_id}", managers)
            for enquiry_id, case_id, due_on in rows]


def _advocate_contacts(today: date) -> list[Due]:
    rows = db.session.execute(
        select(AdvocacyCase.id, AdvocacyCase.next_contact_due, AdvocacyCase.advocate_id)
        .where(AdvocacyCase.status == "open", AdvocacyCase.advocate_id.is_not(None),
               AdvocacyCase.next_contact_due < today))
    return [Due("advocate_contact", case_id, due_on, f"/advocacy/cases/{case_id}", (advocate_id,))
            for case_id, due_on, advocate_id in rows]


def due_items(today: date) -> list[Due]:
    return _cases_due(today) + _first_contacts(today) + _ombudsman(today) + _advocate_contacts(today)


def _queue_once(kind: str, subject_id: uuid.UUID, due_on: date, user: User, template: str,
                personalisation: dict[str, Any]) -> bool:
    """Queue one email with its ``reminders`` row, unless that row exists: True if queued."""
    exists = db.session.scalar(select(Reminder.id).where(
        Reminder.kind == kind, Reminder.subject_id == subject_id, Reminder.due_on == due_on,
        Reminder.user_id == user.id))
    if exists is not None:
        return False
    try:
        with db.session.begin_nested():
            db.session.add(Reminder(kind=kind, subject_id=subject_id, due_on=due_on, user_id=user.id))
            db.session.flush()
    except IntegrityError:  # another run queued it a moment ago
        return False
    outbox.queue(user.email, template, language="en", personalisation=personalisation)
    return True


def send_reminders(today: date) -> int:
    """Queue a reminder for each due item not reminded before; returns how many emails were queued."""
    queued = 0
    for item in due_items(today):
        for user_id in item.user_ids:
            user = db.session.get(User, user_id)
            if user is None or not user.active:
                continue
            queued += _queue_once(item.kind, item.subject_id, item.due_on, user, "reminder",
                                  {"says": SAYS[item.kind], "due_on": item.due_on.isoformat(), "where": item.where})
        db.session.commit()
    return queued


def digest_for(user: User, today: date) -> dict[str, int]:
    """What is this person's and new since yesterday: counts only."""
    from portal.permissions import TRIAGE, has_permission

    since = today - timedelta(days=1)
    counts = {
        "cases_assigned": db.session.scalar(select(func.count()).select_from(Case).where(
            Case.responding_manager_id == user.id, Case.stage1_started >= since)) or 0,
        "messages": db.session.scalar(select(func.count()).select_from(Message).join(
            Case, Case.id == Message.case_id).where(
            Case.responding_manager_id == user.id, Message.direction == "from_young_person",
            Message.read_at.is_(None), func.date(Message.sent_at) >= since)) or 0,
        "reminders": db.session.scalar(select(func.count()).select_from(Reminder).where(
            Reminder.user_id == user.id, Reminder.kind != "digest",
            func.date(Reminder.created_at) >= since)) or 0,
    }
    if has_permission(_Signed(user), TRIAGE):
        counts["submissions"] = db.session.scalar(select(func.count()).select_from(Submission).where(
            Submission.status == "new", Submission.received_on >= since)) or 0
    return counts


class _Signed:
    """A user as permissions.has_permission sees a signed-in one (the command has no request)."""

    is_authenticated = True

    def __init__(self, user: User) -> None:
        self.role_names = user.role_names


def send_digests(today: date) -> int:
    """One digest a day to each member of staff (the staff area's users) with something theirs and new,
    unless switched off."""
    from portal.permissions import STAFF_AREA, has_permission

    queued = 0
    for user in db.session.scalars(select(User).where(User.active.is_(True), User.daily_digest.is_(True))
                                   .order_by(User.id)):
        if not has_permission(_Signed(user), STAFF_AREA):
            continue  # the digest is switched off on "My work", in the staff area: advocates get reminders only
        counts = digest_for(user, today)
        if not any(counts.values()):
            continue
        queued += _queue_once("digest", user.id, today, user, "daily_digest", counts)
        db.session.commit()
    return queued
