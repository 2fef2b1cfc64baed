"""Flask extensions, created once and bound in ``create_app``."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from flask import Flask, request
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


def limit_only_changes(app: Flask) -> None:
    """Flask-Limiter looks at every request before its request filter says "a read": on a page that is
    served from memory that was a tenth of the work. Its hook now returns at once for a read."""
    hooks = app.before_request_funcs.setdefault(None, [])
    for number, hook in enumerate(hooks):
        if getattr(hook, "__self__", None) is limiter:
            hooks[number] = _for_changes_only(hook)


def _for_changes_only(hook: Callable[[], None]) -> Callable[[], None]:
    @wraps(hook)
    def check() -> None:
        if not _only_reads():
            hook()
    return check
