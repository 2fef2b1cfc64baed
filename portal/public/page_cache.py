"""Public pages that do not depend on the visitor, rendered once per language and served from memory.

A page is kept per (page, language) the first time an anonymous visitor asks for it with no query but
``?lang=``; every later visitor gets the kept HTML with the one part that is theirs put in: the CSRF
token, masked afresh for each response (portal.security). Nothing about the visitor is kept: the page
is rendered with a mark where the token goes. Not kept: a signed-in member of staff's view (the header
names them), a page with messages waiting to be flashed, any other query, and while
``PUBLIC_PAGE_CACHE`` is off (development reloads templates; the tests turn it on where they test it).

Kept pages are sent gzip-compressed to a browser that takes it: they hold no secret (the token is
masked, nothing typed by anyone is echoed), so compression gives nothing away (BREACH).
"""

from __future__ import annotations

import gzip
import secrets
import threading
from typing import Any

from flask import current_app, g, render_template, request, session
from flask_login import current_user
from werkzeug.wrappers import Response

from portal.i18n import current_language
from portal.security import masked_csrf_token

# Random for each process, so no page can hold it by chance.
_MARK = f"csrf-mark-{secrets.token_hex(16)}"
_pages: dict[tuple[str, str], tuple[str, str, str | None]] = {}
_lock = threading.Lock()
COMPRESS_AT_LEAST = 1024  # bytes; below this gzip's header outweighs what it saves


def clear() -> None:
    with _lock:
        _pages.clear()


def _keepable() -> bool:
    return (bool(current_app.config.get("PUBLIC_PAGE_CACHE"))
            and request.method == "GET"
            and not set(request.args) - {"lang"}
            and not current_user.is_authenticated
            and not session.get("_flashes"))


def _render_kept(template: str, context: dict[str, Any]) -> tuple[str, str, str | None]:
    g.csrf_token_mark = _MARK
    try:
        html = render_template(template, **context)
    finally:
        g.pop("csrf_token_mark", None)
    before, marked, after = html.partition(_MARK)
    if _MARK in after:  # more than one form: keep it simple, render it each time
        return html, "", None
    return before, after, marked or None


def page(template: str, **context: Any) -> Response | str:
    """``render_template(template, **context)``, or the kept copy of it for this language."""
    if not _keepable():
        return render_template(template, **context)
    key = (template, current_language().code)
    kept = _pages.get(key)
    if kept is None:
        kept = _render_kept(template, context)
        if kept[2] is None and kept[1] == "" and _MARK in kept[0]:
            return render_template(template, **context)
        with _lock:
            _pages[key] = kept
    before, after, marked = kept
    html = before + masked_csrf_token() + after if marked else before
    response = Response(html, mimetype="text/html")
    response.vary.add("Accept-Encoding")
    if len(html) >= COMPRESS_AT_LEAST and "gzip" in request.accept_encodings:
        response.set_data(gzip.compress(html.encode(), compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
    return response
