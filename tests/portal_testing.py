"""Helpers shared by the test suites (imported as a plain module: ``tests/`` is on ``sys.path``).

``CheckingClient`` checks every HTML page it receives, the way notifications-admin's
``client_request`` does: status, well-formed HTML, a title, unique ids, ``lang`` and ``dir`` on
``<html>``, a CSRF token in every POST form, no inline script or style, no empty heading (h1-h6), and
fragments (not whole pages) for htmx requests.
"""

from __future__ import annotations

import contextvars
import os
import re
import shutil
import socket
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import html5lib
import pyotp
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.engine import make_url

from portal.config import INSTANCE

TEST_PASSWORD = "correct horse battery staple"  # noqa: S105
# The EICAR test file (eicar.org): every virus scanner detects it, and it harms nothing. Written in two
# halves so this source file is not itself flagged by a scanner on a developer's machine.
EICAR = ("X5O!P%@AP[4\\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*").encode()
CLAMD = shutil.which("clamd") or "/usr/sbin/clamd"
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def database_url_for_tests() -> str:
    """``TEST_DATABASE_URL`` only (never ``DATABASE_URL``): a SQLite file of its own by default."""
    return os.environ.get("TEST_DATABASE_URL") or f"sqlite:///{INSTANCE / 'test.sqlite3'}"


def check_test_database(url: str) -> None:
    """Refuse to wipe a PostgreSQL database whose name does not say it is for tests (CI's is "test")."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" and not (parsed.database or "").endswith("test"):
        raise RuntimeError(
            f"Refusing to use the PostgreSQL database {parsed.database!r} for tests: the suite drops its schema. "
            "Set TEST_DATABASE_URL to a database whose name ends in 'test'."
        )


def sibling_database_url(url: str, prefix: str) -> str:
    """A database of its own beside the test one, for tests that must commit or need a second database:
    a SQLite file beside it, or a PostgreSQL database named ``<prefix>_<name>`` (created when missing;
    its name still ends in "test", as every test database must)."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        # Beside the test database, so two test runs with different databases never share one.
        path = Path(parsed.database or str(INSTANCE / "test.sqlite3"))
        return f"sqlite:///{path.with_name(path.stem + '-' + prefix + '.sqlite3')}"
    from portal.db import make_engine

    name = f"{prefix}_{parsed.database}"
    engine = make_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return parsed.set(database=name).render_as_string(hide_password=False)


def empty_database(url: str) -> None:
    """Nothing in it: a SQLite file removed, or a PostgreSQL schema "public" dropped and made again."""
    check_test_database(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    from portal.db import make_engine

    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def reset_database(url: str) -> None:
    """An empty database, then every migration: the same path production takes."""
    from portal import migrate

    empty_database(url)
    migrate.upgrade(url)


@contextmanager
def committing(tables: tuple[str, ...]) -> Iterator[None]:
    """Inside a test's ``database`` fixture: the app commits for real (threads cannot share the test's
    rolled-back transaction), and ``tables`` are emptied afterwards."""
    from portal.db import db

    db.session.remove()
    db.sessionmaker.configure(bind=db.engine)
    try:
        yield
    finally:
        db.session.remove()
        with db.engine.begin() as connection:
            for table in tables:
                connection.execute(text(f"DELETE FROM {table}"))  # noqa: S608 - fixed names


def current_code(user: Any, offset_steps: int = 0) -> str:
    totp = pyotp.TOTP(user.totp_secret)
    return totp.at(datetime.now(UTC).timestamp() + 30 * offset_steps)


def check_page(response: Any) -> Any:
    """Fail the test if an HTML response breaks a rule every page must keep."""
    if not response.mimetype == "text/html" or response.status_code in (301, 302, 303, 307, 308):
        return None
    body = response.get_data(as_text=True)
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    is_fragment = response.request.headers.get("HX-Request") == "true" and not response.request.headers.get(
        "HX-Boosted"
    )
    if is_fragment:
        assert "<html" not in body, "an htmx request got a whole page, not a fragment"
        document = parser.parseFragment(body)
        ids = [el.get("id") for el in document.iter() if el.get("id")]
    else:
        try:
            document = parser.parse(body)
        except html5lib.html5parser.ParseError as error:  # pragma: no cover - shows the fault
            line = parser.errors[0][0] if parser.errors else None
            raise AssertionError(f"invalid HTML ({error}) near {line}") from error
        html = document
        assert html.get("lang"), "<html> has no lang"
        assert html.get("dir") in {"ltr", "rtl"}, "<html> has no dir"
        title = document.find("head/title")
        assert title is not None and (title.text or "").strip(), "page has no title"
        ids = [el.get("id") for el in document.iter() if el.get("id")]
    # An empty heading is what an undefined Jinja variable renders as (the error summary's title once
    # did, on every public error page): a screen reader announces "heading level 2" and nothing else.
    empty = [el.tag for el in document.iter() if el.tag in HEADINGS and not "".join(el.itertext()).strip()]
    assert not empty, f"empty heading(s): {empty}"
    duplicates = [name for name, count in Counter(ids).items() if count > 1]
    assert not duplicates, f"duplicate ids: {duplicates}"
    for form in document.iter("form"):
        if (form.get("method") or "get").lower() == "post":
            names = [field.get("name") for field in form.iter("input")]
            assert "csrf_token" in names, "a POST form without a CSRF token"
    assert "<script>" not in body and not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", body), "inline script"
    assert " style=" not in body, "inline style attribute (the CSP blocks it)"
    return document


class CheckingClient(FlaskClient):
    def open(self, *args: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        # Each request runs in an empty context, as in production: otherwise Flask reuses the
        # test's own app context, and ``g`` (the signed-in user, the locale) leaks between requests.
        response = contextvars.Context().run(super().open, *args, **kwargs)
        check_page(response)
        # As a WSGI server does once the last byte is sent: what waits for the response's end runs (the
        # staff reads recorded by portal.audit.note_read). The body is kept, for the test to read.
        response.make_sequence()
        contextvars.Context().run(response.close)
        return response

    def csrf_token(self, path: str = "/sign-in") -> str:
        body = self.get(path).get_data(as_text=True)
        match = re.search(r'name="csrf_token" value="([^"]+)"', body)
        assert match, f"no CSRF token on {path}"
        return match.group(1)

    def sign_in(self, user: Any) -> Any:
        token = self.csrf_token("/sign-in")
        response = self.post("/sign-in", data={"csrf_token": token, "email": user.email, "password": TEST_PASSWORD})
        assert response.status_code == 302, response.get_data(as_text=True)
        token = self.csrf_token(response.headers["Location"])
        response = self.post(
            "/sign-in/code", data={"csrf_token": token, "code": current_code(user)}
        )
        assert response.status_code == 302, response.get_data(as_text=True)
        return response


def start_clamd(folder: Path) -> tuple[subprocess.Popen, str]:
    """Debian's clamd on a socket in ``folder``, with a signature database of one line written here (the
    EICAR test file, anywhere in a file): never the downloaded signatures. Returns (process, CLAMD_URL)."""
    if not os.path.exists(CLAMD):
        raise RuntimeError(f"{CLAMD} is missing: `make test` installs Debian's clamav-daemon with apt (as root), "
                           "or run `apt-get install clamav-daemon`. The upload tests need a real clamd.")
    signatures = folder / "signatures"
    signatures.mkdir(parents=True, exist_ok=True)
    (signatures / "portal-test.ndb").write_text(f"Portal.Test.EICAR:0:*:{EICAR.hex()}\n")
    socket_path = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        f"LocalSocket {socket_path}\nDatabaseDirectory {signatures}\nForeground yes\n"
        f"LogFile {folder / 'clamd.log'}\nStreamMaxLength 40M\nMaxThreads 4\n")
    process = subprocess.Popen([CLAMD, "-c", str(folder / "clamd.conf")], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not socket_path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            log = folder / "clamd.log"
            raise RuntimeError(f"clamd did not start:\n{log.read_text() if log.exists() else ''}")
        time.sleep(0.05)
    return process, f"unix://{socket_path}"


def stop_clamd(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Inbox:
    """What a real local SMTP server (aiosmtpd) received: the envelopes, in order."""

    def __init__(self) -> None:
        self.messages: list = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802 - aiosmtpd's name
        self.messages.append(envelope)
        return "250 OK"
