"""Limits that hold when requests arrive at once (as from gunicorn's workers): counted atomically.

These tests commit for real (threads cannot share the test's rolled-back transaction) and empty the
tables they touched afterwards. Run them on PostgreSQL too: that is where the races showed.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import text

TOUCHED = ("audit_events", "notifications", "tracking_attempts", "submissions", "people", "user_roles", "users")


@pytest.fixture
def committed(app, database) -> Iterator[None]:
    from portal.db import db

    db.session.remove()
    db.sessionmaker.configure(bind=db.engine)
    try:
        yield
    finally:
        db.session.remove()
        with db.engine.begin() as connection:
            for table in TOUCHED:
                connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names


def at_once(app, count: int, work: Callable[[int], Any]) -> Counter:
    """Run ``work(i)`` in ``count`` threads released together; count what each returned or raised."""
    from portal.db import db

    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(index: int) -> None:
        with app.app_context():
            try:
                barrier.wait()
                results[index] = work(index)
            except Exception as error:  # noqa: BLE001 - counted, and shown if unexpected
                results[index] = type(error).__name__
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    return Counter(results)


def test_concurrent_wrong_codes_get_no_more_checks_than_the_limit(app, committed, make_submission):
    from portal import codes, intake
    from portal.db import db
    from portal.models import TrackingAttempts

    submission = make_submission()
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    db.session.commit()
    reference = submission.reference

    def guess(_index: int) -> str:
        try:
            return "wrong" if intake.check_tracking_code(reference, "ABCD-2345-EFGH-6789") is None else "opened"
        except intake.TrackingLocked:
            return "locked"

    outcome = at_once(app, 30, guess)
    # The fifth wrong code is checked too, and earns the lock; nothing after it is looked at.
    assert outcome == Counter(wrong=intake.LOCK_AFTER - 1, locked=30 - intake.LOCK_AFTER + 1), outcome
    with app.app_context():
        attempts = db.session.get(TrackingAttempts, intake.reference_hash(reference))
        assert attempts.failed_attempts == intake.LOCK_AFTER
        db.session.remove()


def test_one_code_signs_in_once_however_many_sign_ins_race_with_it(app, committed, make_user):
    from portal_testing import current_code

    from portal import accounts
    from portal.db import db
    from portal.models import User

    user = make_user("crs_officer")
    user_id, code = user.id, current_code(user)

    def sign_in(_index: int) -> bool:
        with app.test_request_context():
            return accounts.check_code(db.session.get(User, user_id), code)

    outcome = at_once(app, 6, sign_in)
    assert outcome[True] == 1, outcome
    assert outcome[False] + outcome["SignInLocked"] == 5, outcome
