"""Staff sign-in: password (argon2id), second factor, a fresh session, and signing out."""

from __future__ import annotations

import re

from portal_testing import TEST_PASSWORD, current_code


def _post_password(client, email, password):
    token = client.csrf_token("/sign-in")
    return client.post("/sign-in", data={"csrf_token": token, "email": email, "password": password})


def test_passwords_are_stored_with_argon2id(make_user):
    user = make_user("crs_officer")
    assert user.password_hash.startswith("$argon2id$")
    assert TEST_PASSWORD not in user.password_hash


def test_sign_in_with_password_and_code_reaches_staff_home(client, make_user):
    user = make_user("crs_officer")
    response = _post_password(client, user.email, TEST_PASSWORD)
    assert response.headers["Location"] == "/sign-in/code"
    token = client.csrf_token("/sign-in/code")
    response = client.post("/sign-in/code", data={"csrf_token": token, "code": current_code(user)})
    assert response.headers["Location"] == "/staff/"
    assert client.get("/staff/").status_code == 200


def test_wrong_password_gives_one_message_for_either_mistake(client, make_user):
    user = make_user("crs_officer")
    wrong_password = _post_password(client, user.email, "not the password at all").get_data(as_text=True)
    unknown_email = _post_password(client, "nobody@example.gov.uk", TEST_PASSWORD).get_data(as_text=True)
    message = "The email address or password is not right"
    assert message in wrong_password and message in unknown_email
    assert "govuk-error-summary" in wrong_password
    assert 'value="nobody@example.gov.uk"' in unknown_email  # what was typed is kept


def test_missing_fields_say_how_to_fix_them(client):
    token = client.csrf_token("/sign-in")
    body = client.post("/sign-in", data={"csrf_token": token, "email": "", "password": ""}).get_data(as_text=True)
    assert "Enter your email address" in body and "Enter your password" in body
    assert "<title>Error: Sign in" in body


def test_code_cannot_be_skipped(client, make_user):
    user = make_user("crs_officer")
    _post_password(client, user.email, TEST_PASSWORD)
    response = client.get("/staff/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")


def test_wrong_code_is_refused_and_a_used_code_cannot_be_replayed(client, make_user, app):
    user = make_user("crs_officer")
    _post_password(client, user.email, TEST_PASSWORD)
    token = client.csrf_token("/sign-in/code")
    code = current_code(user)
    wrong = "000000" if code != "000000" else "111111"
    body = client.post("/sign-in/code", data={"csrf_token": token, "code": wrong}).get_data(as_text=True)
    assert "That code is not right" in body
    client.post("/sign-in/code", data={"csrf_token": token, "code": code})
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    _post_password(client, user.email, TEST_PASSWORD)
    token = client.csrf_token("/sign-in/code")
    body = client.post("/sign-in/code", data={"csrf_token": token, "code": code}).get_data(as_text=True)
    # Refused, and said as it is: the code was right but is spent (not "wrong", which sent people
    # checking their app's clock); the next code works.
    assert "That code has already been used. Wait for your app to show a new code" in body
    assert "That code is not right" not in body
    assert client.get("/staff/").status_code == 302


def test_first_sign_in_sets_up_the_authenticator(client, make_user, session):
    import pyotp

    user = make_user("advocate", second_factor=False)
    response = _post_password(client, user.email, TEST_PASSWORD)
    assert response.headers["Location"] == "/sign-in/set-up-code"
    body = client.get("/sign-in/set-up-code").get_data(as_text=True)
    assert "<svg" in body
    secret = re.search(r'<code class="app-tracking-code">([A-Z2-7]+)</code>', body).group(1)
    token = client.csrf_token("/sign-in/set-up-code")
    response = client.post("/sign-in/set-up-code", data={"csrf_token": token, "code": pyotp.TOTP(secret).now()})
    assert response.headers["Location"] == "/advocacy/"
    session.refresh(user)
    assert user.totp_confirmed_at is not None


def test_sign_in_starts_a_new_session(client, make_user):
    user = make_user("crs_officer")
    client.get("/?lang=ar")
    with client.session_transaction() as session:
        session["planted"] = "by someone else"
    client.sign_in(user)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session.permanent


def test_sign_out_ends_the_session(client, make_user):
    user = make_user("crs_officer")
    client.sign_in(user)
    response = client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    assert response.headers["Location"] == "/sign-in"
    assert client.get("/staff/").status_code == 302


def test_sign_out_needs_the_csrf_token(client, make_user):
    user = make_user("crs_officer")
    client.sign_in(user)
    assert client.post("/sign-out").status_code == 400
    assert client.get("/staff/").status_code == 200


def test_changing_the_session_token_signs_out_everywhere(client, make_user, session):
    user = make_user("crs_officer")
    client.sign_in(user)
    user.session_token = "rotated"
    session.commit()
    assert client.get("/staff/").status_code == 302


def test_next_page_is_kept_but_never_an_open_redirect(client, make_user):
    user = make_user("crs_officer")
    token = client.csrf_token("/sign-in")
    client.post("/sign-in?next=//evil.example/", data={"csrf_token": token, "email": user.email,
                                                        "password": TEST_PASSWORD})
    token = client.csrf_token("/sign-in/code")
    response = client.post("/sign-in/code", data={"csrf_token": token, "code": current_code(user)})
    assert response.headers["Location"] == "/staff/"


def test_sign_in_attempts_are_rate_limited(client, make_user, app):
    token = client.csrf_token("/sign-in")
    form = {"csrf_token": token, "email": "x@example.gov.uk", "password": "wrong"}
    statuses = [client.post("/sign-in", data=form).status_code for _ in range(25)]
    assert 429 in statuses
