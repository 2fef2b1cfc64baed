"""The SQL calendar follows the statutory one: `flask db upgrade` rewrites whatever disagrees."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select, update

from portal import calendar_table, migrate
from portal.db import make_engine
from portal.models import CalendarDay
from portal.procedure import working_day_ordinal

CHRISTMAS = date(2030, 12, 25)


def _stale(connection) -> None:
    # As if an older `holidays` had not known a bank holiday: Christmas 2030 a working day.
    table = CalendarDay.__table__
    connection.execute(update(table).where(table.c.day == CHRISTMAS).values(is_working=True, ordinal=0))


def test_refresh_rewrites_only_the_rows_that_disagree(session):
    connection = session.connection()
    assert calendar_table.refresh(connection) == 0
    _stale(connection)
    assert calendar_table.refresh(connection) == 1
    row = session.execute(select(CalendarDay.ordinal, CalendarDay.is_working).where(CalendarDay.day == CHRISTMAS))
    assert row.one() == (working_day_ordinal(CHRISTMAS), False)


def test_db_upgrade_refreshes_the_calendar(tmp_path):
    url = f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with engine.begin() as connection:
        _stale(connection)
    assert migrate.upgrade(url) == 1  # the same command a deployment runs
    with engine.connect() as connection:
        working = connection.execute(select(CalendarDay.is_working).where(CalendarDay.day == CHRISTMAS)).scalar()
    engine.dispose()
    assert working is False


def test_a_stale_stored_deadline_is_put_right_by_the_refresh(session, make_case, make_team):
    """A new bank holiday moves deadlines without any change of state: the refresh that
    `flask db upgrade` and `flask calendar refresh` run recomputes every stored deadline."""
    from sqlalchemy import update

    from portal.casework import due_dates
    from portal.models import Case
    from portal.procedure import working_day_ordinal

    case = make_case(team=make_team(), received=date(2026, 11, 23))
    assert case.due_on == case.procedure.current_deadline
    assert case.due_ordinal == working_day_ordinal(case.due_on)
    session.execute(update(Case).where(Case.id == case.id).values(due_on=None, due_ordinal=1))
    assert due_dates.refresh(session.connection()) == 1
    assert due_dates.refresh(session.connection()) == 0  # nothing left to do: one read
    session.expire_all()
    fresh = session.get(Case, case.id)
    assert (fresh.due_on, fresh.due_ordinal) == (case.procedure.current_deadline,
                                                 working_day_ordinal(case.procedure.current_deadline))
