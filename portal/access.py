"""Scoped queries: the one place that decides which cases and submissions a user may see.

Views never build their own case query; they start from ``visible_cases(user)``.
"""

from __future__ import annotations

from sqlalchemy import Select, false, select

from portal.models import Case, Submission, User
from portal.permissions import (
    ADVOCACY_CASELOAD,
    CASES_VIEW_ALL,
    CASES_VIEW_TEAM,
    SUBMISSIONS_VIEW,
    has_permission,
)


def visible_cases(user: User) -> Select[tuple[Case]]:
    query = select(Case)
    if has_permission(user, CASES_VIEW_ALL):
        return query
    conditions = []
    if has_permission(user, CASES_VIEW_TEAM) and user.team_id is not None:
        conditions.append(Case.team_id == user.team_id)
    if has_permission(user, ADVOCACY_CASELOAD):
        conditions.append(Case.advocate_id == user.id)
    if not conditions:
        return query.where(false())
    from sqlalchemy import or_

    return query.where(or_(*conditions))


def visible_submissions(user: User) -> Select[tuple[Submission]]:
    query = select(Submission)
    if has_permission(user, SUBMISSIONS_VIEW):
        return query
    return query.where(false())
