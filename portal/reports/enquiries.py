"""MP and Councillor enquiries received in the year: total, known complainants, and by month."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from portal.reports.common import cases, within

ENQUIRY_KINDS = ("mp_enquiry", "councillor_enquiry")


def enquiries(src: Any) -> dict[str, Any]:
    conn, year = src.conn, src.year
    # Grouped by day in SQL (at most 366 rows), then by month here: month functions differ between
    # SQLite and PostgreSQL, the dates do not.
    query = (select(cases.c.received_on, func.count(),
                    func.sum(case((cases.c.known_complainant.is_(True), 1), else_=0)))
             .where(cases.c.kind.in_(ENQUIRY_KINDS), within(cases.c.received_on, year.start, year.end))
             .group_by(cases.c.received_on))
    months = {f"{year.first + (m > 12)}-{(m - 1) % 12 + 1:02d}": 0 for m in range(4, 16)}
    total = known = 0
    for day, count, known_count in conn.execute(query):
        months[f"{day.year}-{day.month:02d}"] += int(count)
        total += int(count)
        known += int(known_count or 0)
    # Last year's total too: the reference report compares the year with the previous twelve months
    # ("77 enquiries, compared to 20"); REPORT.md's shape has no place for it, so it is an added key.
    last = src.year.previous
    last_total = conn.execute(select(func.count()).where(
        cases.c.kind.in_(ENQUIRY_KINDS), within(cases.c.received_on, last.start, last.end))).scalar_one()
    return {"total": total, "known_complainants": known, "last_year_total": int(last_total),
            "by_month": [{"month": month, "count": count} for month, count in months.items()]}
