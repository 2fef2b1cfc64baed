"""Backups and restores of the whole portal: since documents are kept in the database (decision 0021), one
consistent copy of the database holds every record and every file.

- SQLite: the online backup API (``sqlite3.Connection.backup``) copies the database page by page while
  the portal keeps running, and the copy is one consistent moment. The backup is a SQLite file.
- PostgreSQL: ``pg_dump --format=custom`` reads everything in one snapshot (a single repeatable-read
  transaction), so the copy is one consistent moment too; ``pg_restore`` brings it back. Its major version
  must be at least the server's.

A restore goes into an empty database only (never over live data); then ``flask db upgrade`` brings an
older backup's schema up to date.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import URL, make_url

from portal.db import make_engine

SQLITE_HEADER = b"SQLite format 3\0"
PG_DUMP_HEADER = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done as asked; the message says what to do instead."""


@dataclass(frozen=True)
class Written:
    path: Path
    size: int
    kind: str  # "sqlite" or "pg_dump"


def _libpq(url: URL) -> tuple[str, dict[str, str]]:
    """A libpq URL for pg_dump/pg_restore, and the environment that carries the password (never argv,
    which every user of the host can read)."""
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    plain = url.set(drivername="postgresql", password=None)
    return plain.render_as_string(hide_password=False), env


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"{name} is not installed: install PostgreSQL's client programs (Debian: postgresql-client), "
                          "of the server's major version or later.")
    return found


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory SQLite database cannot be backed up.")
    return Path(url.database)


def backup(database_url: str, output: Path) -> Written:
    """Write a consistent copy of the database to ``output`` (written beside it first, then renamed, so
    a half-written backup never takes the name)."""
    url = make_url(database_url)
    output = output.resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        if url.get_backend_name() == "sqlite":
            source = sqlite3.connect(_sqlite_path(url))
            target = sqlite3.connect(partial)
            try:
                with target:
                    source.backup(target)
                if target.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise BackupError("The copy failed SQLite's integrity check; nothing was kept.")
            finally:
                target.close()
                source.close()
            kind = "sqlite"
        else:
            address, env = _libpq(url)
            result = subprocess.run(  # noqa: S603 - fixed program, our own arguments
                [_program("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", "--file", str(partial),
                 address],
                env=env, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                raise BackupError(f"pg_dump failed: {result.stderr.strip()[:500]}")
            kind = "pg_dump"
        os.chmod(partial, 0o600)  # the whole record of every child: readable by its owner only
        partial.replace(output)
    finally:
        partial.unlink(missing_ok=True)
    return Written(output, output.stat().st_size, kind)


def _tables(database_url: str) -> list[str]:
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite" and not _sqlite_path(url).exists():
        return []
    engine = make_engine(database_url)
    try:
        return inspect(engine).get_table_names()
    finally:
        engine.dispose()


def restore(backup_file: Path, database_url: str) -> str:
    """Bring a backup into an empty database. Returns what kind of backup it was."""
    if not backup_file.is_file():
        raise BackupError(f"There is no backup file at {backup_file}.")
    head = backup_file.open("rb").read(16)
    url = make_url(database_url)
    is_sqlite = url.get_backend_name() == "sqlite"
    if head.startswith(SQLITE_HEADER) != is_sqlite or not (head.startswith(SQLITE_HEADER)
                                                           or head.startswith(PG_DUMP_HEADER)):
        wanted = "a SQLite backup" if is_sqlite else "a pg_dump backup (custom format)"
        raise BackupError(f"{backup_file} is not {wanted}: restore a backup made from the same kind of database.")
    if _tables(database_url):
        raise BackupError("The database to restore into is not empty. Restore into a new, empty database, "
                          "then point DATABASE_URL at it.")
    if is_sqlite:
        target_path = _sqlite_path(url)
        target_path.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(f"file:{backup_file}?mode=ro", uri=True)
        target = sqlite3.connect(target_path)
        try:
            with target:
                source.backup(target)
            target.execute("PRAGMA journal_mode=WAL")
        finally:
            target.close()
            source.close()
        return "sqlite"
    address, env = _libpq(url)
    result = subprocess.run(  # noqa: S603 - fixed program, our own arguments
        [_program("pg_restore"), "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
         "--dbname", address, str(backup_file)],
        env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_restore failed (nothing was restored): {result.stderr.strip()[:500]}")
    return "pg_dump"


def schema_revision(database_url: str) -> str | None:
    """The migration a database's schema is at (Alembic's ``alembic_version``)."""
    from sqlalchemy import text

    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        engine.dispose()
