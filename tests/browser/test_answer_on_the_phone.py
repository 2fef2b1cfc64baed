"""The answer on the young person's phone, and the printable letter, in Chromium at 360 px.

The live server's demo data answers some complaints with a letter; a test gives one of them a tracking
code it knows (straight into the server's database, as only the hash is stored).
"""

from __future__ import annotations

import pytest
from browser_checks import answered_case, assert_accessible, fits_the_phone, give_tracking_code, screenshot
from journey_steps import at, open_tracking


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_letter_reads_on_a_phone_in_each_language(page, lang):
    reference, _case_id = answered_case()
    code = give_tracking_code(reference)
    open_tracking(page, reference, code, lang)
    letter = page.locator(".app-letter").first
    letter.wait_for()
    assert letter.get_attribute("dir") == "auto"
    assert letter.locator("p").count() >= 2 and letter.locator("ul li").count() == 2
    assert letter.locator("strong").count() == 1
    fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, f"tracking-letter-{lang}")

    # Adding information is confirmed once, in the page's language, also after htmx's boosted post.
    page.goto(f"{page.base}/check/add")
    page.locator("textarea").fill("شكرًا، لكن ما زلت أنتظر الاجتماع.")
    page.locator("form button.govuk-button").click()
    banner = page.locator(".govuk-notification-banner--success")
    banner.wait_for()
    assert ("We've added that" in banner.inner_text()) == (lang == "en")
    fits_the_phone(page)
    assert_accessible(page)
    screenshot(page, f"tracking-added-{lang}")
    page.reload()
    assert page.locator(".govuk-notification-banner--success").count() == 0


def test_adding_information_is_confirmed_without_javascript(page_without_js):
    reference, _case_id = answered_case()
    code = give_tracking_code(reference)
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
