"""Two workers that read then write on SQLite queue for the write lock instead of failing.

With a deferred BEGIN, the second writer got SQLITE_BUSY_SNAPSHOT ("database is locked") at once and
the young person's send became a 500 (issue 10). Outside a request, and in any POST, the portal's
transactions begin IMMEDIATE. Nothing here depends on timing: with the fix there is no error whichever
thread runs first; without it, the interleaving below fails every time.
"""

from __future__ import annotations

import threading

from sqlalchemy import text

from portal.db import make_engine


def test_concurrent_read_then_write_transactions_queue_rather_than_fail(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'writers.sqlite3'}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE counter (n INTEGER)"))
        connection.execute(text("INSERT INTO counter VALUES (0)"))
    first_has_read = threading.Event()
    second_done = threading.Event()
    errors: list[BaseException] = []

    def increment(wait_for: threading.Event | None, then: threading.Event | None) -> None:
        try:
            with engine.begin() as connection:
                n = connection.execute(text("SELECT n FROM counter")).scalar_one()
                if then is first_has_read:
                    then.set()
                if wait_for is not None:
                    wait_for.wait(timeout=1)  # the other writer may be queued behind us: go on anyway
                connection.execute(text("UPDATE counter SET n = :n"), {"n": n + 1})
        except BaseException as error:  # noqa: BLE001 - recorded for the assertion
            errors.append(error)
        finally:
            if then is second_done:
                then.set()

    first = threading.Thread(target=increment, args=(second_done, first_has_read))
    first.start()
    first_has_read.wait(timeout=10)
    second = threading.Thread(target=increment, args=(None, second_done))
    second.start()
    first.join(timeout=30)
    second.join(timeout=30)
    with engine.connect() as connection:
        total = connection.execute(text("SELECT n FROM counter")).scalar_one()
    engine.dispose()
    assert not errors, errors
    assert total == 2  # both increments counted: no lost update either
