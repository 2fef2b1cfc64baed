"""The warning before saved answers are deleted for inactivity (WCAG 2.2.1), in Chromium at 360x740:
it opens before the limit as a modal dialog, passes axe, and "Keep my answers" extends the limit.
The page's clock is Playwright's, so no test waits 25 minutes."""

from __future__ import annotations

import pytest
from browser_checks import assert_accessible
from journey_steps import at, continue_


def _start(page, lang: str = "en") -> None:
    page.clock.install()
    page.goto(f"{page.base}/tell-us/start?lang={lang}")
    page.locator("input[name=kind]").first.check()
    page.locator("button.govuk-button").first.click()  # Continue, in either language
    at(page, "/tell-us/who")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_warning_opens_before_the_limit_and_keep_my_answers_extends_it(page, lang):
    _start(page, lang)
    dialog = page.locator("#timeout-warning")
    assert not dialog.is_visible()
    page.clock.fast_forward("24:00")
    assert not dialog.is_visible()  # 30 minutes, warned 5 minutes before: not yet
    page.clock.fast_forward("01:05")
    dialog.wait_for(state="visible")
    keep = page.locator(".app-timeout-dialog__keep")
    assert page.evaluate("document.activeElement === document.querySelector('.app-timeout-dialog__keep')")
    assert page.evaluate("document.getElementById('timeout-warning').matches(':modal')")
    assert_accessible(page)
    with page.expect_response(lambda r: r.url.endswith("/tell-us/keep") and r.request.method == "POST") as kept:
        keep.click()
    assert kept.value.status == 200  # (reading the body hangs under the installed clock)
    dialog.wait_for(state="hidden")
    assert page.url.endswith("/tell-us/who")  # nothing navigated: whatever was typed is still on the page
    # The limit starts again: the warning comes back 25 minutes after keeping, not before.
    page.clock.fast_forward("20:00")
    assert not dialog.is_visible()
    page.clock.fast_forward("05:05")
    dialog.wait_for(state="visible")


def test_answering_a_question_restarts_the_warnings_clock(page):
    _start(page)
    page.clock.fast_forward("20:00")
    page.get_by_label("I am the young person").check()
    continue_(page)
    at(page, "/tell-us/name")
    page.locator("input[name=young_person_name]").wait_for()
    page.wait_for_timeout(300)  # htmx settles the swap on a short timer; let it run first
    page.clock.fast_forward("20:00")  # 40 minutes after the start, 20 after the last request
    assert not page.locator("#timeout-warning").is_visible()
    page.clock.fast_forward("05:05")
    page.locator("#timeout-warning").wait_for(state="visible")


def test_escape_closes_the_warning_and_focus_goes_back(page):
    _start(page)
    page.get_by_label("I am the young person").focus()
    page.clock.fast_forward("25:05")
    page.locator("#timeout-warning").wait_for(state="visible")
    page.keyboard.press("Escape")
    page.locator("#timeout-warning").wait_for(state="hidden")
