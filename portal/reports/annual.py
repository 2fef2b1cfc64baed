"""The statutory annual report (REPORT.md): every table for a financial year, this year beside last.

``compute(conn, year)`` returns REPORT.md's JSON shape (exact numbers) as plain dicts; each table
family lives in its own module. ``TABLES`` carries each table's title and counting rule, shown under
the table on screen and in every export.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

from portal.reports import advocacy, enquiries, escalation, outcomes, population, timeliness, volume, young_people
from portal.reports.common import FinancialYear


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    rule: str
    shape: str  # "pair", "list", "timeliness", "escalation", "ombudsman", "actions", "enquiries"
    compute: Callable[[Any], Any]  # given a population.Source
    suppress: bool = False  # a group of young people: small counts hidden in the published view
    counted: bool = True  # from the counted complaints recorded (False: its own queries of the records)


TABLES: tuple[Table, ...] = (
    Table("t1_recorded", "Table 1: complaints recorded",
          "Complaints (kind complaint) received in the year whose route is statutory, not a Children Act "
          "matter, or not yet decided. Safeguarding concerns, duplicates and complaints resolved informally "
          "are not counted.", "pair", volume.t1_recorded),
    Table("not_children_act", "Complaints that were not a Children Act matter",
          "Complaints recorded whose route is 'not a Children Act matter' (for example private court "
          "proceedings); the complainant was told the right route.", "pair", volume.not_children_act),
    Table("t2_area", "Table 2: complaints recorded by area",
          "Complaints recorded by the area complained about (not the area that received them).",
          "list", volume.t2_area),
    Table("t3_team", "Table 3: complaints recorded by team",
          "Complaints recorded by the team complained about.", "list", volume.t3_team),
    Table("t4_category", "Table 4: complaints recorded by category",
          "Complaints recorded by their main category (a complaint may carry several; only the main one "
          "counts).", "list", volume.t4_category),
    Table("t5_advocacy", "Table 5: young people's complaints by advocacy support",
          "Complaints recorded from young people (also when an advocate helped or submitted for them), by "
          "the advocacy support given (not what was asked for).", "list", young_people.t5_advocacy, True),
    Table("t6_age", "Table 6: young people's complaints by age",
          "Young people's complaints by the young person's age when the complaint was received.",
          "list", young_people.t6_age, True),
    Table("t7_gender", "Table 7: young people's complaints by gender",
          "Young people's complaints by gender; where none was recorded, 'not known'.",
          "list", young_people.t7_gender, True),
    Table("t8_service_type", "Table 8: young people's complaints by service type",
          "Young people's complaints by the service the young person receives.",
          "list", young_people.t8_service_type, True),
    Table("ethnicity", "Complaints recorded by ethnicity",
          "All complaints recorded, by the complainant's ethnicity (Department for Education codes).",
          "list", young_people.ethnicity, True),
    Table("uas_children", "Complaints from unaccompanied asylum-seeking children",
          "Young people's complaints from unaccompanied asylum-seeking children.",
          "pair", young_people.uas_children, True),
    Table("young_people_contacts", "Informal contacts from young people",
          "Contacts from young people received in the year that were not formal complaints: wishes and "
          "feelings (front-door submissions and helpline contacts recorded by advocates alike), and complaints "
          "the young person chose to resolve informally.", "pair", young_people.young_people_contacts, counted=False),
    Table("t9_timeliness", "Table 9: performance at stage 1",
          "Complaints recorded with a stage 1 response date: working days from the day of receipt (day 0) "
          "to the first stage 1 response (a fuller response after a referral back does not replace it), by "
          "the statutory calendar. Shares within 10 and within 20 working days, and the average.",
          "timeliness", timeliness.t9_timeliness),
    Table("t10_outcome", "Table 10: complaints recorded by stage 1 outcome",
          "Complaints recorded by the outcome of their latest stage 1 response (after a referral back, the "
          "fuller response's). Not applicable includes withdrawn; "
          "unknown means no outcome is recorded, whether or not a response was sent.",
          "list", outcomes.t10_outcome),
    Table("t11_resolution", "Table 11: complaints recorded by resolution",
          "Complaints recorded by how they were resolved.", "list", volume.t11_resolution),
    Table("t12_escalation", "Table 12: escalation to stages 2 and 3",
          "Stage 2 requests made in the year (by request date; every request counts, also a second request "
          "after a referral back) and how each was answered; awaiting where not yet decided. Stage 3: "
          "requests made in the year.", "escalation", escalation.t12_escalation,
          counted=False),
    Table("t13_ombudsman", "Table 13: Ombudsman enquiries over five years",
          "Cases the Local Government and Social Care Ombudsman enquired about, each once, in the year of "
          "its first enquiry; how many it investigated, and its public reports.", "ombudsman",
          escalation.t13_ombudsman, counted=False),
    Table("t14_corrective_actions", "Table 14: corrective actions",
          "Complaints recorded with learning identified at stage 1, explicitly none, or none recorded; and, "
          "over the same complaints, how many had each type of action at stage 2 and beyond.",
          "actions", outcomes.t14_corrective_actions),
    Table("advocacy_requests", "Advocacy requests by kind of advocate",
          "Requests for an advocate received in the year (from the front door or recorded by staff), by the "
          "kind of advocate given: independent, the Children's Rights Service's own, or one of the young "
          "person's own choosing; not assigned while none has been.", "list", advocacy.t_advocacy_requests,
          counted=False),
    Table("advocacy_outcomes", "Advocacy closed, by outcome",
          "Advocacy cases closed in the year, by how the advocacy ended.", "list", advocacy.t_advocacy_outcomes,
          counted=False),
    Table("helpline_contacts", "Advice helpline contacts",
          "Contacts with the advice helpline recorded by advocates in the year, from young people seeking "
          "informal help and from staff seeking advice.", "list", advocacy.t_helpline, counted=False),
    Table("enquiries", "MP and Councillor enquiries",
          "MP and Councillor enquiries received in the year (recorded in the enquiries list, and imported "
          "history), how many concern families already known as complainants (linked to a complaint received "
          "by the enquiry's day), and how many came in each month.", "enquiries", enquiries.enquiries, counted=False),
)
TABLE_BY_KEY = {table.key: table for table in TABLES}


def compute(conn: Any, year: int | FinancialYear, *, apart: bool = False) -> dict[str, Any]:
    """Every table of REPORT.md for ``year`` (exact numbers, REPORT.md's JSON shape). ``apart``: the
    tables with their own queries run on a connection of their own while the complaints recorded are
    counted (itself on two connections: population.two_years); only committed records are seen."""
    fy = year if isinstance(year, FinancialYear) else FinancialYear(year)
    if apart and population.may_count_apart(conn):
        with ThreadPoolExecutor(max_workers=1) as pool:
            own = pool.submit(population.on_own_connection, conn.engine, partial(_own_tables, year=fy))
            found = _counted_tables(population.two_years(conn, fy, apart=True))
            found.update(own.result())
    else:
        found = {**_counted_tables(population.two_years(conn, fy)), **_own_tables(conn, year=fy)}
    return {"year": fy.label, "tables": {table.key: found[table.key] for table in TABLES}}


def _counted_tables(source: population.Source) -> dict[str, Any]:
    return {table.key: table.compute(source) for table in TABLES if table.counted}


def _own_tables(conn: Any, *, year: FinancialYear) -> dict[str, Any]:
    source = population.Source(conn, year, population.Counts(), {})
    return {table.key: table.compute(source) for table in TABLES if not table.counted}
