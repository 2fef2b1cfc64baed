"""Tables 1 to 4 and 11, and "not a Children Act matter": complaints recorded, counted by what they
were about (area, team, main category) and how they were resolved."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.orm import aliased

from portal.models import Area, CaseCategory, Category, ResolutionCategory, Team
from portal.reports.common import (
    FinancialYear,
    cases,
    complaints_recorded,
    in_two_years,
    list_table,
    pair,
    which_year,
)

teams = Team.__table__
areas = Area.__table__


def _bucket(year: FinancialYear) -> Any:
    return which_year(cases.c.received_on, year).label("bucket")


def _recorded(year: FinancialYear) -> Any:
    return and_(complaints_recorded(), in_two_years(cases.c.received_on, year))


def t1_recorded(conn: Any, year: FinancialYear) -> dict[str, int]:
    bucket = _bucket(year)
    return pair(conn.execute(select(bucket, func.count()).where(_recorded(year)).group_by(bucket)))


def not_children_act(conn: Any, year: FinancialYear) -> dict[str, int]:
    bucket = _bucket(year)
    query = select(bucket, func.count()).where(_recorded(year), cases.c.route == "not_children_act")
    return pair(conn.execute(query.group_by(bucket)))


def t2_area(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    """By area complained about: the case's own area when recorded (imported history), else its team's."""
    bucket = _bucket(year)
    team_area = aliased(teams)
    area_id = func.coalesce(cases.c.area_id, team_area.c.area_id)
    grouped = (select(bucket, area_id.label("area_id"), func.count().label("n"))
               .select_from(cases.outerjoin(team_area, team_area.c.id == cases.c.team_id))
               .where(_recorded(year)).group_by(bucket, area_id).subquery())
    query = (select(grouped.c.bucket, areas.c.name, grouped.c.n)
             .select_from(grouped.outerjoin(areas, areas.c.id == grouped.c.area_id)))
    return list_table(conn.execute(query))


def t3_team(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    bucket = _bucket(year)
    query = (select(bucket, teams.c.name, func.count())
             .select_from(cases.outerjoin(teams, teams.c.id == cases.c.team_id))
             .where(_recorded(year)).group_by(bucket, teams.c.name))
    return list_table(conn.execute(query))


def t4_category(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    """By main category (a complaint may carry several; only its main one counts)."""
    bucket = _bucket(year)
    links = CaseCategory.__table__
    categories = Category.__table__
    query = (select(bucket, categories.c.name, func.count())
             .select_from(cases.outerjoin(links, and_(links.c.case_id == cases.c.id, links.c.is_main.is_(True)))
                          .outerjoin(categories, categories.c.id == links.c.category_id))
             .where(_recorded(year)).group_by(bucket, categories.c.name))
    return list_table(conn.execute(query))


def t11_resolution(conn: Any, year: FinancialYear) -> list[dict[str, Any]]:
    bucket = _bucket(year)
    resolutions = ResolutionCategory.__table__
    query = (select(bucket, resolutions.c.name, func.count())
             .select_from(cases.outerjoin(resolutions, resolutions.c.id == cases.c.resolution_id))
             .where(_recorded(year)).group_by(bucket, resolutions.c.name))
    return list_table(conn.execute(query))
