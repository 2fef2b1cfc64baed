"""Operations of the public front door: the only writers of journey drafts and new submissions.

Each operation writes its change, its audit event and any notification (outbox) and commits them in
one transaction. Views call these; they never write models themselves.

Idempotent sending: a journey is identified by a random key held in the browser's session; the
submission's ``idempotency_key`` is the SHA-256 of that key, and its first tracking code is derived
from the key with a keyed HMAC. A double tap, a resubmitted form or a retry after a timeout therefore
finds the one submission already made *and* can show the same code again, until the confirmation page
has been shown and the key leaves the session. Neither the key nor the code is ever stored.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from limits import parse
from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal import audit
from portal.casework import closing, common, next_stage
from portal.db import db, read_may_turn_into_write
from portal.extensions import limiter
from portal.intake import answers as answer_rules
from portal.intake import codes
from portal.lockout import lock_earned
from portal.models import Case, JourneyDraft, Message, Person, Submission, TrackingAttempts
from portal.notifications import outbox
from portal.procedure import Withdraw, add_working_days, uk_local_date, uk_today

# Wrong tracking codes: after LOCK_AFTER in a row a reference is locked, for BASE_LOCK, doubling with
# each further lock, at most MAX_LOCK. A right code while locked is refused too. References that do not
# exist are counted and locked in the same table with the same times (``TrackingAttempts``), so the
# lock tells a guesser nothing about which references are real.
LOCK_AFTER = 5
BASE_LOCK = timedelta(minutes=15)
MAX_LOCK = timedelta(hours=24)
# Counters left alone this long are deleted by ``flask journeys purge`` (a lock never lasts longer).
ATTEMPTS_KEPT = MAX_LOCK
# New codes asked for by the public, per reference.
NEW_CODE_LIMIT = parse("3/day")


class IntakeError(ValueError):
    """An operation refused; the message is for logs and staff, not shown to the public."""


class TrackingLocked(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__("locked")
        self.until = until


def now() -> datetime:
    return datetime.now(UTC)


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def draft_lifetime() -> timedelta:
    value = current_app.config["PERMANENT_SESSION_LIFETIME"]
    return value if isinstance(value, timedelta) else timedelta(seconds=int(value))


# --- journey drafts ---------------------------------------------------------------------------------


def start_draft(kind: str, language: str) -> tuple[JourneyDraft, str]:
    key = secrets.token_urlsafe(32)
    moment = now()
    draft = JourneyDraft(key_hash=_hash_key(key), kind=kind, language=language, answers={},
                         created_at=moment, updated_at=moment, expires_at=moment + draft_lifetime())
    db.session.add(draft)
    db.session.commit()
    draft.session_key = key
    return draft, key


def load_draft(key: str | None) -> JourneyDraft | None:
    """The draft for a session's key, if it has not expired; using it keeps it alive."""
    if not key:
        return None
    draft = db.session.scalar(select(JourneyDraft).where(JourneyDraft.key_hash == _hash_key(key)))
    if draft is None:
        return None
    # End the read first: on a GET (a deferred SQLite transaction) a read that turns into a write fails
    # at once if another worker wrote in between; a write that starts its own transaction waits its turn.
    # Elsewhere (PostgreSQL; a POST, whose SQLite transaction holds the write lock from BEGIN) the
    # transaction goes on: one round trip fewer on every step.
    if read_may_turn_into_write():
        db.session.commit()
    moment = now()
    if draft.expires_at <= moment:
        db.session.delete(draft)
        db.session.commit()
        return None
    if draft.expires_at - moment < draft_lifetime() - timedelta(seconds=60):
        draft.expires_at = moment + draft_lifetime()
        db.session.commit()
    draft.session_key = key
    return draft


def keep_draft(key: str | None) -> JourneyDraft | None:
    """ "Keep my answers" in the time-out warning: the draft's time limit starts again (loading it
    is a use), or None if it has already gone."""
    return load_draft(key)


def save_step(draft: JourneyDraft, slug: str, values: dict[str, Any], language: str) -> JourneyDraft:
    done = set(draft.answers.get(answer_rules.DONE, [])) | {slug}
    draft.answers = {**draft.answers, **values, answer_rules.DONE: sorted(done)}
    if slug == "start" and values.get("kind"):
        draft.kind = values["kind"]
    draft.language = language
    moment = now()
    draft.updated_at = moment
    draft.expires_at = moment + draft_lifetime()
    db.session.commit()
    return draft


def reached_check(draft: JourneyDraft) -> None:
    if not draft.answers.get(answer_rules.REACHED_CHECK):
        draft.answers = {**draft.answers, answer_rules.REACHED_CHECK: True}
        db.session.commit()


def discard_draft(key: str | None) -> None:
    """Exit this page, or signing out: the saved answers go at once."""
    if key:
        db.session.execute(delete(JourneyDraft).where(JourneyDraft.key_hash == _hash_key(key)))
        db.session.commit()


def purge_expired_drafts(at: datetime | None = None) -> int:
    result = db.session.execute(delete(JourneyDraft).where(JourneyDraft.expires_at <= (at or now())))
    db.session.commit()
    return result.rowcount or 0


# --- sending ----------------------------------------------------------------------------------------


def tracking_code_for(key: str) -> str:
    """The first tracking code of the journey with this session key (a keyed HMAC: 12 digits)."""
    secret = current_app.config["TRACKING_CODE_KEY"].encode()
    number = int.from_bytes(hmac.new(secret, b"first-tracking-code\0" + key.encode(), hashlib.sha256).digest())
    # 256 bits reduced modulo 10**12: the bias is below 2**-200, nothing a guesser can use.
    return codes.group(f"{number % 10**codes.TRACKING_CODE_LENGTH:0{codes.TRACKING_CODE_LENGTH}d}")


def _old_tracking_code_for(key: str) -> str:
    """The first code as derived before decision 0009 (16 letters and digits): a journey sent just
    before the change can still show its code once."""
    secret = current_app.config["TRACKING_CODE_KEY"].encode()
    number = int.from_bytes(hmac.new(secret, b"first-tracking-code\0" + key.encode(), hashlib.sha256).digest())
    letters = []
    for _ in range(codes.OLD_TRACKING_CODE_LENGTH):
        number, index = divmod(number, len(codes.ALPHABET))
        letters.append(codes.ALPHABET[index])
    return codes.group("".join(letters))


def find_submitted(key: str | None) -> Submission | None:
    if not key:
        return None
    return db.session.scalar(select(Submission).where(Submission.idempotency_key == _hash_key(key)))


def first_code_still_valid(submission: Submission, key: str) -> str | None:
    for code in (tracking_code_for(key), _old_tracking_code_for(key)):
        if codes.tracking_code_matches(code, submission.tracking_code_hash, _code_key()):
            return code
    return None


def _code_key() -> str:
    return current_app.config["TRACKING_CODE_KEY"]


def _int_or_none(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _people(answers: dict[str, Any], received: date) -> tuple[Person, Person | None]:
    born = answer_rules.date_of_birth(answers)
    if born is not None:
        age = received.year - born.year - ((received.month, received.day) < (born.month, born.day))
    else:
        age = _int_or_none(answers.get("age"))
    uas = {"yes": True, "no": False}.get(answers.get("uas_child") or "")
    young_person = Person(
        name=None if answers.get("name_withheld") else answers.get("young_person_name"),
        date_of_birth=born,
        age_when_received=age,
        gender=answers.get("gender") or None,
        ethnicity=answers.get("ethnicity") or None,
        uas_child=uas,
    )
    contact = young_person
    submitter = None
    if answers.get("who_is_telling") != "young_person":
        submitter = Person(name=answers.get("your_name"))
        contact = submitter
    method = answers.get("contact_method")
    if method == "email":
        contact.email = (answers.get("contact_email") or "").strip()[:254] or None
    elif method in ("phone", "text"):
        contact.phone = (answers.get(f"contact_{method}") or "").strip()[:40] or None
    return young_person, submitter


def submit(draft: JourneyDraft) -> tuple[Submission, str]:
    """Send the journey's answers: one submission however many times this is called for the draft."""
    key = draft.session_key
    if not key:
        raise IntakeError("the draft was not loaded with its key")
    if not answer_rules.is_complete(draft.answers):
        raise IntakeError("the journey is not complete")
    code = tracking_code_for(key)
    # No look for an earlier send first: the draft is deleted in the same transaction that stores the
    # submission, so a draft that loaded was not yet sent, and a race is settled by the unique key below.
    answers = answer_rules.public_answers(draft.answers)
    moment = now()
    received = uk_local_date(moment)
    young_person, submitter = _people(answers, received)
    for _attempt in range(3):
        submission = Submission(
            reference=codes.new_reference(),
            kind=draft.kind,
            channel="web",
            language=draft.language,
            submitted_at=moment,
            received_on=received,
            status="new",
            who_is_telling=answers.get("who_is_telling"),
            young_person=young_person,
            submitter=submitter,
            answers=answers,
            tracking_code_hash=codes.hash_tracking_code(code, _code_key()),
            tracking_code_issued_at=moment,
            idempotency_key=draft.key_hash,
        )
        # Two taps of Send (or two workers) may race. On PostgreSQL the second INSERT waits for the
        # first to commit and then fails on the unique idempotency key, at the flush; its delete of the
        # draft may find the row already gone. Either way the first submission stands, once.
        try:
            db.session.add(submission)
            db.session.flush()
            audit.record("submission_received", subject_type="submission", subject_id=submission.id,
                         actor_kind="public", kind=submission.kind, channel="web", language=submission.language)
            db.session.delete(draft)
            db.session.commit()
            return submission, code
        except (IntegrityError, StaleDataError):
            db.session.rollback()
            existing = find_submitted(key)
            if existing is not None:  # the other tap won the race
                return existing, code
            young_person, submitter = _people(answers, received)  # a reference collision: try again
    raise IntakeError("could not store the submission")


def email_first_code(submission: Submission, key: str) -> bool:
    """ "Email me my reference and code" on the confirmation page: the first code, derived again
    from the journey's key, to the address the young person gave as a safe way to reach them. The
    email carries the reference and the code only (never anything they wrote); the outbox wipes the
    code once sent. False if there is no address or the first code no longer works."""
    address = contact_email(submission)
    code = first_code_still_valid(submission, key)
    if address is None or code is None:
        return False
    outbox.queue(address, "reference_and_code", language=submission.language,
                 personalisation={"reference": submission.reference, "code": code})
    audit.record("tracking_code_emailed", subject_type="submission", subject_id=submission.id,
                 actor_kind="public")
    db.session.commit()
    return True


def first_contact_by(submission: Submission) -> date:
    return add_working_days(submission.received_on, current_app.config["FIRST_CONTACT_WORKING_DAYS"])


def first_answer_due(submission: Submission) -> date | None:
    """If a complaint goes ahead as a formal complaint: stage 1's 10 working days from receipt."""
    from portal.procedure.deadlines import STAGE1_LIMIT

    return add_working_days(submission.received_on, STAGE1_LIMIT) if submission.kind == "complaint" else None


# --- tracking ---------------------------------------------------------------------------------------


def normalise_reference(reference: str) -> str:
    return codes.group(codes.normalise(reference))


def reference_hash(reference: str) -> str:
    """The key of a reference's attempt counter: a keyed hash, so the table names no submission."""
    ref = normalise_reference(reference)
    return hmac.new(_code_key().encode(), b"tracking-reference\0" + ref.encode(), hashlib.sha256).hexdigest()


# Compared against when there is no real hash, so every check does the same work.
_NO_HASH = "0" * 64


def _insert_ignoring_duplicates(model: Any) -> Any:
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(model)


def _claim_attempt(key: str, moment: datetime) -> TrackingAttempts:
    """Count one attempt for the reference before its code is looked at, or raise ``TrackingLocked``.

    The count goes up in one conditional UPDATE that also checks the lock, and the row stays locked
    (PostgreSQL: row lock; SQLite: the write lock) until this transaction commits, after any lock the
    attempt earned is written. So however many requests arrive at once, no more than ``LOCK_AFTER``
    codes are ever compared before the lock.
    """
    # Write first: on SQLite a transaction that read before writing fails if another wrote between.
    db.session.commit()
    db.session.execute(_insert_ignoring_duplicates(TrackingAttempts)
                       .values(reference_hash=key, failed_attempts=0, updated_at=moment)
                       .on_conflict_do_nothing(index_elements=["reference_hash"]))
    claimed = db.session.execute(
        update(TrackingAttempts)
        .where(TrackingAttempts.reference_hash == key,
               or_(TrackingAttempts.locked_until.is_(None), TrackingAttempts.locked_until <= moment))
        .values(failed_attempts=TrackingAttempts.failed_attempts + 1, updated_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
    attempts = db.session.get(TrackingAttempts, key, populate_existing=True)
    assert attempts is not None
    if not claimed:
        until = attempts.locked_until
        db.session.commit()
        raise TrackingLocked(until or moment)
    return attempts


def check_tracking_code(reference: str, code: str) -> Submission | None:
    """The submission if the code is right; None if not; ``TrackingLocked`` after too many wrong ones.

    A reference that does not exist goes through exactly the same steps (counter, lock, times, hash
    comparisons), so neither the answer nor its timing says whether a reference is real.
    """
    ref = normalise_reference(reference)
    moment = now()
    attempts = _claim_attempt(reference_hash(ref), moment)
    submission = db.session.scalar(select(Submission).where(Submission.reference == ref))
    typed = codes.hash_tracking_code(code, _code_key())
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
                 until=attempts.locked_until.isoformat(), known_reference=submission is not None)
    db.session.commit()
    raise TrackingLocked(attempts.locked_until)


def unlock_tracking(submission: Submission) -> None:
    """Clear the reference's counter and lock (in the caller's transaction): a new code was given."""
    db.session.execute(update(TrackingAttempts)
                       .where(TrackingAttempts.reference_hash == reference_hash(submission.reference))
                       .values(failed_attempts=0, locked_until=None)
                       .execution_options(synchronize_session=False))


def purge_tracking_attempts(at: datetime | None = None) -> int:
    """Forget counters nobody has used for a day (their lock, if any, has ended)."""
    cutoff = (at or now()) - ATTEMPTS_KEPT
    result = db.session.execute(delete(TrackingAttempts).where(
        TrackingAttempts.updated_at <= cutoff,
        or_(TrackingAttempts.locked_until.is_(None), TrackingAttempts.locked_until <= (at or now())),
    ))
    db.session.commit()
    return result.rowcount or 0


def contact_email(submission: Submission) -> str | None:
    if submission.answers.get("contact_method") != "email":
        return None
    return (submission.answers.get("contact_email") or "").strip() or None


def issue_new_tracking_code(submission: Submission, *, actor: Any = None, channel: str = "email",
                            keep_old_code: bool = False) -> str:
    """A new code. ``channel`` says how the person gets it: "email" queues the email (to the address
    they gave); anything else ("phone", "text", "in_person", "post") means staff give it themselves.

    Staff who re-issue a code after checking who someone is call this with the default
    ``keep_old_code=False``: the old code stops working at once. An anonymous "I've lost my code"
    passes ``keep_old_code=True``: the new code waits beside the old one, which keeps working until
    the new one is first used, so anyone who merely knows a reference cannot lock the young person out.
    """
    address = contact_email(submission) if channel == "email" else None
    if channel == "email" and address is None:
        raise IntakeError("no email address to send the code to")
    code = codes.new_tracking_code()
    code_hash, moment = codes.hash_tracking_code(code, _code_key()), now()
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
        outbox.queue(address, "new_tracking_code", language=submission.language,
                     personalisation={"code": code, "old_code_works": keep_old_code})
    db.session.commit()
    return code


def request_new_code(reference: str) -> None:
    """ "I've lost my code". Says nothing back: the page reads the same whatever the reference is.
    The old code keeps working until the new one is used (``keep_old_code``)."""
    ref = normalise_reference(reference)
    submission = db.session.scalar(select(Submission).where(Submission.reference == ref))
    if submission is None or not limiter.limiter.hit(NEW_CODE_LIMIT, "new-tracking-code", ref):
        return
    method = submission.answers.get("contact_method") or "none"
    if method == "email" and contact_email(submission):
        issue_new_tracking_code(submission, channel="email", keep_old_code=True)
        return
    # No email: a task for staff, who call or text in office hours (SMS is not available yet), or
    # wait for the person to ask, checking who they are before giving a new code.
    audit.record("tracking_code_requested", subject_type="submission", subject_id=submission.id,
                 actor_kind="public", contact_method=method, task="give_new_tracking_code")
    db.session.commit()


def cases_for(submission: Submission) -> list[Case]:
    """Every matter triage made of a submission (one case each), in the order they were triaged."""
    return list(db.session.scalars(
        select(Case).where(Case.submission_id == submission.id).order_by(Case.created_at, Case.reference)
    ))


def case_for(submission: Submission) -> Case | None:
    """The first matter, if the submission has been triaged."""
    cases = cases_for(submission)
    return cases[0] if cases else None


def messages_for(submission: Submission) -> list[Message]:
    return list(db.session.scalars(
        select(Message).where(Message.submission_id == submission.id).order_by(Message.sent_at)
    ))


def mark_messages_read(submission: Submission) -> None:
    db.session.commit()  # end the page's reads, so this write waits for the lock instead of failing (GET)
    result = db.session.execute(
        update(Message)
        .where(Message.submission_id == submission.id, Message.direction == "to_young_person",
               Message.read_at.is_(None))
        .values(read_at=now())
    )
    if result.rowcount:
        db.session.commit()


def add_information(submission: Submission, text: str, *, commit: bool = True, case: Case | None = None,
                    kind: str = "information") -> Message:
    """Words from the young person for staff: "add more information" (about the whole submission), or
    why they are not happy with one matter's answer (``case``, ``kind="not_happy"``). Unread until its
    owner marks it read (``young_persons_words.mark_words_read``)."""
    message = Message(submission_id=submission.id, direction="from_young_person", body=text, sent_at=now(),
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
        raise IntakeError("only a submission not yet triaged can be withdrawn without a case")
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
