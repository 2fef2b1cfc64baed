"""Table 9: stage 1 timeliness, in working days counted by the calendar table's ordinals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased

from portal.models import CalendarDay
from portal.reports.common import FinancialYear, cases, complaints_recorded, in_two_years, share, which_year


def _figures(responded: int, within_10: int, within_20: int, total_days: int) -> dict[str, Any]:
    return {"responded": responded, "within_10": share(within_10, responded),
            "within_20": share(within_20, responded), "average_days": share(total_days, responded)}


def t9_timeliness(conn: Any, year: FinancialYear) -> dict[str, Any]:
    """Over complaints recorded that have a stage 1 response date: working days from receipt (day 0)
    to the response; shares within 10 and 20 days and the mean, for all and for young people's."""
    received = aliased(CalendarDay.__table__)
    answered = aliased(CalendarDay.__table__)
    days = answered.c.ordinal - received.c.ordinal
    bucket = which_year(cases.c.received_on, year).label("bucket")
    young = case((cases.c.from_young_person.is_(True), 1), else_=0).label("young")
    query = (select(bucket, young, func.count(),
                    func.sum(case((days <= 10, 1), else_=0)), func.sum(case((days <= 20, 1), else_=0)),
                    func.sum(days))
             .select_from(cases.join(received, received.c.day == cases.c.received_on)
                          .join(answered, answered.c.day == cases.c.stage1_responded))
             .where(and_(complaints_recorded(), in_two_years(cases.c.received_on, year)))
             .group_by(bucket, young))
    sums = {("this", 0): [0, 0, 0, 0], ("this", 1): [0, 0, 0, 0], ("last", 0): [0, 0, 0, 0],
            ("last", 1): [0, 0, 0, 0]}
    for row_bucket, row_young, *figures in conn.execute(query):
        sums[(row_bucket, int(row_young))] = [int(value or 0) for value in figures]

    def both(which: str) -> dict[str, Any]:
        young_sums = sums[(which, 1)]
        all_sums = [a + b for a, b in zip(sums[(which, 0)], young_sums, strict=True)]
        return {"all": _figures(*all_sums), "young_people": _figures(*young_sums)}

    return {**both("this"), "last_year": both("last")}
