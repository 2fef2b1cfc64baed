"""Checks the browser tests share (a plain module: this folder is on ``sys.path``)."""

from __future__ import annotations

from typing import Any

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page: Any) -> None:
    """axe-core, WCAG 2.2 AA tags, zero violations (it runs through page scripts: JavaScript on)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                       "resultTypes": ["violations"]})
    assert results.violations_count == 0, results.generate_report()
