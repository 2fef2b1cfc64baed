"""``/health`` (issue 24): what a load balancer and monitoring read. No sign-in, no rate limit, no
session, nothing personal; 503 naming what is wrong when this host cannot serve."""

from __future__ import annotations

import json
import uuid

import pytest
from sqlalchemy import text


def test_health_says_what_serving_needs_and_nothing_personal(client, make_case):
    make_case()
    response = client.get("/health")
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    report = response.get_json()
    assert report == {"status": "ok", "database": "ok", "migrations": "current",
                      "rate_limit_store": "not used (memory://, one process)", "clamd": "ok",
                      "documents_waiting_for_scan": 0, "emails_waiting": 0}
    assert "Set-Cookie" not in response.headers
    assert "Test Young Person" not in json.dumps(report)


def test_an_old_schema_or_an_unreachable_scanner_are_told(app, client, session, monkeypatch):
    session.execute(text("UPDATE alembic_version SET version_num = '0014'"))
    report = client.get("/health")
    assert report.status_code == 503
    assert report.get_json()["migrations"].startswith("at 0014, newest is ")
    assert report.get_json()["status"] == "unavailable"
    session.rollback()
    # Without clamd uploads wait in quarantine: reported, but the host still serves.
    monkeypatch.setitem(app.config, "CLAMD_URL", "unix:///nonexistent/clamd.sock")
    report = client.get("/health")
    assert report.status_code == 200 and report.get_json()["clamd"] == "unreachable"


HOST = """
import json, sys
from portal import create_app
from portal.config import ProductionConfig

class Config(ProductionConfig):
    SECRET_KEY = "k" * 32
    TRACKING_CODE_KEY = "t" * 32
    OUTBOX_KEY = "o" * 32
    DATABASE_URL = sys.argv[1]
    DATABASE_SINGLE_HOST = True
    RATELIMIT_STORAGE_URI = sys.argv[2]
    RATELIMIT_KEY_PREFIX = sys.argv[5]
    CLAMD_URL = sys.argv[3]

    RATELIMIT_DEFAULT = sys.argv[4]
    WTF_CSRF_ENABLED = False

client = create_app(Config).test_client()
response = client.get("/health")
print(response.status_code, json.dumps(response.get_json()))
# The default limit counts form posts; /health is never limited.
print(json.dumps({"health": [client.get("/health").status_code for _ in range(6)],
                  "start": [client.post("/tell-us/start").status_code for _ in range(6)]}))
"""


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> str:
    from portal_testing import reset_database

    url = f"sqlite:///{tmp_path_factory.mktemp('health') / 'portal.sqlite3'}"
    reset_database(url)
    return url


@pytest.mark.parametrize(("store", "status", "said"), [
    ("redis://127.0.0.1:6379/3", 200, "ok"),
    ("redis://127.0.0.1:1/3", 503, "unreachable"),  # nothing listens there
])
def test_a_production_host_needs_its_shared_rate_limit_store(migrated, clamd_url, store, status, said):
    """A real production app in its own process, against the real Redis (or a port where none listens)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/3").ping()
    except redis.exceptions.ConnectionError:
        pytest.fail("Redis must run at 127.0.0.1:6379 for this test")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RATELIMIT_", "PORTAL_", "DATABASE_"))}
    result = subprocess.run([sys.executable, "-c", HOST, migrated, store, clamd_url, "3 per minute",
                             f"health-{uuid.uuid4().hex}"],
                            cwd=Path(__file__).resolve().parents[2], env=env, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    *_, first, limits = result.stdout.strip().splitlines()
    code, report = first.split(" ", 1)
    assert int(code) == status and json.loads(report)["rate_limit_store"].startswith(said)
    if status == 200:  # with the shared store answering: the limit holds, and /health is outside it
        assert json.loads(limits) == {"health": [200] * 6, "start": [200, 200, 200, 429, 429, 429]}


def test_the_newest_migration_is_the_one_alembic_calls_head():
    from alembic.script import ScriptDirectory

    from portal.hosting.health import newest_migration
    from portal.migrate import alembic_config

    assert newest_migration() == ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()


def test_a_web_worker_does_not_import_alembic():
    """Alembic (with Mako and Pygments) only where the migrations run: it is about 10 MiB a worker."""
    import subprocess
    import sys

    from portal.config import ROOT

    found = subprocess.run(
        [sys.executable, "-c", "import sys, wsgi; print(sorted({m.split('.')[0] for m in sys.modules} & "
                               "{'alembic', 'mako', 'pygments'}))"],
        cwd=ROOT, capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "PORTAL_ENV": "test"}).stdout.strip()
    assert found == "[]"
