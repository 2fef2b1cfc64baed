"""The strict Content Security Policy holds across a whole htmx journey, not only on first load.

htmx's boosted forms swap the body without loading a new document, so a violation caused by a swap
(htmx's settle step copying a ``style`` attribute, its indicator ``<style>``, a component setting an
inline style) happens after the checks a page load would run. ``conftest.py`` listens for
``securitypolicyviolation`` in every document (an init script) and reports each one to the test as it
happens; ``journey_steps.at`` checks after every step.
"""

from __future__ import annotations

from journey_steps import assert_no_csp_violations, at

_INLINE_STYLE_OR_STYLE_ELEMENT = "document.querySelectorAll('style, [style]').length"


def test_a_violation_is_caught_after_an_htmx_swap_and_a_later_navigation(page):
    """The harness itself: a violation on one page is not forgotten when the next page loads."""
    page.goto(f"{page.base}/tell-us/start")
    page.locator("button.govuk-button").first.click()  # htmx swaps in the error page
    page.locator(".govuk-error-summary").wait_for()
    page.evaluate("document.querySelector('h1, legend').setAttribute('style', 'color: red')")  # blocked
    for _attempt in range(50):  # not wait_for_function: its polling evaluates a string, refused by the CSP
        if page.evaluate("window.__cspViolations.length"):
            break
        page.wait_for_timeout(100)
    page.goto(f"{page.base}/privacy")  # a new document: its own window array is empty
    assert page.evaluate("window.__cspViolations") == []
    try:
        assert_no_csp_violations(page)
    except AssertionError as caught:
        assert "style-src" in str(caught)
    else:  # pragma: no cover - shows the fault
        raise AssertionError("a CSP violation before a navigation went unnoticed")
    page.problems.csp_violations.clear()
    page.problems.console_errors.clear()


def test_a_boosted_journey_adds_no_inline_style(page):
    page.goto(f"{page.base}/tell-us/start?lang=ar")
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    page.locator("main form:not(.app-timeout-dialog__form) button.govuk-button").click()  # an error, swapped in by htmx
    page.locator(".govuk-error-summary").wait_for()
    assert_no_csp_violations(page)
    page.locator("input[name=kind][value=complaint]").check()
    page.locator("main form:not(.app-timeout-dialog__form) button.govuk-button").click()
    at(page, "/tell-us/who")
    page.locator("input[name=who_is_telling][value=young_person]").check()
    page.locator("main form:not(.app-timeout-dialog__form) button.govuk-button").click()
    at(page, "/tell-us/name")
    page.goto(f"{page.base}/tell-us/details")
    page.locator("textarea").fill("أ" * 5001)  # the character count, over its limit
    # GOV.UK's JavaScript picks the Arabic plural form ("one") from the texts we pass it.
    assert page.locator(".govuk-character-count__status").inner_text() == "لديك حرف واحد زائد"
    page.locator("main form:not(.app-timeout-dialog__form) button.govuk-button").click()
    page.locator(".govuk-error-summary").wait_for()
    page.go_back()  # htmx restores history from the server (no cache): another swap
    page.wait_for_load_state()
    assert page.evaluate(_INLINE_STYLE_OR_STYLE_ELEMENT) == 0
    assert_no_csp_violations(page)
