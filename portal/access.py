"""Scoped queries: the one place that decides which cases and submissions a user may see.

Views never build their own case query; they start from ``visible_cases(user)``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Select, and_, exists, false, or_, select
from sqlalchemy.orm import aliased

from portal.models import Appointment, Case, Message, Submission, User, case_subject_staff
from portal.models.cases import live_work  # noqa: F401 - the scoped queries' condition for live work
from portal.permissions import (
    ADVOCACY_CASELOAD,
    CASES_APPOINTED,
    CASES_VIEW_ALL,
    CASES_VIEW_TEAM,
    SUBMISSIONS_VIEW,
    TRIAGE,
    has_permission,
)


def _named_in(user: User) -> Select[tuple[object]]:
    return select(case_subject_staff.c.case_id).where(case_subject_staff.c.user_id == user.id)


def visible_cases(user: User) -> Select[tuple[Case]]:
    # Staff a complaint is about never see it, whatever else their role lets them see.
    query = select(Case).where(Case.id.not_in(_named_in(user)))
    if has_permission(user, CASES_VIEW_ALL):
        return query
    conditions = []
    if has_permission(user, CASES_VIEW_TEAM) and user.team_id is not None:
        conditions.append(Case.team_id == user.team_id)
    if has_permission(user, ADVOCACY_CASELOAD):
        conditions.append(Case.advocate_id == user.id)
    if has_permission(user, CASES_APPOINTED):
        conditions.append(Case.id.in_(appointed_case_ids(user)))
    if not conditions:
        return query.where(false())
    return query.where(or_(*conditions))


def visible_case_condition(user: User) -> Any:
    """``visible_cases``' filter alone, for a query that joins cases to rows about them (actions, plans):
    it then reads those few rows and looks each case up by key, instead of listing every visible case."""
    return visible_cases(user).whereclause


# The statuses in which each stage is open (issue 21): an appointed person sees the case only then,
# deferred included when it was deferred at that stage.
STAGE_OPEN_STATUSES = {2: ("stage2_requested", "stage2"), 3: ("stage3_requested", "stage3")}


def _stage_open(stage: int) -> Any:
    statuses = STAGE_OPEN_STATUSES[stage]
    return and_(Appointment.stage == stage,
                or_(Case.status.in_(statuses), and_(Case.status == "deferred", Case.deferred_status.in_(statuses))))


def appointed_case_ids(user: User, today: Any = None) -> Select[tuple[object]]:
    """The cases this person is appointed to today: from the day of appointment to the day it ends
    (inclusive), and only while the stage they were appointed for is open (an investigator's stage 2
    ends with the adjudication, a panel's stage 3 with the council's response); otherwise they are
    refused, as if the case did not exist."""
    from portal.procedure import uk_today

    today = today or uk_today()
    return (select(Appointment.case_id).join(Case, Case.id == Appointment.case_id)
            .where(Appointment.user_id == user.id, Appointment.appointed_on <= today, Appointment.ends_on >= today,
                   or_(*(_stage_open(stage) for stage in STAGE_OPEN_STATUSES))))


def sees_only_appointed_cases(user: User) -> bool:
    """An investigator, independent person or panel member: they see what their stage needs, not the
    whole record (no later letters, Ombudsman, enquiries, the young person's messages or the audit)."""
    return has_permission(user, CASES_APPOINTED) and not (
        has_permission(user, CASES_VIEW_ALL) or has_permission(user, CASES_VIEW_TEAM))


def visible_case(user: User, case_id: object) -> Case | None:
    """One case by id, or None when it does not exist or this user may not see it (same answer: 404)."""
    from portal.db import db

    return db.session.scalar(visible_cases(user).where(Case.id == case_id))


def visible_submissions(user: User) -> Select[tuple[Submission]]:
    # Nor the submission it came from.
    about_them = select(Case.submission_id).where(Case.id.in_(_named_in(user)), Case.submission_id.is_not(None))
    query = select(Submission).where(Submission.id.not_in(about_them))
    if has_permission(user, SUBMISSIONS_VIEW):
        return query
    return query.where(false())


# Made once: SQLAlchemy memoises an alias's adapted columns on the alias, so a new alias per request
# rebuilt them every time (7 ms of a complaints manager's home).
_MANAGED = aliased(Case)


def _concerns(case: Any) -> Any:
    """A message is about this case: its own matter, or the whole submission the case came from."""
    return or_(Message.case_id == case.id,
               and_(Message.case_id.is_(None), Message.submission_id == case.submission_id))


def owned_messages(user: User) -> Select[tuple[Message]]:
    """What young people wrote (``from_young_person`` messages) that this user owns, read or not.

    A message is owned by the responding manager of each case it concerns (its own matter, or every
    matter of its submission when it is about the whole submission); when none of those cases has a
    responding manager (before triage, or on a route without one), by the Children's Rights Service
    staff who triage. Always within what the user may see: their visible cases, or, for the service's
    staff, their visible submissions.
    """
    query = select(Message).where(Message.direction == "from_young_person")
    mine = visible_cases(user).where(Case.responding_manager_id == user.id, _concerns(Case)).exists()
    conditions = [mine]
    if has_permission(user, TRIAGE):
        managed = _MANAGED
        has_manager = exists().where(managed.responding_manager_id.is_not(None), _concerns(managed))
        # Looked up by key for each message (an IN over the visible submissions listed all 100,000 first).
        visible = visible_submissions(user).where(Submission.id == Message.submission_id).exists()
        conditions.append(and_(visible, ~has_manager))
    return query.where(or_(*conditions))



def visible_advocacy_cases(user: User) -> Select[tuple[Any]]:
    """Advocacy cases this user may see: the Children's Rights Service's staff (who triage) see all; an
    advocate only the cases assigned to them; anyone else none. Staff-only fields (``staff_notes``,
    safeguarding details) are kept off advocates' pages by the templates they use, never by this query."""
    from portal.models import AdvocacyCase

    query = select(AdvocacyCase)
    if has_permission(user, TRIAGE):
        return query
    if has_permission(user, ADVOCACY_CASELOAD):
        return query.where(AdvocacyCase.advocate_id == user.id)
    return query.where(false())


def visible_advocacy_case(user: User, advocacy_case_id: object) -> Any:
    """One advocacy case by id, or None when it does not exist or this user may not see it (404 alike)."""
    from portal.db import db
    from portal.models import AdvocacyCase

    return db.session.scalar(visible_advocacy_cases(user).where(AdvocacyCase.id == advocacy_case_id))


def visible_concerns(user: User) -> Select[tuple[Any]]:
    """Safeguarding concerns raised by advocates: the Children's Rights Service's staff see them all; an
    operational manager those referred to their own team (they act on them); an advocate none here."""
    from portal.models import SafeguardingConcern

    query = select(SafeguardingConcern)
    if has_permission(user, TRIAGE):
        return query
    if has_permission(user, CASES_VIEW_TEAM) and user.team_id is not None:
        return query.where(SafeguardingConcern.team_id == user.team_id)
    return query.where(false())
