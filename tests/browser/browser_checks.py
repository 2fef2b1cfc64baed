"""Checks the browser tests share (a plain module: this folder is on ``sys.path``)."""

from __future__ import annotations

import os
import time
import uuid
from itertools import count
from pathlib import Path
from typing import Any

from portal_testing import sibling_database_url

from portal.config import INSTANCE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# Rules beyond the WCAG tags that every page must pass too: "region" (all content inside landmarks,
# so a screen reader's landmark navigation reaches everything: the demo banner, the language link and
# the back link once sat outside them).
EXTRA_RULES = ["region"]

# Each browser context is a different person at a different address: the live server trusts one proxy
# hop (tests/browser/serve.py), so the per-address limits on form posts (60 tracking checks an hour,
# 20 sign-ins a minute) count each test's visitor alone, as they count each young person, instead of
# every test of the run arriving from 127.0.0.1.
_VISITORS = count(1)


def own_address() -> dict[str, dict[str, str]]:
    """Keyword arguments for ``chromium.new_context``: this context's own client address."""
    visitor = next(_VISITORS)
    address = f"10.{visitor // 65536 % 256}.{visitor // 256 % 256}.{visitor % 256}"
    return {"extra_http_headers": {"X-Forwarded-For": address}}


def assert_accessible(page: Any) -> None:
    """axe-core, WCAG 2.2 AA tags and the extra rules, zero violations of any impact (it runs through
    page scripts: JavaScript on)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    results = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                     "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
    extra = axe.run(page, options={"runOnly": {"type": "rule", "values": EXTRA_RULES},
                                   "resultTypes": ["violations"]})
    assert extra.violations_count == 0, extra.generate_report()


def browser_database_url() -> str:
    """The live server's own database, beside the test database (browser tests run outside its rollback)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{INSTANCE / 'browser.sqlite3'}"
    return sibling_database_url(url, "browser")


SHOTS = INSTANCE / "screenshots"


def answered_case() -> tuple[str, uuid.UUID]:
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
    # The demo data always answers complaints with letters (portal.demo.stages): none is a failure, not a skip.
    assert row is not None, "the demo data has no complaint answered with a letter"
    return row[0], uuid.UUID(str(row[1]))


def stage1_case() -> uuid.UUID:
    """A demo complaint waiting for its stage 1 response (the demo data always has some; none is a failure)."""
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(browser_database_url())
    try:
        with engine.connect() as connection:
            row = connection.execute(text(
                "SELECT c.id FROM cases c WHERE c.status = 'stage1' ORDER BY c.reference")).first()
    finally:
        engine.dispose()
    assert row is not None, "the demo data has no complaint waiting for its stage 1 response"
    return uuid.UUID(str(row[0]))


def give_tracking_code(reference: str) -> str:
    """A tracking code the test knows for a submission of the live server (only its hash is stored)."""
    from sqlalchemy import text

    from portal.config import TestConfig
    from portal.db import make_engine
    from portal.intake import codes

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


def fits_the_phone(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the phone"


def screenshot(page, name: str) -> None:
    """A full-page PNG in instance/screenshots/ when SCREENSHOTS is set, to look at by eye."""
    if os.environ.get("SCREENSHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def sign_in(page: Any, base: str, email: str, secret: str, landing: str = "/staff/",
            password: str | None = None) -> None:
    """Sign in with a password and the current code, and wait for ``landing``."""
    import pyotp

    from portal.demo.common import DEMO_PASSWORD

    page.goto(f"{base}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password or DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/sign-in/code")
    # A code signs in once: when another module signed the same demo account in during this time-step,
    # the next step's code (which the server also accepts) is used instead.
    for offset in (0, 30, 60):
        page.get_by_label("Code from your authenticator app").fill(pyotp.TOTP(secret).at(time.time() + offset))
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_load_state()
        if not page.url.endswith("/sign-in/code"):
            break
    page.wait_for_url(f"**{landing}")


def signed_in_state(chromium: Any, live_server: str, folder: Path, email: str, secret: str,
                    password: str | None = None, landing: str = "/staff/") -> str:
    """Sign a staff member in once, at phone width, and keep the session in a storage-state file (a
    code cannot be used twice, so a module signs in once and its pages reuse the cookies)."""
    context = chromium.new_context(viewport={"width": 360, "height": 740}, **own_address())
    page = context.new_page()
    sign_in(page, live_server, email, secret, landing=landing, password=password)
    path = folder / "state.json"
    context.storage_state(path=str(path))
    context.close()
    return str(path)


def as_signed_in(page: Any, state: str) -> Any:
    """The test's page with the cookies of a ``signed_in_state``."""
    import json

    page.context.add_cookies(json.loads(Path(state).read_text())["cookies"])
    return page
