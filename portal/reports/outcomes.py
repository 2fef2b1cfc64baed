"""Tables 10 and 14: stage 1 outcomes (unknown shown, never hidden) and learning from complaints."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, distinct, func, select

from portal.models import CorrectiveAction, CorrectiveActionType
from portal.reports.common import count_by, list_table

OUTCOMES = ("upheld", "partly_upheld", "not_upheld", "not_applicable", "unknown")


def t10_outcome(src: Any) -> list[dict[str, Any]]:
    """Complaints recorded by their recorded stage 1 outcome; none recorded is unknown."""
    return list_table(count_by(src, src.recorded.c.outcome))


def t14_corrective_actions(src: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        which: {"with_actions": 0, "explicitly_none": 0, "not_recorded": 0, "action_types": []}
        for which in ("this", "last")
    }
    for row_bucket, row_learning, count in count_by(src, src.recorded.c.learning):
        result[row_bucket][row_learning] = int(count)
    # Action types at stage 2 and beyond: how many complaints recorded had each type.
    table = src.recorded
    actions = CorrectiveAction.__table__
    types = CorrectiveActionType.__table__
    query = (select(table.c.bucket, types.c.name, func.count(distinct(table.c.id)))
             .select_from(actions.join(table, and_(table.c.id == actions.c.case_id, actions.c.stage >= 2))
                          .join(types, types.c.id == actions.c.action_type_id))
             .group_by(table.c.bucket, types.c.name))
    rows = list_table(src.conn.execute(query))
    for which, key in (("this", "this_year"), ("last", "last_year")):
        listed = [{"label": row["label"], "count": row[key]} for row in rows if row[key]]
        listed.sort(key=lambda item: (-item["count"], item["label"]))
        result[which]["action_types"] = listed
    return {"this_year": result["this"], "last_year": result["last"]}
