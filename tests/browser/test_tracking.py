"""Checking on something sent, in Chromium at 360x740: JavaScript on and off, axe on every page."""

from __future__ import annotations

import re

import pytest
from browser_checks import assert_accessible
from journey_steps import at, stored, walk


def _code(page) -> str:
    return "-".join(group.inner_text() for group in page.locator(".app-tracking-code__group").all())


def _track(page, *, axe: bool) -> None:
    reference = walk(page, "complaint", axe=False)
    code = _code(page)
    assert re.fullmatch(r"\d{4}(-\d{4}){2}", code)  # 12 digits in three groups (decision 0009)
    page.get_by_role("link", name="Check on something you sent").click()
    at(page, "/check")
    if axe:
        assert_accessible(page)
    page.get_by_label("Reference").fill(reference)
    page.get_by_label("Code").fill("ABCD-2345-EFGH-6789")
    page.get_by_role("button", name="Continue").click()
    page.locator(".govuk-error-summary").wait_for()
    if axe:
        assert_accessible(page)
    page.get_by_label("Code").fill(code.lower())
    page.get_by_role("button", name="Continue").click()
    at(page, "/check/status")
    assert page.locator("h1").inner_text() == "We have received it"
    if axe:
        assert_accessible(page)
    page.get_by_role("link", name="Add more information").click()
    at(page, "/check/add")
    if axe:
        assert_accessible(page)
    page.locator("textarea").fill("ما زلت أنتظر 🙏")
    page.get_by_role("button", name="Send").click()
    page.wait_for_url(re.compile(r"/check/status(#messages)?$"))  # htmx drops the fragment
    assert "ما زلت أنتظر 🙏" in page.locator(".app-messages").inner_text()
    page.get_by_role("link", name="Withdraw what I sent").click()
    at(page, "/check/withdraw")
    if axe:
        assert_accessible(page)
    page.get_by_role("button", name="Yes, withdraw it").click()
    at(page, "/check/status")
    assert page.locator("h1").inner_text() == "You withdrew this"
    page.get_by_role("link", name="Sign out of this page").first.click()
    page.goto(f"{page.base}/check/status")
    at(page, "/check")
    page.goto(f"{page.base}/check/lost-code")
    if axe:
        assert_accessible(page)
    page.get_by_label("Your reference").fill(reference)
    page.get_by_role("button", name="Continue").click()
    at(page, "/check/new-code")
    if axe:
        assert_accessible(page)
    kind, answers = stored(reference)
    assert kind == "complaint"


def test_tracking_with_javascript(page):
    _track(page, axe=True)


def test_tracking_without_javascript(page_without_js):
    _track(page_without_js, axe=False)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_tracking_pages_pass_axe_in_each_language(page, lang):
    page.goto(f"{page.base}/check?lang={lang}")
    assert_accessible(page)
    page.locator("button.govuk-button").first.click()
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page)
    page.goto(f"{page.base}/check/lost-code")
    assert_accessible(page)
