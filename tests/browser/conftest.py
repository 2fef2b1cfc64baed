"""Browser tests: Debian's Chromium driven by Playwright, at a 360x740 phone viewport, with axe-core.

Every page a test opens fails the test on a Content Security Policy violation or a console error.
Without /usr/bin/chromium the tests are skipped loudly; in CI (CI=true) that is a failure.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.error import URLError
from urllib.request import urlopen

import pytest
from browser_checks import browser_database_url, own_address

from portal.config import INSTANCE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 360, "height": 740}
TESTS_DIR = Path(__file__).resolve().parent.parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.browser)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def live_server(clamd_url) -> Iterator[str]:
    port = _free_port()
    env = dict(os.environ, PORTAL_ENV="test", TEST_DATABASE_URL=browser_database_url(), TEST_CLAMD_URL=clamd_url,
               PYTHONPATH=os.pathsep.join([str(TESTS_DIR), str(TESTS_DIR.parent)]))
    env.pop("DATABASE_URL", None)
    # The server's output goes to a file, never an unread pipe (a full pipe would stall the server).
    INSTANCE.mkdir(parents=True, exist_ok=True)
    log_path = INSTANCE / f"browser-server-{port}.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, str(Path(__file__).parent / "serve.py"), str(port)],
        env=env, stdout=log, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the live server stopped:\n{log_path.read_text()}")
        try:
            with urlopen(f"{base}/healthz", timeout=2):  # noqa: S310 - our own loopback server
                break
        except (URLError, ConnectionError):
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("the live server did not start within 60 seconds")
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
    log_path.unlink(missing_ok=True)


@pytest.fixture(scope="session")
def chromium() -> Iterator[Any]:
    if not os.path.exists(CHROMIUM):
        message = f"{CHROMIUM} is missing: browser tests cannot run (apt-get install -y chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()
    playwright.stop()


# Recorded in the page itself and reported to the test as it happens. htmx swaps do not load a new
# document, so the window array gathers a whole boosted journey; a full navigation starts a new
# document (the init script runs again, the array starts empty), which is why every violation is also
# sent straight to Python through an exposed function that outlives navigations.
_WATCH_CSP = """
window.__cspViolations = window.__cspViolations || [];
document.addEventListener('securitypolicyviolation', function (e) {
  var report = e.violatedDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' +
    (e.sourceFile || document.location.pathname) + ':' + e.lineNumber + ':' + e.columnNumber +
    (e.sample ? ' sample ' + JSON.stringify(e.sample) : '') + ' on ' + document.location.pathname;
  window.__cspViolations.push(report);
  if (typeof window.__reportCspViolation === 'function') { window.__reportCspViolation(report); }
});
"""


def _is_csp_message(text: str) -> bool:
    return "Content Security Policy" in text or "Refused to " in text


class PageProblems:
    def __init__(self) -> None:
        self.console_errors: list[str] = []
        self.page_errors: list[str] = []
        self.csp_violations: list[str] = []

    def csp_violation(self, report: str) -> None:
        self.csp_violations.append(report)

    def console(self, message: Any) -> None:
        # Chromium logs a blocked inline style or script as an error, some CSP reports as warnings:
        # both count.
        if message.type == "error" or _is_csp_message(message.text):
            self.console_errors.append(message.text)


def _open_context(chromium: Any, javascript: bool, locale: str = "en-GB") -> tuple[Any, Any, PageProblems]:
    context = chromium.new_context(viewport=PHONE, java_script_enabled=javascript, locale=locale,
                                   device_scale_factor=2, is_mobile=True, has_touch=True, **own_address())
    problems = PageProblems()
    if javascript:
        context.expose_function("__reportCspViolation", problems.csp_violation)
    context.add_init_script(_WATCH_CSP)
    # A shared CI machine at load 6 or more can take longer than Playwright's 30 s for one step of a
    # journey in which every request succeeds: a minute keeps the test about the page, not the load.
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.problems = problems
    page.javascript = javascript
    page.on("console", problems.console)
    page.on("pageerror", lambda error: problems.page_errors.append(str(error)))
    return context, page, problems


def _violations(page: Any) -> list[str]:
    from playwright.sync_api import Error

    for _attempt in range(5):
        page.wait_for_load_state()
        if not page.url.startswith(getattr(page, "base", "http://127.0.0.1")):
            return []  # left the site (Exit this page): nothing of ours to check there
        try:
            return page.evaluate("window.__cspViolations || []")
        except Error:  # a navigation was still under way; look again once it has landed
            page.wait_for_timeout(200)
    raise AssertionError("the page never settled after navigating")


def _assert_clean(page: Any, problems: PageProblems, javascript: bool) -> None:
    violations = _violations(page) if javascript else []
    assert not violations, f"Content Security Policy violations: {violations}"
    assert not problems.csp_violations, f"Content Security Policy violations: {problems.csp_violations}"
    assert not problems.console_errors, f"console errors: {problems.console_errors}"
    assert not problems.page_errors, f"script errors: {problems.page_errors}"


@pytest.fixture
def page(chromium, live_server) -> Iterator[Any]:
    """A phone-sized page with JavaScript on; fails the test on CSP violations or console errors."""
    context, page, problems = _open_context(chromium, javascript=True)
    page.base = live_server
    yield page
    _assert_clean(page, problems, javascript=True)
    context.close()


@pytest.fixture
def page_without_js(chromium, live_server) -> Iterator[Any]:
    context, page, problems = _open_context(chromium, javascript=False)
    page.base = live_server
    yield page
    _assert_clean(page, problems, javascript=False)
    context.close()
