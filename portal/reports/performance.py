"""The monthly performance view for managers: stage 1 timeliness by team for responses sent in the
month, open cases by team, and corrective actions past their due date by team. SQL aggregates only."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from portal.models import CalendarDay, CorrectiveAction, Team
from portal.models.cases import live_work
from portal.reports.common import cases, complaints_recorded, share, within

OPEN_STATUSES = ("awaiting_triage", "deferred", "stage1", "stage2_requested", "stage2", "stage3_requested", "stage3")
NO_TEAM = "No team"


def _month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def monthly(conn: Any, first: date, today: date) -> dict[str, Any]:
    last = min(_month_end(first), today)
    teams = Team.__table__
    received = aliased(CalendarDay.__table__)
    answered = aliased(CalendarDay.__table__)
    days = answered.c.ordinal - received.c.ordinal
    # The first stage 1 response (as table 9), each against its own limit: 20 working days when
    # extended, else 10 (paused days added); after a referral back, the first response's own.
    responded_on = func.coalesce(cases.c.stage1_first_responded, cases.c.stage1_responded)
    kept = cases.c.stage1_first_responded.is_not(None)
    extended = case((kept, cases.c.stage1_first_extended_on), else_=cases.c.stage1_extended_on)
    paused = case((kept, cases.c.stage1_first_paused_days), else_=cases.c.stage1_paused_days)
    limit = case((extended.is_not(None), 20), else_=10) + paused
    timeliness = []
    totals = [0, 0, 0, 0]
    for team, responded, in_limit, within_10, total_days in conn.execute(
            select(teams.c.name, func.count(), func.sum(case((days <= limit, 1), else_=0)),
                   func.sum(case((days <= 10, 1), else_=0)), func.sum(days))
            .select_from(cases.join(received, received.c.day == cases.c.received_on)
                         .join(answered, answered.c.day == responded_on)
                         .outerjoin(teams, teams.c.id == cases.c.team_id))
            .where(complaints_recorded(), within(responded_on, first, last))
            .group_by(teams.c.name)):
        figures = [int(responded), int(in_limit or 0), int(within_10 or 0), int(total_days or 0)]
        totals = [a + b for a, b in zip(totals, figures, strict=True)]
        timeliness.append(_timeliness(team or NO_TEAM, *figures))
    timeliness.sort(key=lambda row: (-row["responded"], row["team"]))
    open_rows = [{"team": team or NO_TEAM, "open": int(count)} for team, count in conn.execute(
        select(teams.c.name, func.count()).select_from(cases.outerjoin(teams, teams.c.id == cases.c.team_id))
        .where(cases.c.status.in_(OPEN_STATUSES), live_work(cases.c.legacy_reference)).group_by(teams.c.name))]
    open_rows.sort(key=lambda row: (-row["open"], row["team"]))
    actions = CorrectiveAction.__table__
    overdue = [{"team": team or NO_TEAM, "overdue": int(count)} for team, count in conn.execute(
        select(teams.c.name, func.count())
        .select_from(actions.join(cases, cases.c.id == actions.c.case_id)
                     .outerjoin(teams, teams.c.id == cases.c.team_id))
        .where(and_(actions.c.completed_on.is_(None), actions.c.due_on < today)).group_by(teams.c.name))]
    overdue.sort(key=lambda row: (-row["overdue"], row["team"]))
    return {"first": first, "last": last, "timeliness": timeliness,
            "timeliness_total": _timeliness("All teams", *totals), "open": open_rows,
            "open_total": sum(r["open"] for r in open_rows),
            "overdue_actions": overdue, "overdue_total": sum(r["overdue"] for r in overdue)}


def _timeliness(team: str, responded: int, in_limit: int, within_10: int, total_days: int) -> dict[str, Any]:
    return {"team": team, "responded": responded, "in_limit": in_limit,
            "in_limit_share": share(in_limit, responded),
            "within_10_share": share(within_10, responded), "average_days": share(total_days, responded)}
