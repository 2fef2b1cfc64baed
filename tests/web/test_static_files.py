"""Static files as a phone on a slow connection gets them: few, compressed, kept for a year (issue 10)."""

from __future__ import annotations

import re


def _assets(body: str) -> list[str]:
    return re.findall(r'(?:href|src)="(/static/dist/[^"]+)"', body)


def test_a_page_asks_for_at_most_four_files_each_fingerprinted(client):
    body = client.get("/").get_data(as_text=True)
    assets = _assets(body)
    # stylesheet, the one script bundle, the tiny js-enabled script, the favicon: with the page, 5 requests
    assert len(assets) == 4, assets
    assert all(re.search(r"\.[0-9a-f]{10}\.(css|js|svg)$", url) for url in assets), assets


def test_fingerprinted_files_are_kept_for_a_year_and_sent_compressed(client):
    css = next(url for url in _assets(client.get("/").get_data(as_text=True)) if url.endswith(".css"))
    plain = client.get(css)
    assert plain.status_code == 200
    assert plain.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert plain.headers["X-Content-Type-Options"] == "nosniff"
    for encoding in ("br", "gzip"):
        packed = client.get(css, headers={"Accept-Encoding": encoding})
        assert packed.headers["Content-Encoding"] == encoding
        assert int(packed.headers["Content-Length"]) < int(plain.headers["Content-Length"]) / 5
        assert "Accept-Encoding" in packed.headers["Vary"]


def test_pages_themselves_are_never_stored(client):
    assert client.get("/").headers["Cache-Control"] == "no-store"


def test_every_govuk_component_the_templates_use_is_started_by_the_bundle():
    """A GOV.UK macro whose component has JavaScript, used in a template or by a form widget, must be in
    COMPONENTS in static/src/js/portal.mjs, or its JavaScript never runs (a password's Show button once
    stayed hidden on the sign-in page)."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    with_javascript = {"Accordion", "Button", "CharacterCount", "Checkboxes", "ErrorSummary", "ExitThisPage",
                       "FileUpload", "NotificationBanner", "PasswordInput", "Radios", "ServiceNavigation",
                       "SkipLink", "Tabs"}
    used = set()
    for path in [*(root / "templates").rglob("*.html"), *(root / "portal").rglob("*.py"),
                 *(root / "staff").rglob("*.py"), *(root / "advocacy").rglob("*.py")]:
        text = path.read_text(encoding="utf-8")
        used |= {name for name in with_javascript if f"govuk{name}" in text or f"Gov{name}" in text}
    used |= {"Button", "ErrorSummary", "SkipLink", "ExitThisPage", "ServiceNavigation"}  # the layout's own
    bundle = (root / "static" / "src" / "js" / "portal.mjs").read_text(encoding="utf-8")
    started = set(re.search(r"var COMPONENTS = \[(.*?)\];", bundle, re.S).group(1).replace(",", " ").split())
    assert used <= started, f"add to COMPONENTS in portal.mjs: {sorted(used - started)}"
