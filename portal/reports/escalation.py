"""Tables 12 and 13: escalation to stages 2 and 3, and the Ombudsman over five years."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, exists, func, select

from portal.models import OmbudsmanEnquiry, Stage2Request
from portal.reports.common import FinancialYear, cases, in_two_years, which_year, within

ANSWERS = ("investigation", "management_review", "mediation", "not_progressed", "referred_back", "awaiting")


def stage2_answer() -> Any:
    """How a stage 2 request was answered: the method when one was chosen; the recorded answer
    (imported: not progressed, referred back; or the portal's stage 2 decision); a late request refused,
    or a case that ended before stage 2
    started, is not progressed; otherwise still awaiting a decision."""
    return case(
        (cases.c.stage2_method.is_not(None), cases.c.stage2_method),
        (cases.c.stage2_answer.is_not(None), cases.c.stage2_answer),
        # Answered in the portal's stage 2 screens (portal.casework.stage2 records the decision itself).
        (cases.c.stage2_decision.in_(("alternative_route", "withdrawn")), "not_progressed"),
        (cases.c.stage2_decision == "referred_back", "referred_back"),
        (cases.c.stage2_late_accepted.is_(False), "not_progressed"),
        (and_(cases.c.ended_on.is_not(None), cases.c.ended_on >= cases.c.stage2_requested), "not_progressed"),
        else_="awaiting",
    )


def t12_escalation(src: Any) -> dict[str, Any]:
    """Stage 2 requests made in the year (by request date), each by how it was answered; stage 3
    requests made in the year."""
    conn, year = src.conn, src.year
    result = {which: {"requests": 0, **dict.fromkeys(ANSWERS, 0), "stage3": 0} for which in ("this", "last")}
    requests = Stage2Request.__table__
    # Cases whose requests are kept as rows (decision 0017) are counted from the rows, each request in
    # the year it was made, with its own answer (the latest one's, until recorded on its row, as the
    # case's columns say); other cases (imported history, older requests) from the case's columns.
    bucket = which_year(requests.c.requested_on, year).label("bucket")
    answer = func.coalesce(requests.c.answer, stage2_answer()).label("answer")
    by_row = (select(bucket, answer, func.count())
              .select_from(requests.join(cases, cases.c.id == requests.c.case_id))
              .where(cases.c.kind == "complaint", in_two_years(requests.c.requested_on, year))
              .group_by(bucket, answer))
    bucket = which_year(cases.c.stage2_requested, year).label("bucket")
    answer = stage2_answer().label("answer")
    by_case = (select(bucket, answer, func.count())
               .where(cases.c.kind == "complaint", in_two_years(cases.c.stage2_requested, year),
                      ~exists().where(requests.c.case_id == cases.c.id))
               .group_by(bucket, answer))
    for query in (by_row, by_case):
        for row_bucket, row_answer, count in conn.execute(query):
            result[row_bucket][row_answer] += int(count)
            result[row_bucket]["requests"] += int(count)
    bucket3 = which_year(cases.c.stage3_requested, year).label("bucket")
    query3 = (select(bucket3, func.count())
              .where(cases.c.kind == "complaint", in_two_years(cases.c.stage3_requested, year)).group_by(bucket3))
    for row_bucket, count in conn.execute(query3):
        result[row_bucket]["stage3"] = int(count)
    return {"this_year": result["this"], "last_year": result["last"]}


def t13_ombudsman(src: Any) -> list[dict[str, Any]]:
    """For each of the five years ending with this one: cases by the year of their first Ombudsman
    enquiry (a case with two enquiries counts once, in the year of the first), and of those, how many
    the Ombudsman investigated and how many ended in a public report (on any of the case's enquiries)."""
    conn, year = src.conn, src.year
    enquiries = OmbudsmanEnquiry.__table__
    per_case = (select(enquiries.c.case_id, func.min(enquiries.c.enquired_on).label("first_on"),
                       func.max(case((enquiries.c.investigated.is_(True), 1), else_=0)).label("investigated"),
                       func.max(case((enquiries.c.public_report.is_(True), 1), else_=0)).label("public_report"))
                .group_by(enquiries.c.case_id).subquery())
    years = [FinancialYear(year.first - back) for back in range(4, -1, -1)]
    label = case(*[(within(per_case.c.first_on, y.start, y.end), y.label) for y in years]).label("year")
    query = (select(label, func.count(), func.sum(per_case.c.investigated), func.sum(per_case.c.public_report))
             .where(within(per_case.c.first_on, years[0].start, year.end)).group_by(label))
    found = {row[0]: row[1:] for row in conn.execute(query)}
    return [{"year": y.label, "enquiries": int(found.get(y.label, (0, 0, 0))[0]),
             "investigations": int(found.get(y.label, (0, 0, 0))[1] or 0),
             "public_reports": int(found.get(y.label, (0, 0, 0))[2] or 0)} for y in years]
