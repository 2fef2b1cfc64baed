"""Every language in a real browser at 360 px: the complaint journey from the start page to the
confirmation, the language menu, axe-core on every public page, right-to-left layout, and the
submission stored with its language.

`make test` walks English, Arabic, Pashto and Tigrinya (two right to left, one Ethiopic script);
`make test-all` (marker ``slow``) walks every shipped language and runs axe-core on every public page
in each. Screenshots of the start page, an error state and the confirmation in Arabic and Pashto are
saved to instance/screenshots/languages/ (git-ignored) on every run: look at them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_checks import SHOTS, assert_accessible, browser_database_url, fits_the_phone
from journey_steps import ARABIC, TIGRINYA, assert_no_csp_violations

from portal.i18n import LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parents[2] / "translations"
LANGUAGE_SHOTS = SHOTS / "languages"
IN_MAKE_TEST = ["en", "ar", "ps", "ti"]
SCREENSHOT_LANGUAGES = {"ar", "ps"}

# What the journey answers on each step, by field name and value, so it reads the same in any language.
ANSWERS: dict[str, list[tuple[str, str, str]]] = {
    "who": [("check", "who_is_telling", "young_person")],
    "name": [("fill", "young_person_name", "Selam")],
    "age": [("fill", "age", "15")],
    "where": [("check", "where_they_live", "foster_care")],
    "details": [("fill", "what_happened", ARABIC)],
    "hopes": [("fill", "what_would_help", TIGRINYA)],
    "advocate": [("check", "advocate", "independent")],
    "contact": [("check", "contact_method", "email"), ("fill", "contact_email", "selam@example.com")],
    "contact-safety": [("check", "may_leave_message", "no")],
    "interpreter": [("check", "interpreter_needed", "yes"), ("fill", "interpreter_language", "Tigrinya")],
    "about-you": [],
}
ORDER = list(ANSWERS) + ["check"]
PUBLIC_PAGES = ["/", "/easy-read", "/language", "/using-this-site-safely", "/accessibility", "/privacy",
                "/interpreters", "/check", "/check/lost-code", "/tell-us/start"]


def shipped(code: str) -> bool:
    return code == "en" or (TRANSLATIONS / code / "LC_MESSAGES" / "messages.mo").exists()


def _need(code: str) -> None:
    if not shipped(code):
        pytest.skip(f"translations/{code}/LC_MESSAGES/messages.mo is not there yet: the {LANGUAGES[code].english_name} "
                    "catalogue has not been added (or `make translations` has not compiled it)")


def _others() -> list[str]:
    return [code for code in LANGUAGES if code not in IN_MAKE_TEST]


def _shot(page, lang: str, name: str) -> None:
    if lang in SCREENSHOT_LANGUAGES:
        LANGUAGE_SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(LANGUAGE_SHOTS / f"{lang}-{name}.png"), full_page=True)


def _in_language(page, lang: str) -> None:
    language = LANGUAGES[lang]
    assert page.evaluate("document.documentElement.lang") == language.tag, page.url
    assert page.evaluate("getComputedStyle(document.documentElement).direction") == language.direction, page.url
    fits_the_phone(page)


def _right_to_left_layout(page) -> None:
    """The heading hugs the right edge, the RTL stylesheet is the one in use."""
    width = page.viewport_size["width"]
    heading = page.locator("h1").first.bounding_box()
    assert width - (heading["x"] + heading["width"]) < 30, "the heading is not at the right edge"
    assert page.locator('link[href*="portal-rtl"]').count() == 1


def _right_of_its_label(page, control: str, label: str) -> None:
    box, text = page.locator(control).first.bounding_box(), page.locator(label).first.bounding_box()
    assert box["x"] > text["x"], f"{control} is not on the right of its label"


def _character_count_right_to_left(page) -> None:
    """The count's message is in the page's language, right-aligned under the box; Exit this page
    stays on the page's start side."""
    message = page.locator(".govuk-character-count__status")
    message.wait_for()
    assert page.evaluate("getComputedStyle(document.querySelector('.govuk-character-count__status')).direction") \
        == "rtl"
    assert not re.search(r"[A-Za-z]{3,}", message.inner_text()), message.inner_text()
    area, status = page.locator("textarea").bounding_box(), message.bounding_box()
    right_edge = area["x"] + area["width"]
    assert abs(right_edge - (status["x"] + status["width"])) < 5, "the count is not under the box's right edge"


def _submit(page) -> None:
    page.locator("main form button.govuk-button").first.click()
    page.wait_for_load_state()
    if page.javascript:
        # htmx sends the form in the background (hx-boost): the load state is reached at once, and the
        # answer swapped in later. Until it is, a check or a fill would touch the page being replaced.
        page.wait_for_function("() => !document.querySelector('.htmx-request')")


def _at(page, slug: str) -> None:
    page.wait_for_url(re.compile(rf".*/tell-us/{re.escape(slug)}$"))
    assert_no_csp_violations(page)


def _stored_language(reference: str) -> str:
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(browser_database_url())
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT language FROM submissions WHERE reference = :r"),
                                      {"r": reference}).scalar_one()
    finally:
        engine.dispose()


def complaint_in(page, lang: str, *, axe: str = "key") -> str:
    """Start page to confirmation in ``lang``; returns the reference. ``axe``: "key" pages or "every"."""
    rtl = LANGUAGES[lang].is_rtl
    page.goto(f"{page.base}/?lang={lang}")
    _in_language(page, lang)
    if rtl:
        _right_to_left_layout(page)
    assert_accessible(page)
    _shot(page, lang, "1-start")
    # The start page lists every language in its own name, script and direction.
    for code in LANGUAGES:
        if shipped(code) and code != lang:
            link = page.locator(f'.app-start-languages a[hreflang="{LANGUAGES[code].tag}"]')
            assert link.inner_text().strip() == LANGUAGES[code].native_name
            assert link.get_attribute("dir") == LANGUAGES[code].direction
    page.locator('button[name="kind"][value="complaint"]').click()
    _at(page, "who")
    # An error state first: the summary, the message on the field, in the reader's language.
    _submit(page)
    page.locator(".govuk-error-summary").wait_for()
    _in_language(page, lang)
    assert_accessible(page)
    if rtl:
        summary = page.locator(".govuk-error-summary").bounding_box()
        title = page.locator(".govuk-error-summary__title").bounding_box()
        assert summary["x"] + summary["width"] - (title["x"] + title["width"]) < 30, "error summary not right-aligned"
        radio = page.locator(".govuk-radios__input").first.bounding_box()
        label = page.locator(".govuk-radios__label").first.bounding_box()
        assert radio["x"] > label["x"], "the radio is not on the right of its label"
    _shot(page, lang, "2-error")
    for index, slug in enumerate(ORDER[:-1]):
        if index:
            _at(page, slug)
            _in_language(page, lang)
            if axe == "every":
                assert_accessible(page)
        if axe == "every" and index and ANSWERS[slug]:
            # The step's error state too (Somali's name page once failed target-size only there).
            step_url = page.url
            _submit(page)
            if page.locator(".govuk-error-summary").count():
                _in_language(page, lang)
                assert_accessible(page)
            # Back to a fresh page of the step to answer on (its conditional reveals set up anew), also
            # where the step may be left empty and the empty answer moved the journey on.
            page.goto(step_url)
        if rtl and slug == "name":
            _right_of_its_label(page, ".govuk-checkboxes__input", ".govuk-checkboxes__label")
        if rtl and slug == "details":
            _character_count_right_to_left(page)
        for action, name, value in ANSWERS[slug]:
            if action == "check":
                page.locator(f'input[name="{name}"][value="{value}"]').check()
            else:
                page.locator(f'[name="{name}"]').fill(value)
        _submit(page)
    _at(page, "check")
    _in_language(page, lang)
    assert_accessible(page)
    _submit(page)
    page.wait_for_url(re.compile(r".*/tell-us/thank-you$"))
    _in_language(page, lang)
    assert_accessible(page)
    if rtl:
        assert page.locator('link[href*="portal-rtl"]').count() == 1  # (the panel's heading is centred)
        # The Latin reference keeps its own direction inside right-to-left text.
        assert page.evaluate("getComputedStyle(document.querySelector('.app-reference')).direction") == "ltr"
        assert page.evaluate("getComputedStyle(document.querySelector('.app-reference')).unicodeBidi") == "isolate"
    _shot(page, lang, "3-confirmation")
    reference = page.locator(".app-reference").inner_text().strip()
    assert re.fullmatch(r"[A-Z0-9]{4}-[A-Z0-9]{4}", reference), reference
    assert _stored_language(reference) == lang, "the submission is stored with the language it was made in"
    return reference


@pytest.mark.parametrize("lang", IN_MAKE_TEST)
def test_complaint_journey_at_phone_width(page, lang):
    _need(lang)
    complaint_in(page, lang)


@pytest.mark.slow
@pytest.mark.parametrize("lang", _others())
def test_complaint_journey_in_every_language(page, lang):
    _need(lang)
    complaint_in(page, lang, axe="every")


@pytest.mark.slow
@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_public_page_passes_axe_in_every_language(page, lang):
    _need(lang)
    page.goto(f"{page.base}/?lang={lang}")
    for path in PUBLIC_PAGES:
        page.goto(f"{page.base}{path}")
        _in_language(page, lang)
        assert_accessible(page)
    for path in ["/check", "/check/lost-code", "/tell-us/start"]:  # their error states
        page.goto(f"{page.base}{path}")
        _submit(page)
        page.locator(".govuk-error-summary").wait_for()
        _in_language(page, lang)
        assert_accessible(page)
    response = page.goto(f"{page.base}/this-page-is-not-here")
    assert response.status == 404
    _in_language(page, lang)
    assert_accessible(page)
    # The browser logs the page's own 404 status as a console error: that one is expected.
    page.problems.console_errors[:] = [text for text in page.problems.console_errors
                                       if "status of 404" not in text]


def test_the_language_page_keeps_the_page_without_javascript(page_without_js):
    page = page_without_js
    page.goto(f"{page.base}/privacy")
    page.locator("#language-link").click()
    page.wait_for_url(re.compile(r".*/language\?next=/privacy$"))
    page.locator('.app-language-list a[hreflang="ar"]').click()
    page.wait_for_url(re.compile(r".*/privacy\?lang=ar$"))
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.goto(f"{page.base}/interpreters")  # the choice persists through the visit
    assert page.evaluate("document.documentElement.dir") == "rtl"
