"""Operations on staff and advocate accounts (each writes its audit event), and signing in.

Signing in is limited in two ways. Wrong passwords are counted per account **and address** together
(``SignInAttempts``): every ``SIGN_IN_LOCK_AFTER``-th in a row from one address locks that address out
of that account for a growing time, so somebody who only knows a colleague's email address slows only
themselves. They also count against the account from every address, and every ``ACCOUNT_LOCK_AFTER``-th
locks the account itself, briefly (at most ``ACCOUNT_MAX_LOCK``: staff in one office share an address,
and a botnet has many). Wrong codes, which only follow the right password, count against the account
and lock it with the growing lock. Each lock emails the owner and is recorded; an administrator can
lift them all (``unlock``). Only a complete sign-in (password and code) clears the counts, so a right
password does not buy more guesses at the code. Counts and the code's time-step are changed by
conditional UPDATEs, so concurrent requests cannot share a guess or a code.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import date, datetime, timedelta

from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import force_locale, format_datetime
from sqlalchemy import delete, func, or_, select, update

from portal import audit
from portal.auth import totp
from portal.auth.lockout import lock_earned
from portal.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, needs_rehash, verify_password
from portal.db import count_attempt, db
from portal.models import SignInAttempts, Team, User, UserRole
from portal.models.base import utcnow
from portal.models.users import new_session_token
from portal.notifications import outbox
from portal.permissions import ROLE_PERMISSIONS
from portal.procedure import uk_today

# Wrong passwords from one address for one account (and wrong codes for the account).
SIGN_IN_LOCK_AFTER = 5
SIGN_IN_BASE_LOCK = timedelta(minutes=1)
SIGN_IN_MAX_LOCK = timedelta(hours=1)
# Wrong passwords for one account from every address: a short lock on the account itself.
ACCOUNT_LOCK_AFTER = 20
ACCOUNT_BASE_LOCK = timedelta(minutes=1)
ACCOUNT_MAX_LOCK = timedelta(minutes=5)
# Per-address counters left alone this long are deleted by ``flask journeys purge``.
ATTEMPTS_KEPT = timedelta(days=1)


class AccountError(ValueError):
    pass


class SignInLocked(Exception):
    def __init__(self, until: datetime) -> None:
        super().__init__("locked")
        self.until = until


def valid_email(address: str) -> bool:
    """The same test the sign-in form applies (WTForms' ``Email()`` with its defaults), so every
    account created can sign in."""
    try:
        validate_email(address, check_deliverability=False, allow_smtputf8=True, allow_empty_local=False)
    except EmailNotValidError:
        return False
    return True


def create_user(
    *,
    email: str,
    name: str,
    roles: set[str],
    password: str,
    team_name: str | None = None,
    actor: User | None = None,
    is_demo: bool = False,
    totp_secret: str | None = None,
    expires_on: date | None = None,
) -> User:
    email = email.strip().lower()
    if not valid_email(email):
        raise AccountError("Give an email address the sign-in form accepts, like name@example.gov.uk.")
    unknown = roles - set(ROLE_PERMISSIONS)
    if unknown or not roles:
        raise AccountError(f"Unknown or missing role: {', '.join(sorted(unknown)) or 'none given'}.")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    if db.session.scalar(select(User).where(func.lower(User.email) == email)):
        raise AccountError(f"An account for {email} already exists.")
    if totp_secret and db.session.scalar(select(User.id).where(User.totp_secret == totp_secret).limit(1)):
        raise AccountError("Another account already has this authenticator key: every account needs its own.")
    team = None
    if team_name:
        team = db.session.scalar(select(Team).where(func.lower(Team.name) == team_name.strip().lower()))
        if team is None:
            raise AccountError(f"There is no team called {team_name!r}.")
    if "operational_manager" in roles and team is None:
        raise AccountError("An operational manager needs a team (--team).")
    if expires_on is not None and not roles <= EXTERNAL_ROLES:
        raise AccountError("Only an external account (an investigator, independent person or panel member) "
                           "has an expiry date.")
    user = User(
        email=email,
        name=name.strip(),
        password_hash=hash_password(password),
        team=team,
        is_demo=is_demo,
        totp_secret=totp_secret,
        expires_on=expires_on,
    )
    if totp_secret:
        from portal.models.base import utcnow

        user.totp_confirmed_at = utcnow()
    user.roles = [UserRole(role=role) for role in sorted(roles)]
    db.session.add(user)
    db.session.flush()
    audit.record(
        "user_created", subject_type="user", subject_id=user.id, actor=actor,
        actor_kind="staff" if actor else "cli", roles=sorted(roles),
        **({"expires_on": expires_on.isoformat()} if expires_on else {}),
    )
    db.session.commit()
    return user


def _rotate_session_token(user: User) -> None:
    # Every session cookie holds the token (User.get_id): a new one ends them all, copies included.
    user.session_token = new_session_token()


def set_password(user: User, password: str, *, actor: User | None = None) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"The password must be at least {MIN_PASSWORD_LENGTH} characters.")
    user.password_hash = hash_password(password)
    _rotate_session_token(user)
    audit.record("password_changed", subject_type="user", subject_id=user.id, actor=actor,
                 actor_kind="staff" if actor else "cli")
    db.session.commit()


def set_roles(user: User, roles: set[str], *, actor: User | None = None) -> None:
    unknown = roles - set(ROLE_PERMISSIONS)
    if unknown or not roles:
        raise AccountError(f"Unknown or missing role: {', '.join(sorted(unknown)) or 'none given'}.")
    if "operational_manager" in roles and user.team is None:
        raise AccountError("An operational manager needs a team.")
    before = sorted(user.role_names)
    user.roles = [UserRole(role=role) for role in sorted(roles)]
    _rotate_session_token(user)
    audit.record("roles_changed", subject_type="user", subject_id=user.id, actor=actor,
                 actor_kind="staff" if actor else "cli", before=before, after=sorted(roles))
    db.session.commit()


# --- user administration (the administrator's pages; the CLI stays for scripts) ------------------------

EXTERNAL_ROLES = frozenset({"investigator", "independent_person", "panel_member"})


def _changed(action: str, user: User, actor: User | None, **details: object) -> None:
    audit.record(action, subject_type="user", subject_id=user.id, actor=actor,
                 actor_kind="staff" if actor else "cli", **details)


def set_active(user: User, active: bool, *, actor: User | None = None) -> None:
    """Disable an account (it cannot sign in, and every session ends) or enable it again."""
    if actor is not None and actor.id == user.id and not active:
        raise AccountError("You cannot disable your own account.")
    if user.active == active:
        return
    user.active = active
    _rotate_session_token(user)
    _changed("user_enabled" if active else "user_disabled", user, actor)
    db.session.commit()


def set_team(user: User, team: Team | None, *, actor: User | None = None) -> None:
    if "operational_manager" in user.role_names and team is None:
        raise AccountError("An operational manager needs a team.")
    before = user.team.name if user.team else None
    if user.team_id == (team.id if team else None):
        return
    user.team = team
    _rotate_session_token(user)  # what they may see changes with the team
    _changed("team_changed", user, actor, before=before, after=team.name if team else None)
    db.session.commit()


def set_expiry(user: User, expires_on: date | None, *, actor: User | None = None) -> None:
    """The last day an external account (investigator, independent person, panel member) may sign in."""
    if expires_on is not None and not user.role_names <= EXTERNAL_ROLES:
        raise AccountError("Only an external account (an investigator, independent person or panel member) "
                           "has an expiry date.")
    if user.expires_on == expires_on:
        return
    before = user.expires_on
    user.expires_on = expires_on
    if expires_on is not None and expires_on < uk_today():
        _rotate_session_token(user)
    _changed("expiry_changed", user, actor, before=before.isoformat() if before else None,
             after=expires_on.isoformat() if expires_on else None)
    db.session.commit()


def reset_second_factor(user: User, *, actor: User | None = None) -> None:
    """A lost phone: the authenticator key is forgotten and every session ends; at the next sign-in
    (with the password) the owner sets up a new key."""
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    _rotate_session_token(user)
    _changed("second_factor_reset", user, actor)
    db.session.commit()


def account_expired(user: User) -> bool:
    """Past its expiry date, or (an appointed person) with no appointment left: it cannot sign in."""
    if user.expires_on is not None and user.expires_on < uk_today():
        return True
    return appointments_ended(user)


def sign_out(user: User) -> None:
    """Sign out everywhere: a copy of the cookie taken before signing out no longer opens anything."""
    _rotate_session_token(user)
    audit.record("signed_out", subject_type="user", subject_id=user.id, actor=user)
    db.session.commit()


# --- signing in --------------------------------------------------------------------------------------


def _keyed(*parts: str) -> str:
    key = current_app.config["SECRET_KEY"]
    key = key.encode() if isinstance(key, str) else key
    return hmac.new(key, "\0".join(("sign-in", *parts)).encode(), hashlib.sha256).hexdigest()


def email_hash(email: str) -> str:
    return _keyed(email.strip().lower())


def attempts_key(email: str, address: str) -> str:
    """The counter of one email address from one client address (whether or not it has an account)."""
    return _keyed(email.strip().lower(), address or "")


def _not_locked(moment: datetime):  # type: ignore[no-untyped-def]
    return or_(User.sign_in_locked_until.is_(None), User.sign_in_locked_until <= moment)


def _claim_attempt(*conditions, moment: datetime, column=User.failed_sign_ins) -> int:  # type: ignore[no-untyped-def]
    """Count one attempt against the account before checking it; 0 rows if locked (or no account).

    The conditional UPDATE comes before any read (on SQLite a transaction that reads and then writes
    fails if another wrote in between), and the row stays locked until the attempt's outcome, and any
    lock it earned, is committed.
    """
    return db.session.execute(
        update(User).where(*conditions, User.active.is_(True), _not_locked(moment))
        .values({column: column + 1})
        .execution_options(synchronize_session=False)
    ).rowcount


def _claim_address(email: str, address: str, moment: datetime) -> tuple[str, int]:
    """Count one attempt for this email address from this client address; 0 if that pair is locked.
    The same statements whether or not an account has the address."""
    key = attempts_key(email, address)
    claimed = count_attempt(SignInAttempts, SignInAttempts.key, key, moment, email_hash=email_hash(email))
    return key, claimed


def _lock(user: User, until: datetime, step: str, failures: int, scope: str) -> None:
    audit.record("sign_in_locked", subject_type="user", subject_id=user.id, actor_kind="system", step=step,
                 failed_attempts=failures, until=until.isoformat(), scope=scope)
    with force_locale("en"):
        shown = format_datetime(until, "HH:mm 'on' d MMMM")
    # Tells the owner, who may not be the one trying; says nothing but the time (no child's data).
    outbox.queue(user.email, "sign_in_locked", language="en", personalisation={"until": shown})


def _failed_password(user: User, key: str, moment: datetime) -> None:
    """The claimed attempts stay counted; lock the address's pair, or the account (briefly), if this
    failure earned it. Commits."""
    pair = db.session.get(SignInAttempts, key, populate_existing=True)
    assert pair is not None
    lock = lock_earned(pair.failed_attempts, after=SIGN_IN_LOCK_AFTER, base=SIGN_IN_BASE_LOCK,
                       longest=SIGN_IN_MAX_LOCK)
    if lock is not None:
        pair.locked_until = moment + lock
        _lock(user, pair.locked_until, "password", pair.failed_attempts, "address")
    lock = lock_earned(user.failed_sign_ins, after=ACCOUNT_LOCK_AFTER, base=ACCOUNT_BASE_LOCK,
                       longest=ACCOUNT_MAX_LOCK)
    if lock is not None:
        user.sign_in_locked_until = moment + lock
        _lock(user, user.sign_in_locked_until, "password", user.failed_sign_ins, "account")
    db.session.commit()


def _failed_code(user: User, moment: datetime) -> datetime | None:
    """The claimed attempt stays counted; lock the account if this wrong code earned it. Commits."""
    lock = lock_earned(user.failed_codes, after=SIGN_IN_LOCK_AFTER, base=SIGN_IN_BASE_LOCK,
                       longest=SIGN_IN_MAX_LOCK)
    if lock is None:
        db.session.commit()
        return None
    until = user.sign_in_locked_until = moment + lock
    _lock(user, until, "code", user.failed_codes, "account")
    db.session.commit()
    return until


def sign_in_lock(user: User) -> dict[str, object]:
    """What an administrator sees: the account's own lock and counts, and how many addresses are
    locked out of it now."""
    moment = utcnow()
    locked_addresses = db.session.scalar(
        select(func.count()).select_from(SignInAttempts)
        .where(SignInAttempts.email_hash == email_hash(user.email), SignInAttempts.locked_until > moment))
    until = user.sign_in_locked_until if user.sign_in_locked_until and user.sign_in_locked_until > moment else None
    return {"until": until, "failed_passwords": user.failed_sign_ins, "failed_codes": user.failed_codes,
            "locked_addresses": locked_addresses or 0}


def unlock(user: User, *, actor: User | None = None) -> None:
    """An administrator lifts every lock on the account (its own, and every address's) and clears the
    counts. Audited."""
    seen = sign_in_lock(user)
    db.session.execute(delete(SignInAttempts).where(SignInAttempts.email_hash == email_hash(user.email)))
    audit.record("sign_in_unlocked", subject_type="user", subject_id=user.id, actor=actor,
                 actor_kind="staff" if actor else "cli", failed_passwords=user.failed_sign_ins,
                 failed_codes=user.failed_codes, locked_addresses=seen["locked_addresses"],
                 account_locked=seen["until"] is not None)
    user.failed_sign_ins = user.failed_codes = 0
    user.sign_in_locked_until = None
    db.session.commit()


def purge_sign_in_attempts(at: datetime | None = None) -> int:
    """Forget per-address counters nobody has used for a day (their lock, if any, has ended)."""
    moment = at or utcnow()
    result = db.session.execute(delete(SignInAttempts).where(
        SignInAttempts.updated_at <= moment - ATTEMPTS_KEPT,
        or_(SignInAttempts.locked_until.is_(None), SignInAttempts.locked_until <= moment)))
    db.session.commit()
    return result.rowcount or 0


def appointments_ended(user: User) -> bool:
    """An investigator, independent person or panel member with no appointment left (current or to
    come): their account has expired with their last appointment. Anyone with another role keeps it."""
    from portal.models import Appointment
    from portal.models.stages import APPOINTED_ROLES
    from portal.procedure import uk_today

    roles = user.role_names
    if not roles or not roles <= set(APPOINTED_ROLES):
        return False
    return not db.session.scalar(
        select(Appointment.id).where(Appointment.user_id == user.id, Appointment.ends_on >= uk_today()).limit(1))


def check_password(email: str, password: str, address: str = "") -> User | None:
    """The account if the password is right and the account may sign in now; else None.

    ``address`` is the client's address: wrong passwords lock that address out of that account
    first, and the account itself only briefly. An unknown address, an inactive or locked account
    and a wrong password all answer None after the same statements and the same argon2 work, so the
    answer says nothing about which addresses have accounts. While locked the password is not even
    checked, so the lock cannot be used to go on guessing.
    """
    email = email.strip().lower()
    moment = utcnow()
    db.session.commit()  # write first (see _claim_attempt)
    key, pair_claimed = _claim_address(email, address, moment)
    claimed = _claim_attempt(func.lower(User.email) == email, moment=moment) if pair_claimed else 0
    user = db.session.scalar(select(User).where(func.lower(User.email) == email)
                             .execution_options(populate_existing=True))
    if not claimed or user is None:
        db.session.commit()
        verify_password(None, password)
        return None
    if not verify_password(user.password_hash, password):
        _failed_password(user, key, moment)
        return None
    if account_expired(user):  # answered as any other refusal: nothing says the account exists
        db.session.commit()
        return None
    # Right: give back this attempt. Earlier failures stand until the code is right too.
    db.session.execute(update(User).where(User.id == user.id)
                       .values(failed_sign_ins=User.failed_sign_ins - 1)
                       .execution_options(synchronize_session=False))
    db.session.execute(update(SignInAttempts).where(SignInAttempts.key == key)
                       .values(failed_attempts=SignInAttempts.failed_attempts - 1)
                       .execution_options(synchronize_session=False))
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    db.session.commit()
    db.session.refresh(user)
    return user


def check_code(user: User, code: str, *, setting_up: bool = False, address: str | None = None) -> bool:
    """Complete a sign-in: True if the code is right and its time-step not used before.

    Raises ``SignInLocked`` while the account is locked, and when this wrong code locks it. A complete
    sign-in clears the counts, and the counter of ``address`` (the client's) for this account.
    """

    moment = utcnow()
    db.session.commit()
    claimed = _claim_attempt(User.id == user.id, moment=moment, column=User.failed_codes)
    db.session.refresh(user)
    if not claimed:
        db.session.commit()
        raise SignInLocked(user.sign_in_locked_until or moment)
    step = totp.matching_step(user.totp_secret, code, None if setting_up else user.totp_last_step)
    if step is not None and _use_step(user, step):
        user.failed_sign_ins = user.failed_codes = 0
        user.sign_in_locked_until = None
        user.last_signed_in_at = moment
        if address is not None:
            db.session.execute(delete(SignInAttempts).where(SignInAttempts.key == attempts_key(user.email, address)))
        if setting_up:
            user.totp_confirmed_at = moment
            audit.record("second_factor_set_up", subject_type="user", subject_id=user.id, actor=user)
        audit.record("signed_in", subject_type="user", subject_id=user.id, actor=user)
        db.session.commit()
        return True
    until = _failed_code(user, moment)
    if until is not None:
        raise SignInLocked(until)
    return False


def code_already_used(user: User, code: str) -> bool:
    """The code is right but its time-step was used already (by this sign-in a moment ago, or another):
    the person is told to wait for the next code rather than that the code is wrong."""
    if not user.totp_secret or user.totp_last_step is None:
        return False
    step = totp.matching_step(user.totp_secret, code or "", None)
    return step is not None and step <= user.totp_last_step


def _use_step(user: User, step: int) -> bool:
    """Record the code's time-step as used, if no sign-in has used it (or a later one) already.

    One conditional UPDATE, so of two sign-ins racing with the same code exactly one wins.
    """
    used = db.session.execute(
        update(User).where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
        .values(totp_last_step=step)
        .execution_options(synchronize_session=False)
    ).rowcount
    if used:
        db.session.refresh(user)
    return bool(used)
