"""Tables 10 and 14: stage 1 outcomes (unknown shown, never hidden) and learning from complaints."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, distinct, func, select

from portal.models import CorrectiveAction, CorrectiveActionType
from portal.reports.common import FinancialYear, cases, complaints_recorded, in_two_years, list_table, which_year

OUTCOMES = ("upheld", "partly_upheld", "not_upheld", "not_applicable", "unknown")


def t10_outcome(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    """Complaints recorded by their recorded stage 1 outcome; none recorded is unknown."""
    bucket = which_year(cases.c.received_on, year).label("bucket")
    outcome = func.coalesce(cases.c.stage1_outcome, "unknown").label("outcome")
    query = (select(bucket, outcome, func.count())
             .where(complaints_recorded(), in_two_years(cases.c.received_on, year)).group_by(bucket, outcome))
    return list_table(conn.execute(query))


def t14_corrective_actions(conn: Any, year: FinancialYear) -> dict[str, Any]:
    bucket = which_year(cases.c.received_on, year).label("bucket")
    learning = case((cases.c.stage1_learning.is_(True), "with_actions"),
                    (cases.c.stage1_learning.is_(False), "explicitly_none"), else_="not_recorded").label("learning")
    recorded = and_(complaints_recorded(), in_two_years(cases.c.received_on, year))
    result: dict[str, Any] = {
        which: {"with_actions": 0, "explicitly_none": 0, "not_recorded": 0, "action_types": []}
        for which in ("this", "last")
    }
    for row_bucket, row_learning, count in conn.execute(
            select(bucket, learning, func.count()).where(recorded).group_by(bucket, learning)):
        result[row_bucket][row_learning] = int(count)
    # Action types at stage 2 and beyond: how many complaints recorded had each type.
    actions = CorrectiveAction.__table__
    types = CorrectiveActionType.__table__
    query = (select(bucket, types.c.name, func.count(distinct(cases.c.id)))
             .select_from(cases.join(actions, and_(actions.c.case_id == cases.c.id, actions.c.stage >= 2))
                          .join(types, types.c.id == actions.c.action_type_id))
             .where(recorded).group_by(bucket, types.c.name))
    rows = list_table(conn.execute(query))
    for which, key in (("this", "this_year"), ("last", "last_year")):
        listed = [{"label": row["label"], "count": row[key]} for row in rows if row[key]]
        listed.sort(key=lambda item: (-item["count"], item["label"]))
        result[which]["action_types"] = listed
    return {"this_year": result["this"], "last_year": result["last"]}
