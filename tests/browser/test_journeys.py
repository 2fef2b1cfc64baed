"""The front door in Chromium at 360x740: each journey end to end, JavaScript on and off, axe on every
page (errors included, English and Arabic), and a keyboard-only complaint."""

from __future__ import annotations

import pytest
from browser_checks import assert_accessible
from journey_steps import KIND_BUTTONS, OWN_ANSWERS, at, continue_, stored, walk
from playwright.sync_api import expect


@pytest.mark.parametrize("kind", list(KIND_BUTTONS))
def test_journey_with_javascript(page, kind):
    reference = walk(page, kind, axe=True)
    stored_kind, answers = stored(reference)
    assert stored_kind == kind
    assert {key: answers.get(key) for key in OWN_ANSWERS[kind]} == OWN_ANSWERS[kind]
    assert answers["interpreter_language"] == "Tigrinya"
    assert page.evaluate("window.localStorage.length") == 0


@pytest.mark.parametrize("kind", list(KIND_BUTTONS))
def test_journey_without_javascript(page_without_js, kind):
    """Each kind's own journey, JavaScript off: every follow-up question visible, posts and redirects."""
    page = page_without_js
    reference = walk(page, kind, axe=False)
    stored_kind, answers = stored(reference)
    assert stored_kind == kind
    assert {key: answers.get(key) for key in OWN_ANSWERS[kind]} == OWN_ANSWERS[kind]
    # Without JavaScript the time-out warning never opens.
    assert not page.locator("#timeout-warning").is_visible()


def test_errors_show_inline_with_javascript_and_take_focus(page):
    page.goto(f"{page.base}/tell-us/start")
    page.get_by_label("Make a complaint").check()
    continue_(page)
    at(page, "/tell-us/who")
    continue_(page)
    summary = page.locator(".govuk-error-summary")
    summary.wait_for()
    expect(summary).to_be_focused()  # not wait_for_function: its polling evaluates a string, refused by the CSP
    assert page.locator(".govuk-error-message").count() == 1
    assert page.title() == "Error: Who is telling us? – Example County Council"


def test_character_count_counts_and_keeps_text_after_an_error(page):
    page.goto(f"{page.base}/tell-us/start")
    page.get_by_label("Make a complaint").check()
    continue_(page)
    page.get_by_label("I am the young person").check()
    continue_(page)
    page.goto(f"{page.base}/tell-us/details")
    page.locator("textarea").fill("a" * 5001)
    assert "1 character too many" in page.locator(".govuk-character-count__status").inner_text()
    continue_(page)
    page.locator(".govuk-error-summary").wait_for()
    assert len(page.locator("textarea").input_value()) == 5001
    assert_accessible(page)


def test_conditional_questions_appear_inline(page):
    page.goto(f"{page.base}/tell-us/start")
    page.get_by_label("Make a complaint").check()
    continue_(page)
    at(page, "/tell-us/who")
    page.goto(f"{page.base}/tell-us/contact")
    assert not page.get_by_label("Email address").is_visible()
    page.get_by_label("Email", exact=True).check()
    assert page.get_by_label("Email address").is_visible()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_journey_pages_pass_axe_in_each_language(page, lang):
    page.goto(f"{page.base}/tell-us/start?lang={lang}")
    assert_accessible(page)
    page.locator("button.govuk-button").first.click()  # an error state
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page)
    page.locator("input[name=kind]").first.check()
    page.locator("button.govuk-button").first.click()
    at(page, "/tell-us/who")
    for slug in ["who", "name", "age", "where", "details", "hopes", "advocate", "contact", "interpreter",
                 "about-you", "wishes", "help", "advocate-choice"]:
        page.goto(f"{page.base}/tell-us/{slug}")
        assert_accessible(page)


def test_keyboard_only_complaint(page):
    keyboard = page.keyboard
    page.goto(f"{page.base}/")

    def tab_to(predicate_js: str, limit: int = 60) -> None:
        for _ in range(limit):
            keyboard.press("Tab")
            if page.evaluate(predicate_js):
                return
        raise AssertionError(f"never reached {predicate_js}")

    def focus_text(text: str) -> str:
        return f"document.activeElement && document.activeElement.innerText.trim() === {text!r}"

    def focus_name(name: str) -> str:
        return f"document.activeElement && document.activeElement.name === {name!r}"

    def submit() -> None:
        tab_to(focus_text("Continue"))
        keyboard.press("Enter")
        page.wait_for_load_state()

    tab_to(focus_text("Make a complaint"))
    keyboard.press("Enter")
    at(page, "/tell-us/who")
    tab_to(focus_name("who_is_telling"))
    keyboard.press("Space")
    submit()
    at(page, "/tell-us/name")
    tab_to(focus_name("young_person_name"))
    keyboard.type("Selam")
    submit()
    at(page, "/tell-us/age")
    tab_to(focus_name("age"))
    keyboard.type("15")
    submit()
    at(page, "/tell-us/where")
    tab_to(focus_name("where_they_live"))
    keyboard.press("Space")
    submit()
    at(page, "/tell-us/details")
    tab_to(focus_name("what_happened"))
    keyboard.type("Nobody told me why my contact was cancelled.")
    submit()
    at(page, "/tell-us/hopes")
    submit()
    at(page, "/tell-us/advocate")
    tab_to(focus_name("advocate"))
    keyboard.press("Space")
    submit()
    at(page, "/tell-us/contact")
    tab_to(focus_name("contact_method"))
    for _ in range(5):
        keyboard.press("ArrowDown")  # the last choice: do not contact me
    submit()
    at(page, "/tell-us/interpreter")
    tab_to(focus_name("interpreter_needed"))
    keyboard.press("ArrowDown")
    submit()
    at(page, "/tell-us/about-you")
    submit()
    at(page, "/tell-us/check")
    tab_to(focus_text("Send"), limit=120)
    keyboard.press("Enter")
    at(page, "/tell-us/thank-you")
    reference = page.locator(".app-reference").inner_text().strip()
    kind, answers = stored(reference)
    assert kind == "complaint" and answers["contact_method"] == "none"
    assert answers["what_happened"] == "Nobody told me why my contact was cancelled."
