"""The tracking page's operations: checking a reference and its code (with the lock-out after wrong
codes), new codes, and what a young person can do there (read messages, add information, withdraw,
ask for the next stage)."""

from __future__ import annotations

import hashlib
import hmac
import uuid
from datetime import datetime, timedelta
from typing import Any

from limits import parse
from sqlalchemy import delete, or_, select, update

from portal import audit
from portal.auth.lockout import lock_earned
from portal.casework import closing, common, next_stage
from portal.db import count_attempt, db
from portal.extensions import limiter
from portal.intake import codes, submissions
from portal.models import Case, Message, Submission, TrackingAttempts
from portal.notifications import outbox
from portal.procedure import Withdraw, uk_today

# Wrong tracking codes: after LOCK_AFTER in a row a reference is locked, for BASE_LOCK, doubling with
# each further lock, at most MAX_LOCK. A right code while locked is refused too. References that do not
# exist are counted and locked in the same table with the same times (``TrackingAttempts``), so the
# lock tells a guesser nothing about which references are real.
#
# That lock holds only for browsers that have never opened the reference's page. A browser that sent
# the submission, or once typed its right code, holds a signed device key for that reference (see
# ``portal.public.tracking_views``); its attempts are counted against the device's own counter, with
# the same rule, so somebody else's guesses never lock the young person out on their own phone
# (OWASP's "device cookies"; the arithmetic is in docs/security.md).
LOCK_AFTER = 5


BASE_LOCK = timedelta(minutes=15)


MAX_LOCK = timedelta(hours=24)


# Counters left alone this long are deleted by ``flask journeys purge`` (a lock never lasts longer).
ATTEMPTS_KEPT = MAX_LOCK


# New codes asked for by the public, per reference.
NEW_CODE_LIMIT = parse("3/day")


class TrackingLocked(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__("locked")
        self.until = until


def normalise_reference(reference: str) -> str:
    return codes.group(codes.normalise(reference))


def reference_hash(reference: str) -> str:
    """The key of a reference's attempt counter: a keyed hash, so the table names no submission."""
    ref = normalise_reference(reference)
    return hmac.new(submissions.code_key().encode(), b"tracking-reference\0" + ref.encode(), hashlib.sha256).hexdigest()


def device_key(device: str) -> str:
    """The counter key of one browser's device key (a random nonce the browser holds, signed)."""
    return hmac.new(submissions.code_key().encode(), b"tracking-device\0" + device.encode(),
                    hashlib.sha256).hexdigest()


# Compared against when there is no real hash, so every check does the same work.
_NO_HASH = "0" * 64


def _claim_attempt(key: str, moment: datetime) -> TrackingAttempts:
    """Count one attempt for the reference before its code is looked at, or raise ``TrackingLocked``.

    The count goes up in one conditional UPDATE that also checks the lock, and the row stays locked
    (PostgreSQL: row lock; SQLite: the write lock) until this transaction commits, after any lock the
    attempt earned is written. So however many requests arrive at once, no more than ``LOCK_AFTER``
    codes are ever compared before the lock.
    """
    # Write first: on SQLite a transaction that read before writing fails if another wrote between.
    db.session.commit()
    claimed = count_attempt(TrackingAttempts, TrackingAttempts.reference_hash, key, moment)
    attempts = db.session.get(TrackingAttempts, key, populate_existing=True)
    assert attempts is not None
    if not claimed:
        until = attempts.locked_until
        db.session.commit()
        raise TrackingLocked(until or moment)
    return attempts


def check_tracking_code(reference: str, code: str, device: str | None = None) -> Submission | None:
    """The submission if the code is right; None if not; ``TrackingLocked`` after too many wrong ones.

    A reference that does not exist goes through exactly the same steps (counter, lock, times, hash
    comparisons), so neither the answer nor its timing says whether a reference is real.

    ``device``: the device key of a browser that has opened this reference's page before (the caller
    checked its signature and that it belongs to this reference). Its attempts are counted and locked
    on its own counter, never on the reference's, so other people's guesses do not lock it out.
    """
    ref = normalise_reference(reference)
    moment = submissions.now()
    attempts = _claim_attempt(device_key(device) if device else reference_hash(ref), moment)
    submission = db.session.scalar(select(Submission).where(Submission.reference == ref))
    typed = codes.hash_tracking_code(code, submissions.code_key())
    current = hmac.compare_digest(typed, (submission.tracking_code_hash if submission else None) or _NO_HASH)
    pending = hmac.compare_digest(typed, (submission.pending_code_hash if submission else None) or _NO_HASH)
    if submission is not None and (current or pending):
        attempts.failed_attempts = 0
        attempts.locked_until = None
        if pending:
            # The new code's first use: from now on it is the code, and the old one stops working.
            submission.tracking_code_hash = submission.pending_code_hash
            submission.tracking_code_issued_at = submission.pending_code_issued_at
            submission.pending_code_hash = submission.pending_code_issued_at = None
            audit.record("tracking_code_replaced", subject_type="submission", subject_id=submission.id,
                         actor_kind="public")
        db.session.commit()
        return submission
    lock = lock_earned(attempts.failed_attempts, after=LOCK_AFTER, base=BASE_LOCK, longest=MAX_LOCK)
    if lock is None:
        db.session.commit()
        return None
    attempts.locked_until = moment + lock
    audit.record("tracking_locked", subject_type="submission", subject_id=submission.id if submission else None,
                 actor_kind="public", failed_attempts=attempts.failed_attempts,
                 until=attempts.locked_until.isoformat(), known_reference=submission is not None,
                 **({"device": True} if device else {}))
    db.session.commit()
    raise TrackingLocked(attempts.locked_until)


def tracking_lock(submission: Submission) -> TrackingAttempts | None:
    """The reference's counter as staff see it (None when nobody has typed a wrong code lately)."""
    return db.session.get(TrackingAttempts, reference_hash(submission.reference))


def lift_tracking_lock(submission: Submission, *, actor: Any) -> bool:
    """Staff lift the reference's lock (a young person phoned): the counter goes back to nought and the
    right code works at once from any browser. Audited; False when there was no lock to lift."""
    attempts = tracking_lock(submission)
    moment = submissions.now()
    if attempts is None or attempts.locked_until is None or attempts.locked_until <= moment:
        return False
    audit.record("tracking_lock_lifted", subject_type="submission", subject_id=submission.id, actor=actor,
                 failed_attempts=attempts.failed_attempts, until=attempts.locked_until.isoformat())
    unlock_tracking(submission)
    db.session.commit()
    return True


def unlock_tracking(submission: Submission) -> None:
    """Clear the reference's counter and lock (in the caller's transaction): a new code was given."""
    db.session.execute(update(TrackingAttempts)
                       .where(TrackingAttempts.reference_hash == reference_hash(submission.reference))
                       .values(failed_attempts=0, locked_until=None)
                       .execution_options(synchronize_session=False))


def purge_tracking_attempts(at: datetime | None = None) -> int:
    """Forget counters nobody has used for a day (their lock, if any, has ended)."""
    cutoff = (at or submissions.now()) - ATTEMPTS_KEPT
    result = db.session.execute(delete(TrackingAttempts).where(
        TrackingAttempts.updated_at <= cutoff,
        or_(TrackingAttempts.locked_until.is_(None), TrackingAttempts.locked_until <= (at or submissions.now())),
    ))
    db.session.commit()
    return result.rowcount or 0


def issue_new_tracking_code(submission: Submission, *, actor: Any = None, channel: str = "email",
                            keep_old_code: bool = False) -> str:
    """A new code. ``channel`` says how the person gets it: "email" queues the email (to the address
    they gave); anything else ("phone", "text", "in_person", "post") means staff give it themselves.

    Staff who re-issue a code after checking who someone is call this with the default
    ``keep_old_code=False``: the old code stops working at once. An anonymous "I've lost my code"
    passes ``keep_old_code=True``: the new code waits beside the old one, which keeps working until
    the new one is first used, so anyone who merely knows a reference cannot lock the young person out.
    """
    address = submissions.contact_email(submission) if channel == "email" else None
    if channel == "email" and address is None:
        raise submissions.IntakeError("no email address to send the code to")
    code = codes.new_tracking_code()
    code_hash, moment = codes.hash_tracking_code(code, submissions.code_key()), submissions.now()
    if keep_old_code:
        submission.pending_code_hash, submission.pending_code_issued_at = code_hash, moment
    else:
        submission.tracking_code_hash, submission.tracking_code_issued_at = code_hash, moment
        submission.pending_code_hash = submission.pending_code_issued_at = None
        unlock_tracking(submission)
    audit.record("tracking_code_reissued", subject_type="submission", subject_id=submission.id, actor=actor,
                 actor_kind="staff" if actor is not None else "public", channel=channel,
                 **({"old_code_works": True} if keep_old_code else {}))
    if address is not None:
        outbox.queue(address, "replacement_code", language=submission.language,
                     personalisation={"code": code, "old_code_works": keep_old_code})
    db.session.commit()
    return code


def request_new_code(reference: str) -> None:
    """ "I've lost my code". Says nothing back: the page reads the same whatever the reference is.
    The old code keeps working until the new one is used (``keep_old_code``).

    A real reference and an unknown one do the same work, so neither the answer nor its timing says
    which references exist: one SELECT, one hit on the per-reference limit, one new code and its
    HMAC, one UPDATE of the submission (no row when there is nobody to email), one audit event and
    one outbox row (already settled, to nobody, when there is nobody to email).
    """
    ref = normalise_reference(reference)
    submission = db.session.scalar(select(Submission).where(Submission.reference == ref))
    allowed = limiter.limiter.hit(NEW_CODE_LIMIT, "new-tracking-code", ref)
    method = (submission.answers.get("contact_method") or "none") if submission is not None else "none"
    address = submissions.contact_email(submission) if submission is not None and method == "email" else None
    by_email = allowed and address is not None
    code = codes.new_tracking_code()
    code_hash, moment = codes.hash_tracking_code(code, submissions.code_key()), submissions.now()
    # The new code waits beside the old one (only when it can be emailed): no row for anything else.
    db.session.execute(update(Submission)
                       .where(Submission.id == (submission.id if by_email and submission else uuid.uuid4()))
                       .values(pending_code_hash=code_hash, pending_code_issued_at=moment)
                       .execution_options(synchronize_session=False))
    if by_email:
        audit.record("tracking_code_reissued", subject_type="submission", subject_id=submission.id,
                     actor_kind="public", channel="email", old_code_works=True)
    elif submission is not None and allowed:
        # No email: a task for staff, who call or text in office hours (SMS is not available yet), or
        # wait for the person to ask, checking who they are before giving a new code.
        audit.record("tracking_code_requested", subject_type="submission", subject_id=submission.id,
                     actor_kind="public", contact_method=method, task="give_new_tracking_code")
    else:
        audit.record("tracking_code_requested", subject_type="submission", subject_id=None,
                     actor_kind="public", task="none", reason="over_limit" if submission else "unknown")
    notification = outbox.queue(address if by_email else "", "replacement_code",
                                language=submission.language if submission is not None else "en",
                                personalisation={"code": code, "old_code_works": True} if by_email else {})
    if not by_email:
        # Nobody to send it to: settled at once, never sent (the sender takes rows not yet sent).
        notification.sent_at = moment
        notification.last_error = "not sent: nobody to email"
    db.session.commit()


def purge_unsent_code_emails(at: datetime | None = None) -> int:
    """Forget the outbox rows a lost-code request wrote to nobody (an unknown reference, or nobody to
    email), a day after: they exist only so every request does the same work."""
    from portal.notifications.models import Notification

    cutoff = (at or submissions.now()) - ATTEMPTS_KEPT
    result = db.session.execute(delete(Notification).where(
        Notification.to_address == "", Notification.template == "replacement_code",
        Notification.sent_at.is_not(None), Notification.created_at <= cutoff))
    db.session.commit()
    return result.rowcount or 0


def cases_for(submission: Submission) -> list[Case]:
    """Every matter triage made of a submission (one case each), in the order they were triaged."""
    return list(db.session.scalars(
        select(Case).where(Case.submission_id == submission.id).order_by(Case.created_at, Case.reference)
    ))


def case_for(submission: Submission) -> Case | None:
    """The first matter, if the submission has been triaged."""
    cases = cases_for(submission)
    return cases[0] if cases else None


def mark_messages_read(submission: Submission) -> None:
    db.session.commit()  # end the page's reads, so this write waits for the lock instead of failing (GET)
    result = db.session.execute(
        update(Message)
        .where(Message.submission_id == submission.id, Message.direction == "to_young_person",
               Message.read_at.is_(None))
        .values(read_at=submissions.now())
    )
    if result.rowcount:
        db.session.commit()


def add_information(submission: Submission, text: str, *, commit: bool = True, case: Case | None = None,
                    kind: str = "information") -> Message:
    """Words from the young person for staff: "add more information" (about the whole submission), or
    why they are not happy with one matter's answer (``case``, ``kind="not_happy"``). Unread until its
    owner marks it read (``young_persons_words.mark_words_read``)."""
    message = Message(submission_id=submission.id, direction="from_young_person", body=text, sent_at=submissions.now(),
                      case_id=case.id if case is not None else None, kind=kind)
    db.session.add(message)
    db.session.flush()
    audit.record("information_added", subject_type="submission", subject_id=submission.id, actor_kind="public",
                 message_id=str(message.id), kind=kind, **({"case_id": str(case.id)} if case is not None else {}))
    if commit:
        db.session.commit()
    return message


def can_withdraw(submission: Submission, case: Case | None) -> bool:
    if case is None:
        return submission.status == "new"
    return common.can(case, Withdraw)


def withdraw(submission: Submission, case: Case | None = None) -> None:
    """Withdraw one matter (``case``, else the first), or the whole submission before triage."""
    case = case or case_for(submission)
    if case is not None:
        closing.withdraw(case)  # refuses an illegal move with CaseworkError; commits with its audit event
        return
    if submission.status != "new":
        raise submissions.IntakeError("only a submission not yet triaged can be withdrawn without a case")
    submission.status = "withdrawn"
    audit.record("submission_withdrawn", subject_type="submission", subject_id=submission.id, actor_kind="public",
                 on=uk_today().isoformat())
    db.session.commit()


def ask_for_next_stage(submission: Submission, why: str | None = None, case: Case | None = None) -> None:
    """ "I'm not happy with the answer" about one matter (``case``, else the first): the next stage is
    asked for (late requests are recorded for staff to decide); anything they wrote goes with it as a
    message."""
    case = case or case_for(submission)
    if case is None:
        raise common.CaseworkError("There is no answer to ask about yet.")
    if why:
        add_information(submission, why, commit=False, case=case, kind="not_happy")
    try:
        next_stage.ask_for_next_stage(case)
    except common.CaseworkError:
        db.session.rollback()
        raise
