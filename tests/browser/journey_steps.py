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


def continue_(page) -> None:
    page.get_by_role("button", name="Continue").click()
    page.wait_for_load_state()


def at(page, path: str) -> None:
    page.wait_for_url(re.compile(re.escape(path) + r"$"))


def walk(page, kind: str, *, axe: bool, lang: str = "en") -> str:
    """Start page to "Sent"; returns the reference shown."""
    page.goto(f"{page.base}/?lang={lang}")
    if axe:
        assert_accessible(page)
    page.get_by_role("button", name=KIND_BUTTONS[kind]).click()
    at(page, "/tell-us/who")
    if axe:  # an error state, then the fix
        continue_(page)
        page.locator(".govuk-error-summary").wait_for()
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
    at(page, "/tell-us/details")
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
    at(page, "/tell-us/check")
    if axe:
        assert_accessible(page)
    assert page.title() == "Check your answers – Children's Rights Service"
    page.get_by_role("button", name="Send").click()
    at(page, "/tell-us/thank-you")
    assert page.title() == "Sent – Children's Rights Service"
    if axe:
        assert_accessible(page)
    reference = page.locator(".app-reference").inner_text().strip()
    assert len(page.locator(".app-tracking-code__group").all()) == 4
    return reference
