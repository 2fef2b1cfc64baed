"""Stages 2 and 3, the Ombudsman and "my work" in a browser at 360 px: axe-core on every new page,
error states included, and the young person's tracking page at the end of stage 3."""

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

from portal.demo.common import DEMO_USERS
from portal.demo.stages import STAGE_USERS

SHOTS = Path(os.environ.get("STAGE_SHOTS", "/tmp/shots-stages"))


def shot(page, name: str) -> None:
    if os.environ.get("SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.fixture(scope="module")
def manager_state(chromium, live_server, tmp_path_factory):
    email, _name, _roles, _team, secret = DEMO_USERS[1]  # the complaints manager
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("manager"), email, secret)


@pytest.fixture(scope="module")
def investigator_state(chromium, live_server, tmp_path_factory):
    email, _name, _role, secret = STAGE_USERS[0]
    # An appointed person lands on their own work (issue 21).
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("investigator"), email, secret,
                           landing="/staff/my-work")


@pytest.fixture(scope="module")
def deputy_state(chromium, live_server, tmp_path_factory):
    """The deputy director: the senior manager who adjudicates at stage 2 (decision 0017)."""
    email, _name, _role, secret = STAGE_USERS[5]
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("deputy"), email, secret)


def _as(page, state: str):
    return as_signed_in(page, state)


def _case(where: str) -> tuple[str, uuid.UUID]:
    """(reference, id) of a demo case matching the SQL condition."""
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(browser_database_url())
    try:
        with engine.connect() as connection:
            row = connection.execute(text(f"SELECT reference, id FROM cases WHERE {where} ORDER BY reference")).first()
    finally:
        engine.dispose()
    # The demo data makes a case at every stage (portal.demo.stages): none is a failure, not a skip.
    assert row is not None, f"the demo data has no case where {where}"
    return row[0], uuid.UUID(str(row[1]))


def _check(page, name: str) -> None:
    fits_the_phone(page)
    assert_accessible(page)
    shot(page, name)


def _form_and_error(page, path: str, name: str, button: str, before=None) -> None:
    page.goto(f"{page.base}{path}")
    _check(page, name)
    if before:
        before(page)
    page.get_by_role("button", name=button).click()
    page.locator(".govuk-error-summary").wait_for()
    _check(page, f"{name}-error")


def test_my_work_and_the_stage_pages_are_accessible(page, manager_state, deputy_state):
    page = _as(page, manager_state)
    page.goto(f"{page.base}/staff/my-work")
    assert page.locator("h1").inner_text() == "My work"
    _check(page, "my-work")

    _ref, asked = _case("status = 'stage2_requested'")
    page.goto(f"{page.base}/staff/cases/{asked}")
    _check(page, "case-stage2-requested")
    _form_and_error(page, f"/staff/cases/{asked}/stage-2-decision", "stage2-decision", "Record the decision")

    _ref, extended = _case("status = 'stage2' AND stage2_extended_to IS NOT NULL AND investigation_report_on IS NULL")
    page.goto(f"{page.base}/staff/cases/{extended}")
    page.locator("#clock-statement").wait_for()
    assert page.locator("#clock-request").count() == 1
    _check(page, "case-stage2-extended")

    _ref, appointing = _case("status = 'stage2' AND stage2_method = 'investigation' AND statement_agreed IS NULL")
    _form_and_error(page, f"/staff/cases/{appointing}/extend-stage-2", "extend-stage2", "Save")

    _ref, reported = _case("status = 'stage2' AND investigation_report_on IS NOT NULL")
    # The deputy director adjudicates; a complaints manager may not (decision 0017; the 403 is checked in
    # tests/web/staff/test_stages_2_and_3.py, since a refused page is a console error here).
    page = _as(page, deputy_state)
    _form_and_error(page, f"/staff/cases/{reported}/adjudication", "adjudication", "Record the response")
    page = _as(page, manager_state)

    _ref, appointed2 = _case("status = 'stage2' AND id IN (SELECT case_id FROM appointments)")
    _form_and_error(page, f"/staff/cases/{appointed2}/end-appointment", "end-appointment", "End the appointment")

    _ref, panel = _case("status = 'stage3_requested'")
    _form_and_error(page, f"/staff/cases/{panel}/appoint-panel", "appoint-panel", "Appoint the panel")

    _ref, appointed = _case("status = 'stage3' AND panel_held IS NULL")
    _form_and_error(page, f"/staff/cases/{appointed}/panel-held", "panel-held", "Record the panel meeting")

    _ref, held = _case("status = 'stage3' AND panel_held IS NOT NULL AND panel_report_sent IS NULL")
    _form_and_error(page, f"/staff/cases/{held}/panel-report", "panel-report", "Record the report")

    _ref, reported3 = _case("status = 'stage3' AND panel_report_sent IS NOT NULL")
    _form_and_error(page, f"/staff/cases/{reported3}/stage-3-response", "stage3-response", "Record the response")

    _ref, answered = _case("status = 'stage3_responded'")
    page.goto(f"{page.base}/staff/cases/{answered}")
    page.locator("#stage3-letter").wait_for()
    _check(page, "case-stage3-responded")

    def clear_date(p):
        p.locator("#enquired_on").fill("")

    _form_and_error(page, f"/staff/cases/{answered}/ombudsman", "ombudsman-enquiry", "Record the enquiry",
                    before=clear_date)

    _ref, with_enquiry = _case("id IN (SELECT case_id FROM ombudsman_enquiries WHERE decision IS NULL)")
    page.goto(f"{page.base}/staff/cases/{with_enquiry}")
    _check(page, "case-ombudsman")
    page.get_by_role("link", name="Record the Ombudsman's decision").click()
    page.wait_for_url(re.compile(r".*/decision$"))
    _check(page, "ombudsman-decision")
    page.get_by_role("button", name="Record the decision").click()
    page.locator(".govuk-error-summary").wait_for()
    _check(page, "ombudsman-decision-error")


def test_appointment_form_and_its_refusal_are_accessible(page, manager_state):
    page = _as(page, manager_state)
    _ref, investigation = _case("status = 'stage2' AND stage2_method = 'investigation' AND id NOT IN "
                                "(SELECT case_id FROM appointments)")
    _form_and_error(page, f"/staff/cases/{investigation}/appoint-investigation", "appoint-investigation",
                    "Appoint them")


def test_an_investigator_sees_their_work_and_cases(page, investigator_state):
    page = _as(page, investigator_state)
    page.goto(f"{page.base}/staff/my-work")
    _check(page, "investigator-my-work")
    page.locator("main [id^=rows-] a").first.click()
    page.wait_for_url(re.compile(r".*/staff/cases/[0-9a-f-]{36}$"))
    _check(page, "investigator-case")
    # (Refusals elsewhere are in tests/security/test_appointed_people.py: a 403 here is a console error.)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_tracking_page_after_the_review_panel(page, lang):
    from journey_steps import open_tracking

    reference, _case_id = _case("status = 'stage3_responded'")
    code = give_tracking_code(reference)
    open_tracking(page, reference, code, lang)
    page.locator(".app-letter").nth(2).wait_for()  # stage 1, stage 2 and stage 3 letters
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    _check(page, f"tracking-stage3-{lang}")
