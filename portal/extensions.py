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
    """Reading a page changes nothing and costs no more than the page: limits count only what changes
    something (form posts: the default limit, and sign-in, tracking, sending and uploads have their own,
    all on POST). A read is not looked at by the limiter at all."""
    return request.method in ("GET", "HEAD", "OPTIONS")


# Per-address limits stay generous: a care home or a school shares one address. No X-RateLimit headers:
# writing them took two more round trips to the store (a GET and a TTL) on every limited request.
limiter = Limiter(key_func=get_remote_address, headers_enabled=False)
limiter.request_filter(_only_reads)
