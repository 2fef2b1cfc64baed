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
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from portal import audit
from portal.db import db, read_may_turn_into_write
from portal.intake import answers as answer_rules
from portal.intake import codes
from portal.models import JourneyDraft, Person, Submission
from portal.notifications import outbox
from portal.procedure import add_working_days, uk_local_date


class IntakeError(ValueError):
    """An operation refused; the message is for logs and staff, not shown to the public."""


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
    expired = draft.expires_at <= moment
    # Kept alive at most once a minute: most pages only read.
    stale = draft.expires_at - moment < draft_lifetime() - timedelta(seconds=60)
    if expired or stale:
        _end_the_read()
    if expired:
        db.session.delete(draft)
        db.session.commit()
        return None
    if stale:
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


def _end_the_read() -> None:
    """Before a write in a request that has only read so far. On a GET (a deferred SQLite transaction) a
    read that turns into a write fails at once if another worker wrote in between; a write that starts
    its own transaction waits its turn. Elsewhere (PostgreSQL; a POST, whose SQLite transaction holds
    the write lock from BEGIN) the transaction goes on: one round trip fewer."""
    if read_may_turn_into_write():
        db.session.commit()


def reached_check(draft: JourneyDraft) -> None:
    if not draft.answers.get(answer_rules.REACHED_CHECK):
        _end_the_read()
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
        if codes.tracking_code_matches(code, submission.tracking_code_hash, code_key()):
            return code
    return None


def code_key() -> str:
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
            id=uuid.uuid4(),  # known before the flush, so the audit event needs no flush of its own
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
            tracking_code_hash=codes.hash_tracking_code(code, code_key()),
            tracking_code_issued_at=moment,
            idempotency_key=draft.key_hash,
        )
        # Two taps of Send (or two workers) may race. On PostgreSQL the second INSERT waits for the
        # first to commit and then fails on the unique idempotency key, at the commit's flush; its
        # delete of the draft may find the row already gone. Either way the first submission stands, once.
        try:
            db.session.add(submission)
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


def contact_email(submission: Submission) -> str | None:
    if submission.answers.get("contact_method") != "email":
        return None
    return (submission.answers.get("contact_email") or "").strip() or None


