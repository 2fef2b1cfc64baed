"""The complaints recorded in this year and last, counted once per year into a few aggregates.

Every table of complaints recorded (1 to 11, 14, ethnicity, UAS children) counts the same cases, joined
to the same people, teams, categories and calendar days. For each year those joins are done once, into
a narrow temporary table, and the table is then grouped three times, each time by several of the
report's dimensions at once (where, who, and how it ended). The results are counts per combination of
values: a few hundred rows at most, however many cases, and additive, so the report's tables are sums
over them (``Counts``) and the two years can be counted apart and put side by side.

Why not one GROUP BY per table: SQLite groups by sorting every row, about 0.15 s for a year of 100,000
complaints on a small machine, and the report has fourteen such tables. Why not without the temporary
table: the joins (a person and a category looked up for every case) are most of the cost, and they
are done once this way. The year's temporary table lives for one count and is dropped after it."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
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
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import aliased
from sqlalchemy.sql.expression import ClauseElement, Executable

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
from portal.reports.common import NOT_RECORDED, FinancialYear, cases, complaints_recorded, within

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

    def total(self, rows: str, *, n: str = "n", **only: Any) -> dict[str, int]:
        """{"this": x, "last": y}: the sum of ``n`` over the rows whose columns equal ``only``."""
        sums = {"this": 0, "last": 0}
        for row in self._matching(rows, only):
            sums[row["bucket"]] += row[n]
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

    def named(self, rows: str, column: str, **only: Any) -> list[tuple[str, Any, int]]:
        """By a reference list's id, shown by its name (no id: not recorded)."""
        names = self.names[column]
        return self.recorded.by(rows, lambda row: None if row[column] is None else names.get(row[column],
                                                                                              NOT_RECORDED), **only)


class CreateTemporaryTableAs(Executable, ClauseElement):
    """CREATE TEMPORARY TABLE name AS query: the one form of filling a table from a query that PostgreSQL
    runs with parallel workers (INSERT ... SELECT runs in one process), and SQLite knows it too."""

    inherit_cache = False

    def __init__(self, table: Table, query: Any) -> None:
        self.table = table
        self.query = query


@compiles(CreateTemporaryTableAs)
def _create_temporary_table_as(element: CreateTemporaryTableAs, compiler: Any, **kw: Any) -> str:
    name = compiler.preparer.format_table(element.table)
    return f"CREATE TEMPORARY TABLE {name} AS {compiler.process(element.query, **kw)}"


def _temporary(name: str) -> Table:
    return Table(
        name, MetaData(),
        Column("id", Uuid), Column("route", String(30)), Column("young", Integer),
        Column("area_id", Uuid), Column("team_id", Uuid), Column("category_id", Uuid), Column("resolution_id", Uuid),
        Column("advocacy", String(20)), Column("service_type", String(30)), Column("age", Integer),
        Column("gender", String(20)), Column("ethnicity", String(4)), Column("uas", Integer),
        Column("outcome", String(30)), Column("learning", String(20)), Column("days", Integer),
    )


def _young_persons(column: Any) -> Any:
    """The young person's ``column``, looked up only for young people's complaints (a tenth of them):
    a scalar subquery inside CASE is not run for the others, on SQLite and PostgreSQL alike."""
    people = aliased(Person.__table__)
    found = select(column(people)).where(people.c.id == cases.c.young_person_id).scalar_subquery()
    return case((cases.c.from_young_person.is_(True), found))


def _fill(conn: Any, table: Table, year: FinancialYear) -> None:
    complainant = aliased(Person.__table__)
    teams = Team.__table__
    links = CaseCategory.__table__
    received = aliased(CalendarDay.__table__)
    answered = aliased(CalendarDay.__table__)
    is_young = cases.c.from_young_person.is_(True)
    joined = (
        cases.outerjoin(complainant, complainant.c.id == cases.c.complainant_id)
        .outerjoin(teams, teams.c.id == cases.c.team_id)
        .outerjoin(links, and_(links.c.case_id == cases.c.id, links.c.is_main.is_(True)))
        .outerjoin(received, received.c.day == cases.c.received_on)
        .outerjoin(answered, answered.c.day == cases.c.stage1_responded)
    )
    values = (
        cases.c.id, cases.c.route, case((is_young, 1), else_=0),
        func.coalesce(cases.c.area_id, teams.c.area_id), cases.c.team_id, links.c.category_id,
        cases.c.resolution_id, cases.c.advocacy_given, cases.c.service_type,
        _young_persons(lambda p: p.c.age_when_received),
        func.coalesce(_young_persons(lambda p: p.c.gender), "not_known"), complainant.c.ethnicity,
        case((_young_persons(lambda p: p.c.uas_child).is_(True), 1), else_=0),
        func.coalesce(cases.c.stage1_outcome, "unknown"),
        case((cases.c.stage1_learning.is_(True), "with_actions"), (cases.c.stage1_learning.is_(False),
                                                                     "explicitly_none"), else_="not_recorded"),
        answered.c.ordinal - received.c.ordinal,
    )
    query = (select(*[value.label(column.name) for value, column in zip(values, table.columns, strict=True)])
             .select_from(joined).where(complaints_recorded(), within(cases.c.received_on, year.start, year.end)))
    if conn.dialect.name == "postgresql":
        conn.execute(CreateTemporaryTableAs(table, query))
    else:
        conn.execute(insert(table).from_select([column.name for column in table.columns], query))


def _rows(conn: Any, query: Any, columns: Iterable[str]) -> list[dict[str, Any]]:
    names = tuple(columns)
    return [dict(zip(names, row, strict=True)) for row in conn.execute(query)]


def _grouped(conn: Any, table: Table, bucket: str) -> Counts:
    t = table.c
    label = literal(bucket).label("bucket")
    days = t.days
    where = select(label, t.young, t.route, t.area_id, t.team_id, t.ethnicity, func.count(), func.count(days),
                   func.sum(case((days <= 10, 1), else_=0)), func.sum(case((days <= 20, 1), else_=0)),
                   func.sum(days)).group_by(t.young, t.route, t.area_id, t.team_id, t.ethnicity)
    how = (select(label, t.category_id, t.resolution_id, t.outcome, t.learning, func.count())
           .group_by(t.category_id, t.resolution_id, t.outcome, t.learning))
    age_band = _age_band(t.age)
    young = (select(label, t.advocacy, age_band, t.gender, t.service_type, t.uas, func.count())
             .where(t.young == 1).group_by(t.advocacy, age_band, t.gender, t.service_type, t.uas))
    # Learning at stage 2 and beyond: how many of these complaints had each type of action.
    actions = CorrectiveAction.__table__
    types = CorrectiveActionType.__table__
    action_types = (select(label, types.c.name, func.count(distinct(t.id)))
                    .select_from(table.join(actions, and_(actions.c.case_id == t.id, actions.c.stage >= 2))
                                 .join(types, types.c.id == actions.c.action_type_id))
                    .group_by(types.c.name))
    counts = Counts(
        where=_rows(conn, where, WHERE + WHERE_SUMS), how=_rows(conn, how, (*HOW, "n")),
        young=_rows(conn, young, (*YOUNG, "n")), action_types=_rows(conn, action_types, ("bucket", "label", "n")))
    for row in counts.where:  # SUM over no rows is NULL
        for column in WHERE_SUMS:
            row[column] = int(row[column] or 0)
    return counts


def count(conn: Any, year: FinancialYear, bucket: str, *, alone: bool = True) -> Counts:
    """The complaints recorded in ``year``, counted; each row says ``bucket`` ("this" or "last", the
    column it fills). ``alone=False``: another count runs at the same time."""
    if conn.dialect.name == "postgresql":
        # For this transaction only: no JIT compilation (about 0.3 s of code generation for one pass),
        conn.exec_driver_sql("SET LOCAL jit = off")
        # room to hash a year's complaints in memory rather than in batches on disk,
        conn.exec_driver_sql("SET LOCAL work_mem = '64MB'")
        if not alone:
            # and, when the two years are counted at once, no parallel workers: two counts already keep
            # two cores busy, and more processes than cores made each count slower.
            conn.exec_driver_sql("SET LOCAL max_parallel_workers_per_gather = 0")
    table = _temporary(f"report_recorded_{uuid.uuid4().hex[:12]}")
    try:
        if conn.dialect.name != "postgresql":
            # SQLite: CREATE TABLE AS gives columns without declared types, which then group 3 times slower.
            Table(table.name, MetaData(), *[Column(column.name, column.type) for column in table.columns],
                  prefixes=["TEMPORARY"]).create(conn)
        _fill(conn, table, year)
        return _grouped(conn, table, bucket)
    finally:
        conn.exec_driver_sql(f"DROP TABLE IF EXISTS {table.name}")


def may_count_apart(conn: Any) -> bool:
    """Another connection sees the same database (not SQLite's private in-memory one)."""
    url = conn.engine.url
    return url.get_backend_name() != "sqlite" or url.database not in (None, "", ":memory:")


def _last_year_apart(engine: Any, year: FinancialYear) -> Counts:
    # A read: SQLite must not take its write lock for it (portal.db takes it at BEGIN outside requests).
    with engine.connect().execution_options(deferred_begin=True) as own:
        try:
            return count(own, year.previous, "last", alone=False)
        finally:
            own.rollback()


def names(conn: Any) -> dict[str, dict[Any, str]]:
    """Every reference list the tables are counted by, id to name (a few dozen rows each)."""
    lists = {"area_id": Area.__table__, "team_id": Team.__table__, "category_id": Category.__table__,
             "resolution_id": ResolutionCategory.__table__}
    return {column: {row.id: row.name for row in conn.execute(select(table.c.id, table.c.name))}
            for column, table in lists.items()}


def two_years(conn: Any, year: FinancialYear, *, apart: bool = False) -> Source:
    """This year and last, counted on ``conn``; or, with ``apart``, last year on a connection of its own
    at the same time (two cores, half the time). Apart, each year is read in its own transaction, the
    two begun together: a change committed in that instant can show in one year's figures and not in the
    other's. Only committed records are seen by the second connection, so a caller that has written in
    its transaction (the tests do) counts on one connection."""
    if not (apart and may_count_apart(conn)):
        recorded = count(conn, year, "this") + count(conn, year.previous, "last")
        return Source(conn, year, recorded, names(conn))
    with ThreadPoolExecutor(max_workers=1) as pool:
        last = pool.submit(_last_year_apart, conn.engine, year)
        recorded = count(conn, year, "this", alone=False) + last.result()
    return Source(conn, year, recorded, names(conn))
