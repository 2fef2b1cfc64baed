"""Safe by default: a server started from wsgi.py is production; tests never touch a real database."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from portal_testing import check_test_database, database_url_for_tests

from portal.config import sqlite_refusal

ROOT = Path(__file__).resolve().parents[2]
SHOW = "import wsgi; c = wsgi.app.config; print(c['DEBUG'], c['SESSION_COOKIE_SECURE'], c['SECRET_KEY'])"


def _start_wsgi(tmp_path, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("PORTAL_ENV", "FLASK_RUN_FROM_CLI", "SECRET_KEY", "TRACKING_CODE_KEY", "OUTBOX_KEY",
                          "WEB_CONCURRENCY", "DATABASE_SINGLE_HOST")}
    clean.update(DATABASE_URL=f"sqlite:///{tmp_path / 'wsgi.sqlite3'}", **env)
    return subprocess.run([sys.executable, "-c", SHOW], cwd=ROOT, env=clean, capture_output=True, text=True)


def test_gunicorn_wsgi_app_is_production_unless_told(tmp_path):
    refused = _start_wsgi(tmp_path)
    assert refused.returncode != 0 and "Set SECRET_KEY, TRACKING_CODE_KEY, OUTBOX_KEY" in refused.stderr
    started = _start_wsgi(tmp_path, SECRET_KEY="k" * 40, TRACKING_CODE_KEY="t" * 40, OUTBOX_KEY="o" * 40,
                          RATELIMIT_SINGLE_PROCESS="true",
                          DATABASE_SINGLE_HOST="true")
    assert started.stdout.split() == ["False", "True", "k" * 40]


def test_production_refuses_sqlite_unless_one_host_serves_it(tmp_path):
    """A SQLite file is one host's: a second app host would keep half of what young people send."""
    keys = {"SECRET_KEY": "k" * 40, "TRACKING_CODE_KEY": "t" * 40, "OUTBOX_KEY": "o" * 40,
            "RATELIMIT_SINGLE_PROCESS": "true"}
    refused = _start_wsgi(tmp_path, **keys)
    assert refused.returncode != 0 and "DATABASE_URL is a SQLite file in production" in refused.stderr
    assert "DATABASE_SINGLE_HOST=true" in refused.stderr and "postgresql://" in refused.stderr
    assert _start_wsgi(tmp_path, **keys, DATABASE_SINGLE_HOST="true").returncode == 0


@pytest.mark.parametrize(("url", "single", "refused"), [
    ("sqlite:///instance/portal.sqlite3", False, True),
    ("sqlite:///instance/portal.sqlite3", True, False),
    ("postgresql://portal@db.internal/portal", False, False),
    ("postgresql+psycopg://portal@db.internal/portal", True, False),
])
def test_the_rule_for_the_database(url, single, refused):
    assert bool(sqlite_refusal(url, single)) is refused


def test_the_flask_command_keeps_the_development_defaults(tmp_path):
    started = _start_wsgi(tmp_path, FLASK_RUN_FROM_CLI="true")
    assert started.returncode == 0, started.stderr
    assert started.stdout.split()[1] == "False"  # plain http on 127.0.0.1


def test_tests_never_follow_database_url(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/portal")
    monkeypatch.delenv("TEST_DATABASE_URL", raising=False)
    assert database_url_for_tests().startswith("sqlite:///")


@pytest.mark.parametrize("name", ["portal", "test_portal", "production"])
def test_a_postgresql_test_database_must_be_named_for_tests(name):
    with pytest.raises(RuntimeError, match="Refusing"):
        check_test_database(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")


@pytest.mark.parametrize("name", ["test", "portal_test", "browser_test"])
def test_test_databases_are_accepted(name):
    check_test_database(f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
