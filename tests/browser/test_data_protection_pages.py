"""Data protection's staff pages in a browser, each checked with axe: who looked at a case, the subject
access review (with its errors) and what is supplied, and the daily email's switch on "My work"."""

from __future__ import annotations

import re

import pytest
from browser_checks import as_signed_in, assert_accessible, signed_in_state

from portal.demo.common import DEMO_USERS


@pytest.fixture(scope="module")
def manager_state(chromium, live_server, tmp_path_factory):
    email, _name, _roles, _team, secret = DEMO_USERS[1]  # the demo complaints manager
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("manager"), email, secret)


@pytest.fixture
def manager_page(page, manager_state):
    return as_signed_in(page, manager_state)


def _a_case(page):
    page.goto(f"{page.base}/staff/")
    links = page.locator("#overdue a, #due-soon a")
    assert links.count() > 0, "the demo data has a stage 1 case with a deadline"
    links.first.click()
    page.wait_for_url(re.compile(r".*/staff/cases/[0-9a-f-]{36}$"))
    return page.url


def test_who_looked_at_a_case(manager_page):
    _a_case(manager_page)
    manager_page.get_by_role("link", name="Who looked at this case").click()
    manager_page.wait_for_url(re.compile(r".*/staff/who-looked\?case_id=.*"))
    manager_page.locator("#reads").wait_for()  # the manager's own look is there
    assert "Priya Raman" in manager_page.locator("#reads").inner_text()
    assert_accessible(manager_page)


def test_the_subject_access_review_and_what_is_supplied(manager_page):
    _a_case(manager_page)
    manager_page.get_by_role("button", name="Subject access request for the young person").click()
    manager_page.wait_for_url(re.compile(r".*/staff/subject-access/[0-9a-f-]{36}$"))
    assert_accessible(manager_page)
    manager_page.get_by_role("button", name="Save the review").click()
    manager_page.locator(".govuk-error-summary").wait_for()
    assert_accessible(manager_page)
    for radio in manager_page.locator("input[type=radio][value=release]").all():
        radio.check()
    manager_page.get_by_role("button", name="Save the review").click()
    manager_page.wait_for_url(re.compile(r".*/export$"))
    assert manager_page.locator("h1").inner_text() == "What we hold about you"
    assert_accessible(manager_page)


def test_the_daily_email_switch(manager_page):
    manager_page.goto(f"{manager_page.base}/staff/my-work")
    manager_page.get_by_role("button", name="Stop the daily email").click()
    manager_page.get_by_role("button", name="Send me the daily email").wait_for()
    assert_accessible(manager_page)
    manager_page.get_by_role("button", name="Send me the daily email").click()
    manager_page.get_by_role("button", name="Stop the daily email").wait_for()
