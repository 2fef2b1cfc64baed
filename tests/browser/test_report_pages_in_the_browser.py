"""The annual report in a browser: axe-core at phone width on every report page (published and
internal views, the monthly view with its error), and the printed report (print media) leaves out
navigation and forms while keeping every table and chart."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from browser_checks import as_signed_in, assert_accessible, fits_the_phone, signed_in_state

from portal.demo.common import DEMO_USERS
from portal.procedure import uk_today
from portal.reports.common import FinancialYear

SHOTS = Path(os.environ.get("REPORT_SHOTS", "/tmp/shots-report"))
LAST_YEAR = FinancialYear.containing(uk_today()).previous.first


@pytest.fixture(scope="module")
def manager_state(chromium, live_server, tmp_path_factory):
    """The demo complaints manager, signed in once (a code cannot be used twice)."""
    email, _name, _roles, _team, secret = DEMO_USERS[1]
    return signed_in_state(chromium, live_server, tmp_path_factory.mktemp("manager"), email, secret)


@pytest.fixture
def manager_page(page, manager_state):
    return as_signed_in(page, manager_state)


def _shot(page, name: str) -> None:
    if os.environ.get("SCREENSHOTS") or os.environ.get("REPORT_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_report_index_is_accessible(manager_page):
    manager_page.goto(f"{manager_page.base}/staff/reports/")
    assert manager_page.locator("h1").inner_text() == "Reports"
    assert_accessible(manager_page)
    fits_the_phone(manager_page)
    _shot(manager_page, "reports-index")


@pytest.mark.parametrize("view", ["", "&view=internal"])
def test_annual_report_is_accessible_with_last_year_beside_this_year(manager_page, view):
    manager_page.goto(f"{manager_page.base}/staff/reports/annual?year={LAST_YEAR}{view}")
    assert manager_page.locator("h1").inner_text().startswith("Annual report")
    assert manager_page.locator("svg.app-chart").count() >= 19
    # Demo history: last year has figures too, and the Ombudsman table has five years.
    assert manager_page.locator("#table-t13_ombudsman tbody tr").count() == 5
    last_year_cells = manager_page.locator("#table-t1_recorded tbody td").all_inner_texts()
    assert all(cell.strip() not in ("", "0") for cell in last_year_cells)
    assert_accessible(manager_page)
    fits_the_phone(manager_page)
    _shot(manager_page, f"annual{'-internal' if view else ''}")


def test_printed_report_is_clean(manager_page):
    manager_page.goto(f"{manager_page.base}/staff/reports/annual?year={LAST_YEAR}")
    manager_page.emulate_media(media="print")
    assert manager_page.locator(".govuk-footer").is_hidden()
    assert manager_page.locator(".app-no-print").first.is_hidden()
    assert manager_page.locator("form").first.is_hidden()
    assert manager_page.locator("#table-t10_outcome").is_visible()
    assert manager_page.locator("svg.app-chart").first.is_visible()
    assert manager_page.locator("#computed").is_visible()
    _shot(manager_page, "annual-print")
    SHOTS.mkdir(parents=True, exist_ok=True)
    manager_page.pdf(path=str(SHOTS / "annual-report.pdf"), format="A4")
    manager_page.emulate_media(media="screen")
    assert manager_page.locator(".app-no-print").first.is_visible()


def test_monthly_performance_is_accessible_with_its_error(manager_page):
    manager_page.goto(f"{manager_page.base}/staff/reports/performance")
    assert_accessible(manager_page)
    fits_the_phone(manager_page)
    _shot(manager_page, "performance")
    manager_page.get_by_label("Month (YYYY-MM)").fill("Nov")
    manager_page.get_by_role("button", name="Show the month").click()
    manager_page.locator(".govuk-error-summary").wait_for()
    assert manager_page.get_by_label("Month (YYYY-MM)").input_value() == "Nov"
    assert manager_page.locator("#find-reference").input_value() == ""
    assert_accessible(manager_page)
    _shot(manager_page, "performance-error")
