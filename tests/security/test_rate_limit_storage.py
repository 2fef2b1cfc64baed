"""Rate limits that hold in production: one count shared by every worker, keyed on the real client.

Each "worker" here is its own Python process running the production app, as gunicorn's are.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from portal.config import shared_rate_limit_refusal

ROOT = Path(__file__).resolve().parents[2]
REDIS = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/3")

WORKER = """
import sys
from portal import create_app
from portal.config import ProductionConfig

class Config(ProductionConfig):
    SECRET_KEY = "k" * 32
    TRACKING_CODE_KEY = "t" * 32
    OUTBOX_KEY = "o" * 32
    RATELIMIT_STORAGE_URI = sys.argv[1]
    RATELIMIT_KEY_PREFIX = sys.argv[2]
    TRUSTED_PROXY_COUNT = int(sys.argv[3])
    DATABASE_URL = "sqlite:///" + sys.argv[4]
    DATABASE_SINGLE_HOST = True
    RATELIMIT_DEFAULT = "3 per minute"
    WTF_CSRF_ENABLED = False

client = create_app(Config).test_client()
for forwarded in sys.argv[5:]:
    # A form post (without an answer: the page comes back with its error) is what the default limit counts.
    response = client.post("/tell-us/start", headers={"X-Forwarded-For": forwarded},
                           environ_base={"REMOTE_ADDR": "192.0.2.1"})
    print(response.status_code)
"""


def _environment(**settings: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("RATELIMIT_", "PORTAL_", "TRUSTED_", "DATABASE_"))
           and key != "WEB_CONCURRENCY"}
    return {**env, **settings}


def _worker(tmp_path, prefix: str, proxies: int, *forwarded: str, storage: str = REDIS) -> list[int]:
    result = subprocess.run(
        [sys.executable, "-c", WORKER, storage, prefix, str(proxies), str(tmp_path / "db.sqlite3"), *forwarded],
        cwd=ROOT, env=_environment(), capture_output=True, text=True, timeout=60, check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return [int(line) for line in result.stdout.split()]


@pytest.fixture
def redis_prefix() -> str:
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {REDIS}")
    return f"test-{uuid.uuid4().hex}"


def test_two_workers_share_one_count_in_redis(tmp_path, redis_prefix):
    first = _worker(tmp_path, redis_prefix, 1, "203.0.113.5", "203.0.113.5")
    second = _worker(tmp_path, redis_prefix, 1, "203.0.113.5", "203.0.113.5")
    assert first == [200, 200] and second == [200, 429]


def test_behind_a_proxy_each_client_is_counted_by_its_own_address(tmp_path, redis_prefix):
    statuses = _worker(tmp_path, redis_prefix, 1, *["203.0.113.5"] * 4, "203.0.113.6",
                       "203.0.113.6, 203.0.113.5")  # a forged first hop: the proxy's own hop is what counts
    assert statuses == [200, 200, 200, 429, 200, 429]


def test_without_a_trusted_proxy_the_forwarded_header_is_ignored(tmp_path, redis_prefix):
    statuses = _worker(tmp_path, redis_prefix, 0, "203.0.113.5", "203.0.113.6", "203.0.113.7", "203.0.113.8")
    assert statuses == [200, 200, 200, 429], "X-Forwarded-For, unchecked, would let anyone dodge the limits"


def _start_production(tmp_path, **settings: str) -> subprocess.CompletedProcess:
    env = _environment(PORTAL_ENV="production", SECRET_KEY="k" * 32, TRACKING_CODE_KEY="t" * 32, OUTBOX_KEY="o" * 32,
                       DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", DATABASE_SINGLE_HOST="true", **settings)
    return subprocess.run([sys.executable, "-c", "import wsgi"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, check=False)


def test_production_refuses_to_start_with_a_per_worker_store(tmp_path):
    refused = _start_production(tmp_path)
    assert refused.returncode != 0 and "RATELIMIT_STORAGE_URI=redis://" in refused.stderr
    refused = _start_production(tmp_path, RATELIMIT_SINGLE_PROCESS="true", WEB_CONCURRENCY="2")
    assert refused.returncode != 0 and "WEB_CONCURRENCY=2" in refused.stderr
    assert _start_production(tmp_path, RATELIMIT_SINGLE_PROCESS="true").returncode == 0
    assert _start_production(tmp_path, RATELIMIT_STORAGE_URI=REDIS, WEB_CONCURRENCY="4").returncode == 0


@pytest.mark.parametrize(("storage", "single", "workers", "refused"), [
    ("memory://", False, None, True),
    ("memory://", True, None, False),
    ("memory://", True, "1", False),
    ("memory://", True, "3", True),
    ("redis://127.0.0.1:6379", False, "8", False),
])
def test_the_rule_for_the_rate_limit_store(storage, single, workers, refused):
    assert bool(shared_rate_limit_refusal(storage, single, workers)) is refused
