"""Restrictions on a person's contact for persistent and unreasonable behaviour: the operations.

A restriction is about how someone contacts the service, recorded with what, why, who approved it and
when it is reviewed. It never touches a case's procedure state: the complaint itself still proceeds.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import joinedload

from portal import audit
from portal.access import visible_cases
from portal.casework.checks import EARLY, FUTURE, MISSING, check_date
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, ContactRestriction, Person, User
from portal.procedure.restrictions import REVIEW_NOTICE_DAYS, check_restriction_dates, check_review


@dataclass
class NewRestriction:
    restriction: str
    reason: str
    approved_by: str
    starts_on: date
    review_on: date


def record(person: Person, new: NewRestriction, *, actor: User) -> ContactRestriction:
    problems = {}
    for name, message in (("restriction", "Say what is restricted."),
                          ("reason", "Say why the restriction is needed."),
                          ("approved_by", "Enter who approved the restriction.")):
        if not getattr(new, name).strip():
            problems[name] = message
    problem = check_restriction_dates(starts=new.starts_on, review=new.review_on)
    if problem:
        problems["review_on"] = problem
    if problems:
        raise CaseworkError(problems=problems)
    restriction = ContactRestriction(person_id=person.id, restriction=new.restriction.strip(),
                                     reason=new.reason.strip(), approved_by=new.approved_by.strip(),
                                     starts_on=new.starts_on, review_on=new.review_on, recorded_by_id=actor.id)
    db.session.add(restriction)
    db.session.flush()
    audit.record("contact_restricted", subject_type="person", subject_id=person.id, actor=actor,
                 restriction_id=str(restriction.id), starts_on=new.starts_on.isoformat(),
                 review_on=new.review_on.isoformat())
    db.session.commit()
    return restriction


def review(restriction: ContactRestriction, *, on: date, keep: bool, next_review: date | None,
           reason: str | None, actor: User) -> None:
    if restriction.ended_on is not None:
        raise CaseworkError("This restriction has already ended.")
    check_date(on, {MISSING: "Enter the review date.", FUTURE: "The review date cannot be in the future.",
                    EARLY: "The review cannot be before the restriction started."}, field="on",
               not_before=restriction.starts_on)
    if keep:
        if next_review is None:
            raise CaseworkError("Give the next review date.", field="next_review_on")
        problem = check_review(reviewed=on, next_review=next_review)
        if problem:
            raise CaseworkError(problem, field="next_review_on")
        restriction.last_reviewed_on = on
        restriction.review_on = next_review
    else:
        if not (reason or "").strip():
            raise CaseworkError("Say why the restriction ends.", field="reason")
        restriction.last_reviewed_on = on
        restriction.ended_on = on
        restriction.ended_reason = (reason or "").strip()
    audit.record("contact_restriction_reviewed", subject_type="person", subject_id=restriction.person_id,
                 actor=actor, restriction_id=str(restriction.id), on=on.isoformat(), kept=keep,
                 review_on=restriction.review_on.isoformat())
    db.session.commit()


def for_case(case: Case) -> list[ContactRestriction]:
    """Restrictions in force (not ended) on the case's young person or complainant."""
    people = [pid for pid in (case.young_person_id, case.complainant_id) if pid is not None]
    if not people:
        return []
    return list(db.session.scalars(
        select(ContactRestriction).where(ContactRestriction.person_id.in_(people),
                                         ContactRestriction.ended_on.is_(None))
        .order_by(ContactRestriction.starts_on)
    ))


def person_visible(user: User, person_id: object) -> bool:
    """The user may see at least one case of this person (restrictions are managed from cases)."""
    return db.session.scalar(
        visible_cases(user).where(or_(Case.young_person_id == person_id, Case.complainant_id == person_id))
        .with_only_columns(Case.id).limit(1)
    ) is not None


def latest_cases(user: User, people: set[object]) -> dict[object, Case]:
    """Each person's latest case this user may see, in one query (people without one are left out)."""
    if not people:
        return {}
    found: dict[object, Case] = {}
    for case in db.session.scalars(
        visible_cases(user).where(or_(Case.young_person_id.in_(people), Case.complainant_id.in_(people)))
        .order_by(Case.received_on)
    ):
        for person_id in (case.young_person_id, case.complainant_id):
            if person_id in people:
                found[person_id] = case
    return found


def reviews_due(today: date) -> Select[tuple[ContactRestriction]]:
    """Restrictions whose review falls within the notice period (or has passed), soonest first."""
    return (select(ContactRestriction)
            .where(ContactRestriction.ended_on.is_(None),
                   ContactRestriction.review_on <= today + timedelta(days=REVIEW_NOTICE_DAYS))
            .options(joinedload(ContactRestriction.person))
            .order_by(ContactRestriction.review_on))


def in_force() -> Select[tuple[ContactRestriction]]:
    return (select(ContactRestriction).where(ContactRestriction.ended_on.is_(None))
            .options(joinedload(ContactRestriction.person)).order_by(ContactRestriction.review_on))
