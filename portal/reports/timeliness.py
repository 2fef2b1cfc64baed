"""Table 9: stage 1 timeliness, in working days counted by the calendar table's ordinals."""

from __future__ import annotations

from typing import Any

from portal.reports.common import share


def _figures(responded: int, within_10: int, within_20: int, total_days: int) -> dict[str, Any]:
    return {"responded": responded, "within_10": share(within_10, responded),
            "within_20": share(within_20, responded), "average_days": share(total_days, responded)}


def t9_timeliness(src: Any) -> dict[str, Any]:
    """Over complaints recorded that have a stage 1 response date: working days from receipt (day 0)
    to the response (the difference of the two days' calendar ordinals); shares within 10 and 20 days
    and the mean, for all and for young people's."""
    sums = {(bucket, young): [0, 0, 0, 0] for bucket in ("this", "last") for young in (0, 1)}
    for row in src.recorded.where:
        at = sums[(row["bucket"], int(row["young"]))]
        for i, column in enumerate(("responded", "within_10", "within_20", "days")):
            at[i] += row[column]

    def both(which: str) -> dict[str, Any]:
        young_sums = sums[(which, 1)]
        all_sums = [a + b for a, b in zip(sums[(which, 0)], young_sums, strict=True)]
        return {"all": _figures(*all_sums), "young_people": _figures(*young_sums)}

    return {**both("this"), "last_year": both("last")}
