"""The answer on the young person's phone, and the printable letter, in Chromium at 360 px.

The live server's demo data answers some complaints with a letter; a test gives one of them a tracking
code it knows (straight into the server's database, as only the hash is stored).
"""

from __future__ import annotations

import os
import uuid

import pytest
from browser_checks import assert_accessible, browser_database_url
from journey_steps import at

from portal.config import INSTANCE

SHOTS = INSTANCE / "screenshots"


def _answered() -> tuple[str, uuid.UUID]:
    """(reference, case id) of a demo complaint answered with a letter."""
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(browser_database_url())
    try:
        with engine.connect() as connection:
            row = connection.execute(text(
                "SELECT s.reference, c.id FROM letters l JOIN cases c ON c.id = l.case_id "
                "JOIN submissions s ON s.id = c.submission_id ORDER BY s.reference")).first()
    finally:
        engine.dispose()
    if row is None:
        pytest.skip("the demo data has no answered complaint today")
    return row[0], uuid.UUID(str(row[1]))


def _give_code(reference: str) -> str:
    from sqlalchemy import text

    from portal import codes
    from portal.config import TestConfig
    from portal.db import make_engine

    code = codes.new_tracking_code()
    engine = make_engine(browser_database_url())
    try:
        with engine.begin() as connection:
            connection.execute(text("UPDATE submissions SET tracking_code_hash = :h, pending_code_hash = NULL "
                                    "WHERE reference = :r"),
                               {"h": codes.hash_tracking_code(code, TestConfig.TRACKING_CODE_KEY), "r": reference})
    finally:
        engine.dispose()
    return code


def _fits_the_phone(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"


def _shot(page, name: str) -> None:
    if os.environ.get("SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_letter_reads_on_a_phone_in_each_language(page, lang):
    reference, _case_id = _answered()
    code = _give_code(reference)
    page.goto(f"{page.base}/check?lang={lang}")
    page.locator("#reference").fill(reference)
    page.locator("#code").fill(code)
    page.locator("button.govuk-button").first.click()
    at(page, "/check/status")
    letter = page.locator(".app-letter").first
    letter.wait_for()
    assert letter.get_attribute("dir") == "auto"
    assert letter.locator("p").count() >= 2 and letter.locator("ul li").count() == 2
    assert letter.locator("strong").count() == 1
    _fits_the_phone(page)
    assert_accessible(page)
    _shot(page, f"tracking-letter-{lang}")

    # Adding information is confirmed once, in the page's language, also after htmx's boosted post.
    page.goto(f"{page.base}/check/add")
    page.locator("textarea").fill("شكرًا، لكن ما زلت أنتظر الاجتماع.")
    page.locator("form button.govuk-button").click()
    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    assert ("We've added that" in banner.inner_text()) == (lang == "en")
    _fits_the_phone(page)
    assert_accessible(page)
    _shot(page, f"tracking-added-{lang}")
    page.reload()
    assert page.locator(".govuk-notification-banner--success").count() == 0


def test_adding_information_is_confirmed_without_javascript(page_without_js):
    reference, _case_id = _answered()
    code = _give_code(reference)
    page = page_without_js
    page.goto(f"{page.base}/check")
    page.locator("#reference").fill(reference)
    page.locator("#code").fill(code)
    page.locator("button.govuk-button").first.click()
    at(page, "/check/status")
    assert page.locator(".app-letter").count() >= 1
    page.goto(f"{page.base}/check/add")
    page.locator("textarea").fill("One more thing.")
    page.locator("form button.govuk-button").click()
    page.locator(".govuk-notification-banner--success").wait_for()
    assert "We've added that" in page.locator(".govuk-notification-banner--success").inner_text()
