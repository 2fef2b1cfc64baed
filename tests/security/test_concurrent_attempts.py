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
from portal_testing import committing
from sqlalchemy import select

TOUCHED = ("audit_events", "notifications", "tracking_attempts", "journey_drafts", "submissions", "people",
           "user_roles", "users")


@pytest.fixture
def committed(app, database) -> Iterator[None]:
    with committing(TOUCHED):
        yield


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
    from portal.db import db
    from portal.intake import codes, tracking
    from portal.models import TrackingAttempts

    submission = make_submission()
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    db.session.commit()
    reference = submission.reference

    def guess(_index: int) -> str:
        try:
            return "wrong" if tracking.check_tracking_code(reference, "ABCD-2345-EFGH-6789") is None else "opened"
        except tracking.TrackingLocked:
            return "locked"

    outcome = at_once(app, 30, guess)
    # The fifth wrong code is checked too, and earns the lock; nothing after it is looked at.
    assert outcome == Counter(wrong=tracking.LOCK_AFTER - 1, locked=30 - tracking.LOCK_AFTER + 1), outcome
    with app.app_context():
        attempts = db.session.get(TrackingAttempts, tracking.reference_hash(reference))
        assert attempts.failed_attempts == tracking.LOCK_AFTER
        db.session.remove()


def test_one_code_signs_in_once_however_many_sign_ins_race_with_it(app, committed, make_user):
    from portal_testing import current_code

    from portal.auth import accounts
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


def test_the_same_answers_sent_at_once_from_many_taps_make_one_submission(app, committed):
    """Send tapped again and again while the first is still going (or a retry arriving at the other
    worker): every tap is told the same reference, and exactly one submission is stored."""
    from portal.db import db
    from portal.intake import answers as answer_rules
    from portal.intake import submissions
    from portal.models import Submission

    with app.app_context():
        draft, key = submissions.start_draft("complaint", "en")
        values = {"kind": "complaint", "who_is_telling": "young_person", "young_person_name": "Sam",
                  "age": "15", "where_they_live": "foster_care", "what_happened": "Nobody listens to me.",
                  "advocate": "no", "contact_method": "none", "interpreter_needed": "no"}
        values[answer_rules.DONE] = [question.slug for question in answer_rules.applicable(values)]
        draft.answers = values
        db.session.commit()
        assert answer_rules.is_complete(draft.answers)
        db.session.remove()

    def send(_index: int) -> str:
        draft = submissions.load_draft(key)
        if draft is None:  # already sent and the draft deleted: the confirmation page finds it
            submission = submissions.find_submitted(key)
            return submission.reference if submission else "lost"
        return submissions.submit(draft)[0].reference

    outcome = at_once(app, 8, send)
    with app.app_context():
        stored = db.session.scalars(select(Submission.reference)).all()
        db.session.remove()
    assert len(stored) == 1, stored
    assert outcome == {stored[0]: 8}, outcome
