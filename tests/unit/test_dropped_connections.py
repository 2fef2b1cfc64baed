"""A PostgreSQL connection the server has closed is replaced before a request uses it, without a
``SELECT 1`` sent before every request (pool_pre_ping): a poll of the socket on our side instead."""

from __future__ import annotations

import os
import socket
import time

from sqlalchemy import event, text

from portal.db import dropped_by_server, make_engine


class _Socketish:
    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.closed = sock, False

    def fileno(self) -> int:
        return self.sock.fileno()


def test_an_idle_socket_is_in_order_and_one_closed_by_the_other_end_is_not():
    ours, theirs = socket.socketpair()
    try:
        assert not dropped_by_server(_Socketish(ours))
        theirs.close()
        assert dropped_by_server(_Socketish(ours))
    finally:
        ours.close()
    closed = _Socketish(ours)
    closed.closed = True
    assert dropped_by_server(closed)


def _postgresql_url() -> str:
    url = os.environ.get("TEST_DATABASE_URL", "")
    return url if url.startswith("postgresql") else "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def test_a_connection_terminated_by_postgresql_is_replaced_at_checkout_without_a_ping():
    engine = make_engine(_postgresql_url(), pool_size=1, max_overflow=0)
    sent: list[str] = []
    try:
        assert engine.pool._pre_ping is False
        assert engine.pool._recycle == 30 * 60
        with engine.connect() as connection:
            first = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        # The same pooled connection is killed by the server, as a restart would.
        killer = make_engine(_postgresql_url())
        with killer.connect() as other:
            assert other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": first}).scalar()
            for _ in range(50):
                if not other.execute(text("SELECT count(*) FROM pg_stat_activity WHERE pid = :pid"),
                                     {"pid": first}).scalar():
                    break
                time.sleep(0.05)
        killer.dispose()
        time.sleep(0.1)
        event.listen(engine, "before_cursor_execute", lambda *args: sent.append(args[2]))
        with engine.connect() as connection:  # no error: a fresh connection in its place
            second = connection.execute(text("SELECT pg_backend_pid()")).scalar()
        assert second != first
        # Only our statement went to the server: no ping on the way.
        assert sent == ["SELECT pg_backend_pid()"]
    finally:
        engine.dispose()
