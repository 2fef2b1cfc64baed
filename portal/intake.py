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
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from portal import answers as answer_rules
from portal import audit, casework, codes
from portal.db import db
from portal.extensions import limiter
from portal.models import Case, JourneyDraft, Message, Person, Submission
from portal.notifications import outbox
from portal.procedure import Withdraw, add_working_days, uk_local_date, uk_today

# Wrong tracking codes: after LOCK_AFTER in a row a reference is locked, for BASE_LOCK, doubling with
# each further lock, at most MAX_LOCK. A right code while locked is refused too.
LOCK_AFTER = 5
BASE_LOCK = timedelta(minutes=15)
MAX_LOCK = timedelta(hours=24)
# References that do not exist are "locked" the same way (in the rate-limit store), so the lock
# message does not tell a guesser which references are real.
UNKNOWN_REFERENCE_LIMIT = parse(f"{LOCK_AFTER - 1}/15 minutes")
# New codes asked for by the public, per reference (each one stops the old code working).
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
    """The first tracking code of the journey with this session key (a keyed HMAC: 77 bits)."""
    secret = current_app.config["TRACKING_CODE_KEY"].encode()
    number = int.from_bytes(hmac.new(secret, b"first-tracking-code\0" + key.encode(), hashlib.sha256).digest())
    letters = []
    for _ in range(codes.TRACKING_CODE_LENGTH):
        number, index = divmod(number, len(codes.ALPHABET))
        letters.append(codes.ALPHABET[index])
    return codes.group("".join(letters))


def find_submitted(key: str | None) -> Submission | None:
    if not key:
        return None
    return db.session.scalar(select(Submission).where(Submission.idempotency_key == _hash_key(key)))


def first_code_still_valid(submission: Submission, key: str) -> str | None:
    code = tracking_code_for(key)
    return code if codes.tracking_code_matches(code, submission.tracking_code_hash, _code_key()) else None


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
    existing = find_submitted(key)
    if existing is not None:
        return existing, code
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
        db.session.add(submission)
        db.session.flush()
        audit.record("submission_received", subject_type="submission", subject_id=submission.id,
                     actor_kind="public", kind=submission.kind, channel="web", language=submission.language)
        db.session.delete(draft)
        try:
            db.session.commit()
            return submission, code
        except IntegrityError:
            db.session.rollback()
            existing = find_submitted(key)
            if existing is not None:  # the other tap won the race
                return existing, code
            young_person, submitter = _people(answers, received)  # a reference collision: try again
    raise IntakeError("could not store the submission")


def first_contact_by(submission: Submission) -> date:
    return add_working_days(submission.received_on, current_app.config["FIRST_CONTACT_WORKING_DAYS"])


def first_answer_due(submission: Submission) -> date | None:
    """If a complaint goes ahead as a formal complaint: stage 1's 10 working days from receipt."""
    from portal.procedure.deadlines import STAGE1_LIMIT

    return add_working_days(submission.received_on, STAGE1_LIMIT) if submission.kind == "complaint" else None


# --- tracking ---------------------------------------------------------------------------------------


def normalise_reference(reference: str) -> str:
    return codes.group(codes.normalise(reference))


def check_tracking_code(reference: str, code: str) -> Submission | None:
    """The submission if the code is right; None if not; ``TrackingLocked`` after too many wrong ones."""
    ref = normalise_reference(reference)
    submission = db.session.scalar(select(Submission).where(Submission.reference == ref))
    moment = now()
    if submission is None:
        if not limiter.limiter.hit(UNKNOWN_REFERENCE_LIMIT, "tracking-reference", ref):
            raise TrackingLocked(moment + BASE_LOCK)
        return None
    if submission.code_locked_until is not None and submission.code_locked_until > moment:
        raise TrackingLocked(submission.code_locked_until)
    if codes.tracking_code_matches(code, submission.tracking_code_hash, _code_key()):
        if submission.failed_code_attempts or submission.code_locked_until:
            submission.failed_code_attempts = 0
            submission.code_locked_until = None
            db.session.commit()
        return submission
    # Counted in the database, so every worker process sees the same count.
    db.session.execute(update(Submission).where(Submission.id == submission.id)
                       .values(failed_code_attempts=Submission.failed_code_attempts + 1))
    db.session.refresh(submission)
    attempts = submission.failed_code_attempts
    if attempts % LOCK_AFTER == 0:
        locks = attempts // LOCK_AFTER
        submission.code_locked_until = moment + min(BASE_LOCK * 2 ** (locks - 1), MAX_LOCK)
        audit.record("tracking_locked", subject_type="submission", subject_id=submission.id, actor_kind="public",
                     failed_attempts=attempts, until=submission.code_locked_until.isoformat())
        db.session.commit()
        raise TrackingLocked(submission.code_locked_until)
    db.session.commit()
    return None


def contact_email(submission: Submission) -> str | None:
    if submission.answers.get("contact_method") != "email":
        return None
    return (submission.answers.get("contact_email") or "").strip() or None


def issue_new_tracking_code(submission: Submission, *, actor: Any = None, channel: str = "email") -> str:
    """A new code; the old one stops working. ``channel`` says how the person gets it: "email" queues
    the email (to the address they gave); anything else ("phone", "text", "in_person", "post") means
    staff give it themselves. Staff who re-issue a code after checking who someone is call this too."""
    address = contact_email(submission) if channel == "email" else None
    if channel == "email" and address is None:
        raise IntakeError("no email address to send the code to")
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, _code_key())
    submission.tracking_code_issued_at = now()
    submission.failed_code_attempts = 0
    submission.code_locked_until = None
    audit.record("tracking_code_reissued", subject_type="submission", subject_id=submission.id, actor=actor,
                 actor_kind="staff" if actor is not None else "public", channel=channel)
    if address is not None:
        outbox.queue(address, "new_tracking_code", language=submission.language, personalisation={"code": code})
    db.session.commit()
    return code


def request_new_code(reference: str) -> None:
    """ "I've lost my code". Says nothing back: the page reads the same whatever the reference is."""
    ref = normalise_reference(reference)
    submission = db.session.scalar(select(Submission).where(Submission.reference == ref))
    if submission is None or not limiter.limiter.hit(NEW_CODE_LIMIT, "new-tracking-code", ref):
        return
    method = submission.answers.get("contact_method") or "none"
    if method == "email" and contact_email(submission):
        issue_new_tracking_code(submission, channel="email")
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
    result = db.session.execute(
        update(Message)
        .where(Message.submission_id == submission.id, Message.direction == "to_young_person",
               Message.read_at.is_(None))
        .values(read_at=now())
    )
    if result.rowcount:
        db.session.commit()


def add_information(submission: Submission, text: str, *, commit: bool = True) -> Message:
    message = Message(submission_id=submission.id, direction="from_young_person", body=text, sent_at=now())
    db.session.add(message)
    db.session.flush()
    audit.record("information_added", subject_type="submission", subject_id=submission.id, actor_kind="public",
                 message_id=str(message.id))
    if commit:
        db.session.commit()
    return message


def can_withdraw(submission: Submission, case: Case | None) -> bool:
    if case is None:
        return submission.status == "new"
    return casework.can(case, Withdraw)


def withdraw(submission: Submission, case: Case | None = None) -> None:
    """Withdraw one matter (``case``, else the first), or the whole submission before triage."""
    case = case or case_for(submission)
    if case is not None:
        casework.withdraw(case)  # refuses an illegal move with CaseworkError; commits with its audit event
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
        raise casework.CaseworkError("There is no answer to ask about yet.")
    if why:
        add_information(submission, why, commit=False)
    try:
        casework.ask_for_next_stage(case)
    except casework.CaseworkError:
        db.session.rollback()
        raise
