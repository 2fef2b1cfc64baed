"""Response headers: a strict Content Security Policy and no caching of anything personal. The CSRF
token written into pages, masked afresh on every response."""

from __future__ import annotations

import base64
import secrets

from flask import Flask, Response, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFProtect, generate_csrf
from itsdangerous import URLSafeTimedSerializer
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
        "manifest-src 'self'",
    ]
)


SECURITY_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    ("Cross-Origin-Opener-Policy", "same-origin"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)
HSTS = ("Strict-Transport-Security", "max-age=31536000; includeSubDomains")


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    # A view may have set its own (a download's sandbox policy): those stay. One look at what is there,
    # not a search of the headers for each (a tenth of a page served from memory).
    present = {name.lower() for name in headers.keys()}  # noqa: SIM118 - Headers iterates (name, value)
    for name, value in (*SECURITY_HEADERS, HSTS) if request.is_secure else SECURITY_HEADERS:
        if name.lower() not in present:
            headers.add(name, value)
    if request.endpoint != "static":
        # A shared phone's back button or cache must not bring back a child's answers, and staff
        # pages show personal data: nothing dynamic is stored by the browser or a proxy.
        headers["Cache-Control"] = "no-store"
        headers["Pragma"] = "no-cache"
        headers.add("Vary", "Cookie")
    return response


def trust_proxies(app: Flask) -> None:
    """Read the client's address (and scheme) from the configured number of reverse proxies.

    Rate limits key on ``request.remote_addr``: behind a proxy it is the proxy's own address unless
    ``X-Forwarded-For`` is read, and it may only be read for as many hops as there really are proxies
    (the first hops of that header are whatever the client wrote).
    """
    proxies = int(app.config.get("TRUSTED_PROXY_COUNT") or 0)
    if proxies > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]


class SessionCookies(SecureCookieSessionInterface):
    """Flask's signed session cookie, with its signing serializer built once per key: Flask builds it
    twice a request (reading the cookie and writing it), a twentieth of a page served from memory."""

    def __init__(self) -> None:
        self._serializer: tuple[object, URLSafeTimedSerializer | None] | None = None

    def get_signing_serializer(self, app: Flask) -> URLSafeTimedSerializer | None:
        keys = (app.secret_key, tuple(app.config.get("SECRET_KEY_FALLBACKS") or ()))
        kept = self._serializer
        if kept is None or kept[0] != keys:
            kept = self._serializer = (keys, super().get_signing_serializer(app))
        return kept[1]


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookies()
    trust_proxies(app)
    app.after_request(set_security_headers)


MASKED = "m1"  # what starts a masked token (the unmasked ones never do: they start with '"' in base64, "Im")


def mask_token(token: str) -> str:
    """The token XORed with a random pad of its own length, the pad in front: a different string on every
    response for the same secret, so a compressed page cannot be probed for it byte by byte (BREACH)."""
    raw = token.encode()
    pad = secrets.token_bytes(len(raw))
    return MASKED + base64.urlsafe_b64encode(pad + _xor(pad, raw)).decode().rstrip("=")


def _xor(one: bytes, other: bytes) -> bytes:
    """Byte by byte XOR of two strings of the same length (as whole numbers: ten times a loop's speed)."""
    return (int.from_bytes(one) ^ int.from_bytes(other)).to_bytes(len(one))


def unmask_token(value: str | None) -> str | None:
    """The token inside a masked one; an unmasked token (or nothing) as it came; None if it cannot be one."""
    if not value or not value.startswith(MASKED):
        return value
    try:
        both = base64.urlsafe_b64decode(value[len(MASKED):] + "=" * (-len(value[len(MASKED):]) % 4))
    except ValueError:
        return None
    half = len(both) // 2
    if len(both) % 2 or not half:
        return None
    try:
        return _xor(both[:half], both[half:]).decode()
    except UnicodeDecodeError:
        return None


def masked_csrf_token() -> str:
    """What pages write in their forms' ``csrf_token`` field (the template global ``csrf_token()``)."""
    return mask_token(generate_csrf())


class MaskedCSRFProtect(CSRFProtect):
    """Flask-WTF's CSRF check, reading the masked token pages carry."""

    def init_app(self, app: Flask) -> None:
        super().init_app(app)
        app.jinja_env.globals["csrf_token"] = _template_csrf_token
        app.context_processor(lambda: {"csrf_token": _template_csrf_token})

    def _get_csrf_token(self) -> str | None:
        return unmask_token(super()._get_csrf_token())


def _template_csrf_token() -> str:
    """The masked token; while a page is rendered to be kept and served again (portal.public.page_cache),
    the mark that each response replaces with its own masked token."""
    from flask import g

    return g.get("csrf_token_mark") or masked_csrf_token()
