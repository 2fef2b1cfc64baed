"""The staff area in a browser: accessible at phone width, filters with and without JavaScript."""

from __future__ import annotations

import re

import pytest
from browser_checks import as_signed_in, assert_accessible, own_address, signed_in_state, stage1_case

from portal.demo.common import DEMO_USERS


@pytest.fixture(scope="module")
def officer_state(chromium, live_server, tmp_path_factory):
    """Sign the demo triage officer in once (a code cannot be used twice) and keep the cookies."""
    email, _name, _roles, _team, secret = DEMO_USERS[0]
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("officer"), email, secret)


@pytest.fixture
def staff_page(page, officer_state):
    return as_signed_in(page, officer_state)


def test_dashboard_is_accessible(staff_page):
    staff_page.goto(f"{staff_page.base}/staff/")
    assert staff_page.locator("h1").inner_text() == "Staff home"
    assert staff_page.locator("#overdue").count() == 1
    assert_accessible(staff_page)


def test_queue_filters_with_htmx_and_stays_accessible(staff_page):
    staff_page.goto(f"{staff_page.base}/staff/submissions")
    assert_accessible(staff_page)
    cards_before = staff_page.locator("#queue-results .govuk-summary-card").count()
    assert cards_before > 0
    staff_page.select_option("#filter-language", "ar")
    staff_page.wait_for_url(re.compile(r".*language=ar.*"))
    for _attempt in range(100):  # not wait_for_function: its polling evaluates a string, refused by the CSP
        if staff_page.locator("#queue-results .govuk-summary-card").count() < cards_before:
            break
        staff_page.wait_for_timeout(100)
    languages = staff_page.locator("#queue-results [data-language]").evaluate_all(
        "cells => cells.map(cell => cell.dataset.language)")
    assert languages and set(languages) == {"ar"}
    assert_accessible(staff_page)


def test_submission_page_is_accessible_and_claimable(staff_page):
    staff_page.goto(f"{staff_page.base}/staff/submissions")
    staff_page.locator("#queue-results .govuk-summary-card a").first.click()
    staff_page.wait_for_url(re.compile(r".*/staff/submissions/[0-9a-f-]{36}$"))
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Claim for triage").click()
    staff_page.get_by_role("button", name="Record the triage decision").wait_for()
    assert_accessible(staff_page)


def test_case_page_and_response_form_are_accessible(staff_page):
    # Whatever today's date does to the home page's deadline lists, a stage 1 case is opened directly.
    staff_page.goto(f"{staff_page.base}/staff/cases/{stage1_case()}")
    assert_accessible(staff_page)
    staff_page.get_by_role("link", name="Record the stage 1 response").click()
    staff_page.wait_for_url(re.compile(r".*/respond$"))
    assert_accessible(staff_page)
    staff_page.get_by_role("button", name="Record the response").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    assert_accessible(staff_page)


def test_queue_filters_work_without_javascript(page_without_js, officer_state):
    import json

    page = page_without_js
    page.context.add_cookies(json.loads(open(officer_state).read())["cookies"])
    page.goto(f"{page.base}/staff/submissions")
    page.select_option("#filter-kind", "complaint")
    page.get_by_role("button", name="Apply filters").click()
    page.wait_for_url(re.compile(r".*kind=complaint.*"))
    kinds = page.locator("#queue-results [data-kind]").all_inner_texts()
    assert kinds and set(kinds) == {"Complaint"}


def test_case_page_shows_the_letter_and_the_young_persons_words(staff_page):
    """The demo officer follows every case: the letter, the words the young person added (from the
    tracking tests, when they ran first), the print view with only the letter when printed."""
    from browser_checks import answered_case, fits_the_phone, screenshot

    _reference, case_id = answered_case()
    staff_page.goto(f"{staff_page.base}/staff/cases/{case_id}")
    staff_page.locator("#stage1-letter .app-letter").wait_for()
    fits_the_phone(staff_page)
    assert_accessible(staff_page)
    screenshot(staff_page, "staff-case-letter")

    staff_page.get_by_role("link", name="Print the letter").click()
    staff_page.wait_for_url(re.compile(r".*/letter$"))
    assert_accessible(staff_page)
    assert staff_page.locator(".app-header").is_visible()
    staff_page.emulate_media(media="print")
    assert staff_page.locator(".app-letter").is_visible()
    for hidden in (".app-header", ".govuk-service-navigation", ".govuk-footer", ".govuk-back-link", ".app-no-print"):
        assert staff_page.locator(hidden).first.is_hidden(), f"{hidden} is printed"
    screenshot(staff_page, "staff-letter-print")
    staff_page.emulate_media(media="screen")


def test_a_complaint_is_answered_with_a_letter_the_young_person_reads_on_the_phone(page, chromium, live_server,
                                                                                  officer_state):
    """The whole round, at 360 px, axe-core on every page and no CSP report: a young person sends a
    complaint; staff triage it and answer it with a letter; the young person reads the letter on the
    tracking page, in English and in Arabic."""
    import json

    from journey_steps import assert_no_csp_violations, open_tracking, walk

    reference = walk(page, "complaint", axe=True)
    code = "-".join(group.inner_text() for group in page.locator(".app-tracking-code__group").all())

    staff = chromium.new_context(viewport={"width": 360, "height": 740}, **own_address())
    staff.add_cookies(json.loads(open(officer_state).read())["cookies"])
    officer = staff.new_page()
    officer.goto(f"{live_server}/staff/find?reference={reference}")
    officer.wait_for_url(re.compile(r".*/staff/submissions/[0-9a-f-]{36}$"))
    officer.get_by_role("button", name="Claim for triage").click()
    officer.get_by_role("button", name="Record the triage decision").wait_for()
    assert_accessible(officer)
    officer.locator("input[name=route][value=statutory]").check()
    officer.locator("textarea[name=reason]").fill("A complaint about contact with family.")
    officer.locator("select[name=team]").select_option(label="Referral Assessment and Intervention")
    officer.locator("#responding-manager option", has_text="Chris Doyle").wait_for(state="attached")
    officer.locator("input[name=categories]").first.check()
    officer.locator("select[name=main_category]").select_option(index=1)
    officer.locator("textarea[name=points]").fill("Contact with my brother stopped without a reason")
    officer.locator("input[name=matter_happened_on]").fill("2026-10-01")  # reg 9: inside the year
    officer.locator("select[name=responding_manager]").select_option(
        label=officer.locator("#responding-manager option", has_text="Chris Doyle").inner_text().strip())
    officer.locator("input[name=advocacy_given][value=none]").check()
    officer.get_by_role("button", name="Record the triage decision").click()
    officer.wait_for_url(re.compile(r".*/staff/cases/[0-9a-f-]{36}$"))
    assert_accessible(officer)
    officer.get_by_role("link", name="Record the stage 1 response").click()
    officer.wait_for_url(re.compile(r".*/respond$"))
    officer.locator("input[name^='finding-'][value=upheld]").check()
    officer.locator("input[name=outcome][value=upheld]").check()
    officer.locator("input[name=learning][value=no]").check()
    officer.locator("textarea[name=letter]").fill(
        "Dear Selam,\n\nThank you for telling us. You were right: **contact should not have stopped**.\n\n"
        "- Your visits start again next week\n- Your social worker will call you")
    officer.get_by_role("button", name="Record the response").click()
    officer.wait_for_url(re.compile(r".*/staff/cases/[0-9a-f-]{36}$"))
    assert officer.locator(".app-letter").count() == 1
    staff.close()

    for lang in ("en", "ar"):
        page.goto(f"{page.base}/check/sign-out")
        open_tracking(page, reference, code, lang)
        letter = page.locator(".app-letter").first
        letter.wait_for()
        assert "contact should not have stopped" in letter.inner_text()
        assert letter.locator("li").count() == 2 and letter.get_attribute("dir") == "auto"
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        assert_accessible(page)
        assert_no_csp_violations(page)


def test_recording_language_support_and_a_translated_letter(staff_page):
    """The case page's language section, the two forms (an error state included) and the translated
    letter, at phone width and accessible."""
    from browser_checks import answered_case, fits_the_phone, screenshot

    _reference, case_id = answered_case()
    page = staff_page
    page.goto(f"{page.base}/staff/cases/{case_id}")
    page.locator("#language-support").wait_for()
    page.get_by_role("link", name="Record a translation or an interpreter").click()
    page.wait_for_url(re.compile(r".*/language-support$"))
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    page.locator(".govuk-error-summary").wait_for()
    assert_accessible(page)
    page.get_by_label("An interpreter was booked").check()
    page.locator("#language").select_option("ti")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(rf".*/staff/cases/{case_id}(#language-support)?$"))
    assert page.locator("#language-support-records").inner_text().count("Interpreter booked") >= 1
    fits_the_phone(page)
    assert_accessible(page)
    page.get_by_role("link", name="Attach a translated letter").click()
    page.wait_for_url(re.compile(r".*/letter/translation$"))
    page.locator("#language").select_option("ar")
    page.get_by_label("The translated letter").fill("عزيزي سام،\n\nنأسف لما حدث.")
    page.get_by_role("button", name="Attach the translation").click()
    page.wait_for_url(re.compile(rf".*/staff/cases/{case_id}(#stage1-letter)?$"))
    page.locator("#stage1-letter details").first.locator("summary").click()
    assert page.locator('#stage1-letter details .app-letter[lang="ar"][dir="rtl"]').first.is_visible()
    assert_accessible(page)
    screenshot(page, "staff-case-language-support")


@pytest.fixture(scope="module")
def administrator_state(chromium, live_server, tmp_path_factory):
    email, _name, _roles, _team, secret = next(user for user in DEMO_USERS if "administrator" in user[2])
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("administrator"), email, secret)


def test_user_administration_pages_are_accessible(page, administrator_state):
    admin = as_signed_in(page, administrator_state)
    admin.goto(f"{admin.base}/staff/users")
    assert admin.locator("h1").inner_text() == "Accounts"
    assert_accessible(admin)
    admin.locator("#accounts a").first.click()
    admin.wait_for_url(re.compile(r".*/staff/users/[0-9a-f-]{36}$"))
    assert_accessible(admin)
    admin.goto(f"{admin.base}/staff/users/new")
    admin.get_by_role("button", name="Create the account").click()
    admin.locator(".govuk-error-summary").wait_for()
    assert_accessible(admin)


def test_the_stage_1_see_all_lists_are_accessible(staff_page):
    """The full stage 1 deadline lists the staff home links to ("see all"), paginated, at phone width."""
    for which in ("overdue", "due-soon"):
        staff_page.goto(f"{staff_page.base}/staff/stage-1/{which}")
        staff_page.locator("h1").wait_for()
        assert_accessible(staff_page)
