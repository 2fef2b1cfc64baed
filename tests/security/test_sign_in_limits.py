"""Guessing at sign-in: wrong passwords lock one address out of one account with a growing delay (so
somebody who only knows the email address slows only themselves), and the account itself only briefly
(from every address together); wrong codes, which follow the right password, lock the account with the
growing delay; the owner is emailed and every lock recorded; an administrator can lift them all."""

from __future__ import annotations

from datetime import timedelta

import pytest
from portal_testing import TEST_PASSWORD, current_code
from sqlalchemy import select

from portal.auth import accounts
from portal.models import AuditEvent
from portal.notifications.models import Notification
from portal.notifications.outbox import personalisation_of


class OneAddress:
    """Every request from one client address (one office, or one attacker)."""

    def __init__(self, address: str = "192.0.2.7") -> None:
        self.address = address

    def __call__(self) -> dict[str, str]:
        return {"REMOTE_ADDR": self.address}


class Address:
    """A different client address for every request, as from a botnet or many phones."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> dict[str, str]:
        self.count += 1
        return {"REMOTE_ADDR": f"10.0.{self.count // 250}.{self.count % 250 + 1}"}


@pytest.fixture
def address() -> Address:
    return Address()


def _password(client, address, email, password):
    token = client.csrf_token("/sign-in")
    return client.post("/sign-in", data={"csrf_token": token, "email": email, "password": password},
                       environ_base=address())


def _code(client, address, code):
    token = client.csrf_token("/sign-in/code")
    return client.post("/sign-in/code", data={"csrf_token": token, "code": code}, environ_base=address())


def _wrong_code(user) -> str:
    right = {current_code(user, offset) for offset in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in right)


def _text(response) -> str:
    return response.get_data(as_text=True)


def test_wrong_codes_from_many_addresses_lock_the_account(client, make_user, address, session):
    user = make_user("crs_officer")
    assert _password(client, address, user.email, TEST_PASSWORD).status_code == 302
    wrong = _wrong_code(user)
    answers = [_text(_code(client, address, wrong)) for _ in range(accounts.SIGN_IN_LOCK_AFTER)]
    assert all("That code is not right" in body for body in answers[:-1])
    assert "tried too many times" in answers[-1]
    # Now even the right code is refused: it is not even looked at.
    body = _text(_code(client, address, current_code(user)))
    assert "tried too many times" in body
    assert client.get("/staff/").status_code == 302
    session.refresh(user)
    assert user.failed_codes == accounts.SIGN_IN_LOCK_AFTER and user.totp_last_step is None


def _pair(session, user, address: str):
    from portal.models import SignInAttempts

    return session.get(SignInAttempts, accounts.attempts_key(user.email, address), populate_existing=True)


def test_wrong_passwords_from_one_address_lock_only_that_address_and_the_lock_grows(client, make_user, session,
                                                                                  monkeypatch):
    user = make_user("crs_officer")
    attacker, owner = OneAddress("192.0.2.66"), OneAddress("198.51.100.5")
    start = accounts.utcnow()
    for _ in range(accounts.SIGN_IN_LOCK_AFTER):
        _password(client, attacker, user.email, "not the password at all")
    first_lock = _pair(session, user, attacker.address).locked_until - start
    assert timedelta(seconds=50) < first_lock <= accounts.SIGN_IN_BASE_LOCK + timedelta(seconds=5)
    # The same answer as any wrong password: a locked account is not told apart from a missing one.
    body = _text(_password(client, attacker, user.email, TEST_PASSWORD))
    assert "The email address or password is not right" in body
    # The owner, elsewhere, is not locked out: the guesser slowed only themselves.
    session.refresh(user)
    assert user.sign_in_locked_until is None
    assert _password(client, owner, user.email, TEST_PASSWORD).headers["Location"] == "/sign-in/code"
    client.get("/sign-out")
    monkeypatch.setattr(accounts, "utcnow", lambda: start + timedelta(minutes=2))
    for _ in range(accounts.SIGN_IN_LOCK_AFTER):
        _password(client, attacker, user.email, "not the password at all")
    assert _pair(session, user, attacker.address).locked_until - (start + timedelta(minutes=2)) \
        >= 2 * accounts.SIGN_IN_BASE_LOCK  # doubled
    monkeypatch.setattr(accounts, "utcnow", lambda: start + timedelta(minutes=5))
    assert _password(client, attacker, user.email, TEST_PASSWORD).headers["Location"] == "/sign-in/code"
    assert _code(client, attacker, current_code(user)).headers["Location"] == "/staff/"
    session.refresh(user)
    assert user.failed_sign_ins == 0 and user.sign_in_locked_until is None
    assert _pair(session, user, attacker.address) is None  # a complete sign-in clears its address's count


def test_wrong_passwords_from_many_addresses_lock_the_account_itself_only_briefly(client, make_user, session,
                                                                                address, monkeypatch):
    user = make_user("crs_officer")
    start = accounts.utcnow()
    longest = timedelta(0)
    for round_number in range(6):  # a botnet: every try from a new address, round after round
        moment = start + timedelta(hours=round_number)
        monkeypatch.setattr(accounts, "utcnow", lambda moment=moment: moment)
        for _ in range(accounts.ACCOUNT_LOCK_AFTER):
            _password(client, address, user.email, "not the password at all")
        session.refresh(user)
        assert user.sign_in_locked_until is not None and user.sign_in_locked_until > moment
        longest = max(longest, user.sign_in_locked_until - moment)
    assert longest == accounts.ACCOUNT_MAX_LOCK <= timedelta(minutes=5)
    # No address earned a lock of its own: each tried once.
    assert _pair(session, user, f"10.0.0.{address.count % 250 + 1}").locked_until is None
    # Once the short lock ends, the owner signs in.
    monkeypatch.setattr(accounts, "utcnow", lambda: start + timedelta(hours=5, minutes=6))
    assert _password(client, OneAddress(), user.email, TEST_PASSWORD).headers["Location"] == "/sign-in/code"


def test_an_administrator_lifts_every_lock_on_an_account(app, client, make_user, session, address):
    user, admin = make_user("crs_officer"), make_user("complaints_manager")
    attacker = OneAddress("192.0.2.66")
    for _ in range(accounts.SIGN_IN_LOCK_AFTER):
        _password(client, attacker, user.email, "not the password at all")
    for _ in range(accounts.ACCOUNT_LOCK_AFTER):
        _password(client, address, user.email, "not the password at all")
    session.refresh(user)
    seen = accounts.sign_in_lock(user)
    assert seen["until"] is not None and seen["locked_addresses"] == 1
    assert seen["failed_passwords"] == accounts.ACCOUNT_LOCK_AFTER  # the last tries met the lock, uncounted
    accounts.unlock(user, actor=admin)
    assert accounts.sign_in_lock(user) == {"until": None, "failed_passwords": 0, "failed_codes": 0,
                                           "locked_addresses": 0}
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "sign_in_unlocked"))
    assert event.actor_id == admin.id and event.subject_id == user.id and event.details["locked_addresses"] == 1
    assert _password(client, attacker, user.email, TEST_PASSWORD).headers["Location"] == "/sign-in/code"


def test_a_right_password_does_not_buy_more_guesses_at_the_code(client, make_user, address):
    user = make_user("crs_officer")
    wrong = _wrong_code(user)
    for _ in range(2):
        _password(client, address, user.email, TEST_PASSWORD)
        for _ in range(2):
            assert "That code is not right" in _text(_code(client, address, wrong))
    _password(client, address, user.email, TEST_PASSWORD)
    assert "tried too many times" in _text(_code(client, address, wrong))


def test_a_lock_tells_the_owner_without_any_childs_data_and_is_recorded(app, client, make_user, address, session,
                                                                      make_submission):
    from portal.notifications.sender import build

    make_submission(what_happened="Nobody told me why my contact was cancelled.")
    user = make_user("crs_officer")
    office = OneAddress()
    for _ in range(accounts.SIGN_IN_LOCK_AFTER):
        _password(client, office, user.email, "not the password at all")
    notification = session.scalar(select(Notification))
    assert notification.to_address == user.email and notification.template == "sign_in_locked"
    assert set(personalisation_of(notification)) == {"until"}
    with app.test_request_context():
        message = build(notification)
    body = message.get_content()
    assert "signing in is paused until" in body and "Test Young Person" not in body
    assert "contact was cancelled" not in body and message["Subject"] == "Signing in to your account is paused"
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "sign_in_locked"))
    assert event.subject_id == user.id and event.details["step"] == "password"
    assert event.details["failed_attempts"] == accounts.SIGN_IN_LOCK_AFTER and event.details["scope"] == "address"
    # One email per lock, not one per refused attempt.
    _password(client, office, user.email, "not the password at all")
    assert len(list(session.scalars(select(Notification)))) == 1


def test_an_unknown_address_gets_the_same_answer_and_no_email(client, address, session):
    body = _text(_password(client, address, "nobody@example.gov.uk", TEST_PASSWORD))
    assert "The email address or password is not right" in body
    assert session.scalar(select(Notification)) is None


def test_code_failures_while_setting_up_count_too(client, make_user, address):
    user = make_user("advocate", second_factor=False)
    assert _password(client, address, user.email, TEST_PASSWORD).headers["Location"] == "/sign-in/set-up-code"
    client.get("/sign-in/set-up-code")
    bodies = []
    for _ in range(accounts.SIGN_IN_LOCK_AFTER):
        token = client.csrf_token("/sign-in/set-up-code")
        bodies.append(_text(client.post("/sign-in/set-up-code", data={"csrf_token": token, "code": "000000"},
                                        environ_base=address())))
    assert "tried too many times" in bodies[-1]


def test_flask_users_unlock(app, client, make_user, session):
    user = make_user("crs_officer")
    for _ in range(accounts.SIGN_IN_LOCK_AFTER):
        _password(client, OneAddress(), user.email, "not the password at all")
    result = app.test_cli_runner().invoke(args=["users", "unlock", user.email.upper()])
    assert result.exit_code == 0, result.output
    assert _pair(session, user, OneAddress().address) is None
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "sign_in_unlocked")).actor_kind == "cli"
