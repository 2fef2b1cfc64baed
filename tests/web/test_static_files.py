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
