"""The database: one engine per app, one session per app context.

SQLite is the embedded default and PostgreSQL the production database; the same Alembic migrations
build both. SQLite runs in WAL mode with foreign keys on and ``synchronous=FULL``, because a child's
complaint must survive a power cut (NORMAL can lose the last commits).
"""

from __future__ import annotations

import select
from typing import Any

from flask import Flask
from flask.globals import app_ctx
from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, scoped_session, sessionmaker


def _app_context_id() -> int:
    return id(app_ctx._get_current_object())


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling defers BEGIN and breaks SAVEPOINTs; take control of it
    # (SQLAlchemy's documented recipe) so nested transactions and per-test rollback work.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Temporary tables and sorts in memory: the annual report groups a temporary table of a year's cases.
    cursor.execute("PRAGMA temp_store=MEMORY")
    # Reads straight from the operating system's page cache instead of copying each page into SQLite's
    # own small cache: the annual report looks up a person and a category for every case of two years,
    # and takes half the time this way. Writes still go through the journal (SQLite writes with write()).
    cursor.execute("PRAGMA mmap_size=1073741824")
    cursor.close()


def _will_write() -> bool:
    """A request that may change something (any method but GET, HEAD or OPTIONS), or work outside a
    request (commands, tests): its transaction takes SQLite's write lock at BEGIN."""
    from flask import has_request_context, request

    return not has_request_context() or request.method not in ("GET", "HEAD", "OPTIONS")


def read_may_turn_into_write() -> bool:
    """True when this request's transaction is a deferred SQLite one (a GET): a write after reads in
    it fails at once if another worker wrote in between, so such a write must start its own."""
    from flask import has_request_context

    return (db.engine is not None and db.engine.dialect.name == "sqlite"
            and has_request_context() and not _will_write())


def _sqlite_begin(connection: Any) -> None:
    # A deferred BEGIN that reads and then writes fails at once with SQLITE_BUSY_SNAPSHOT when another
    # worker wrote in between (busy_timeout cannot help), so a child's sending became a 500. Taking the
    # write lock at BEGIN makes writers queue (for up to busy_timeout) instead; reads stay concurrent.
    # A connection may ask for a deferred BEGIN (the tests' per-test rollback wrapper, which must not
    # hold the write lock while threads in the same test commit for real).
    deferred = connection.get_execution_options().get("deferred_begin") or not _will_write()
    connection.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")


# A server connection is replaced after this long (a firewall or load balancer may drop an idle one
# without a word, which no check on our side can see).
POOL_RECYCLE_SECONDS = 30 * 60


def dropped_by_server(dbapi_connection: Any) -> bool:
    """True when the server has closed this idle connection (a restart, pg_terminate_backend, an idle
    time-out). An idle connection in good order has nothing to read; a closed one reads as the end of the
    stream (or the server's last message). One poll of the socket on our side, no round trip: this
    replaces pool_pre_ping, which sent a ``SELECT 1`` to the server before every request's first query."""
    if getattr(dbapi_connection, "closed", False):
        return True
    try:
        descriptor = dbapi_connection.fileno()
    except Exception:  # noqa: BLE001 - a connection without a socket cannot be used either
        return True
    poller = select.poll()
    poller.register(descriptor, select.POLLIN | select.POLLPRI | select.POLLERR | select.POLLHUP)
    return bool(poller.poll(0))


def _check_on_checkout(dbapi_connection: Any, _record: Any, _proxy: Any) -> None:
    if dropped_by_server(dbapi_connection):
        # The pool throws this connection away and opens a fresh one (up to three tries), so a database
        # restart costs a young person nothing.
        raise exc.DisconnectionError("the server closed this connection while it was idle")


def make_engine(url: str, **kwargs: Any) -> Engine:
    # A database error's message must never carry a child's words into a log: hide bound values.
    kwargs.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            from pathlib import Path

            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # psycopg 3 is the driver we ship; a plain postgresql:// URL means it.
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    kwargs.setdefault("pool_recycle", POOL_RECYCLE_SECONDS)
    engine = create_engine(url, **kwargs)
    event.listen(engine, "checkout", _check_on_checkout)
    return engine


class Database:
    def __init__(self) -> None:
        self.engine: Engine | None = None
        self.sessionmaker = sessionmaker(expire_on_commit=False)
        self.session: scoped_session[Session] = scoped_session(self.sessionmaker, scopefunc=_app_context_id)

    def init_app(self, app: Flask) -> None:
        self.engine = make_engine(app.config["DATABASE_URL"])
        self.sessionmaker.configure(bind=self.engine)
        app.extensions["database"] = self

        @app.teardown_appcontext
        def _remove_session(_exc: BaseException | None) -> None:
            self.session.remove()


db = Database()


def count_attempt(model: Any, key_column: Any, key: str, moment: Any, **new_row: Any) -> int:
    """One more failed attempt on the counter row ``key`` of ``model`` (made on first use), unless the
    row is locked at ``moment``: 1 when counted, 0 when locked. One conditional UPDATE both checks the
    lock and counts, so requests arriving at once can never compare more than the lock allows."""
    from sqlalchemy import or_, update

    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    db.session.execute(insert(model).values({key_column.key: key, "failed_attempts": 0, "updated_at": moment,
                                             **new_row})
                       .on_conflict_do_nothing(index_elements=[key_column.key]))
    return db.session.execute(
        update(model)
        .where(key_column == key, or_(model.locked_until.is_(None), model.locked_until <= moment))
        .values(failed_attempts=model.failed_attempts + 1, updated_at=moment)
        .execution_options(synchronize_session=False)
    ).rowcount
