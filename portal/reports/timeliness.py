"""Table 9: stage 1 timeliness, in working days counted by the calendar table's ordinals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from portal.reports.common import share


def _figures(responded: int, within_10: int, within_20: int, total_days: int) -> dict[str, Any]:
    return {"responded": responded, "within_10": share(within_10, responded),
            "within_20": share(within_20, responded), "average_days": share(total_days, responded)}


def t9_timeliness(src: Any) -> dict[str, Any]:
    """Over complaints recorded that have a stage 1 response date: working days from receipt (day 0)
    to the response (the difference of the two days' calendar ordinals); shares within 10 and 20 days
    and the mean, for all and for young people's."""
    table = src.recorded
    days = table.c.days
    query = (select(table.c.bucket, table.c.young, func.count(), func.sum(case((days <= 10, 1), else_=0)),
                    func.sum(case((days <= 20, 1), else_=0)), func.sum(days))
             .where(days.is_not(None)).group_by(table.c.bucket, table.c.young))
    sums = {(bucket, young): [0, 0, 0, 0] for bucket in ("this", "last") for young in (0, 1)}
    for row_bucket, row_young, *figures in src.conn.execute(query):
        sums[(row_bucket, int(row_young))] = [int(value or 0) for value in figures]

    def both(which: str) -> dict[str, Any]:
        young_sums = sums[(which, 1)]
        all_sums = [a + b for a, b in zip(sums[(which, 0)], young_sums, strict=True)]
        return {"all": _figures(*all_sums), "young_people": _figures(*young_sums)}

    return {**both("this"), "last_year": both("last")}
