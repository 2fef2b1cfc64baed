"""The SQL copy of the statutory calendar, kept equal to ``portal.procedure``'s.

Reports and dashboards count working days by subtracting ``calendar_days.ordinal``; the Python rules
use the same ordinals from the ``holidays`` package. After an upgrade of ``holidays`` (a new bank
holiday) the two would disagree until the table is rewritten, so ``flask db upgrade`` (through
``portal.migrate.upgrade``) calls :func:`refresh` every time, and so does ``flask calendar refresh``.
Only rows that differ are written, so a refresh with nothing new is one read.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, delete, insert, select

from portal.models import CalendarDay
from portal.procedure import EARLIEST_DATE, working_day_ordinals
from portal.procedure.calendar import LAST_YEAR

# The whole range of accepted dates (and the deadlines after them): written by every `flask db upgrade`.
FIRST = EARLIEST_DATE  # every date the portal accepts (portal.procedure.accepted_dates) lies inside
LAST = date(LAST_YEAR, 12, 31)


def refresh(connection: Connection, first: date = FIRST, last: date = LAST) -> int:
    """Make the table's rows from ``first`` to ``last`` equal the Python calendar; return how many
    rows were written (0 when it already agreed). The caller commits."""
    table = CalendarDay.__table__
    stored = {
        day: (ordinal, bool(working))
        for day, ordinal, working in connection.execute(
            select(table.c.day, table.c.ordinal, table.c.is_working).where(table.c.day.between(first, last))
        )
    }
    changed = [
        {"day": day, "ordinal": ordinal, "is_working": working}
        for day, ordinal, working in working_day_ordinals(first, last)
        if stored.get(day) != (ordinal, working)
    ]
    if changed:
        days = [row["day"] for row in changed]
        for start in range(0, len(days), 500):  # stay under SQLite's bound-parameter limit
            connection.execute(delete(table).where(table.c.day.in_(days[start:start + 500])))
        connection.execute(insert(table), changed)
    return len(changed)
