"""Scoped queries: the one place that decides which cases and submissions a user may see.

Views never build their own case query; they start from ``visible_cases(user)``.
"""

from __future__ import annotations

from sqlalchemy import Select, false, or_, select

from portal.models import Case, Submission, User, case_subject_staff
from portal.permissions import (
    ADVOCACY_CASELOAD,
    CASES_VIEW_ALL,
    CASES_VIEW_TEAM,
    SUBMISSIONS_VIEW,
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
    if not conditions:
        return query.where(false())
    return query.where(or_(*conditions))


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
