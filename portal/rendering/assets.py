"""Static files: fingerprinted names from the build's manifest, served by WhiteNoise.

``scripts/build-assets.sh`` writes each file under a name that changes with its content, with gzip
and brotli copies beside it, and ``static/dist/manifest.json`` (logical name -> file name). Templates
ask :func:`asset_url` for a file's URL; WhiteNoise serves it from inside the WSGI app, choosing the
compressed copy the browser accepts, and tells browsers to keep fingerprinted files for a year
(``immutable``): a repeat visit asks only for the page. Behind a reverse proxy the proxy may serve
the same folder instead (docs/performance.md).
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from flask import Flask, current_app, url_for
from markupsafe import Markup
from whitenoise import WhiteNoise

FINGERPRINTED = re.compile(r"\.[0-9a-f]{10}\.[a-z0-9]+$")
ONE_YEAR = 31_536_000


def _dist(app: Flask) -> Path:
    return Path(app.static_folder or "static") / "dist"


def load_manifest(app: Flask) -> dict[str, str]:
    path = _dist(app) / "manifest.json"
    if not path.exists():
        raise RuntimeError(f"{path} is missing: build the front-end assets first (make assets).")
    return json.loads(path.read_text(encoding="utf-8"))


def asset_url(name: str) -> str:
    """The URL of a built file by its logical name ("portal.css"): its fingerprinted name."""
    app = current_app
    manifest = app.extensions["portal_assets"]
    if app.config.get("ASSETS_AUTORELOAD"):  # development: a rebuild is picked up without a restart
        manifest = load_manifest(app)
    return url_for("static", filename=f"dist/{manifest.get(name, name)}")


def inline_picture(name: str, css_class: str = "") -> Markup:
    """One of our own easy-read drawings written into the page (a decorative picture beside a link
    costs no request). Only files of static/src/images/easy-read/ by their plain name."""
    if not re.fullmatch(r"[a-z-]+\.svg", name):
        raise ValueError(f"not an easy-read picture: {name!r}")
    return _picture(str(Path(current_app.static_folder or "static") / "src" / "images" / "easy-read" / name),
                    css_class)


@lru_cache(maxsize=32)
def _picture(path: str, css_class: str) -> Markup:
    # Read once per process: the start page shows it on every visit.
    svg = Path(path).read_text(encoding="utf-8").strip()
    attributes = ' aria-hidden="true" focusable="false"' + (f' class="{css_class}"' if css_class else "")
    return Markup(svg.replace("<svg ", f"<svg{attributes} ", 1))  # noqa: S704 - our own file, name checked


def _headers(headers: dict, path: str, url: str) -> None:  # noqa: ARG001
    headers["X-Content-Type-Options"] = "nosniff"
    if FINGERPRINTED.search(url):
        headers["Cache-Control"] = f"public, max-age={ONE_YEAR}, immutable"


def init_app(app: Flask) -> None:
    app.extensions["portal_assets"] = load_manifest(app)
    app.add_template_global(asset_url)
    app.add_template_global(inline_picture)
    app.wsgi_app = WhiteNoise(  # type: ignore[method-assign]
        app.wsgi_app,
        root=str(_dist(app)),
        prefix=f"{app.static_url_path}/dist/",
        # Files without a fingerprint (the favicon's old address) may change with a release.
        max_age=0 if app.config.get("ASSETS_AUTORELOAD") else 3600,
        autorefresh=bool(app.config.get("ASSETS_AUTORELOAD")),
        immutable_file_test=lambda path, url: bool(FINGERPRINTED.search(url)),
        add_headers_function=_headers,
    )
