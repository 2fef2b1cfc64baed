"""Every account that can be created can sign in: `flask create-user` checks an address the way the
sign-in form does."""

from __future__ import annotations

import pytest
from portal_testing import TEST_PASSWORD

from portal.auth import accounts

ADDRESSES = [
    "name@example.gov.uk",
    "First.Last@Council.GOV.UK",
    "a@b",
    "name@localhost",
    "name@@example.gov.uk",
    "name.@example.gov.uk",
    "name@exa mple.gov.uk",
    "name@-example.gov.uk",
    "@example.gov.uk",
    "name@",
    "ünïcode@example.gov.uk",
]


def _sign_in_form_accepts(app, address: str) -> bool:
    from portal.auth.forms import SignInForm

    with app.test_request_context(method="POST", data={"email": address, "password": "x"}):
        form = SignInForm(meta={"csrf": False})
        form.validate()
        return "email" not in form.errors


@pytest.mark.parametrize("address", ADDRESSES)
def test_create_user_accepts_exactly_what_the_sign_in_form_accepts(app, session, address):
    accepted = _sign_in_form_accepts(app, address)
    try:
        accounts.create_user(email=address, name="Someone", roles={"crs_officer"}, password=TEST_PASSWORD)
    except accounts.AccountError:
        created = False
    else:
        created = True
    assert created is accepted


def test_the_command_explains_a_refused_address(app, session):
    result = app.test_cli_runner().invoke(args=["create-user", "--email", "a@b", "--name", "Someone", "--role",
                                                "crs_officer"], input=f"{TEST_PASSWORD}\n{TEST_PASSWORD}\n")
    assert result.exit_code != 0 and "sign-in form accepts" in result.output
