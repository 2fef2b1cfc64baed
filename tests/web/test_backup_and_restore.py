"""Backups (issue 24): ``flask backup`` copies a running portal's database (SQLite's online backup, or
pg_dump), ``flask restore`` brings it into an empty database, and every record and every document comes
back byte for byte. Runs on the suite's database kind: SQLite under ``make test``, PostgreSQL under
``make test-all`` with ``TEST_DATABASE_URL``.

The portal being backed up is a database of its own beside the test one, filled with the demonstration
data (documents among it) and committed, as production's is; the commands run as an operator runs them.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest
from portal_testing import database_url_for_tests, empty_database, reset_database, sibling_database_url
from sqlalchemy import select, text

from portal.db import make_engine
from portal.models import Base

ROOT = Path(__file__).resolve().parents[2]

FILL = """
import io, sys
from werkzeug.datastructures import FileStorage
from portal import create_app, demo
from portal.casework import documents
from portal.config import TestConfig
from portal.db import db
from portal.models import Case
from sqlalchemy import select

app = create_app(TestConfig)
with app.app_context():
    demo.load()
    case = db.session.scalars(select(Case).limit(1)).first()
    # Several pieces: 2.5 MB of a photo's bytes, every byte value among them.
    big = b"\\x89PNG\\r\\n\\x1a\\n" + bytes(range(256)) * 10240
    app.config["UPLOAD_MAX_BYTES"] = 4 * 1024 * 1024
    documents.store(FileStorage(io.BytesIO(big), filename="scan.png"), case=case, actor=None)
    # One waiting for its scan: the quarantine survives a restore too.
    app.config["CLAMD_URL"] = "unix:///nonexistent/clamd.sock"
    documents.store(FileStorage(io.BytesIO(b"%PDF-1.7 waiting"), filename="w.pdf"), case=case, actor=None)
"""


def _run(args: list[str], database_url: str, clamd_url: str) -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "FLASK_RUN_FROM_CLI")}
    env.update(PORTAL_ENV="test", TEST_DATABASE_URL=database_url, TEST_CLAMD_URL=clamd_url, FLASK_APP="wsgi",
               PYTHONPATH=str(ROOT))
    return subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False)


def _flask(*args: str) -> list[str]:
    return [str(Path(sys.executable).with_name("flask")), *args]


def _everything(url: str) -> dict[str, list[tuple]]:
    """Every row of every table (the migrations' version too), in primary-key order."""
    engine = make_engine(url)
    found = {}
    try:
        with engine.connect() as connection:
            for table in Base.metadata.sorted_tables:
                query = select(table).order_by(*table.primary_key.columns)
                found[table.name] = [tuple(row) for row in connection.execute(query)]
            found["alembic_version"] = [tuple(row) for row in connection.execute(text(
                "SELECT version_num FROM alembic_version"))]
    finally:
        engine.dispose()
    return found


def _documents(url: str) -> dict[str, tuple[str, bytes]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(text(
                "SELECT d.id, d.sha256, c.data FROM documents d JOIN document_contents c ON c.document_id = d.id "
                "ORDER BY d.id, c.number")).all()
    finally:
        engine.dispose()
    found: dict[str, tuple[str, bytes]] = {}
    for document_id, sha256, data in rows:
        found[str(document_id)] = (sha256, found.get(str(document_id), ("", b""))[1] + bytes(data))
    return found


@pytest.fixture(scope="module")
def portal_and_empty(clamd_url) -> tuple[str, str]:
    source = sibling_database_url(database_url_for_tests(), "backup")
    target = sibling_database_url(database_url_for_tests(), "restore")
    reset_database(source)
    empty_database(target)
    filled = _run([sys.executable, "-c", FILL], source, clamd_url)
    assert filled.returncode == 0, filled.stderr[-3000:]
    yield source, target
    empty_database(source)
    empty_database(target)


def test_a_backup_restored_into_an_empty_database_holds_every_record_and_every_document(
        portal_and_empty, clamd_url, tmp_path):
    source, target = portal_and_empty
    output = tmp_path / "backups" / "portal.backup"
    made = _run(_flask("backup", "--output", str(output)), source, clamd_url)
    assert made.returncode == 0, made.stderr
    assert "Backup written" in made.stdout and output.is_file()
    assert (output.stat().st_mode & 0o077) == 0  # the whole record: readable by its owner only
    restored = _run(_flask("restore", str(output)), target, clamd_url)
    assert restored.returncode == 0, restored.stderr
    assert "its schema is at" in restored.stdout

    before, after = _everything(source), _everything(target)
    assert before.keys() == after.keys()
    for table, rows in before.items():
        assert after[table] == rows, f"{table}: {len(rows)} rows before, {len(after[table])} after"
    assert len(before["cases"]) > 2500 and len(before["documents"]) >= 4 and len(before["document_contents"]) >= 5
    # Every document byte for byte, and still what was recorded at upload.
    files_before, files_after = _documents(source), _documents(target)
    assert files_after == files_before
    assert all(hashlib.sha256(data).hexdigest() == sha256 for sha256, data in files_after.values())
    assert max(len(data) for _, data in files_after.values()) > 2 * 1024 * 1024
    waiting = [row for row in after["documents"] if "waiting" in row]
    assert len(waiting) == 1


def test_a_restore_never_goes_over_a_database_that_has_data(portal_and_empty, clamd_url, tmp_path):
    source, _target = portal_and_empty
    output = tmp_path / "portal.backup"
    assert _run(_flask("backup", "--output", str(output)), source, clamd_url).returncode == 0
    refused = _run(_flask("restore", str(output)), source, clamd_url)
    assert refused.returncode != 0 and "is not empty. Restore into a new, empty database" in refused.stderr
    wrong = tmp_path / "notes.txt"
    wrong.write_text("not a backup")
    refused = _run(_flask("restore", str(wrong)), source, clamd_url)
    assert refused.returncode != 0 and "restore a backup made from the same kind of database" in refused.stderr
    missing = _run(_flask("restore", str(tmp_path / "nothing.backup")), source, clamd_url)
    assert missing.returncode != 0 and "There is no backup file" in missing.stderr
