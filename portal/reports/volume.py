"""Tables 1 to 4 and 11, and "not a Children Act matter": complaints recorded, counted by what they
were about (area, team, main category) and how they were resolved."""

from __future__ import annotations

from typing import Any

from portal.reports.common import list_table, pair


def t1_recorded(src: Any) -> dict[str, int]:
    return pair(src.recorded.total("where").items())


def not_children_act(src: Any) -> dict[str, int]:
    return pair(src.recorded.total("where", route="not_children_act").items())


def t2_area(src: Any) -> list[dict[str, Any]]:
    """By area complained about: the case's own area when recorded (imported history), else its team's."""
    return list_table(src.by_area())


def t3_team(src: Any) -> list[dict[str, Any]]:
    return list_table(src.named("where", "team_id"))


def t4_category(src: Any) -> list[dict[str, Any]]:
    """By main category (a complaint may carry several; only its main one counts)."""
    return list_table(src.named("how", "category_id"))


def t11_resolution(src: Any) -> list[dict[str, Any]]:
    return list_table(src.named("how", "resolution_id"))
