"""Checks the browser tests share (a plain module: this folder is on ``sys.path``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from portal.config import INSTANCE

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page: Any) -> None:
    """axe-core, WCAG 2.2 AA tags, zero violations (it runs through page scripts: JavaScript on)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()


def browser_database_url() -> str:
    """The live server's own database, beside the test database (browser tests run outside its rollback)."""
    url = os.environ.get("TEST_DATABASE_URL")
    if not url:
        return f"sqlite:///{INSTANCE / 'browser.sqlite3'}"
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # Beside the test database, so two test runs with different databases never share one.
        path = Path(parsed.database or str(INSTANCE / "test.sqlite3"))
        return f"sqlite:///{path.with_name(path.stem + '-browser.sqlite3')}"
    # Its own PostgreSQL database beside the test one, created when missing.
    from sqlalchemy import text

    from portal.db import make_engine

    name = f"browser_{parsed.database}"  # still ends in "test", as every test database must
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)
