"""MP and County Councillor enquiries: the operations that record them and their responses.

Each writes its change and its audit event in one transaction. An enquiry is linked, whenever it is
recorded or its family's details change, to the people the service already knows by that name (and
date of birth) and to their cases, so triage and casework see that the family is known (DOMAIN.md:
20 of 77 enquiries in 2015-16 were about known complainants).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from portal import audit
from portal.casework.checks import EARLY, FUTURE, MISSING, date_error
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, MemberEnquiry, Person, User
from portal.models.enquiries import MEMBER_KINDS
from portal.procedure.enquiries import Match, enquiry_due, person_match, search_token
from portal.procedure.state import OPEN_STATUSES

TEXT_MAX = 5000


@dataclass
class EnquiryDetails:
    member_name: str
    member_kind: str
    received_on: date
    person_name: str
    person_date_of_birth: date | None
    about: str | None


def working_days() -> int:
    return int(current_app.config.get("MEMBER_ENQUIRY_WORKING_DAYS", 10))


def _check(details: EnquiryDetails) -> None:
    problems = {}
    if not details.member_name.strip():
        problems["member_name"] = "Enter the name of the MP or councillor."
    if details.member_kind not in MEMBER_KINDS:
        problems["member_kind"] = "Choose whether they are an MP or a County Councillor."
    received_error = date_error(details.received_on, {MISSING: "Enter the date received.",
                                                      FUTURE: "The date received cannot be in the future."})
    if received_error:
        problems["received_on"] = received_error
    if not details.person_name.strip():
        problems["person_name"] = "Enter the name of the young person or family member it concerns."
    if details.person_date_of_birth is not None and details.person_date_of_birth > details.received_on:
        problems["person_date_of_birth"] = "The date of birth must be before the enquiry was received."
    if problems:
        raise CaseworkError(problems=problems)


def known_people(name: str, birth: date | None) -> list[tuple[Person, Match]]:
    """People the service records who match a name (and date of birth): one indexed-width query for
    candidates by their longest name word, then the exact rule in ``portal.procedure.enquiries``."""
    token = search_token(name)
    if not token:
        return []
    query = select(Person).where(func.lower(Person.name).contains(token, autoescape=True))
    if birth is not None:
        query = query.where(or_(Person.date_of_birth.is_(None), Person.date_of_birth == birth))
    found = []
    for person in db.session.scalars(query.limit(200)):
        match = person_match(name, birth, person.name, person.date_of_birth)
        if match is not None:
            found.append((person, match))
    return found


def _cases_of(people: list[Person]) -> list[Case]:
    if not people:
        return []
    ids = [person.id for person in people]
    return list(db.session.scalars(
        select(Case).where(or_(Case.young_person_id.in_(ids), Case.complainant_id.in_(ids)))
        .order_by(Case.received_on)
    ))


REMOVED = ("Its personal data was removed under the retention rule: it can no longer be changed or linked "
           "again (its links to cases are what the annual report counts).")


def link(enquiry: MemberEnquiry) -> None:
    """(Re)link an enquiry to the known people and their cases (in the caller's transaction). The case a
    front-door enquiry was triaged into is the enquiry itself, not a complaint the family made before."""
    people = [person for person, _match in known_people(enquiry.person_name, enquiry.person_date_of_birth)]
    enquiry.people = people
    enquiry.cases = [case for case in _cases_of(people) if case.id != enquiry.from_case_id]


def _add(details: EnquiryDetails, *, actor: User, from_case: Case | None = None) -> MemberEnquiry:
    """Check, add, link and audit an enquiry in the caller's transaction."""
    _check(details)
    enquiry = MemberEnquiry(
        member_name=details.member_name.strip(), member_kind=details.member_kind,
        received_on=details.received_on, person_name=details.person_name.strip(),
        person_date_of_birth=details.person_date_of_birth, about=(details.about or "").strip() or None,
        due_on=enquiry_due(details.received_on, working_days()), recorded_by_id=actor.id,
        from_case_id=from_case.id if from_case is not None else None,
        is_demo=from_case.is_demo if from_case is not None else False,
    )
    db.session.add(enquiry)
    link(enquiry)
    db.session.flush()
    extra = {"from_case": from_case.reference} if from_case is not None else {}
    audit.record("member_enquiry_recorded", subject_type="member_enquiry", subject_id=enquiry.id, actor=actor,
                 received_on=details.received_on.isoformat(), due_on=enquiry.due_on.isoformat(),
                 linked_cases=len(enquiry.cases), **extra)
    return enquiry


def record(details: EnquiryDetails, *, actor: User) -> MemberEnquiry:
    enquiry = _add(details, actor=actor)
    db.session.commit()
    return enquiry


def record_from_front_door(case: Case, *, member_name: str, member_kind: str, actor: User) -> MemberEnquiry:
    """A front-door submission triaged as an MP or Councillor enquiry becomes an enquiry on the enquiries
    list, due and counted like one recorded there (in the triage's transaction: the caller commits)."""
    submission = case.submission
    person = submission.young_person or submission.submitter
    details = EnquiryDetails(member_name=member_name, member_kind=member_kind,
                             received_on=submission.received_on,
                             person_name=(person.name if person is not None and person.name else "") or "Not given",
                             person_date_of_birth=person.date_of_birth if person is not None else None, about=None)
    return _add(details, actor=actor, from_case=case)


def update(enquiry: MemberEnquiry, details: EnquiryDetails, *, actor: User) -> None:
    """Correct an enquiry's details; the links follow the family's details. The due date stays as set
    when it was recorded unless the date received changed. Refused once retention removed its personal data."""
    if enquiry.personal_data_removed_on is not None:
        raise CaseworkError(problems={"person_name": REMOVED})
    _check(details)
    if details.received_on != enquiry.received_on:
        enquiry.due_on = enquiry_due(details.received_on, working_days())
    enquiry.member_name = details.member_name.strip()
    enquiry.member_kind = details.member_kind
    enquiry.received_on = details.received_on
    enquiry.person_name = details.person_name.strip()
    enquiry.person_date_of_birth = details.person_date_of_birth
    enquiry.about = (details.about or "").strip() or None
    link(enquiry)
    audit.record("member_enquiry_changed", subject_type="member_enquiry", subject_id=enquiry.id, actor=actor,
                 due_on=enquiry.due_on.isoformat(), linked_cases=len(enquiry.cases))
    db.session.commit()


def respond(enquiry: MemberEnquiry, *, on: date, response: str, actor: User) -> None:
    if enquiry.personal_data_removed_on is not None:
        raise CaseworkError(problems={"response": REMOVED})
    problems = {}
    on_error = date_error(on, {MISSING: "Enter the response date.",
                               FUTURE: "The response date cannot be in the future.",
                               EARLY: "The response date cannot be before the enquiry was received."},
                          not_before=enquiry.received_on)
    if on_error:
        problems["on"] = on_error
    if not response.strip():
        problems["response"] = "Enter the response, or a summary of it."
    if problems:
        raise CaseworkError(problems=problems)
    enquiry.responded_on = on
    enquiry.response = response.strip()
    audit.record("member_enquiry_answered", subject_type="member_enquiry", subject_id=enquiry.id, actor=actor,
                 on=on.isoformat(), late=on > enquiry.due_on)
    db.session.commit()


# --- reading ------------------------------------------------------------------------------------------


def open_cases(enquiry: MemberEnquiry) -> list[Case]:
    return [case for case in enquiry.cases if case.status in OPEN_STATUSES]


def listing(*, show: str = "open") -> Select[tuple[MemberEnquiry]]:
    """Enquiries, soonest due first. ``show``: "open" (not yet answered), "answered" or "all"."""
    query = select(MemberEnquiry).options(selectinload(MemberEnquiry.cases))
    if show == "open":
        query = query.where(MemberEnquiry.responded_on.is_(None)).order_by(MemberEnquiry.due_on)
    elif show == "answered":
        query = query.where(MemberEnquiry.responded_on.is_not(None)).order_by(MemberEnquiry.responded_on.desc())
    else:
        query = query.order_by(MemberEnquiry.received_on.desc())
    return query


def counts(today: date) -> tuple[int, int]:
    """(open, overdue) enquiries, counted in SQL."""
    open_count, overdue = db.session.execute(
        select(func.count(MemberEnquiry.id),
               func.count(MemberEnquiry.id).filter(MemberEnquiry.due_on < today))
        .where(MemberEnquiry.responded_on.is_(None))
    ).one()
    return open_count, overdue


def for_case(case: Case) -> list[MemberEnquiry]:
    """Enquiries about a case: linked to it, or to its young person or complainant (so a case opened
    after the enquiry was recorded shows it too), unanswered first."""
    from portal.models import member_enquiry_cases, member_enquiry_people

    people = [pid for pid in (case.young_person_id, case.complainant_id) if pid is not None]
    about_case = select(member_enquiry_cases.c.enquiry_id).where(member_enquiry_cases.c.case_id == case.id)
    about_people = select(member_enquiry_people.c.enquiry_id).where(member_enquiry_people.c.person_id.in_(people))
    return list(db.session.scalars(
        select(MemberEnquiry).where(or_(MemberEnquiry.id.in_(about_case), MemberEnquiry.id.in_(about_people)))
        .order_by(MemberEnquiry.responded_on.is_not(None), MemberEnquiry.received_on.desc())
    ))


def relink(enquiry: MemberEnquiry, *, actor: User) -> None:
    """Look again for known people and their cases (a case triaged since the enquiry was recorded).
    Refused once retention removed its personal data."""
    if enquiry.personal_data_removed_on is not None:
        raise CaseworkError(REMOVED)
    link(enquiry)
    audit.record("member_enquiry_relinked", subject_type="member_enquiry", subject_id=enquiry.id, actor=actor,
                 linked_cases=len(enquiry.cases))
    db.session.commit()
