"""Pages that show the malware scan (issue 24) in a browser at phone width, in English and Arabic: axe-core
(WCAG 2.2 AA) on the tracking page saying a file could not be accepted, the upload page listing a file
that waits and one that was deleted, an infected upload refused, the page a waiting file gets, and the
staff documents page showing both states."""

from __future__ import annotations

import hashlib
import os
from datetime import UTC, datetime
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
from portal_testing import EICAR

OFFICER = ("officer@browser.example", "browser test password", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXQ")
WAITING = b"%PDF-1.7\n% a letter that waits for its scan\n%%EOF\n"


def _check(page, name: str) -> None:
    folder = os.environ.get("SHOTS_DIR")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    fits_the_phone(page)
    assert_accessible(page)


@pytest.fixture(scope="module")
def scanned(live_server) -> dict[str, str]:
    """On the live server's database: a demo submission with a case, given one file of the young person's
    that waits for its scan and one a later scan found infected (its content deleted)."""
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    from portal.db import make_engine
    from portal.models import Case, Document, DocumentChunk, Submission

    engine = make_engine(browser_database_url())
    try:
        with Session(engine) as session:
            row = session.execute(select(Case.id, Submission.id, Submission.reference)
                                  .join(Submission, Submission.id == Case.submission_id)
                                  .where(Case.is_demo.is_(True)).order_by(Submission.reference).limit(1)).first()
            if row is None:
                pytest.fail("the live server has no demo case")
            case_id, submission_id, reference = row
            waiting = Document(submission_id=submission_id, original_name="letter.pdf", content_type="application/pdf",
                               size=len(WAITING), sha256=hashlib.sha256(WAITING).hexdigest(),
                               description="Letter from my school", from_young_person=True, scan_status="waiting")
            removed = Document(submission_id=submission_id, original_name="photo.pdf", content_type="application/pdf",
                               size=100, sha256="0" * 64, from_young_person=True, scan_status="infected",
                               scanned_at=datetime.now(UTC), scan_finding="Portal.Test.EICAR.UNOFFICIAL")
            session.add_all([waiting, removed])
            session.flush()
            session.add(DocumentChunk(document_id=waiting.id, number=0, data=WAITING))
            session.commit()
            return {"case": str(case_id), "reference": reference, "waiting": str(waiting.id)}
    finally:
        engine.dispose()


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_young_person_is_told_in_their_language(page, scanned, tmp_path, lang):
    open_tracking(page, scanned["reference"], give_tracking_code(scanned["reference"]), lang=lang)
    warning = page.locator("main .govuk-warning-text")
    assert warning.count() == 1
    if lang == "en":
        assert "We could not accept the file you sent on" in warning.inner_text()
    else:
        assert page.locator("html").get_attribute("dir") == "rtl" and "We could not" not in warning.inner_text()
    _check(page, f"scan-status-{lang}")

    page.goto(f"{page.base}/check/send-a-file")
    files = page.locator("#sent-files").inner_text()
    assert ("waiting for a virus check" in files and "we could not accept this file" in files) if lang == "en" \
        else "waiting for a virus check" not in files
    assert page.locator(f"#sent-files a[href$='/check/files/{scanned['waiting']}']").count() == 0
    _check(page, f"scan-upload-list-{lang}")

    infected = tmp_path / "letter.pdf"
    infected.write_bytes(b"%PDF-1.7\n" + EICAR + b"\n%%EOF\n")
    page.locator("#document").set_input_files(str(infected))
    page.locator("main form button.govuk-button").click()
    page.locator(".govuk-error-summary").wait_for()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert ("Our virus check found something harmful" in summary) == (lang == "en")
    _check(page, f"scan-upload-infected-{lang}")

    response = page.goto(f"{page.base}/check/files/{scanned['waiting']}")
    assert response.status == 409
    assert ("This file is waiting for a virus check" in page.locator("h1").inner_text()) == (lang == "en")
    _check(page, f"scan-waiting-page-{lang}")
    # Chromium logs the 409 itself as a console error: that one was asked for.
    page.problems.console_errors[:] = [e for e in page.problems.console_errors if "409" not in e]


@pytest.fixture(scope="module")
def officer_state(chromium, live_server, tmp_path_factory):
    email, password, secret = OFFICER
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("officer-scan"), email, secret, password)


def test_staff_see_what_waits_and_what_was_deleted(page, officer_state, scanned):
    staff_page = as_signed_in(page, officer_state)
    staff_page.goto(f"{staff_page.base}/staff/cases/{scanned['case']}")
    assert "waiting for the virus check" in staff_page.locator("#documents-link").inner_text()
    staff_page.goto(f"{staff_page.base}/staff/cases/{scanned['case']}/documents")
    listing = staff_page.locator("#documents").inner_text()
    assert "Waiting for the virus check" in listing and "Deleted: malware found" in listing
    assert "Portal.Test.EICAR" in listing
    assert staff_page.locator(f"a[href$='/staff/documents/{scanned['waiting']}']").count() == 0
    assert "could not be accepted" in listing  # the young person's file: they are told too
    _check(staff_page, "scan-staff-documents")
