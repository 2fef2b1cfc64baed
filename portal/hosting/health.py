"""What ``/health`` reports: whether this host can serve, for a load balancer and for monitoring.

Serving needs the database, the rate limiter's shared store (Redis) and a schema at the newest
migration (a host running newer code against an older schema, or the reverse, must leave the pool). The
malware scanner and the queues are reported, not required: without clamd uploads wait in quarantine,
and a queue that grows says a job has stopped. Only counts and states: never anything personal.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from flask import current_app
from sqlalchemy import func, select, text

from portal.config import ROOT
from portal.db import db
from portal.extensions import limiter
from portal.hosting import clamd

_REVISION = re.compile(r"^(down_revision|revision) = '([^']*)'$", re.M)


@cache
def newest_migration() -> str:
    """The one revision no migration names as the one before it, read from the migration files
    themselves: importing Alembic (with Mako and Pygments) would add about 10 MiB to every worker
    for one string. tests/web/test_health.py holds it equal to Alembic's own answer."""
    named, before = set(), set()
    for path in (ROOT / "migrations" / "versions").glob("*.py"):
        for kind, revision in _REVISION.findall(path.read_text(encoding="utf-8")):
            (named if kind == "revision" else before).add(revision)
    heads = named - before
    if len(heads) != 1:
        raise RuntimeError(f"the migrations have {len(heads)} heads: {sorted(heads)}")
    return heads.pop()


def _database() -> tuple[bool, str]:
    try:
        revision = db.session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except Exception as error:  # noqa: BLE001 - any failure means "cannot serve"; its kind is reported
        db.session.rollback()
        return False, f"unreachable ({type(error).__name__})"
    return True, str(revision)


def _rate_limit_store() -> str:
    uri = current_app.config.get("RATELIMIT_STORAGE_URI", "memory://")
    if uri.startswith("memory://"):
        return "not used (memory://, one process)"
    try:
        return "ok" if limiter.storage.check() else "unreachable"
    except Exception as error:  # noqa: BLE001 - reported, never raised
        return f"unreachable ({type(error).__name__})"


def report() -> tuple[dict[str, Any], bool]:
    """(what is reported, whether this host can serve)."""
    from portal.models import Document
    from portal.notifications.models import Notification

    reached, revision = _database()
    newest = newest_migration()
    store = _rate_limit_store()
    found: dict[str, Any] = {
        "database": "ok" if reached else revision,
        "migrations": ("current" if revision == newest else f"at {revision}, newest is {newest}") if reached else
        "unknown",
        "rate_limit_store": store,
        "clamd": "ok" if clamd.ping(current_app.config["CLAMD_URL"], timeout=1.0) else "unreachable",
    }
    if reached:
        found["documents_waiting_for_scan"] = db.session.scalar(
            select(func.count()).select_from(Document).where(Document.scan_status == "waiting"))
        found["emails_waiting"] = db.session.scalar(
            select(func.count()).select_from(Notification).where(Notification.sent_at.is_(None),
                                                                Notification.given_up_at.is_(None)))
        db.session.rollback()
    ready = reached and revision == newest and not store.startswith("unreachable")
    found["status"] = "ok" if ready else "unavailable"
    return found, ready
