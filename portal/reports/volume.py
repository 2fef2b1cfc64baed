"""Tables 1 to 4 and 11, and "not a Children Act matter": complaints recorded, counted by what they
were about (area, team, main category) and how they were resolved."""

from __future__ import annotations

from typing import Any

from portal.reports.common import count_by, list_table, pair


def t1_recorded(src: Any) -> dict[str, int]:
    return pair(count_by(src))


def not_children_act(src: Any) -> dict[str, int]:
    return pair(count_by(src, None, src.recorded.c.route == "not_children_act"))


def t2_area(src: Any) -> list[dict[str, Any]]:
    """By area complained about: the case's own area when recorded (imported history), else its team's."""
    return list_table(count_by(src, src.recorded.c.area))


def t3_team(src: Any) -> list[dict[str, Any]]:
    return list_table(count_by(src, src.recorded.c.team))


def t4_category(src: Any) -> list[dict[str, Any]]:
    """By main category (a complaint may carry several; only its main one counts)."""
    return list_table(count_by(src, src.recorded.c.category))


def t11_resolution(src: Any) -> list[dict[str, Any]]:
    return list_table(count_by(src, src.recorded.c.resolution))
