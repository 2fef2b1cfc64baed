"""The enquiries, learning, restrictions and documents pages in a browser at phone width: axe-core (WCAG
2.2 AA) on every new page and its error state, the upload working without JavaScript, and the tracking
page's upload in Arabic."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest
from browser_checks import (
    as_signed_in,
    assert_accessible,
    browser_database_url,
    fits_the_phone,
    give_tracking_code,
    signed_in_state,
)
from journey_steps import open_tracking

OFFICER = ("officer@browser.example", "browser test password", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ")
HTML_AS_PDF = b"<!doctype html><title>x</title><script>alert(1)</script>"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _shot(page, name: str) -> None:
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _ids() -> dict[str, str]:
    """Ids of the demo rows issue 11 made on the live server."""
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(browser_database_url())
    try:
        with engine.connect() as connection:
            def one(sql: str) -> str:
                row = connection.execute(text(sql)).first()
                # The demo data always makes these rows (portal.demo.enquiries_and_learning): none is a failure.
                assert row is not None, f"no demo row for: {sql}"
                value = str(row[0])
                return str(uuid.UUID(value)) if re.fullmatch(r"[0-9a-f-]{32,36}", value) else value

            enquiry = one("SELECT e.id FROM member_enquiries e JOIN member_enquiry_cases c ON c.enquiry_id = e.id")
            case = one("SELECT case_id FROM documents WHERE case_id IS NOT NULL")
            return {
                "enquiry": enquiry, "case": case,
                "reference": one("SELECT s.reference FROM cases c JOIN submissions s ON s.id = c.submission_id "
                                 "JOIN documents d ON d.case_id = c.id"),
                "open_action": one("SELECT id FROM corrective_actions WHERE completed_on IS NULL"),
                "restriction": one("SELECT id FROM contact_restrictions WHERE ended_on IS NULL"),
            }
    finally:
        engine.dispose()


@pytest.fixture(scope="module")
def officer_state(chromium, live_server, tmp_path_factory):
    email, password, secret = OFFICER
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("officer-more"), email, secret, password)


@pytest.fixture
def staff_page(page, officer_state):
    return as_signed_in(page, officer_state)


def _check(page, name: str) -> None:
    _shot(page, name)
    fits_the_phone(page)
    assert_accessible(page)


def test_enquiry_pages_are_accessible_with_their_errors(staff_page):
    ids = _ids()
    base = staff_page.base
    staff_page.goto(f"{base}/staff/enquiries")
    assert staff_page.locator("#enquiries").count() == 1
    _check(staff_page, "enquiries-list")
    staff_page.goto(f"{base}/staff/enquiries/{ids['enquiry']}")
    assert staff_page.locator("#known-family").count() == 1
    _check(staff_page, "enquiry")
    staff_page.goto(f"{base}/staff/enquiries/new")
    _check(staff_page, "enquiry-new")
    staff_page.get_by_role("button", name="Save the enquiry").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    _check(staff_page, "enquiry-new-error")
    staff_page.goto(f"{base}/staff/enquiries/{ids['enquiry']}/respond")
    staff_page.locator("#response").fill("")
    staff_page.get_by_role("button", name="Record the response").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    _check(staff_page, "enquiry-respond-error")
    staff_page.goto(f"{base}/staff/enquiries/{ids['enquiry']}/edit")
    _check(staff_page, "enquiry-edit")


def test_learning_pages_are_accessible_with_their_errors(staff_page):
    ids = _ids()
    base = staff_page.base
    staff_page.goto(f"{base}/staff/learning")
    assert staff_page.locator("#actions-by-team").count() == 1
    _check(staff_page, "learning-dashboard")
    staff_page.goto(f"{base}/staff/cases/{ids['case']}/learning")
    _check(staff_page, "learning-case")
    staff_page.goto(f"{base}/staff/cases/{ids['case']}/learning/new")
    _check(staff_page, "learning-new")
    staff_page.get_by_role("button", name="Add the action").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    _check(staff_page, "learning-new-error")
    staff_page.goto(f"{base}/staff/learning/actions/{ids['open_action']}/impact")
    staff_page.get_by_role("button", name="Record the impact").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    _check(staff_page, "learning-impact-error")
    staff_page.goto(f"{base}/staff/learning/actions/{ids['open_action']}/complete")
    _check(staff_page, "learning-complete")
    staff_page.goto(f"{base}/staff/cases/{ids['case']}/learning/plan")
    _check(staff_page, "learning-plan")


def test_restriction_pages_are_accessible_with_their_errors(staff_page):
    ids = _ids()
    base = staff_page.base
    staff_page.goto(f"{base}/staff/restrictions")
    _check(staff_page, "restrictions-list")
    staff_page.goto(f"{base}/staff/restrictions/{ids['restriction']}/review")
    _check(staff_page, "restriction-review")
    staff_page.get_by_role("button", name="Record the review").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    _check(staff_page, "restriction-review-error")
    staff_page.goto(f"{base}/staff/cases/{ids['case']}/restrictions/new")
    staff_page.get_by_role("button", name="Record the restriction").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    _check(staff_page, "restriction-new-error")


def test_case_page_home_and_documents_are_accessible_and_a_bad_file_is_refused(staff_page, tmp_path):
    ids = _ids()
    base = staff_page.base
    staff_page.goto(f"{base}/staff/cases/{ids['case']}")
    assert staff_page.locator("#member-enquiries").count() == 1
    _check(staff_page, "case-page")
    staff_page.goto(f"{base}/staff/")
    assert staff_page.locator("#member-enquiries").count() == 1
    _check(staff_page, "staff-home")
    staff_page.goto(f"{base}/staff/cases/{ids['case']}/documents")
    _check(staff_page, "documents")
    fake = tmp_path / "letter.pdf"
    fake.write_bytes(HTML_AS_PDF)
    staff_page.locator("#document").set_input_files(str(fake))
    staff_page.get_by_role("button", name="Attach the document").click()
    staff_page.locator(".govuk-error-summary").wait_for()
    assert "cannot be kept" in staff_page.locator(".govuk-error-summary").inner_text()
    _check(staff_page, "documents-error")


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_tracking_upload_is_accessible_in_each_language_error_included(page, tmp_path, lang):
    ids = _ids()
    open_tracking(page, ids["reference"], give_tracking_code(ids["reference"]), lang=lang)
    page.locator("a[href$='/check/send-a-file']").click()
    page.wait_for_url(re.compile(r".*/check/send-a-file"))
    _check(page, f"tracking-upload-{lang}")
    fake = tmp_path / "letter.pdf"
    fake.write_bytes(HTML_AS_PDF)
    page.locator("#document").set_input_files(str(fake))
    page.locator("main form button.govuk-button").click()
    page.locator(".govuk-error-summary").wait_for()
    _check(page, f"tracking-upload-error-{lang}")


def test_the_tracking_upload_works_without_javascript(page_without_js, tmp_path):
    ids = _ids()
    page = page_without_js
    open_tracking(page, ids["reference"], give_tracking_code(ids["reference"]))
    page.goto(f"{page.base}/check/send-a-file")
    photo = tmp_path / "IMG_1.png"
    photo.write_bytes(PNG)
    page.locator("#document").set_input_files(str(photo))
    page.locator("#description").fill("Letter from school")
    page.locator("main form button.govuk-button").click()
    page.wait_for_url(re.compile(r".*/check/status"))
    assert "We've got your file" in page.locator("main").inner_text()
    page.goto(f"{page.base}/check/send-a-file")
    assert page.locator("#sent-files").get_by_text("Letter from school").count() == 1
