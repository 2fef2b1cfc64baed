"""The complaints recorded in this year and last, counted into a few aggregates (decision 0016).

Every table of complaints recorded (1 to 11, 14, ethnicity, UAS children) counts the same cases, joined
to the same people, categories and calendar days. They are grouped three times, each time by several of
the report's dimensions at once (where, who, and how it ended), plus the action types. The results are
counts per combination of values: a few hundred rows at most, however many cases, and additive, so the
report's tables are sums over them (``Counts``) and the work can be split in two and run at once.

Why not one GROUP BY per table: SQLite groups by sorting every row, about 0.2 s for a year of 100,000
complaints on this machine, and the report has fourteen such tables. How the joins are done differs by
database, because the joins are most of the cost: SQLite does them once per year into a temporary table
that the three GROUP BYs read; PostgreSQL groups straight from the joins (its hash joins read the people
and categories once per query, and no second connection nor parallel worker can read a temporary table).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    MetaData,
    String,
    Table,
    Uuid,
    and_,
    case,
    distinct,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.orm import aliased

from portal.models import (
    Area,
    CalendarDay,
    CaseCategory,
    Category,
    CorrectiveAction,
    CorrectiveActionType,
    Person,
    ResolutionCategory,
    Team,
)
from portal.reports.common import NOT_RECORDED, FinancialYear, cases, complaints_recorded, which_year, within

# The dimensions of each aggregate, in the order of its columns (a count and any sums follow).
WHERE = ("bucket", "young", "route", "area_id", "team_id", "ethnicity")
WHERE_SUMS = ("n", "responded", "within_10", "within_20", "days")
HOW = ("bucket", "category_id", "resolution_id", "outcome", "learning")
YOUNG = ("bucket", "advocacy", "age_band", "gender", "service_type", "uas")


def _age_band(age: Any) -> Any:
    return case((age.is_(None), "not_known"), (age <= 10, "0-10"), (age <= 13, "11-13"), (age <= 15, "14-15"),
                (age <= 17, "16-17"), else_="18+")


@dataclass
class Counts:
    """Counts of complaints recorded by combinations of the report's dimensions, for one year or both
    (a row's ``bucket`` says which: "this" or "last"). Adding two Counts puts their rows together."""

    where: list[dict[str, Any]] = field(default_factory=list)  # WHERE + WHERE_SUMS
    how: list[dict[str, Any]] = field(default_factory=list)  # HOW + n
    young: list[dict[str, Any]] = field(default_factory=list)  # YOUNG + n
    action_types: list[dict[str, Any]] = field(default_factory=list)  # bucket, label, n

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.where + other.where, self.how + other.how, self.young + other.young,
                      self.action_types + other.action_types)

    def total(self, rows: str, **only: Any) -> dict[str, int]:
        """{"this": x, "last": y}: the count over the rows whose columns equal ``only``."""
        sums = {"this": 0, "last": 0}
        for row in self._matching(rows, only):
            sums[row["bucket"]] += row["n"]
        return sums

    def by(self, rows: str, label: str | Callable[[dict[str, Any]], Any], **only: Any) -> list[tuple[str, Any, int]]:
        """(bucket, label, count) for each combination of year and label (as a GROUP BY would give)."""
        key = label if callable(label) else (lambda row: row[label])
        sums: dict[tuple[str, Any], int] = {}
        for row in self._matching(rows, only):
            at = (row["bucket"], key(row))
            sums[at] = sums.get(at, 0) + row["n"]
        return [(bucket, value, count) for (bucket, value), count in sums.items()]

    def _matching(self, rows: str, only: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for row in getattr(self, rows):
            if all(row[column] == value for column, value in only.items()):
                yield row


@dataclass(frozen=True)
class Source:
    """What a table family counts from: the connection, the year, the complaints recorded in this year
    and last (counted), and the names of the reference lists they are counted by."""

    conn: Any
    year: FinancialYear
    recorded: Counts
    names: dict[str, dict[Any, str]]
    team_areas: dict[Any, Any] = field(default_factory=dict)  # team id: its area's id

    def named(self, rows: str, column: str, **only: Any) -> list[tuple[str, Any, int]]:
        """By a reference list's id, shown by its name (no id: not recorded)."""
        names = self.names[column]
        return self.recorded.by(rows, lambda row: None if row[column] is None else names.get(row[column],
                                                                                              NOT_RECORDED), **only)

    def by_area(self) -> list[tuple[str, Any, int]]:
        """By the area complained about: the case's own area when recorded (imported history), else its
        team's (looked up here in the few teams, not joined to every case)."""
        names = self.names["area_id"]

        def area(row: dict[str, Any]) -> Any:
            chosen = row["area_id"] or self.team_areas.get(row["team_id"])
            return None if chosen is None else names.get(chosen, NOT_RECORDED)

        return self.recorded.by("where", area)


def _young_persons(column: Any) -> Any:
    """The young person's ``column``, looked up only for young people's complaints (a tenth of them):
    a scalar subquery inside CASE is not run for the others, on SQLite and PostgreSQL alike."""
    people = aliased(Person.__table__)
    found = select(column(people)).where(people.c.id == cases.c.young_person_id).scalar_subquery()
    return case((cases.c.from_young_person.is_(True), found))


_complainant = aliased(Person.__table__, name="complainant")
_links = CaseCategory.__table__
_received = aliased(CalendarDay.__table__, name="received")
_answered = aliased(CalendarDay.__table__, name="answered")
_is_young = cases.c.from_young_person.is_(True)

# What each complaint recorded is counted by, as expressions over the cases and the joins below.
DIMENSIONS: dict[str, tuple[Any, Any]] = {  # name: (expression, type in the temporary table)
    "id": (cases.c.id, Uuid),
    "route": (cases.c.route, String(30)),
    "young": (case((_is_young, 1), else_=0), Integer),
    "area_id": (cases.c.area_id, Uuid),  # the case's own; the team's area is added to the counts after
    "team_id": (cases.c.team_id, Uuid),
    "category_id": (_links.c.category_id, Uuid),
    "resolution_id": (cases.c.resolution_id, Uuid),
    "advocacy": (cases.c.advocacy_given, String(20)),
    "service_type": (cases.c.service_type, String(30)),
    "age": (_young_persons(lambda p: p.c.age_when_received), Integer),
    "gender": (func.coalesce(_young_persons(lambda p: p.c.gender), "not_known"), String(20)),
    "ethnicity": (_complainant.c.ethnicity, String(4)),
    "uas": (case((_young_persons(lambda p: p.c.uas_child).is_(True), 1), else_=0), Integer),
    "outcome": (func.coalesce(cases.c.stage1_outcome, "unknown"), String(30)),
    "learning": (case((cases.c.stage1_learning.is_(True), "with_actions"),
                      (cases.c.stage1_learning.is_(False), "explicitly_none"), else_="not_recorded"), String(20)),
    "days": (_answered.c.ordinal - _received.c.ordinal, Integer),
}


def first_stage1_response() -> Any:
    """The first stage 1 response's date: kept apart after a referral back (decision 0017), else the
    one response. Table 9 counts it; a fuller response after a referral back does not replace it."""
    return func.coalesce(cases.c.stage1_first_responded, cases.c.stage1_responded)


# The dimensions each aggregate reads: a query joins only what its columns need (decision 0016, issue 25).
NEEDS: dict[str, tuple[str, ...]] = {
    "where": ("young", "route", "area_id", "team_id", "ethnicity", "days"),
    "how": ("category_id", "resolution_id", "outcome", "learning"),
    "young": ("young", "advocacy", "age", "gender", "service_type", "uas"),
    "action_types": ("id",),
}


def _recorded(first: Any, last: Any, *, columns: Iterable[str] | None = None, bucket: Any = None,
              young_only: bool = False) -> Any:
    """SELECT ``columns`` (every dimension by default) of the complaints recorded received from ``first``
    to ``last``. Each join is made only when a column needs it: the complainant for the ethnicity, the
    calendar for the working days, the main category for the category (each a lookup per case).
    ``young_only``: young people's complaints only (filtered on the index, before any case is read)."""
    names = list(DIMENSIONS) if columns is None else list(columns)
    joined: Any = cases
    if "ethnicity" in names:
        joined = joined.outerjoin(_complainant, _complainant.c.id == cases.c.complainant_id)
    if "days" in names:
        joined = (joined.outerjoin(_received, _received.c.day == cases.c.received_on)
                  .outerjoin(_answered, _answered.c.day == first_stage1_response()))
    if "category_id" in names:
        joined = joined.outerjoin(_links, and_(_links.c.case_id == cases.c.id, _links.c.is_main.is_(True)))
    selected = [DIMENSIONS[name][0].label(name) for name in names]
    if bucket is not None:
        selected.append(bucket.label("bucket"))
    query = (select(*selected).select_from(joined)
             .where(complaints_recorded(), within(cases.c.received_on, first, last)))
    return query.where(_is_young) if young_only else query


def _rows(conn: Any, query: Any, columns: Iterable[str]) -> list[dict[str, Any]]:
    names = tuple(columns)
    return [dict(zip(names, row, strict=True)) for row in conn.execute(query)]


def _bucket(source: Any, bucket: str | None) -> tuple[Any, list[Any]]:
    """The year column of an aggregate and what it adds to the GROUP BY: a year counted alone marks its
    rows with a constant (no key: PostgreSQL refuses one), two years together group by their column."""
    if bucket is None:
        return source.c.bucket, [source.c.bucket]
    return literal(bucket).label("bucket"), []


def _where(conn: Any, source: Any, bucket: str | None) -> list[dict[str, Any]]:
    t, days = source.c, source.c.days
    label, keys = _bucket(source, bucket)
    dimensions = [t.young, t.route, t.area_id, t.team_id, t.ethnicity]
    query = select(label, *dimensions, func.count(), func.count(days), func.sum(case((days <= 10, 1), else_=0)),
                   func.sum(case((days <= 20, 1), else_=0)), func.sum(days)).group_by(*keys, *dimensions)
    rows = _rows(conn, query, WHERE + WHERE_SUMS)
    for row in rows:  # SUM over no days is NULL
        for column in WHERE_SUMS:
            row[column] = int(row[column] or 0)
    return rows


def _how(conn: Any, source: Any, bucket: str | None) -> list[dict[str, Any]]:
    t = source.c
    label, keys = _bucket(source, bucket)
    dimensions = [t.category_id, t.resolution_id, t.outcome, t.learning]
    return _rows(conn, select(label, *dimensions, func.count()).group_by(*keys, *dimensions), (*HOW, "n"))


def _young(conn: Any, source: Any, bucket: str | None) -> list[dict[str, Any]]:
    t = source.c
    label, keys = _bucket(source, bucket)
    dimensions = [t.advocacy, _age_band(t.age), t.gender, t.service_type, t.uas]
    query = select(label, *dimensions, func.count()).where(t.young == 1).group_by(*keys, *dimensions)
    return _rows(conn, query, (*YOUNG, "n"))


def _action_types(conn: Any, source: Any, bucket: str | None) -> list[dict[str, Any]]:
    """Learning at stage 2 and beyond: how many of these complaints had each type of action."""
    t = source.c
    label, keys = _bucket(source, bucket)
    actions = CorrectiveAction.__table__
    types = CorrectiveActionType.__table__
    query = (select(label, types.c.name, func.count(distinct(t.id)))
             .select_from(source.join(actions, and_(actions.c.case_id == t.id, actions.c.stage >= 2))
                          .join(types, types.c.id == actions.c.action_type_id))
             .group_by(*keys, types.c.name))
    return _rows(conn, query, ("bucket", "label", "n"))


def _settings(conn: Any, *, alone: bool) -> None:
    if conn.dialect.name != "postgresql":
        return
    # For this transaction only: no JIT compilation (about 0.3 s of code generation for one pass),
    conn.exec_driver_sql("SET LOCAL jit = off")
    # room to hash two years' complaints in memory rather than in batches on disk,
    conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")
    if not alone:
        # and, with two connections counting at once, no parallel workers: the two already keep two
        # cores busy, and more processes than cores made each slower.
        conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")


# --- SQLite: a year's complaints into a temporary table, grouped three times --------------------------

def count_year(conn: Any, *, year: FinancialYear, bucket: str, alone: bool = True) -> Counts:
    """The complaints recorded in ``year``, counted; each row says ``bucket`` ("this" or "last", the
    column it fills). The joins are done once, into a temporary table that each GROUP BY then reads.
    (``alone`` is for PostgreSQL's half, count_parts: SQLite has no parallel workers to turn off.)"""
    table = Table(f"report_recorded_{uuid.uuid4().hex[:12]}", MetaData(),
                  *[Column(name, kind) for name, (_value, kind) in DIMENSIONS.items()], prefixes=["TEMPORARY"])
    table.create(conn)
    try:
        conn.execute(insert(table).from_select(list(DIMENSIONS), _recorded(year.start, year.end)))
        return Counts(where=_where(conn, table, bucket), how=_how(conn, table, bucket),
                      young=_young(conn, table, bucket), action_types=_action_types(conn, table, bucket))
    finally:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table.name}")


# --- PostgreSQL: each aggregate straight from the joins, both years at once ----------------------------
# (a temporary table cannot be read by PostgreSQL's parallel workers nor by a second connection; its
# hash joins read the people and categories once per query however many cases are counted)

PARTS = {"where": _where, "how": _how, "young": _young, "action_types": _action_types}


def count_parts(conn: Any, *, year: FinancialYear, parts: Iterable[str], alone: bool = True) -> Counts:
    """The named aggregates of the complaints recorded in this year and last, each one query."""
    _settings(conn, alone=alone)
    bucket = which_year(cases.c.received_on, year)
    found: dict[str, Any] = {}
    for part in parts:
        source = _recorded(year.previous.start, year.end, columns=NEEDS[part], bucket=bucket,
                           young_only=part == "young").subquery()
        found[part] = PARTS[part](conn, source, None)
    return Counts(**found)


# --- both years ------------------------------------------------------------------------------------------

def may_count_apart(conn: Any) -> bool:
    """Another connection sees the same database (not SQLite's private in-memory one)."""
    url = conn.engine.url
    return url.get_backend_name() != "sqlite" or url.database not in (None, "", ":memory:")


def on_own_connection(engine: Any, work: Callable[[Any], Any]) -> Any:
    """``work(connection)`` on a new connection, in a read transaction that is rolled back after."""
    # A read: SQLite must not take its write lock for it (portal.db takes it at BEGIN outside requests).
    with engine.connect().execution_options(deferred_begin=True) as own:
        try:
            return work(own)
        finally:
            own.rollback()


def names(conn: Any) -> tuple[dict[str, dict[Any, str]], dict[Any, Any]]:
    """Every reference list the tables are counted by, id to name (a few dozen rows each), and each
    team's area."""
    lists = {"area_id": Area.__table__, "category_id": Category.__table__,
             "resolution_id": ResolutionCategory.__table__}
    found = {column: {row.id: row.name for row in conn.execute(select(table.c.id, table.c.name))}
             for column, table in lists.items()}
    teams = Team.__table__
    rows = conn.execute(select(teams.c.id, teams.c.name, teams.c.area_id)).all()
    found["team_id"] = {row.id: row.name for row in rows}
    return found, {row.id: row.area_id for row in rows}


def two_years(conn: Any, year: FinancialYear, *, apart: bool = False) -> Source:
    """This year and last, counted on ``conn``; or, with ``apart``, half of the work on a second
    connection at the same time (two cores, about half the time): last year on SQLite, the aggregates
    by category and by action type on PostgreSQL. Apart, the two halves are read in two transactions begun together:
    a change committed in that instant can show in one half and not the other. A second connection sees
    only committed records, so a caller that has written in its transaction (the tests do) counts on one."""
    halves = _halves(conn, year)
    if apart and may_count_apart(conn):
        with ThreadPoolExecutor(max_workers=1) as pool:
            theirs = pool.submit(on_own_connection, conn.engine, partial(halves[1], alone=False))
            recorded = halves[0](conn, alone=False) + theirs.result()
    else:
        recorded = halves[0](conn, alone=True) + halves[1](conn, alone=True)
    return Source(conn, year, recorded, *names(conn))


def _halves(conn: Any, year: FinancialYear) -> tuple[Callable[..., Counts], Callable[..., Counts]]:
    """The count in two halves of about equal work, each given a connection (and ``alone``)."""
    if conn.dialect.name == "postgresql":
        return (partial(count_parts, year=year, parts=["where", "young"]),
                partial(count_parts, year=year, parts=["how", "action_types"]))
    return partial(count_year, year=year, bucket="this"), partial(count_year, year=year.previous, bucket="last")
