"""Ending a session ends it: a copy of the cookie taken before signing out, or before a password or
role change, opens nothing afterwards."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.auth import accounts
from portal.models import AuditEvent


def _cookie(client) -> str:
    return client.get_cookie("crs_session").value


def _open_with(client, cookie: str) -> int:
    client.set_cookie("crs_session", cookie)
    return client.get("/staff/").status_code


def test_a_copy_of_the_cookie_stops_working_after_sign_out(client, make_user, session):
    user = make_user("crs_officer")
    client.sign_in(user)
    copied = _cookie(client)
    assert _open_with(client, copied) == 200
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    assert _open_with(client, copied) == 302
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "signed_out")) is not None


@pytest.mark.parametrize(("role", "change", "action", "details"), [
    ("crs_officer", lambda user: accounts.set_password(user, "a brand new long password"), "password_changed", None),
    ("complaints_manager", lambda user: accounts.set_roles(user, {"advocate"}), "roles_changed",
     {"before": ["complaints_manager"], "after": ["advocate"]}),
], ids=["password", "roles"])
def test_a_password_or_role_change_ends_every_session(client, make_user, session, role, change, action, details):
    user = make_user(role)
    client.sign_in(user)
    copied = _cookie(client)
    change(user)
    assert _open_with(client, copied) == 302
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == action))
    assert event is not None and (details is None or event.details == details)


def test_the_commands_change_passwords_and_roles(app, make_user, session):
    user = make_user("crs_officer")
    token = user.session_token
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "set-password", user.email.upper()],
                           input="another long password\nanother long password\n")
    assert result.exit_code == 0, result.output
    session.refresh(user)
    assert user.session_token != token
    token = user.session_token
    result = runner.invoke(args=["users", "set-roles", user.email, "--role", "advocate"])
    assert result.exit_code == 0, result.output
    session.refresh(user)
    assert user.role_names == {"advocate"} and user.session_token != token
