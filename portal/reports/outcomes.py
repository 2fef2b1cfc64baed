"""Tables 10 and 14: stage 1 outcomes (unknown shown, never hidden) and learning from complaints."""

from __future__ import annotations

from typing import Any

from portal.reports.common import list_table

OUTCOMES = ("upheld", "partly_upheld", "not_upheld", "not_applicable", "unknown")


def t10_outcome(src: Any) -> list[dict[str, Any]]:
    """Complaints recorded by their recorded stage 1 outcome; none recorded is unknown."""
    return list_table(src.recorded.by("how", "outcome"))


def t14_corrective_actions(src: Any) -> dict[str, Any]:
    result: dict[str, Any] = {
        which: {"with_actions": 0, "explicitly_none": 0, "not_recorded": 0, "action_types": []}
        for which in ("this", "last")
    }
    for row_bucket, row_learning, count in src.recorded.by("how", "learning"):
        result[row_bucket][row_learning] = count
    # Action types at stage 2 and beyond: how many complaints recorded had each type.
    rows = list_table((row["bucket"], row["label"], row["n"]) for row in src.recorded.action_types)
    for which, key in (("this", "this_year"), ("last", "last_year")):
        listed = [{"label": row["label"], "count": row[key]} for row in rows if row[key]]
        listed.sort(key=lambda item: (-item["count"], item["label"]))
        result[which]["action_types"] = listed
    return {"this_year": result["this"], "last_year": result["last"]}
