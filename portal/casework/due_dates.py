"""The stored copy of each case's current deadline (``Case.due_on`` / ``Case.due_ordinal``).

``Case.store_procedure`` keeps it with every change of state. Two things can make a stored copy stale
without a change of state: a new bank holiday in the calendar (every deadline after it moves), and
cases written before the columns existed. :func:`refresh` recomputes from the procedure state and
writes only the rows that differ, so a refresh with nothing to do is one read of the cases that can
have a deadline.
"""

from __future__ import annotations

from sqlalchemy import Connection, bindparam, select, update
from sqlalchemy.orm import Session

from portal.models import Case
from portal.procedure import CaseStatus
from portal.procedure.state import STAGE2_STATUSES, STAGE3_STATUSES

# The statuses whose ProcedureState.current_deadline can be a date; every other status has none.
DEADLINE_STATUSES = frozenset(
    {CaseStatus.STAGE1, CaseStatus.DEFERRED, CaseStatus.STAGE1_RESPONDED, CaseStatus.STAGE2_RESPONDED}
    | STAGE2_STATUSES | STAGE3_STATUSES
)


def refresh(connection: Connection, batch: int = 1000) -> int:
    """Make every case's stored deadline equal its procedure's; return how many rows were rewritten.
    The caller commits."""
    with Session(bind=connection, autoflush=False) as session:
        cases = session.scalars(
            select(Case).where(Case.status.in_(sorted(DEADLINE_STATUSES)) | Case.due_on.is_not(None))
            .execution_options(yield_per=batch)
        )
        updates = []
        for case in cases:
            due, ordinal = case.due_on, case.due_ordinal
            case.store_deadline()
            if (case.due_on, case.due_ordinal) != (due, ordinal):
                updates.append({"case_id": case.id, "new_due_on": case.due_on, "new_due_ordinal": case.due_ordinal})
        session.expunge_all()
    table = Case.__table__
    statement = (
        update(table).where(table.c.id == bindparam("case_id"))
        .values(due_on=bindparam("new_due_on"), due_ordinal=bindparam("new_due_ordinal"))
    )
    for start in range(0, len(updates), batch):
        connection.execute(statement, updates[start:start + batch])
    return len(updates)
