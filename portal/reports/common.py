"""What every table family shares: the financial year, the populations of REPORT.md as SQL, and
the row order of list tables. Queries are SQL aggregates; Python only shapes their few result rows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, case, or_

from portal.models import Case

cases = Case.__table__

# Routes of a complaint recorded (REPORT.md, Populations); a complaint not yet triaged counts too.
RECORDED_ROUTES = ("statutory", "not_children_act")
# Shown for an empty value of a list table's column (the JSON keeps the same key).
NOT_RECORDED = "not_recorded"


@dataclass(frozen=True)
class FinancialYear:
    """1 April to 31 March: ``FinancialYear(2015)`` is 2015-04-01 to 2016-03-31, labelled 2015-16."""

    first: int

    @property
    def start(self) -> date:
        return date(self.first, 4, 1)

    @property
    def end(self) -> date:
        return date(self.first + 1, 3, 31)

    @property
    def label(self) -> str:
        return f"{self.first}-{(self.first + 1) % 100:02d}"

    @property
    def previous(self) -> FinancialYear:
        return FinancialYear(self.first - 1)

    @classmethod
    def containing(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)


def within(column: Any, first: date, last: date) -> ColumnElement[bool]:
    return and_(column >= first, column <= last)


def in_two_years(column: Any, year: FinancialYear) -> ColumnElement[bool]:
    """The dates of this year and last (one scan serves both columns of a table)."""
    return within(column, year.previous.start, year.end)


def which_year(column: Any, year: FinancialYear) -> ColumnElement[str]:
    """'this' or 'last', for a date already limited by :func:`in_two_years`."""
    return case((column >= year.start, "this"), else_="last")


def complaints_recorded() -> ColumnElement[bool]:
    """Kind complaint, route statutory, not_children_act or not yet decided (the year is separate)."""
    return and_(cases.c.kind == "complaint",
                or_(cases.c.route.in_(RECORDED_ROUTES), cases.c.route.is_(None)))


def young_peoples() -> ColumnElement[bool]:
    """Complaints recorded whose complainant is the young person (also with an advocate's help)."""
    return and_(complaints_recorded(), cases.c.from_young_person.is_(True))


def list_table(counts: Iterable[tuple[str, Any, int]]) -> list[dict[str, Any]]:
    """Rows of label / this_year / last_year from (bucket, label, count) results: largest this year
    first, then by label; a row zero in both years is left out."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: {"this": 0, "last": 0})
    for bucket, label, count in counts:
        table[NOT_RECORDED if label is None else str(label)][bucket] += int(count)
    rows = [{"label": label, "this_year": v["this"], "last_year": v["last"]}
            for label, v in table.items() if v["this"] or v["last"]]
    rows.sort(key=lambda row: (-row["this_year"], row["label"]))
    return rows


def pair(counts: Iterable[tuple[str, int]]) -> dict[str, int]:
    """{"this_year": n, "last_year": m} from (bucket, count) results."""
    found = {bucket: int(count) for bucket, count in counts}
    return {"this_year": found.get("this", 0), "last_year": found.get("last", 0)}


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
