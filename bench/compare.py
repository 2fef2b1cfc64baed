"""The portal against a bare Flask app, under the same gunicorn settings, in the same run (issue 10).

    .venv/bin/python bench/compare.py                  # SQLite and PostgreSQL, 3 rounds
    .venv/bin/python bench/compare.py --db sqlite --rounds 1 --seconds 5

Absolute times on a shared 2-core machine swing three- to five-fold, so each figure is a ratio
against the bare app measured in the same round. Prints min / median / max over the rounds with the
target beside it, then checks that every acknowledged submission is stored exactly once.

Needs: PostgreSQL at 127.0.0.1:5432 (database ``benchtest``, made here) and Redis at 127.0.0.1:6379
(the rate limiter's shared storage, as in production). The load generator is Python (threads, one
connection per request, as gunicorn's sync workers close each connection). Each simulated young
person has their own session and address (``X-Forwarded-For`` through one trusted proxy), so the
rate limits apply per person, as they would.
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT)]
PORTAL_PORT, BARE_PORT = 5601, 5602
PG_URL = "postgresql://postgres@127.0.0.1:5432/benchtest"

# One valid answer per step of a young person's complaint (as a browser sends them).
STEP_ANSWERS = {
    "who": {"who_is_telling": "young_person"},
    "name": {"young_person_name": "Sam"},
    "age": {"dob_day": "", "dob_month": "", "dob_year": "", "age": "15"},
    "where": {"where_they_live": "foster_care", "service_or_worker": ""},
    "details": {"what_happened": "My social worker never calls me back. " * 8},
    "hopes": {"what_would_help": "A call back every week."},
    "advocate": {"advocate": "none"},
    "contact": {"contact_method": "email", "contact_email": "sam@example.com"},
    "contact-safety": {"may_leave_message": "no", "safe_times": "After 4pm"},
    "interpreter": {"interpreter_needed": "no"},
    "about-you": {"gender": "refused", "ethnicity": "WBRI", "uas_child": "refused"},
}


class Client:
    """One young person on one phone: their own cookies and their own address."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.address = f"10.{random.randint(0, 255)}.{random.randint(0, 255)}.{random.randint(1, 254)}"
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def headers(self) -> dict[str, str]:
        """What every request of this phone carries (bench/two_hosts.py adds which app host to reach)."""
        return {"X-Forwarded-For": self.address}

    def request(self, path: str, data: dict | None = None, *, body: bytes | None = None,
                content_type: str | None = None) -> tuple[int, str, str, float]:
        if data is not None:
            body = urllib.parse.urlencode(data).encode()
        headers = self.headers() | ({"Content-Type": content_type} if content_type else {})
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        start = time.perf_counter()
        try:
            with self.opener.open(request, timeout=60) as response:
                status, raw, headers = response.status, response.read(), response.headers
        except urllib.error.HTTPError as error:
            status, raw, headers = error.code, error.read(), error.headers
        self.last_headers, self.last_body = headers, raw
        return status, raw.decode(errors="replace"), headers.get("Location", ""), time.perf_counter() - start


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003
        return None


def _token(body: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', body)
    if not match:
        raise RuntimeError("no CSRF token")
    return match.group(1)


def walk_to(client: Client, stop: str | None) -> tuple[str, str]:
    """Walk a complaint from the start to ``stop`` (a step's slug) or to the check page; returns
    (the slug reached, a CSRF token). Raises on any unexpected answer."""
    status, body, _, _ = client.request("/tell-us/start")
    csrf = _token(body)
    status, body, location, _ = client.request("/tell-us/start", {"csrf_token": csrf, "kind": "complaint"})
    slug = "start"
    while status == 303 and not location.endswith("/tell-us/check"):
        slug = location.rsplit("/", 1)[1]
        if slug == stop:
            return slug, csrf
        status, body, location, _ = client.request(f"/tell-us/{slug}", {"csrf_token": csrf, **STEP_ANSWERS[slug]})
    if status != 303:
        error = re.search(r"govuk-error-message[^>]*>(.*?)</", body, re.S)
        said = error.group(1).split("</span>")[-1].strip()[:80] if error else body[:80]
        raise RuntimeError(f"journey stopped with {status} after {slug!r}: {said}")
    return "check", csrf


def journey(base: str, sends: list[float], acknowledged: list[str], errors: list[str],
            ready: tuple[Client, str] | None = None) -> None:
    """One young person's complaint, from the start page to the thank-you page (or, given ``ready``,
    a client already at the check page with its CSRF token, only the send)."""
    try:
        client, csrf = ready or (None, None)
        if client is None:
            client = Client(base)
            _, csrf = walk_to(client, None)
            client.request("/tell-us/check")
        status, body, location, took = client.request("/tell-us/check", {"csrf_token": csrf, "website": ""})
        if status >= 500:
            errors.append(f"send {status}")
            return
        sends.append(took)
        status, body, _, _ = client.request("/tell-us/thank-you")
        match = re.search(r'class="app-reference[^"]*" dir="ltr">([A-Z0-9-]{9})<', body)
        if status != 200 or not match:
            errors.append(f"thank-you {status}")
            return
        acknowledged.append(match.group(1))
    except RuntimeError as error:
        errors.append(str(error))
    except OSError as error:
        errors.append(type(error).__name__)


def send_latency_p50(base: str, count: int, threads: int, acknowledged: list[str], errors: list[str]) -> float:
    """The final send alone, at the same concurrency as the bare insert: ``count`` young people are
    walked to the check page first (not timed), then send, ``threads`` at a time."""
    ready = []
    for _ in range(count):
        client = Client(base)
        _, csrf = walk_to(client, None)
        ready.append((client, csrf))
    sends: list[float] = []
    lock = threading.Lock()

    def worker() -> None:
        while True:
            with lock:
                if not ready:
                    return
                one = ready.pop()
            journey(base, sends, acknowledged, errors, one)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return statistics.median(sends)


def for_a_while(seconds: float, threads: int, work) -> None:  # noqa: ANN001
    stop = time.monotonic() + seconds

    def loop() -> None:
        while time.monotonic() < stop:
            work()

    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()


def throughput(url_base: str, path: str, seconds: float, threads: int, client: Client | None = None) -> float:
    """Requests per second for GET path (a fresh address each time unless a client is given)."""
    done = [0]
    failures = [0]
    lock = threading.Lock()

    def one() -> None:
        who = client or Client(url_base)
        if client is not None:  # one session, many addresses: the per-address limit is not the subject
            client.address = Client(url_base).address
        status = who.request(path)[0]
        with lock:
            done[0] += 1
            failures[0] += status >= 400
    for_a_while(seconds, threads, one)
    if failures[0]:
        print(f"   ! {failures[0]} of {done[0]} requests to {path} failed")
    return done[0] / seconds


def latency_p50(base: str, path: str, seconds: float, threads: int) -> float:
    times: list[float] = []

    def one() -> None:
        times.append(Client(base).request(path, {})[3])
    for_a_while(seconds, threads, one)
    return statistics.median(times)


def serve(app: str, port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(ROOT / ".venv/bin/gunicorn"), "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning", app],
        cwd=ROOT, env={**os.environ, **env}, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
    )
    for _ in range(100):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/healthz")
            return process
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{app} did not start: see {log}")


def stop(process: subprocess.Popen) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(20)


def page_weight(base: str) -> tuple[int, int, int]:
    """(requests on a first visit, compressed bytes on a first visit, requests on a repeat visit)."""
    request = urllib.request.Request(base + "/", headers={"Accept-Encoding": "br"})
    with urllib.request.urlopen(request) as response:  # noqa: S310 - loopback
        html = response.read()
    assets = re.findall(rb'(?:href|src)="(/static/dist/[^"]+)"', html)
    total, repeat = len(html), 1
    for asset in assets:
        request = urllib.request.Request(base + asset.decode(), headers={"Accept-Encoding": "br"})
        with urllib.request.urlopen(request) as response:  # noqa: S310 - loopback
            total += len(response.read())
            if "immutable" not in response.headers.get("Cache-Control", ""):
                repeat += 1
    return 1 + len(assets), total, repeat


def run(database: str, rounds: int, seconds: float, journeys: int, work: Path) -> dict[str, list[float]]:
    from portal_testing import reset_database

    url = f"sqlite:///{work}/portal.sqlite3" if database == "sqlite" else PG_URL
    bare_url = f"sqlite:///{work}/bare.sqlite3" if database == "sqlite" else PG_URL
    if database == "postgresql":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "benchtest"], capture_output=True)
    reset_database(url)
    env = {"PORTAL_ENV": "production", "SECRET_KEY": "bench-" * 8, "TRACKING_CODE_KEY": "bench-tracking-key",
           "OUTBOX_KEY": "bench-outbox-key",
           "DATABASE_URL": url, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15",
           "SESSION_COOKIE_SECURE": "false", "TRUSTED_PROXY_COUNT": "1", "BARE_DATABASE_URL": bare_url,
           "DATABASE_SINGLE_HOST": "true"}
    subprocess.run(["redis-cli", "-n", "15", "flushdb"], capture_output=True)
    portal = serve("wsgi:app", PORTAL_PORT, env, work / f"portal-{database}.log")
    bare = serve("bench.bare_app:app", BARE_PORT, env, work / f"bare-{database}.log")
    portal_base, bare_base = f"http://127.0.0.1:{PORTAL_PORT}", f"http://127.0.0.1:{BARE_PORT}"
    figures: dict[str, list[float]] = {key: [] for key in ("start", "about", "send", "errors", "journeys")}
    acknowledged: list[str] = []
    try:
        at_about = Client(portal_base)
        walk_to(at_about, "about-you")
        for number in range(1, rounds + 1):
            bare_page = throughput(bare_base, "/page", seconds, 4)
            figures["start"].append(throughput(portal_base, "/", seconds, 4) / bare_page)
            figures["about"].append(throughput(portal_base, "/tell-us/about-you", seconds, 4, at_about) / bare_page)
            sends: list[float] = []
            errors: list[str] = []
            done_before = len(acknowledged)
            for_a_while(seconds * 2, journeys, lambda s=sends, e=errors: journey(portal_base, s, acknowledged, e))
            insert = latency_p50(bare_base, "/insert", seconds, 4)
            send = send_latency_p50(portal_base, 40, 4, acknowledged, errors)
            figures["send"].append(send / insert)
            # A server error anywhere (a 5xx on any step) is what the target counts; other failures
            # (a page not as expected) are printed, and would show as journeys not acknowledged.
            figures["errors"].append(sum(bool(re.search(r"\b5\d\d\b", error)) for error in errors))
            figures["journeys"].append(len(acknowledged) - done_before)
            print(f"  {database} round {number}: {len(acknowledged) - done_before} journeys sent, "
                  f"{len(errors)} errors {sorted(set(errors))[:3]}; send p50 {send * 1000:.1f} ms, "
                  f"bare insert p50 {insert * 1000:.1f} ms")
        figures["weight"] = list(page_weight(portal_base))
    finally:
        stop(portal)
        stop(bare)
    figures["stored_once"] = [stored_exactly_once(url, acknowledged)]
    return figures


def stored_exactly_once(url: str, acknowledged: list[str]) -> float:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        stored = [row[0] for row in connection.execute(text("SELECT reference FROM submissions"))]
    engine.dispose()
    lost = set(acknowledged) - set(stored)
    duplicated = len(stored) - len(set(stored))
    unacknowledged = len(set(stored) - set(acknowledged))
    print(f"  acknowledged {len(acknowledged)}, stored {len(stored)}: lost {len(lost)}, duplicated {duplicated}, "
          f"stored but never acknowledged {unacknowledged}")
    return float(not lost and not duplicated and len(set(acknowledged)) == len(acknowledged))


def spread(values: list[float], fmt: str = "{:.2f}") -> str:
    if not values:
        return "-"
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--journeys", type=int, default=16, help="young people sending at once")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    results = {database: run(database, args.rounds, args.seconds, args.journeys, work) for database in databases}
    print(f"\nmin / median / max over {args.rounds} rounds (ratios against the bare app in the same round)")
    print(f"{'what':58} {'database':10} {'result':24} target")
    for database, figures in results.items():
        requests, weight, repeat = figures["weight"]
        rows = [
            ("500s among young people sending at once", spread(figures["errors"], "{:.0f}"), "0"),
            ("journeys sent per round", spread(figures["journeys"], "{:.0f}"), "-"),
            ("every acknowledged submission stored exactly once", "yes" if figures["stored_once"][0] else "NO",
             "yes"),
            ("start page requests/s vs bare 10 KB page", spread(figures["start"]), ">= 0.70"),
            ("'about you' (26 radios) requests/s vs bare page", spread(figures["about"]), ">= 0.35"),
            ("final send p50 vs bare insert p50, 4 at once (x slower)", spread(figures["send"]), "<= 2 (PostgreSQL)"),
            ("first visit: requests / KB (brotli)", f"{requests} / {weight / 1024:.1f}", "<= 5 / <= 50"),
            ("repeat visit: requests", f"{repeat}", "1"),
        ]
        for what, result, target in rows:
            print(f"{what:58} {database:10} {result:24} {target}")
    print(f"\nlogs in {work}")


if __name__ == "__main__":
    main()
