"""Steps of the front-door journeys shared by the browser tests (a plain module: this folder is on sys.path)."""

from __future__ import annotations

import json
import re

from browser_checks import assert_accessible, browser_database_url

ARABIC = "أريد أن أرى أخي الصغير كل أسبوع.\nلم يخبرني أحد لماذا توقفت الزيارات."
TIGRINYA = "ሰራሕተኛ ማሕበራዊ ጉዳይ ኣይደወለለይን። 😢🙏"
KIND_BUTTONS = {
    "complaint": "Make a complaint",
    "wishes_and_feelings": "Tell us how you feel or what you want",
    "advocacy_request": "Ask for an advocate",
}


def stored(reference: str) -> tuple[str, dict]:
    """What the live server stored, read straight from its database."""
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(browser_database_url())
    try:
        with engine.connect() as connection:
            kind, answers = connection.execute(
                text("SELECT kind, answers FROM submissions WHERE reference = :r"), {"r": reference}).one()
    finally:
        engine.dispose()
    return kind, answers if isinstance(answers, dict) else json.loads(answers)


def assert_no_csp_violations(page) -> None:
    """No Content Security Policy violation or CSP console message so far, in this document (the window
    array, which outlives htmx swaps) or in any before it (reported to ``page.problems`` as they happen).
    """
    problems = getattr(page, "problems", None)
    in_page = []
    if getattr(page, "javascript", True) and page.url.startswith(getattr(page, "base", "http://127.0.0.1")):
        in_page = page.evaluate("window.__cspViolations || []")
    reported = problems.csp_violations if problems else []
    console = [text for text in (problems.console_errors if problems else []) if "Content Security Policy" in text]
    assert not (in_page or reported or console), (
        f"Content Security Policy violations on {page.url}: {in_page or reported} {console}")


def continue_(page) -> None:
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def at(page, path: str) -> None:
    page.wait_for_url(re.compile(re.escape(path) + r"$"))
    assert_no_csp_violations(page)  # after every step of a journey, whether htmx swapped it or not


def walk(page, kind: str, *, axe: bool, lang: str = "en") -> str:
    """Start page to the thank-you page; returns the reference shown. Each kind has its own steps."""
    page.goto(f"{page.base}/?lang={lang}")
    if axe:
        assert_accessible(page)
    page.get_by_role("button", name=KIND_BUTTONS[kind]).click()
    at(page, "/tell-us/who")
    assert page.title() == "Who is telling us? – Example County Council"
    if axe:  # an error state, then the fix
        continue_(page)
        page.locator(".govuk-error-summary").wait_for()
        assert page.title() == "Error: Who is telling us? – Example County Council"
        assert_accessible(page)
    page.get_by_label("I am the young person").check()
    continue_(page)
    at(page, "/tell-us/name")
    page.get_by_label("What is your name?").fill("Selam")
    continue_(page)
    at(page, "/tell-us/age")
    page.get_by_label("Or, if you do not know the date, the age in years").fill("15")
    continue_(page)
    at(page, "/tell-us/where")
    page.get_by_label("Living with a foster carer").check()
    continue_(page)
    if kind == "complaint":
        at(page, "/tell-us/details")
        assert page.title() == "What happened? – Example County Council"
        if axe:
            assert_accessible(page)
        page.locator("textarea").fill(ARABIC)
        continue_(page)
        at(page, "/tell-us/hopes")
        page.locator("textarea").fill(TIGRINYA)
        continue_(page)
        at(page, "/tell-us/advocate")
        page.get_by_label("Yes, someone I choose").check()
        page.get_by_label("Their name").fill("Gran")
        page.get_by_label("Who they are to you").fill("my grandmother")
        continue_(page)
    elif kind == "wishes_and_feelings":
        at(page, "/tell-us/wishes")
        assert page.title() == "What do you want people to know? – Example County Council"
        if axe:
            assert_accessible(page)
        page.get_by_label("What do you want people to know?").fill(ARABIC)
        page.get_by_label("Who should know it? (optional)").fill("My social worker")
        continue_(page)
    else:
        at(page, "/tell-us/help")
        assert page.title() == "What would you like an advocate to help with? – Example County Council"
        if axe:
            assert_accessible(page)
        page.locator("textarea").fill(ARABIC)
        continue_(page)
        at(page, "/tell-us/advocate-choice")
        assert page.get_by_label("No, I do not want an advocate").count() == 0
        if axe:
            assert_accessible(page)
        page.get_by_label("An advocate of my choosing").check()
        page.get_by_label("Their name").fill("Gran")
        page.get_by_label("Who they are to you").fill("my grandmother")
        continue_(page)
    contact_to_about_you(page, axe=axe)
    at(page, "/tell-us/check")
    if axe:
        assert_accessible(page)
    assert page.title() == "Check your answers – Example County Council"
    page.get_by_role("button", name="Send").click()
    at(page, "/tell-us/thank-you")
    assert page.title() == "Thank you – Example County Council"
    if axe:
        assert_accessible(page)
    reference = page.locator(".app-reference").inner_text().strip()
    assert len(page.locator(".app-tracking-code__group").all()) == 3
    return reference


# What each kind's own question stores, as walk() answers it.
OWN_ANSWERS = {
    "complaint": {"what_happened": ARABIC, "what_would_help": TIGRINYA, "advocate": "own_choice",
                  "advocate_name": "Gran"},
    "wishes_and_feelings": {"wishes": ARABIC, "who_should_know": "My social worker"},
    "advocacy_request": {"help_wanted": ARABIC, "advocate": "own_choice", "advocate_name": "Gran",
                         "advocate_relationship": "my grandmother"},
}


def contact_to_about_you(page, *, axe: bool = False) -> None:
    """The steps every journey ends with, answered the same way: contact by email (no messages left),
    an interpreter for Tigrinya, nothing about themselves. Leaves the page on its way to the check page."""
    at(page, "/tell-us/contact")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address").fill("selam@example.com")
    continue_(page)
    at(page, "/tell-us/contact-safety")
    page.get_by_label("No").check()
    continue_(page)
    at(page, "/tell-us/interpreter")
    page.get_by_label("Yes").check()
    page.get_by_label("Which language?").fill("Tigrinya")
    continue_(page)
    at(page, "/tell-us/about-you")
    if axe:
        assert_accessible(page)
    continue_(page)


def open_tracking(page, reference: str, code: str, lang: str = "en") -> None:
    """Sign in to the tracking page with a reference and code, in the language given."""
    page.goto(f"{page.base}/check?lang={lang}")
    page.locator("#reference").fill(reference)
    page.locator("#code").fill(code)
    page.locator("main form button.govuk-button").first.click()
    at(page, "/check/status")
