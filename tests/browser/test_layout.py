"""The base layout in a real browser: accessible, right to left in Arabic, clean under the CSP."""

from __future__ import annotations

import pyotp
import pytest
from browser_checks import assert_accessible
from playwright.sync_api import expect
from serve import BROWSER_USERS

# The pages issue 2 promises: the start page and the sign-in page, in English and Arabic.
PAGES = ["/", "/sign-in", "/using-this-site-safely"]


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", PAGES)
def test_page_passes_axe_at_phone_width(page, path, lang):
    page.goto(f"{page.base}{path}?lang={lang}")
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert_accessible(page)


def test_arabic_is_laid_out_right_to_left(page):
    page.goto(f"{page.base}/?lang=ar")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "rtl"
    heading = page.locator("h1").bounding_box()
    width = page.viewport_size["width"]
    # The heading starts at the right edge of the page (within the page margin), not the left.
    assert width - (heading["x"] + heading["width"]) < 30
    # The right-to-left stylesheet is the one in use: the safety panel's rule is on its right.
    borders = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.app-safety-panel'));"
        " return [parseFloat(s.borderRightWidth), parseFloat(s.borderLeftWidth)]; })()"
    )
    assert borders[0] > 0 and borders[1] == 0


def test_english_is_laid_out_left_to_right(page):
    page.goto(f"{page.base}/")
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"
    assert page.locator("h1").bounding_box()["x"] < 30


def test_htmx_keeps_nothing_in_browser_storage(page):
    page.goto(f"{page.base}/")
    page.goto(f"{page.base}/privacy")
    assert page.evaluate("window.localStorage.length") == 0
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("htmx.config.historyCacheSize") == 0


def test_exit_this_page_clears_the_session_and_leaves(page):
    # The neutral site is off this machine's network; catch the navigation instead of loading it.
    page.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="neutral"))
    page.goto(f"{page.base}/?lang=ar")
    page.locator(".govuk-exit-this-page__button").click()
    page.wait_for_url("https://www.bbc.co.uk/**")
    page.goto(f"{page.base}/")
    # The language choice went with the rest of the session.
    assert page.evaluate("document.documentElement.lang") == "en-GB"


def test_shift_three_times_exits(page):
    page.context.route("https://www.bbc.co.uk/**", lambda route: route.fulfill(status=200, body="neutral"))
    page.goto(f"{page.base}/")
    page.locator("h1").click()  # the page has focus, as it would under a person's hand
    with page.expect_request(lambda request: request.url.endswith("/exit")):
        for _ in range(3):
            page.keyboard.press("Shift")


def test_pages_work_without_javascript(page_without_js):
    page = page_without_js
    page.goto(f"{page.base}/?lang=ar")
    assert page.locator("h1").is_visible()
    assert page.evaluate("document.body.classList.contains('js-enabled')") is False
    page.locator("a.govuk-exit-this-page__button").is_visible()


def test_staff_sign_in_journey(page):
    email, _role, secret = BROWSER_USERS[0]
    page.goto(f"{page.base}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill("browser test password")
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/sign-in/code")
    assert_accessible(page)
    page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/staff/")
    assert page.locator("h1").inner_text() == "Staff home"
    assert_accessible(page)


def test_sign_in_errors_are_accessible(page):
    page.goto(f"{page.base}/sign-in")
    page.get_by_role("button", name="Continue").click()
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    # GOV.UK's error summary takes focus (once its module has started) so a screen reader hears the
    # problem first.
    # (Not wait_for_function: when it must poll it compiles its string in the page, which the CSP refuses.)
    expect(page.locator(".govuk-error-summary")).to_be_focused(timeout=5000)
    assert_accessible(page)
