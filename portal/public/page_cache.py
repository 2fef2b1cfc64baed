"""Public pages rendered once per language and served from memory, with the visitor's own parts put in.

A page is kept the first time an anonymous visitor asks for it; every later visitor gets the kept
HTML with the holes filled in: the CSRF token (masked afresh for each response, portal.security) and,
on the journey's question pages, the visitor's saved answers (which radio is checked, what a text box
holds). Nothing about the visitor is kept: the page is rendered with marks where the holes go.

- Information pages (``page``) are kept per (page, language), asked for with no query but ``?lang=``.
- Question pages (``question``) are kept per (page, language, kind of journey, who is telling, the back
  link, easy read), only for steps whose every per-visitor part is a hole (``KEPT_STEPS``: radios
  without a revealed follow-up question, text boxes), and only when no error is shown;
  tests/web/public/test_page_cache.py holds each equal to rendering for random answers.

Not kept: a signed-in member of staff's view (the header names them), a page with messages waiting to
be flashed, any other query, and while ``PUBLIC_PAGE_CACHE`` is off (development reloads templates).

Kept pages are sent gzip-compressed to a browser that takes it. Each literal part is deflated once, when
it is kept, ending on a full flush (no back-reference crosses it), and each response puts its holes
between them as stored (uncompressed) blocks: compressing costs nothing per response, and no secret
is ever compressed beside anything else (BREACH needs a secret and a guess in the same window).
"""

from __future__ import annotations

import re
import secrets
import threading
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from html import unescape
from typing import Any

from flask import current_app, g, render_template, request, session
from flask_login import current_user
from markupsafe import escape
from werkzeug.wrappers import Response

from portal.i18n import current_language
from portal.security import masked_csrf_token

# Random for each process, so no page can hold it by chance.
MARK = f"kept{secrets.token_hex(12)}"
# Where a hole is in a page rendered to be kept: the CSRF token; a radio's checked state (the whole
# attribute the mark adds, with its leading space); a text box's value.
_HOLES = re.compile(rf'{MARK}-csrf|\sdata-{MARK}="([^"]*)"|{MARK}-text-([A-Za-z0-9_]+)-')
COMPRESS_AT_LEAST = 1024  # bytes; below this gzip's header outweighs what it saves
# Ten times what every shipped language's journeys keep (195 pages, 3.6 MiB): a cap on memory all the same.
KEEP_AT_MOST = 2000
# The gzip header: deflate, no name, no time (mtime 0), "unknown" operating system.
_GZIP_HEADER = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"

Hole = tuple[str, str, str]  # ("csrf", "", ""), ("choice", field, value) or ("text", field, "")


@dataclass(frozen=True)
class Kept:
    parts: tuple[str, ...]  # the literal text, one more part than holes
    holes: tuple[Hole, ...]
    deflated: tuple[bytes, ...]  # each part deflated on its own; the last one ends the stream

    def fill(self, values: list[str]) -> str:
        pieces = [self.parts[0]]
        for value, part in zip(values, self.parts[1:], strict=True):
            pieces += (value, part)
        return "".join(pieces)

    def gzipped(self, html: str, values: list[str]) -> bytes:
        """``html`` (this page filled with ``values``) gzip-compressed from the parts deflated once."""
        raw = html.encode()
        pieces = [_GZIP_HEADER, self.deflated[0]]
        for value, deflated in zip(values, self.deflated[1:], strict=True):
            pieces += (_stored(value.encode()), deflated)
        pieces += ((zlib.crc32(raw)).to_bytes(4, "little"), (len(raw) & 0xFFFFFFFF).to_bytes(4, "little"))
        return b"".join(pieces)


def _stored(data: bytes) -> bytes:
    """Stored deflate blocks (none the last) holding ``data``, at most 65,535 bytes each (a block's length
    is 16 bits); the stream is on a byte boundary here."""
    blocks = []
    for start in range(0, len(data), 0xFFFF):
        chunk = data[start:start + 0xFFFF]
        size = len(chunk)
        blocks.append(b"\x00" + size.to_bytes(2, "little") + (size ^ 0xFFFF).to_bytes(2, "little") + chunk)
    return b"".join(blocks)


def _deflate_parts(parts: tuple[str, ...]) -> tuple[bytes, ...]:
    deflated = []
    for number, part in enumerate(parts):
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        end = zlib.Z_FINISH if number == len(parts) - 1 else zlib.Z_FULL_FLUSH
        deflated.append(compressor.compress(part.encode()) + compressor.flush(end))
    return tuple(deflated)


def split(html: str) -> Kept:
    parts, holes, start = [], [], 0
    for found in _HOLES.finditer(html):
        parts.append(html[start:found.start()])
        choice, text = found.group(1), found.group(2)
        if choice is not None:
            name, _, value = unescape(choice).partition("=")
            holes.append(("choice", name, value))
        elif text is not None:
            holes.append(("text", text, ""))
        else:
            holes.append(("csrf", "", ""))
        start = found.end()
    parts.append(html[start:])
    return Kept(tuple(parts), tuple(holes), _deflate_parts(tuple(parts)))


_pages: dict[tuple, Kept] = {}
_lock = threading.Lock()


def clear() -> None:
    with _lock:
        _pages.clear()


def keeping() -> bool:
    """True while a page is rendered to be kept (template helpers put marks instead of the visitor's parts)."""
    return bool(g.get("keeping_page"))


def choice_mark(name: str, value: str) -> dict[str, str]:
    """The attribute that marks where a radio's ``checked`` goes (portal.public.fields.radio_items)."""
    return {f"data-{MARK}": f"{name}={value}"}


def text_mark(name: str) -> str:
    return f"{MARK}-text-{name}-"


def _keepable() -> bool:
    # A member of staff is signed in only with "_user_id" in the session (no remember-me cookie is ever
    # set): looking there first spares every public page loading the user.
    return (bool(current_app.config.get("PUBLIC_PAGE_CACHE"))
            and request.method == "GET"
            and not set(request.args) - {"lang"}
            and not session.get("_flashes")
            and ("_user_id" not in session or not current_user.is_authenticated))


def _kept(key: tuple, render: Callable[[], str]) -> Kept:
    kept = _pages.get(key)
    if kept is not None:
        return kept
    g.keeping_page, g.csrf_token_mark = True, f"{MARK}-csrf"  # the mark: portal.security's csrf_token()
    try:
        kept = split(render())
    finally:
        g.pop("keeping_page", None)
        g.pop("csrf_token_mark", None)
    with _lock:
        while len(_pages) >= KEEP_AT_MOST:
            _pages.pop(next(iter(_pages)))
        _pages[key] = kept
    return kept


def _respond(kept: Kept, answers: Mapping[str, Any]) -> Response:
    values = [_value(hole, answers) for hole in kept.holes]
    html = kept.fill(values)
    response = Response(html, mimetype="text/html")
    response.vary.add("Accept-Encoding")
    if len(html) >= COMPRESS_AT_LEAST and "gzip" in request.accept_encodings:
        response.set_data(kept.gzipped(html, values))
        response.headers["Content-Encoding"] = "gzip"
    return response


def _value(hole: Hole, answers: Mapping[str, Any]) -> str:
    kind, name, value = hole
    if kind == "csrf":
        return masked_csrf_token()
    answer = answers.get(name)
    if kind == "choice":
        return " checked" if answer is not None and str(answer) == value else ""
    return str(escape(answer)) if answer is not None else ""


def page(template: str, **context: Any) -> Response | str:
    """``render_template(template, **context)``, or the kept copy of it for this language."""
    if not _keepable():
        return render_template(template, **context)
    kept = _kept((template, current_language().code), lambda: render_template(template, **context))
    return _respond(kept, {})


def question(template: str, key: tuple, answers: Mapping[str, Any], render: Callable[[], str],
             render_marked: Callable[[], str]) -> Response | str:
    """A question page of the journey: ``render()`` (the page for these ``answers``), or the kept copy for
    this language and ``key`` (what else the page shows: the kind of journey, who is telling, the back
    link) with the answers put in; ``render_marked()`` renders the copy to keep, with marks for the
    answers."""
    if not _keepable():
        return render()
    return _respond(_kept((template, current_language().code, *key), render_marked), answers)
