"""MP and Councillor enquiries received in the year: total, known complainants, and by month.

Two records hold them: the enquiries staff record in the portal's enquiries list (``member_enquiries``),
and the history imported from the old database (cases of kind ``mp_enquiry`` or ``councillor_enquiry``,
whose ``known_complainant`` the old system recorded, and contacts recorded as such). Both are counted; a
case triaged into an entry on the list (``from_case_id``) is counted once, as that entry. A portal enquiry concerns a
known complainant when it is linked to a complaint received on or before the enquiry's day (the
enquiries list links each enquiry to the known people's cases)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import case, exists, func, select

from portal.models import MemberEnquiry
from portal.models.enquiries import member_enquiry_cases
from portal.reports.common import cases, within

ENQUIRY_KINDS = ("mp_enquiry", "councillor_enquiry")


def _by_day(conn: Any, first: date, last: date) -> list[tuple[date, int, int]]:
    """(day, enquiries, of which about known complainants), from both records: grouped by day in SQL (at
    most 366 rows each), by month in Python (month functions differ between SQLite and PostgreSQL)."""
    enquiries = MemberEnquiry.__table__
    # A contact recorded as an enquiry and triaged as one is on the enquiries list too (from_case_id):
    # counted there, once.
    listed = exists().where(enquiries.c.from_case_id == cases.c.id)
    imported = (select(cases.c.received_on, func.count(),
                       func.sum(case((cases.c.known_complainant.is_(True), 1), else_=0)))
                .where(cases.c.kind.in_(ENQUIRY_KINDS), within(cases.c.received_on, first, last), ~listed)
                .group_by(cases.c.received_on))
    links = member_enquiry_cases
    known = exists().where(links.c.enquiry_id == enquiries.c.id, links.c.case_id == cases.c.id,
                           cases.c.kind == "complaint", cases.c.received_on <= enquiries.c.received_on)
    recorded = (select(enquiries.c.received_on, func.count(), func.sum(case((known, 1), else_=0)))
                .where(within(enquiries.c.received_on, first, last)).group_by(enquiries.c.received_on))
    return [(day, int(count), int(known_count or 0))
            for query in (imported, recorded) for day, count, known_count in conn.execute(query)]


def enquiries(src: Any) -> dict[str, Any]:
    conn, year = src.conn, src.year
    months = {f"{year.first + (m > 12)}-{(m - 1) % 12 + 1:02d}": 0 for m in range(4, 16)}
    total = known = 0
    for day, count, known_count in _by_day(conn, year.start, year.end):
        months[f"{day.year}-{day.month:02d}"] += count
        total += count
        known += known_count
    # Last year's total too: the reference report compares the year with the previous twelve months
    # ("77 enquiries, compared to 20"); REPORT.md's shape has no place for it, so it is an added key.
    last = year.previous
    last_total = sum(count for _day, count, _known in _by_day(conn, last.start, last.end))
    return {"total": total, "known_complainants": known, "last_year_total": last_total,
            "by_month": [{"month": month, "count": count} for month, count in months.items()]}
