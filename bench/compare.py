"""The portal against a bare Flask app, served the same way, in the same rounds (issues 10 and 25).

    .venv/bin/python bench/compare.py --row start       # start page requests/s and worker CPU per request
    .venv/bin/python bench/compare.py --row about       # "about you" (26 radios), the same
    .venv/bin/python bench/compare.py --row send        # the send p50 against a bare insert p50
    .venv/bin/python bench/compare.py --row memory      # RSS per worker after 1,000 mixed requests
    .venv/bin/python bench/compare.py                   # every row, SQLite and PostgreSQL, 3 rounds

The yardstick (``bench/bare_app.py``) renders a file template compiled once. Both apps run under the
same gunicorn command (``-w 2``, sync workers, an empty config file, no compression on either side).
Load comes from ``wrk -t2 -c16`` with ``bench/fresh_address.lua`` giving every request a fresh
``X-Forwarded-For`` (one trusted proxy), so per-address rate limits never cut a run short. Beside
requests/s, each row gives the workers' CPU per request, read from ``/proc/<pid>/stat`` (user + system
time of the gunicorn workers) before and after the run. Every figure is min / median / max over the
rounds of a ratio against the bare app measured in the same round, and each round prints the load
average: absolute figures on a shared machine swing three- to five-fold.

Needs: ``wrk`` (Debian's package), PostgreSQL at 127.0.0.1:5432 (database ``benchtest``, made here)
and Redis at 127.0.0.1:6379 (the rate limiter's shared storage, as in production).
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import os
import random
import re
import shutil
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


def ask(base: str, path: str, count: int, threads: int, data: dict | None = None) -> list[float]:
    """``count`` requests (a fresh address each), ``threads`` at once; returns each one's seconds."""
    times: list[float] = []
    lock = threading.Lock()
    left = [count]

    def loop() -> None:
        while True:
            with lock:
                if left[0] <= 0:
                    return
                left[0] -= 1
            took = Client(base).request(path, data)[3]
            with lock:
                times.append(took)
    workers = [threading.Thread(target=loop) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return times


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


BENCH_SECRET_KEY = "bench-" * 8


def production_env(url: str, **more: str) -> dict[str, str]:
    """What the portal needs to start in production settings on ``url`` (SQLite or PostgreSQL), with
    Redis for the rate limits, as every bench serves it."""
    subprocess.run(["redis-cli", "-n", "15", "flushdb"], capture_output=True, check=False)
    return {"PORTAL_ENV": "production", "SECRET_KEY": BENCH_SECRET_KEY, "TRACKING_CODE_KEY": "bench-tracking-key",
            "OUTBOX_KEY": "bench-outbox-key", "DATABASE_URL": url, "DATABASE_SINGLE_HOST": "true",
            "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/15", "SESSION_COOKIE_SECURE": "false", **more}


class Server:
    """One app under ``gunicorn -w 2`` (sync workers; an empty config file, so gunicorn.conf.py's threads
    and max_requests apply to neither side)."""

    def __init__(self, app: str, port: int, env: dict[str, str], work: Path, name: str) -> None:
        config = work / "empty.gunicorn.conf.py"
        config.write_text("")
        log = work / f"{name}.log"
        self.name, self.base = name, f"http://127.0.0.1:{port}"
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", str(config), "-w", "2", "-b", f"127.0.0.1:{port}",
             "--log-level", "warning", app],
            cwd=ROOT, env={**os.environ, **env, "WEB_CONCURRENCY": "2"}, stdout=log.open("w"),
            stderr=subprocess.STDOUT, start_new_session=True,
        )
        for _ in range(150):
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/healthz")
                connection.getresponse().read()
                if len(self.workers()) == 2:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"{app} did not start: see {log}")

    def workers(self) -> list[int]:
        """The worker processes' ids (the master's children)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry.name))
        return sorted(found)

    def cpu_seconds(self) -> float:
        """User + system time of the workers so far."""
        ticks = 0
        for pid in self.workers():
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
        return ticks / os.sysconf("SC_CLK_TCK")

    def rss_mib(self) -> list[float]:
        sizes = []
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes.append(int(line.split()[1]) / 1024)
        return sizes

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(20)


def wrk(server: Server, path: str, seconds: float, headers: dict[str, str] | None = None) -> tuple[float, float]:
    """(requests/s, worker CPU milliseconds per request) for GET ``path`` under ``wrk -t2 -c16``.
    Raises if any answer was not 2xx or 3xx (a rate limit or an error would make the figure meaningless)."""
    command = ["wrk", "-t2", "-c16", f"-d{seconds:g}s", "-s", str(ROOT / "bench/fresh_address.lua")]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    before = server.cpu_seconds()
    output = subprocess.run([*command, server.base + path], capture_output=True, text=True, check=True).stdout
    cpu = server.cpu_seconds() - before
    requests = int(re.search(r"(\d+) requests in", output).group(1))
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    refused = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if refused or "Socket errors" in output:
        raise RuntimeError(f"{server.name} {path}: not every answer was 2xx/3xx:\n{output}")
    return rate, cpu * 1000 / requests


def load() -> str:
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def cookie_header(client: Client) -> str:
    return "; ".join(f"{cookie.name}={cookie.value}" for cookie in client.jar)


MIXED_PAGES = ["/", "/tell-us/start", "/language", "/accessibility", "/privacy", "/using-this-site-safely",
               "/interpreters", "/easy-read", "/check", "/sign-in"]


def warm_mixed(portal: Server, bare: Server, count: int) -> None:
    """``count`` mixed requests to each side: on the portal whole journeys to the check page in every
    language plus every public page in every language (so every per-language cache is warm); on the
    bare app pages and inserts, half each."""
    from portal.i18n import LANGUAGES

    codes = sorted(LANGUAGES)
    done = 0
    number = 0
    while done < count:
        client = Client(portal.base)
        code = codes[number % len(codes)]
        client.request(f"/?lang={code}")
        done += 1
        if number % 3 == 0:
            walk_to(client, None)
            done += 2 * len(STEP_ANSWERS) + 2
            client.request("/tell-us/check")
        for page in MIXED_PAGES:
            client.request(page)
        done += len(MIXED_PAGES) + 1
        number += 1
    for number in range(count):
        if number % 2:
            Client(bare.base).request("/page")
        else:
            Client(bare.base).request("/insert", {})


def run(database: str, rows: list[str], rounds: int, seconds: float, work: Path) -> dict[str, list[float]]:
    from portal_testing import reset_database

    url = f"sqlite:///{work}/portal.sqlite3" if database == "sqlite" else PG_URL
    bare_url = f"sqlite:///{work}/bare.sqlite3" if database == "sqlite" else PG_URL
    if database == "postgresql":
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", "benchtest"], capture_output=True)
    reset_database(url)
    env = production_env(url, TRUSTED_PROXY_COUNT="1", BARE_DATABASE_URL=bare_url)
    portal = Server("wsgi:app", PORTAL_PORT, env, work, f"portal-{database}")
    bare = Server("bench.bare_app:app", BARE_PORT, env, work, f"bare-{database}")
    figures: dict[str, list[float]] = {}
    acknowledged: list[str] = []

    def keep(key: str, value: float) -> None:
        figures.setdefault(key, []).append(value)
    try:
        at_about = Client(portal.base)
        walk_to(at_about, "about-you")
        about_headers = {"Cookie": cookie_header(at_about)}
        # Warm both sides (templates compiled, connections open) before the first round.
        wrk(bare, "/page", 2)
        wrk(portal, "/", 2)
        if "about" in rows:
            wrk(portal, "/tell-us/about-you", 2, about_headers)
        for number in range(1, rounds + 1):
            said = [f"  {database} round {number} ({load()}):"]
            if {"start", "about"} & set(rows):
                bare_rate, bare_cpu = wrk(bare, "/page", seconds)
                said.append(f"bare page {bare_rate:.0f}/s {bare_cpu:.2f} ms CPU;")
                if "start" in rows:
                    rate, cpu = wrk(portal, "/", seconds)
                    keep("start", rate / bare_rate)
                    keep("start_cpu", bare_cpu / cpu)
                    said.append(f"start page {rate:.0f}/s {cpu:.2f} ms CPU;")
                if "about" in rows:
                    rate, cpu = wrk(portal, "/tell-us/about-you", seconds, about_headers)
                    keep("about", rate / bare_rate)
                    keep("about_cpu", bare_cpu / cpu)
                    said.append(f"about you {rate:.0f}/s {cpu:.2f} ms CPU;")
            if "send" in rows:
                errors: list[str] = []
                insert = statistics.median(ask(bare.base, "/insert", 200, 4, {}))
                send = send_latency_p50(portal.base, 40, 4, acknowledged, errors)
                keep("send", send / insert)
                keep("errors", sum(bool(re.search(r"\b5\d\d\b", error)) for error in errors))
                said.append(f"send p50 {send * 1000:.1f} ms, bare insert p50 {insert * 1000:.1f} ms, "
                            f"{len(errors)} errors {sorted(set(errors))[:3]};")
            print(" ".join(said), flush=True)
        if "memory" in rows:
            warm_mixed(portal, bare, 1000)
            portal_rss, bare_rss = portal.rss_mib(), bare.rss_mib()
            figures["rss_portal"], figures["rss_bare"] = portal_rss, bare_rss
            keep("rss", max(portal_rss) / max(bare_rss))
            print(f"  {database} memory ({load()}): portal workers {' '.join(f'{m:.0f}' for m in portal_rss)} MiB, "
                  f"bare workers {' '.join(f'{m:.0f}' for m in bare_rss)} MiB", flush=True)
    finally:
        portal.stop()
        bare.stop()
    if acknowledged:
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
    print(f"  acknowledged {len(acknowledged)}, stored {len(stored)}: lost {len(lost)}, duplicated {duplicated}")
    return float(not lost and not duplicated and len(set(acknowledged)) == len(acknowledged))


def spread(values: list[float] | None, fmt: str = "{:.2f}") -> str:
    if not values:
        return "-"
    return " / ".join(fmt.format(v) for v in (min(values), statistics.median(values), max(values)))


ROWS = ("start", "about", "send", "memory")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--row", choices=[*ROWS, "all"], default="all")
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    rows = list(ROWS) if args.row == "all" else [args.row]
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    databases = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, {load()}")
    results = {database: run(database, rows, args.rounds, args.seconds, work) for database in databases}
    print(f"\nmin / median / max over {args.rounds} rounds (ratios against the bare app in the same round); "
          f"{load()} at the end")
    print(f"{'what':62} {'database':10} {'result':24} target")
    for database, figures in results.items():
        table = [
            ("start page requests/s vs bare page", spread(figures.get("start")), ">= 0.70"),
            ("start page: bare CPU per request / portal CPU per request", spread(figures.get("start_cpu")), "-"),
            ("'about you' (26 radios) requests/s vs bare page", spread(figures.get("about")), ">= 0.35"),
            ("'about you': bare CPU per request / portal CPU per request", spread(figures.get("about_cpu")), "-"),
            ("send p50 vs bare insert p50, 4 at once (x slower)", spread(figures.get("send")), "<= 2"),
            ("server errors while sending", spread(figures.get("errors"), "{:.0f}"), "0"),
            ("every acknowledged submission stored exactly once",
             {None: "-", 1.0: "yes", 0.0: "NO"}[(figures.get("stored_once") or [None])[0]], "yes"),
            ("RSS per worker after 1,000 mixed requests, portal / bare (largest)", spread(figures.get("rss")),
             "<= 1.5"),
        ]
        for what, result, target in table:
            if result != "-":
                print(f"{what:62} {database:10} {result:24} {target}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    print(f"\nlogs in {work}")


if __name__ == "__main__":
    main()
