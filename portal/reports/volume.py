"""Tables 1 to 4 and 11, and "not a Children Act matter": complaints recorded, counted by what they
were about (area, team, main category) and how they were resolved."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from portal.models import Area, Category, ResolutionCategory, Team
from portal.reports.common import count_by, list_table, pair


def _named(src: Any, column: str, names: Any) -> list[dict[str, Any]]:
    """Grouped by the reference list's id over the population, then named (a few rows to join)."""
    table = src.recorded
    grouped = (select(table.c.bucket, table.c[column].label("ref"), func.count().label("n"))
               .group_by(table.c.bucket, table.c[column]).subquery())
    query = (select(grouped.c.bucket, names.c.name, grouped.c.n)
             .select_from(grouped.outerjoin(names, names.c.id == grouped.c.ref)))
    return list_table(src.conn.execute(query))


def t1_recorded(src: Any) -> dict[str, int]:
    return pair(count_by(src))


def not_children_act(src: Any) -> dict[str, int]:
    return pair(count_by(src, None, src.recorded.c.route == "not_children_act"))


def t2_area(src: Any) -> list[dict[str, Any]]:
    """By area complained about: the case's own area when recorded (imported history), else its team's."""
    return _named(src, "area_id", Area.__table__)


def t3_team(src: Any) -> list[dict[str, Any]]:
    return _named(src, "team_id", Team.__table__)


def t4_category(src: Any) -> list[dict[str, Any]]:
    """By main category (a complaint may carry several; only its main one counts)."""
    return _named(src, "category_id", Category.__table__)


def t11_resolution(src: Any) -> list[dict[str, Any]]:
    return _named(src, "resolution_id", ResolutionCategory.__table__)
