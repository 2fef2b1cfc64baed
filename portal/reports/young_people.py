"""Tables 5 to 8, ethnicity, UAS children and informal contacts: the groups of young people whose
small counts are suppressed in the published view."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, case, func, select

from portal.models import Person
from portal.reports.common import (
    FinancialYear,
    cases,
    complaints_recorded,
    in_two_years,
    list_table,
    pair,
    which_year,
    young_peoples,
)

people = Person.__table__

AGE_BANDS = ("0-10", "11-13", "14-15", "16-17", "18+", "not_known")


def _bucket(year: FinancialYear) -> Any:
    return which_year(cases.c.received_on, year).label("bucket")


def _young(year: FinancialYear) -> Any:
    return and_(young_peoples(), in_two_years(cases.c.received_on, year))


def _by(conn: Any, year: FinancialYear, label: Any) -> list[dict[str, Any]]:
    bucket = _bucket(year)
    labelled = label.label("label")
    query = (select(bucket, labelled, func.count())
             .select_from(cases.outerjoin(people, people.c.id == cases.c.young_person_id))
             .where(_young(year)).group_by(bucket, labelled))
    return list_table(conn.execute(query))


def t5_advocacy(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    """By advocacy support given (what was asked for is kept elsewhere; this counts what was given)."""
    return _by(conn, year, cases.c.advocacy_given)


def age_band() -> Any:
    age = people.c.age_when_received
    return case((age.is_(None), "not_known"), (age <= 10, "0-10"), (age <= 13, "11-13"), (age <= 15, "14-15"),
                (age <= 17, "16-17"), else_="18+")


def t6_age(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    return _by(conn, year, age_band())


def t7_gender(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    """By gender; none recorded counts as not_known (the same word the form offers)."""
    return _by(conn, year, func.coalesce(people.c.gender, "not_known"))


def t8_service_type(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    return _by(conn, year, cases.c.service_type)


def ethnicity(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    """Complaints recorded (all, not only young people's) by the complainant's ethnicity."""
    bucket = _bucket(year)
    query = (select(bucket, people.c.ethnicity, func.count())
             .select_from(cases.outerjoin(people, people.c.id == cases.c.complainant_id))
             .where(complaints_recorded(), in_two_years(cases.c.received_on, year))
             .group_by(bucket, people.c.ethnicity))
    return list_table(conn.execute(query))


def uas_children(conn: Any, year: FinancialYear) -> dict[str, int]:
    bucket = _bucket(year)
    query = (select(bucket, func.count())
             .select_from(cases.join(people, people.c.id == cases.c.young_person_id))
             .where(_young(year), people.c.uas_child.is_(True)).group_by(bucket))
    return pair(conn.execute(query))


def young_people_contacts(conn: Any, year: FinancialYear) -> dict[str, int]:
    """Informal contacts (wishes and feelings) from young people: front door and helpline alike."""
    bucket = _bucket(year)
    query = (select(bucket, func.count())
             .where(cases.c.kind == "wishes_and_feelings", cases.c.from_young_person.is_(True),
                    in_two_years(cases.c.received_on, year)).group_by(bucket))
    return pair(conn.execute(query))
