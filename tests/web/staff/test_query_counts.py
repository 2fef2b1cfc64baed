"""No staff page asks the database once per row: the number of queries a list page makes is the same
with a few rows as with many (issue 10). Counted with a SQLAlchemy event on the real engine."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from portal.db import db
from portal.models import Message
from portal.procedure import ExtendStage1, is_working_day, uk_today


@contextmanager
def counting(app) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN")):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _queries(app, client, path: str) -> list[str]:
    client.get(path)  # warm: the session, the user, anything cached per process
    with counting(app) as statements:
        response = client.get(path)
    assert response.status_code == 200, path
    return statements


def _working_days_ago(n: int) -> date:
    day = uk_today()
    while n:
        day -= timedelta(days=1)
        n -= is_working_day(day)
    return day


def _add_work(make_case, make_submission, team, n: int) -> None:
    """Rows in every list of the page (new, due soon, overdue, extended), so more rows only lengthen them."""
    for i in range(n):
        submission = make_submission(received=_working_days_ago(i % 3))
        # Unread words from the young person: the home page says where to read them.
        db.session.add(Message(submission_id=submission.id, direction="from_young_person", body="More",
                               sent_at=datetime.now(UTC)))
        make_case(team=team, received=_working_days_ago(15 + i % 5))  # overdue
        make_case(team=team, received=_working_days_ago(7 + i % 3))  # due within the week
        make_case(team=team, received=_working_days_ago(2), events=(
            ExtendStage1(on=_working_days_ago(1), reason="Complex"),) if i % 2 else ())


@pytest.mark.parametrize("path", ["/staff/", "/staff/submissions", "/staff/find?reference=CR", "/staff/stage-1/overdue",
                                  "/staff/stage-1/due-soon"])
def test_a_staff_list_makes_as_many_queries_for_many_rows_as_for_few(
        app, client, make_user, make_case, make_submission, make_team, path):
    team = make_team()
    manager = make_user("complaints_manager")
    client.sign_in(manager)
    _add_work(make_case, make_submission, team, 2)
    few = _queries(app, client, path)
    _add_work(make_case, make_submission, team, 12)
    many = _queries(app, client, path)
    from collections import Counter
    extra = list((Counter(many) - Counter(few)).elements())
    assert len(many) == len(few), f"{path}: {len(few)} queries with a few rows, {len(many)} with more: {extra}"


def test_the_case_page_makes_a_fixed_number_of_queries(app, client, make_user, make_case, make_team):
    team = make_team()
    client.sign_in(make_user("complaints_manager"))
    cases = [make_case(team=team, received=date(2026, 11, 2)) for _ in range(3)]
    counts = {len(_queries(app, client, f"/staff/cases/{case.id}")) for case in cases}
    assert len(counts) == 1, counts


@pytest.mark.parametrize(("current", "pages", "links"), [
    (1, 1, [1]), (1, 3, [1, 2, 3]), (1, 400, [1, 2, None, 400]), (200, 400, [1, None, 199, 200, 201, None, 400]),
    (400, 400, [1, None, 399, 400]), (3, 5, [1, 2, 3, 4, 5]),
])
def test_the_triage_queue_links_a_few_pages_however_many_there_are(current, pages, links):
    from staff.queries import page_numbers

    assert page_numbers(current, pages) == links


def test_the_queue_pages_have_previous_and_next(client, make_user, make_submission):
    client.sign_in(make_user("crs_officer"))
    for _ in range(60):
        make_submission()
    body = client.get("/staff/submissions?page=2").get_data(as_text=True)
    assert 'rel="prev"' in body and 'rel="next"' in body and 'aria-current="page"' in body
    last = client.get("/staff/submissions?page=3").get_data(as_text=True)
    assert 'rel="prev"' in last and 'rel="next"' not in last


# The tables a staff home grows with: none of them may be walked whole (a SCAN of the table, or of one
# of its indexes, where the page shows a few rows or a count of the few open ones).
_GROWING = ("cases", "submissions", "documents", "corrective_actions", "messages", "audit_events")
# Partial indexes that hold only what the home lists (open actions, files nobody has seen): reading one
# whole is reading just those rows.
_ONLY_WHAT_IS_SHOWN = ("ix_corrective_actions_open", "ix_documents_unseen_from_young_people")


@pytest.mark.parametrize("role", ["complaints_manager", "crs_officer", "operational_manager"])
def test_the_staff_home_reads_only_the_rows_it_shows(app, client, make_user, make_case, make_submission,
                                                     make_team, role):
    """SQLite's own query plans (EXPLAIN QUERY PLAN), without statistics as a council's database runs:
    each of the home's statements finds its rows by key or by index range, so 100,000 closed cases cost
    it nothing (before migration 2502 and ``live_work``'s rewrite it took 230-400 ms there)."""
    if db.engine.dialect.name != "sqlite":
        pytest.skip("SQLite's query plans; PostgreSQL plans from its statistics")
    team = make_team()
    client.sign_in(make_user(role, team=team))
    _add_work(make_case, make_submission, team, 2)
    statements = _queries(app, client, "/staff/")
    walked = []
    with app.app_context():
        connection = db.session.connection()
        captured: list[tuple[str, object]] = []

        def keep(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
            captured.append((statement, parameters))
        event.listen(db.engine, "before_cursor_execute", keep)
        try:
            client.get("/staff/")
        finally:
            event.remove(db.engine, "before_cursor_execute", keep)
        for statement, parameters in captured:
            # "WHERE 0 = 1" (someone who may see no submissions): SQLite tests it once, before any row.
            if not statement.lstrip().upper().startswith("SELECT") or "WHERE 0 = 1" in statement:
                continue
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
            walked += [(row[3], statement) for row in plan
                       if row[3].startswith("SCAN ") and row[3].split()[1] in _GROWING
                       and not row[3].endswith(_ONLY_WHAT_IS_SHOWN)
                       # "IS NULL" on the unique legacy reference reads as a lookup of one row and is
                       # every live case (live_work says why it is written otherwise)
                       or "(legacy_reference=?)" in row[3]]
    assert statements and not walked, walked
