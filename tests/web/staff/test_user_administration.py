"""User administration (issue 22): the administrator (the ninth role) creates and disables accounts,
changes roles, teams and expiry dates of external accounts, resets a second factor and lifts sign-in
locks, each change audited; nobody else may; an expired external account cannot sign in."""

from __future__ import annotations

import re
from datetime import timedelta

from portal_testing import TEST_PASSWORD, CheckingClient
from sqlalchemy import func, select

from portal.auth import accounts
from portal.models import AuditEvent, User
from portal.permissions import ROLE_PERMISSIONS
from portal.procedure import uk_today


def _post(client, path, data=None, form_page=None):
    return client.post(path, data={"csrf_token": client.csrf_token(form_page or path), **(data or {})})


def _events(session, user, action):
    return session.scalars(select(AuditEvent).where(AuditEvent.subject_id == user.id,
                                                    AuditEvent.action == action)).all()


def test_the_administrator_is_the_ninth_role_and_sees_no_case():
    assert len(ROLE_PERMISSIONS) == 9
    assert ROLE_PERMISSIONS["administrator"] == {"account", "staff.area", "users.administer"}


def test_an_administrator_creates_changes_and_disables_accounts(client, session, make_user, make_team):
    admin = make_user("administrator")
    team = make_team()
    client.sign_in(admin)
    assert "Accounts" in client.get("/staff/").get_data(as_text=True)
    response = _post(client, "/staff/users/new", {"email": "new.manager@example.gov.uk", "name": "New Manager",
                                                  "password": "a long first password", "roles": "operational_manager",
                                                  "team": str(team.id)})
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    created = session.scalar(select(User).where(User.email == "new.manager@example.gov.uk"))
    assert created.role_names == {"operational_manager"} and created.team_id == team.id
    assert _events(session, created, "user_created")[0].actor_id == admin.id
    listing = client.get("/staff/users").get_data(as_text=True)
    assert "New Manager" in listing and "Operational manager" in listing
    # Roles and team.
    token = created.session_token
    response = _post(client, f"/staff/users/{created.id}/account", {"roles": ["crs_officer"], "team": ""})
    assert response.status_code == 303, re.findall(r'Error:</span>(.*?)</', response.get_data(as_text=True), re.S)
    session.refresh(created)
    assert created.role_names == {"crs_officer"} and created.team_id is None and created.session_token != token
    assert _events(session, created, "roles_changed") and _events(session, created, "team_changed")
    # An expiry date only for an external account: an error on the form, not a 500.
    body = _post(client, f"/staff/users/{created.id}/account",
                 {"roles": ["crs_officer"], "expires_on": uk_today().isoformat()}).get_data(as_text=True)
    assert "Only an external account" in body
    # Disable: it cannot sign in; enable again.
    page = f"/staff/users/{created.id}"
    assert _post(client, f"{page}/disable", form_page=page).status_code == 303
    session.refresh(created)
    assert not created.active and _events(session, created, "user_disabled")
    assert accounts.check_password(created.email, "a long first password", "192.0.2.1") is None
    _post(client, f"/staff/users/{created.id}/enable", form_page=f"/staff/users/{created.id}")
    session.refresh(created)
    assert created.active and _events(session, created, "user_enabled")
    page = client.get(f"/staff/users/{created.id}").get_data(as_text=True)
    history = page[page.index('id="account-history"'):]
    assert "user disabled" in history and "roles changed" in history, history[:2000]  # the account's own history


def test_expiry_second_factor_and_unlock(app, client, session, make_user):
    admin, investigator = make_user("administrator"), make_user("investigator")
    client.sign_in(admin)
    yesterday = (uk_today() - timedelta(days=1)).isoformat()
    response = _post(client, f"/staff/users/{investigator.id}/account",
                     {"roles": ["investigator"], "expires_on": yesterday})
    assert response.status_code == 303
    session.refresh(investigator)
    assert investigator.expires_on.isoformat() == yesterday and _events(session, investigator, "expiry_changed")
    assert accounts.check_password(investigator.email, TEST_PASSWORD, "192.0.2.1") is None  # expired
    # Reset the second factor: the key is forgotten, sessions end.
    _post(client, f"/staff/users/{investigator.id}/reset-second-factor", form_page=f"/staff/users/{investigator.id}")
    session.refresh(investigator)
    assert investigator.totp_secret is None and investigator.totp_confirmed_at is None
    assert _events(session, investigator, "second_factor_reset")
    # Unlock.
    for _ in range(accounts.SIGN_IN_LOCK_AFTER):
        accounts.check_password(admin.email.replace("@", "+x@"), "wrong", "192.0.2.9")
    _post(client, f"/staff/users/{investigator.id}/unlock", form_page=f"/staff/users/{investigator.id}")
    assert _events(session, investigator, "sign_in_unlocked")[0].actor_id == admin.id


def test_nobody_else_may_administer_accounts(app, make_user, session):
    app.test_client_class = CheckingClient
    for role in ("complaints_manager", "crs_officer", "deputy_director"):
        other = app.test_client()
        other.sign_in(make_user(role))
        assert other.get("/staff/users").status_code == 403
        assert other.post("/staff/users/new", data={"csrf_token": other.csrf_token("/staff/")}).status_code == 403
    count = session.scalar(select(func.count()).select_from(User))
    assert count >= 3


def test_an_administrator_cannot_lock_themselves_out(client, session, make_user):
    admin = make_user("administrator")
    client.sign_in(admin)
    _post(client, f"/staff/users/{admin.id}/disable", form_page=f"/staff/users/{admin.id}")
    session.refresh(admin)
    assert admin.active
    body = _post(client, f"/staff/users/{admin.id}/account", {"roles": ["crs_officer"]}).get_data(as_text=True)
    assert "cannot take the administrator role from yourself" in body


def test_demo_accounts_never_share_an_authenticator_key(app):
    from portal.demo.advocacy import DEMO_ADVOCATES
    from portal.demo.complaints import DEMO_USERS
    from portal.demo.stages import STAGE_USERS

    keys = [user[-1] for user in (*DEMO_USERS, *DEMO_ADVOCATES, *STAGE_USERS)]
    assert len(keys) == len(set(keys)), "two demo accounts share an authenticator key"
