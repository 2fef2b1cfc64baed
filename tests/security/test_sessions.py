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


def test_ending_the_last_appointment_today_ends_access_and_every_session_at_once(app, session, make_user,
                                                                                  make_case, make_team):
    """An appointment can be ended today, with effect at once; ending someone's last appointment changes
    their session token, so appointing them again later does not bring an old cookie back."""
    from portal_testing import CheckingClient

    from portal.access import visible_cases
    from portal.casework import appointments
    from portal.procedure import RequestStage2, RespondStage1, StartStage2, uk_today

    officer, investigator, ip = make_user("crs_officer"), make_user("investigator"), make_user("independent_person")
    case = make_case(team=make_team(), events=(RespondStage1(on=uk_today(), outcome="not_upheld"),
                                               RequestStage2(on=uk_today()),
                                               StartStage2(on=uk_today(), method="investigation")))
    from portal.procedure.independence import Declaration

    appointments.appoint_investigation(
        case, investigator=appointments.NewAppointment(investigator, uk_today(), uk_today()),
        independent_person=appointments.NewAppointment(ip, uk_today(), uk_today(),
                                                       declaration=Declaration(False, False, False)),
        actor=officer)
    app.test_client_class = CheckingClient
    browser = app.test_client()
    browser.sign_in(investigator)
    assert browser.get(f"/staff/cases/{case.id}").status_code == 200
    old_cookie = browser.get_cookie("crs_session").value
    token = investigator.session_token
    ending = next(a for a in case.appointments if a.user_id == investigator.id)
    appointments.end_appointment(ending, on=uk_today(), actor=officer)  # today: at once
    session.refresh(investigator)
    assert investigator.session_token != token
    assert session.scalars(visible_cases(investigator)).all() == []
    assert browser.get(f"/staff/cases/{case.id}").status_code in (302, 303)
    # Appointed again: the old cookie stays dead.
    appointments.appoint_investigation(
        case, investigator=appointments.NewAppointment(investigator, uk_today(), uk_today()),
        independent_person=appointments.NewAppointment(ip, uk_today(), uk_today(),
                                                       declaration=Declaration(False, False, False)),
        actor=officer)
    thief = app.test_client()
    thief.set_cookie("crs_session", old_cookie)
    assert thief.get(f"/staff/cases/{case.id}").status_code in (302, 303)
