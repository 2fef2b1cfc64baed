"""The portal on two app hosts behind one load balancer, as a council runs it (issue 24).

    .venv/bin/python bench/two_hosts.py                 # every check, about three minutes
    .venv/bin/python bench/two_hosts.py --sweep         # and gunicorn's worker settings, one host at a time

nginx (Debian's package) listens on loopback in front of two gunicorn instances of the portal (each with
the repository's gunicorn.conf.py and production settings), sharing one PostgreSQL database
(``issue24_bench`` by default: made here, its schema rebuilt), one Redis (the rate limits; keys under a
prefix of their own) and one clamd (started here with a local test signature). A local SMTP server
(aiosmtpd) receives the outbox's emails.

It checks, and prints with its figures:
1. /health answers on both hosts;
2. a young person's journey whose requests alternate between the hosts completes (each request's host is
   named by nginx in ``X-Served-By``);
3. a member of staff signed in through one host uploads a document there and downloads it, byte for
   byte, through the other;
4. a rate limit holds across both hosts (the tracking page's, 60 tries an hour from one address, counted
   once);
5. how many young people's submissions a second one host sustains, and both together;
6. one host killed (SIGKILL) in the middle of the load loses no acknowledged submission;
7. one outbox sender per host (``flask notifications send`` on each at once) delivers each message once.

Not part of ``make test``: the machine is shared and its figures swing. nginx decides the host from the
bench's ``X-Bench-Instance`` header (a, b, or neither: round robin). Each simulated phone has its own
address, sent as ``X-Forwarded-For`` as a CDN in front of nginx would (``TRUSTED_PROXY_COUNT=2``).
"""

from __future__ import annotations

import argparse
import email
import hashlib
import http.client
import logging
import os
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests"), str(ROOT)]

from compare import Client, journey, walk_to  # noqa: E402
from portal_testing import start_clamd, stop_clamd  # noqa: E402

DATABASE = "postgresql://postgres@127.0.0.1:5432/issue24_bench"
REDIS = "redis://127.0.0.1:6379/14"
STAFF_EMAIL, STAFF_PASSWORD = "bench.officer@example.gov.uk", "a bench password that is long enough"
STAFF_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXB"
NGINX = "/usr/sbin/nginx"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Phone(Client):
    """A young person's (or a member of staff's) phone reaching the portal through nginx; ``hosts`` says
    which app host each request goes to in turn ("a", "b"; empty: nginx chooses)."""

    def __init__(self, base: str, hosts: tuple[str, ...] = ()) -> None:
        super().__init__(base)
        self.hosts, self.turn, self.served_by = hosts, 0, []

    def headers(self) -> dict[str, str]:
        headers = super().headers()
        if self.hosts:
            headers["X-Bench-Instance"] = self.hosts[self.turn % len(self.hosts)]
            self.turn += 1
        return headers

    def request(self, path, data=None, **kwargs):  # type: ignore[no-untyped-def]
        answer = super().request(path, data, **kwargs)
        self.served_by.append(self.last_headers.get("X-Served-By", ""))
        return answer


@dataclass
class Outcome:
    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    def check(self, what: str, passed: bool, figures: str) -> None:
        self.checks.append((what, passed, figures))
        print(f"  {'ok  ' if passed else 'FAIL'} {what}: {figures}", flush=True)


# ------------------------------------------------------------------------------------------------
# The parts: database, SMTP, app hosts, nginx
# ------------------------------------------------------------------------------------------------


def fresh_database(url: str, clamd_url: str):  # noqa: ANN201 - the Flask app set up on it
    """Rebuild the bench database (its name must say it is one) with the migrations, the demonstration
    data and a member of staff whose second factor the bench knows."""
    from sqlalchemy import text
    from sqlalchemy.engine import make_url

    from portal import create_app, demo, migrate
    from portal.auth import accounts
    from portal.config import TestConfig
    from portal.db import make_engine

    name = make_url(url).database or ""
    if "bench" not in name:
        raise SystemExit(f"Refusing to rebuild {name!r}: the bench's database must have 'bench' in its name.")
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], capture_output=True, check=False)
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    migrate.upgrade(url)

    class Setup(TestConfig):
        DATABASE_URL = url
        CLAMD_URL = clamd_url
        OUTBOX_KEY = "two-hosts-outbox"  # the hosts' key (host_environment), so they open what setup sealed
        ARGON2_TIME_COST, ARGON2_MEMORY_COST, ARGON2_PARALLELISM = 3, 65536, 4  # production's, as it signs in

    app = create_app(Setup)
    with app.app_context():
        demo.load()
        accounts.create_user(email=STAFF_EMAIL, name="Bench Officer", roles={"crs_officer"},
                             password=STAFF_PASSWORD, totp_secret=STAFF_SECRET)
    return app


class Mailbox:
    """aiosmtpd on loopback, keeping each message's Message-ID."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.ids: list[str] = []
        self.lock = threading.Lock()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    async def handle_DATA(self, server, session, envelope):  # noqa: ANN001, ANN201, N802 - aiosmtpd's name
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        with self.lock:
            self.ids.append(str(message["Message-ID"]))
        return "250 OK"

    def stop(self) -> None:
        self.controller.stop()


def host_environment(url: str, prefix: str, clamd_url: str, smtp_port: int) -> dict[str, str]:
    keep = {key: value for key, value in os.environ.items()
            if not key.startswith(("PORTAL_", "RATELIMIT_", "DATABASE_", "TEST_", "GUNICORN_", "FLASK_"))
            and key != "WEB_CONCURRENCY"}
    return keep | {
        "PORTAL_ENV": "production", "SECRET_KEY": "two-hosts-bench-" * 3, "TRACKING_CODE_KEY": "two-hosts-tracking",
        "OUTBOX_KEY": "two-hosts-outbox",
        "DATABASE_URL": url, "RATELIMIT_STORAGE_URI": REDIS, "RATELIMIT_KEY_PREFIX": prefix,
        "TRUSTED_PROXY_COUNT": "2", "SESSION_COOKIE_SECURE": "false", "CLAMD_URL": clamd_url,
        "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port), "FLASK_APP": "wsgi",
    }


class AppHost:
    def __init__(self, name: str, env: dict[str, str], work: Path, workers: str = "", threads: str = "") -> None:
        self.name, self.port = name, free_port()
        settings = {"GUNICORN_BIND": f"127.0.0.1:{self.port}"}
        if workers:
            settings["WEB_CONCURRENCY"] = workers
        if threads:
            settings["GUNICORN_THREADS"] = threads
        self.log = work / f"host-{name}-{self.port}.log"
        self.process = subprocess.Popen(
            [str(ROOT / ".venv/bin/gunicorn"), "-c", str(ROOT / "gunicorn.conf.py"), "--log-level", "warning",
             "--access-logfile", "/dev/null", "wsgi:app"],
            cwd=ROOT, env=env | settings, stdout=self.log.open("w"), stderr=subprocess.STDOUT,
            start_new_session=True)
        try:
            wait_for(self.port, "/healthz", self.log)
        except BaseException:  # never leave a host running behind (an interrupt while it starts, too)
            self.stop()
            raise

    def kill(self) -> None:
        """As a host dies: every process of it at once, nothing finishes."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(20)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(40)


def wait_for(port: int, path: str, log: Path) -> None:
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", path)
            if connection.getresponse().status < 500:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"nothing answered on port {port}: see {log}")


NGINX_CONF = """
user root;
worker_processes 1;
error_log {work}/nginx-error.log warn;
pid {work}/nginx.pid;
events {{ worker_connections 2048; }}
http {{
  access_log off;
  client_body_temp_path {work}/nginx-body;
  proxy_temp_path {work}/nginx-proxy;
  fastcgi_temp_path {work}/nginx-fastcgi;
  uwsgi_temp_path {work}/nginx-uwsgi;
  scgi_temp_path {work}/nginx-scgi;
  client_max_body_size 25m;
  upstream portal {{
    server 127.0.0.1:{a} max_fails=1 fail_timeout=30s;
    server 127.0.0.1:{b} max_fails=1 fail_timeout=30s;
  }}
  upstream portal_a {{ server 127.0.0.1:{a}; }}
  upstream portal_b {{ server 127.0.0.1:{b}; }}
  map $http_x_bench_instance $pool {{ a portal_a; b portal_b; default portal; }}
  server {{
    listen 127.0.0.1:{port};
    location / {{
      proxy_pass http://$pool;
      proxy_set_header Host $host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Bench-Instance "";
      add_header X-Served-By $upstream_addr always;
    }}
  }}
}}
"""


class LoadBalancer:
    def __init__(self, work: Path, a: AppHost, b: AppHost) -> None:
        if not os.path.exists(NGINX):
            raise SystemExit("nginx is missing: apt-get install nginx (Debian's package; its service need not run).")
        self.port, self.work = free_port(), work
        config = work / "nginx.conf"
        config.write_text(NGINX_CONF.format(work=work, a=a.port, b=b.port, port=self.port))
        self.process = subprocess.Popen([NGINX, "-c", str(config), "-p", str(work), "-g", "daemon off;"],
                                        stdout=subprocess.DEVNULL, stderr=(work / "nginx.log").open("w"),
                                        start_new_session=True)
        wait_for(self.port, "/healthz", work / "nginx.log")
        self.base = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGQUIT)
        self.process.wait(20)


# ------------------------------------------------------------------------------------------------
# The checks
# ------------------------------------------------------------------------------------------------


def check_health(outcome: Outcome, base: str, a: AppHost, b: AppHost) -> None:
    import json

    said = {}
    for name in ("a", "b"):
        phone = Phone(base, (name,))
        status, body, _, _ = phone.request("/health")
        said[name] = (status, json.loads(body).get("status"), phone.served_by[-1])
    outcome.check("/health on both hosts", all(s == (200, "ok") for s in [v[:2] for v in said.values()])
                  and {v[2] for v in said.values()} == {f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"},
                  ", ".join(f"{k}: {v[0]} {v[1]} from {v[2]}" for k, v in said.items()))


def check_alternating_journey(outcome: Outcome, base: str, url: str) -> None:
    phone = Phone(base, ("a", "b"))
    _, token = walk_to(phone, None)
    phone.request("/tell-us/check")
    status, _, _, _ = phone.request("/tell-us/check", {"csrf_token": token, "website": ""})
    status, body, _, _ = phone.request("/tell-us/thank-you")
    match = re.search(r'class="app-reference[^"]*" dir="ltr">([A-Z0-9-]{9})<', body)
    hosts = phone.served_by
    alternated = all(hosts[i] != hosts[i + 1] for i in range(len(hosts) - 1)) and len(set(hosts)) == 2
    stored = bool(match) and match.group(1) in stored_references(url)
    outcome.check("a journey alternating between the hosts completes", alternated and stored,
                  f"{len(hosts)} requests, hosts {' '.join('ab'[sorted(set(hosts)).index(h)] for h in hosts)}; "
                  f"reference {match.group(1) if match else 'none'} {'stored' if stored else 'NOT stored'}")


def stored_references(url: str) -> set[str]:
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        found = {row[0] for row in connection.execute(text("SELECT reference FROM submissions"))}
    engine.dispose()
    return found


def staff_sign_in(phone: Phone) -> None:
    import pyotp

    _, body, _, _ = phone.request("/sign-in")
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    status, _, location, _ = phone.request("/sign-in", {"csrf_token": token, "email": STAFF_EMAIL,
                                                        "password": STAFF_PASSWORD})
    if status != 302:
        raise RuntimeError(f"sign-in answered {status}")
    path = location.replace(phone.base, "") or "/sign-in/code"
    _, body, _, _ = phone.request(path)
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    status, _, _, _ = phone.request(path, {"csrf_token": token, "code": pyotp.TOTP(STAFF_SECRET).now()})
    if status != 302:
        raise RuntimeError(f"the sign-in code answered {status}")


def multipart(fields: dict[str, str], name: str, filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
             for key, value in fields.items()]
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                 f"Content-Type: application/pdf\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def check_upload_across_hosts(outcome: Outcome, base: str, url: str) -> None:
    from sqlalchemy import text

    from portal.db import make_engine

    engine = make_engine(url)
    with engine.connect() as connection:
        case_id = connection.execute(text("SELECT id FROM cases ORDER BY reference LIMIT 1")).scalar()
    engine.dispose()
    via_a, content = Phone(base, ("a",)), b"%PDF-1.7\n" + secrets.token_bytes(300_000) + b"\n%%EOF\n"
    staff_sign_in(via_a)
    page = f"/staff/cases/{case_id}/documents"
    _, body, _, _ = via_a.request(page)
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    payload, kind = multipart({"csrf_token": token, "description": "Bench upload"}, "document", "bench.pdf", content)
    uploaded, _, _, took = via_a.request(page, body=payload, content_type=kind)
    via_b = Phone(base, ("b",))
    via_b.jar, via_b.opener, via_b.address = via_a.jar, via_a.opener, via_a.address  # the same browser
    _, listing, _, _ = via_b.request(page)
    links = re.findall(r'href="/staff/documents/([0-9a-f-]{36})"', listing)
    status, _, _, _ = via_b.request(f"/staff/documents/{links[-1]}") if links else (0, "", "", 0)
    same = status == 200 and hashlib.sha256(via_b.last_body).digest() == hashlib.sha256(content).digest()
    attachment = via_b.last_headers.get("Content-Disposition", "").startswith("attachment")
    outcome.check("a staff upload through one host downloads through the other", uploaded == 303 and same
                  and attachment and via_a.served_by[-1] != via_b.served_by[-1],
                  f"upload {uploaded} via {via_a.served_by[-1]} ({len(content):,} bytes, {took * 1000:.0f} ms), "
                  f"download {status} via {via_b.served_by[-1]}, byte for byte: {'yes' if same else 'NO'}")


def check_shared_rate_limit(outcome: Outcome, base: str) -> None:
    """The tracking page's limit on tries from one address (60 an hour), counted once for both hosts: 70
    tries alternating between them get 60 answers and 10 refusals. (The window is an hour from the first
    try, so a slow machine cannot spread the tries over two windows, as a limit of a minute could.)"""
    phone = Phone(base, ("a", "b"))
    _, body, _, _ = phone.request("/check")
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    statuses = []
    started = time.monotonic()
    for _ in range(70):
        status, _, _, _ = phone.request("/check", {"csrf_token": token, "reference": "ZZZZ-ZZZZ",
                                                   "code": "AAAA-AAAA-AAAA-AAAA"})
        statuses.append(status)
    answered, limited = statuses.count(200), statuses.count(429)
    hosts = len(set(phone.served_by))
    outcome.check("the tracking page's limit (60 tries an hour from one address) holds across both hosts",
                  answered == 60 and limited == 10 and hosts == 2,
                  f"70 tries from one address alternating between {hosts} hosts in {time.monotonic() - started:.0f} s:"
                  f" {answered} answered, {limited} refused (429)")


def load(base: str, seconds: float, young_people: int, hosts: tuple[str, ...], acknowledged: list[str],
         errors: list[str], during: threading.Event | None = None) -> tuple[int, float]:
    """Young people sending complaints for ``seconds``; returns (journeys sent, requests per second)."""
    stop = time.monotonic() + seconds
    done_before = len(acknowledged)
    requests = [0]
    lock = threading.Lock()

    def young_person() -> None:
        while time.monotonic() < stop:
            sends: list[float] = []
            phone = Phone(base, hosts)
            try:
                _, csrf = walk_to(phone, None)
                phone.request("/tell-us/check")
            except (RuntimeError, OSError) as error:
                errors.append(str(error)[:80])
                continue
            finally:
                with lock:
                    requests[0] += len(phone.served_by)
            journey(base, sends, acknowledged, errors, (phone, csrf))
            with lock:
                requests[0] += 2

    threads = [threading.Thread(target=young_person) for _ in range(young_people)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    if during is not None:
        during.set()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - started
    return len(acknowledged) - done_before, requests[0] / elapsed


def check_throughput(outcome: Outcome, base: str, seconds: float, young_people: int, url: str) -> dict[str, float]:
    figures = {}
    for label, hosts in (("one host", ("a",)), ("both hosts", ())):
        acknowledged: list[str] = []
        errors: list[str] = []
        sent, per_second = load(base, seconds, young_people, hosts, acknowledged, errors)
        figures[label] = sent / seconds
        server_errors = sum(bool(re.search(r"\b5\d\d\b", e)) for e in errors)
        outcome.check(f"submissions a second, {label}", server_errors == 0,
                      f"{sent / seconds:.1f} complaints sent a second ({sent} in {seconds:.0f} s, {young_people} "
                      f"young people at once, {per_second:.0f} requests a second); {server_errors} server errors")
    return figures


def check_kill(outcome: Outcome, base: str, a: AppHost, seconds: float, young_people: int, url: str) -> None:
    acknowledged: list[str] = []
    errors: list[str] = []
    started = threading.Event()

    def killer() -> None:
        started.wait()
        time.sleep(seconds / 3)
        a.kill()

    thread = threading.Thread(target=killer)
    thread.start()
    sent, _ = load(base, seconds, young_people, (), acknowledged, errors, during=started)
    thread.join()
    stored = stored_references(url)
    lost = set(acknowledged) - stored
    outcome.check("one host killed mid-load loses no acknowledged submission", not lost and sent > 0,
                  f"host a killed after {seconds / 3:.0f} s of {seconds:.0f} s; {len(acknowledged)} acknowledged, "
                  f"{len(lost)} of them lost; {len(errors)} journeys broken off by the kill "
                  f"({', '.join(sorted(set(e[:40] for e in errors))[:3])})")


def check_outbox(outcome: Outcome, env: dict[str, str], url: str, mailbox: Mailbox, app, messages: int) -> None:  # noqa: ANN001
    from sqlalchemy import text

    from portal.db import db, make_engine
    from portal.notifications import outbox

    with app.app_context():  # queued as the portal queues them (content-free, to young people's addresses)
        for number in range(messages):
            outbox.queue(f"young.person.{number}@example.com", "message_waiting", language="en")
        db.session.commit()
    engine = make_engine(url)
    with engine.connect() as connection:
        waiting = connection.execute(text("SELECT count(*) FROM notifications WHERE sent_at IS NULL")).scalar()
    mailbox.ids.clear()
    senders = [subprocess.Popen([str(ROOT / ".venv/bin/flask"), "notifications", "send", "--limit", "100000"],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
               for _host in ("a", "b")]
    said = [sender.communicate(timeout=600)[0].strip().splitlines()[-1] for sender in senders]
    with engine.connect() as connection:
        left = connection.execute(text("SELECT count(*) FROM notifications WHERE sent_at IS NULL")).scalar()
    engine.dispose()
    delivered, distinct = len(mailbox.ids), len(set(mailbox.ids))
    outcome.check("one outbox sender per host delivers each message once", delivered == distinct == waiting
                  and left == 0,
                  f"{waiting} queued; delivered {delivered}, {distinct} distinct, {delivered - distinct} twice; "
                  f"{left} left waiting (senders said: {' | '.join(said)})")


SETTINGS = (("2", "1"), ("4", "1"), ("8", "1"), ("2", "2"), ("4", "2"), ("4", "4"))


def sweep(env: dict[str, str], work: Path, seconds: float, young_people: int, rounds: int,
          b: AppHost, lb_restart) -> list[tuple[str, list[float], list[float]]]:  # noqa: ANN001
    """One host's complaints a second under several gunicorn settings (the host alone behind nginx).
    The settings take turns, round after round, so a busy moment on a shared machine falls on all of them
    rather than on one; the median of the rounds is the figure."""
    measured: dict[tuple[str, str], tuple[list[float], list[float]]] = {key: ([], []) for key in SETTINGS}
    for number in range(1, rounds + 1):
        for workers, threads in SETTINGS:
            host = AppHost("sweep", env, work, workers=workers, threads=threads)
            lb = lb_restart(host, b)
            try:
                sent, per_second = load(lb.base, seconds, young_people, ("a",), [], [])
            finally:
                lb.stop()
                host.stop()
            measured[(workers, threads)][0].append(sent / seconds)
            measured[(workers, threads)][1].append(per_second)
            print(f"  sweep round {number}: {workers} workers x {threads} threads: {sent / seconds:.1f} complaints/s, "
                  f"{per_second:.0f} requests/s", flush=True)
    return [(f"{workers} workers x {threads} thread{'s' if threads != '1' else ''}", *measured[(workers, threads)])
            for workers, threads in SETTINGS]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DATABASE)
    parser.add_argument("--seconds", type=float, default=30, help="each load phase")
    parser.add_argument("--young-people", type=int, default=16, help="sending at once")
    parser.add_argument("--messages", type=int, default=300, help="emails queued for the two outbox senders")
    parser.add_argument("--sweep", action="store_true", help="also measure gunicorn's worker settings")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the sweep")
    parser.add_argument("--only-sweep", action="store_true", help="the sweep alone, without the checks")
    args = parser.parse_args()
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's line per SMTP command
    work = Path(tempfile.mkdtemp(prefix="two-hosts-"))
    os.chmod(work, 0o755)
    outcome = Outcome()
    print(f"two hosts behind nginx; work folder {work}", flush=True)
    clamd_process, clamd_url = start_clamd(work / "clamd")
    mailbox = Mailbox()
    a = b = lb = None
    try:
        app = fresh_database(args.database_url, clamd_url)
        env = host_environment(args.database_url, f"two-hosts-{uuid.uuid4().hex[:8]}", clamd_url, mailbox.port)
        a, b = AppHost("a", env, work), AppHost("b", env, work)
        lb = LoadBalancer(work, a, b)
        print(f"nginx :{lb.port} -> a :{a.port}, b :{b.port}; PostgreSQL {args.database_url}; Redis {REDIS}",
              flush=True)
        if not args.only_sweep:
            check_health(outcome, lb.base, a, b)
            check_alternating_journey(outcome, lb.base, args.database_url)
            check_upload_across_hosts(outcome, lb.base, args.database_url)
            check_shared_rate_limit(outcome, lb.base)
            check_throughput(outcome, lb.base, args.seconds, args.young_people, args.database_url)
            check_kill(outcome, lb.base, a, args.seconds, args.young_people, args.database_url)
            check_outbox(outcome, env, args.database_url, mailbox, app, args.messages)
        if args.sweep or args.only_sweep:
            lb.stop()

            def restart(first: AppHost, second: AppHost) -> LoadBalancer:
                return LoadBalancer(work, first, second)

            lb = None
            rows = sweep(env, work, args.seconds, args.young_people, args.rounds, b, restart)
            print(f"\ngunicorn settings, one host: complaints a second (median, min-max of {args.rounds} rounds), "
                  "requests a second (median)")
            for label, complaints, requests in rows:
                print(f"  {label:24} {statistics.median(complaints):5.1f} ({min(complaints):.1f}-{max(complaints):.1f})"
                      f" {statistics.median(requests):6.0f}")
    finally:
        for part in (lb, a, b):
            if part is not None:
                try:
                    part.stop()
                except (OSError, subprocess.TimeoutExpired):
                    pass
        mailbox.stop()
        stop_clamd(clamd_process)
    print(f"\n{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, gunicorn.conf.py's settings on each host, "
          f"{args.young_people} young people at once, {args.seconds:.0f} s a load phase")
    for what, passed, figures_said in outcome.checks:
        print(f"{'ok  ' if passed else 'FAIL'} {what}: {figures_said}")
    print(f"logs in {work}")
    if not all(passed for _, passed, _ in outcome.checks):
        raise SystemExit(1)


if __name__ == "__main__":
    main()
