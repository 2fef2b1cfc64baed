"""The tracking reference: whether one exists cannot be learned, and knowing one cannot lock anyone out.

Real and unknown references are counted in one database table with the same times and the same work;
an anonymous lost-code request leaves the old code working until the new one is used.
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from portal.intake import codes, submissions, tracking
from portal.models import AuditEvent, Submission, TrackingAttempts
from portal.notifications.models import Notification
from portal.notifications.outbox import personalisation_of

WRONG = "ABCD-2345-EFGH-6789"
UNKNOWN = "ZZZZ-ZZZZ"


@pytest.fixture
def real(app, make_submission, session):
    """A submission with a known code and an email address: (reference, code)."""
    submission = make_submission(contact_method="email", contact_email="young.person@example.com")
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    session.commit()
    return submission.reference, code


def _try(client, reference, code):
    token = client.csrf_token("/check")
    return client.post("/check", data={"csrf_token": token, "reference": reference, "code": code})


def _lock_message(response) -> str | None:
    match = re.search(r"Wait until (\d\d:\d\d)", response.get_data(as_text=True))
    return match.group(1) if match else None


def test_real_and_unknown_references_lock_at_the_same_fixed_time(client, real, monkeypatch):
    from portal.extensions import limiter

    start = submissions.now().replace(second=0, microsecond=0)
    answers = {}
    for reference in (real[0], UNKNOWN):
        seen = []
        for minute in range(7):  # the clock moves on between tries, as it does for a guesser
            monkeypatch.setattr(submissions, "now", lambda minute=minute: start + timedelta(minutes=minute))
            seen.append(_lock_message(_try(client, reference, WRONG)))
        answers[reference] = seen
    assert answers[real[0]] == answers[UNKNOWN], "the lock must not tell real references from unknown ones"
    assert answers[UNKNOWN][:4] == [None] * 4 and len(set(answers[UNKNOWN][4:])) == 1  # fixed, not moving
    # The lock is in the database, not in one worker's memory.
    limiter.reset()
    assert _lock_message(_try(client, UNKNOWN, WRONG)) == answers[UNKNOWN][4]


def test_a_wrong_code_does_the_same_work_for_a_real_and_an_unknown_reference(app, real, session, monkeypatch):
    from portal.db import db

    hashed = []
    original = codes.hash_tracking_code
    monkeypatch.setattr(codes, "hash_tracking_code", lambda code, key: hashed.append(code) or original(code, key))

    def statements_for(reference: str) -> list[str]:
        seen: list[str] = []

        def listen(_conn, _cursor, statement, _params, _context, _many):
            seen.append(re.sub(r"sa_savepoint_\d+", "sa_savepoint", re.sub(r"\s+", " ", statement)))

        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            assert tracking.check_tracking_code(reference, WRONG) is None
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return seen

    real_statements = statements_for(real[0])
    real_hashes, hashed[:] = list(hashed), []
    unknown_statements = statements_for(UNKNOWN)
    assert real_statements == unknown_statements
    assert len(real_hashes) == len(hashed) == 1
    counters = list(session.scalars(select(TrackingAttempts)))
    assert sorted(row.failed_attempts for row in counters) == [1, 1]
    # Keyed by a keyed hash: the table names no submission.
    assert {row.reference_hash for row in counters} == {tracking.reference_hash(real[0]),
                                                        tracking.reference_hash(UNKNOWN)}
    assert all(real[0] not in row.reference_hash for row in counters)


def test_a_lost_code_request_leaves_the_old_code_working_until_the_new_one_is_used(app, client, real, session):
    reference, old_code = real
    tracking.request_new_code(reference.lower())  # anyone who knows the reference can ask
    new_code = personalisation_of(session.scalar(select(Notification)))["code"]
    assert tracking.check_tracking_code(reference, old_code) is not None
    assert tracking.check_tracking_code(reference, old_code) is not None
    assert tracking.check_tracking_code(reference, new_code) is not None
    assert tracking.check_tracking_code(reference, old_code) is None, "the new code's first use retires the old one"
    assert tracking.check_tracking_code(reference, new_code) is not None
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "tracking_code_replaced")) is not None


def test_the_lost_code_email_says_the_old_code_still_works(app, real, session):
    from portal.notifications.sender import build

    tracking.request_new_code(real[0])
    with app.test_request_context():
        body = build(session.scalar(select(Notification))).get_content()
    assert "old code keeps working" in body and "no longer works" not in body


def test_staff_reissuing_after_checking_identity_still_revoke_the_old_code_at_once(app, real, session, make_user):
    reference, old_code = real
    submission = session.scalar(select(Submission).where(Submission.reference == reference))
    new_code = tracking.issue_new_tracking_code(submission, actor=make_user("crs_officer"), channel="phone")
    assert tracking.check_tracking_code(reference, old_code) is None
    assert tracking.check_tracking_code(reference, new_code) is not None


def test_staff_reissuing_clears_a_lock(app, real, session, make_user):
    reference, old_code = real
    for _ in range(tracking.LOCK_AFTER - 1):
        tracking.check_tracking_code(reference, WRONG)
    with pytest.raises(tracking.TrackingLocked):
        tracking.check_tracking_code(reference, WRONG)
    submission = session.scalar(select(Submission).where(Submission.reference == reference))
    new_code = tracking.issue_new_tracking_code(submission, actor=make_user("crs_officer"), channel="in_person")
    assert tracking.check_tracking_code(reference, new_code) is not None


def test_counters_unused_for_a_day_are_purged(app, real, session):
    for _ in range(tracking.LOCK_AFTER):
        try:
            tracking.check_tracking_code(UNKNOWN, WRONG)
        except tracking.TrackingLocked:
            pass
    tracking.check_tracking_code(real[0], WRONG)
    later = submissions.now() + tracking.ATTEMPTS_KEPT + timedelta(minutes=1)
    assert tracking.purge_tracking_attempts(at=later) == 2  # the lock (15 minutes) has ended by then
    assert session.scalar(select(TrackingAttempts)) is None


def test_a_lost_code_request_does_the_same_work_for_a_real_and_an_unknown_reference(app, real, session,
                                                                                  monkeypatch):
    """The form answered a real reference in 31 ms and an unknown one in 23 ms: now both run the same
    SQL statements (the same writes among them) and the same hashing, counted here, not timed."""
    from portal.db import db

    hashed: list[str] = []
    original = codes.hash_tracking_code
    monkeypatch.setattr(codes, "hash_tracking_code", lambda code, key: hashed.append(code) or original(code, key))

    def work_for(reference: str) -> tuple[list[str], int]:
        seen: list[str] = []
        before = len(hashed)

        def listen(_conn, _cursor, statement, _params, _context, _many):
            seen.append(re.sub(r"sa_savepoint_\d+", "sa_savepoint", re.sub(r"\s+", " ", statement)))

        event.listen(db.engine, "before_cursor_execute", listen)
        try:
            tracking.request_new_code(reference)
        finally:
            event.remove(db.engine, "before_cursor_execute", listen)
        return seen, len(hashed) - before

    real_work, real_hashes = work_for(real[0])
    unknown_work, unknown_hashes = work_for(UNKNOWN)
    assert real_work == unknown_work
    writes = [s for s in real_work if s.split(" ", 1)[0] in ("INSERT", "UPDATE", "DELETE")]
    assert [w.split(" ")[0:3] for w in writes if "savepoint" not in w.lower()] == [
        ["UPDATE", "submissions", "SET"], ["INSERT", "INTO", "audit_events"], ["INSERT", "INTO", "notifications"]]
    assert real_hashes == unknown_hashes == 1
    # And the real one did its job: an email with a new code waits to be sent; the unknown one sends nothing.
    waiting = list(session.scalars(select(Notification).where(Notification.sent_at.is_(None))))
    assert [n.to_address for n in waiting] == ["young.person@example.com"]


def test_the_outbox_rows_written_to_nobody_are_purged_a_day_later(app, real, session):
    from datetime import timedelta

    tracking.request_new_code(UNKNOWN)
    nobody = select(Notification).where(Notification.to_address == "")
    assert len(session.scalars(nobody).all()) == 1
    assert tracking.purge_unsent_code_emails() == 0  # not yet
    assert tracking.purge_unsent_code_emails(at=submissions.now() + timedelta(days=2)) == 1
    assert session.scalars(nobody).all() == []
    result = app.test_cli_runner().invoke(args=["journeys", "purge"])
    assert result.exit_code == 0 and "lost-code requests with nobody to email" in result.output
