"""Flask extensions, created once and bound in ``create_app``."""

from __future__ import annotations

from flask import request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager

from portal.security import MaskedCSRFProtect

babel = Babel()
csrf = MaskedCSRFProtect()
login_manager = LoginManager()


def _only_reads() -> bool:
    """Reading a page changes nothing and costs no more than the page: the default limit counts only
    what changes something (form posts). Sign-in, tracking, sending and uploads have their own limits."""
    return request.method in ("GET", "HEAD", "OPTIONS")


# Per-address limits stay generous: a care home or a school shares one address. No X-RateLimit headers:
# writing them took two more round trips to the store (a GET and a TTL) on every limited request.
limiter = Limiter(key_func=get_remote_address, default_limits_exempt_when=_only_reads, headers_enabled=False)
