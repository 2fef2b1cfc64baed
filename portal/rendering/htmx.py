"""The one place that knows htmx's request headers (htmx 2.0.x; see docs/decisions/0001).

Swapping htmx for another major version, or for another helper library, changes this file only.
"""

from __future__ import annotations

from flask import Request, request


def is_htmx(req: Request | None = None) -> bool:
    req = req or request
    # A history-restore request wants the whole page, not a fragment.
    return req.headers.get("HX-Request") == "true" and req.headers.get("HX-History-Restore-Request") != "true"


def target(req: Request | None = None) -> str | None:
    return (req or request).headers.get("HX-Target")
