"""``flask documents move-into-database`` (issue 24): documents kept on one host's disk before decision 0021
are brought into the database, each checked byte for byte before its file is deleted, then scanned."""

from __future__ import annotations

import hashlib
import secrets

from document_helpers import PDF, PNG
from portal_testing import EICAR
from sqlalchemy import select

from portal.casework import documents
from portal.models import AuditEvent, Document


def _kept_on_disk(session, folder, case, data: bytes, *, write: bytes | None = None) -> Document:
    """A document as issue 11 kept it: its row, and its file under a random name in the folder."""
    stored_name = secrets.token_hex(24)
    folder.mkdir(parents=True, exist_ok=True)
    if write is not None:
        (folder / stored_name).write_bytes(write)
    document = Document(case_id=case.id, submission_id=case.submission_id, stored_name=stored_name,
                        original_name="letter.pdf", content_type="application/pdf" if data[:1] == b"%" else "image/png",
                        size=len(data), sha256=hashlib.sha256(data).hexdigest(), from_young_person=False,
                        scan_status="waiting")
    session.add(document)
    session.commit()
    return document


def test_files_on_disk_are_brought_in_checked_byte_for_byte_then_scanned(app, session, make_case, tmp_path):
    folder = tmp_path / "documents"
    case = make_case()
    big = PNG + bytes(range(256)) * 5000  # 1.2 MB: two pieces
    good = _kept_on_disk(session, folder, case, PDF, write=PDF)
    photo = _kept_on_disk(session, folder, case, big, write=big)
    infected_data = b"%PDF-1.7\n" + EICAR
    infected = _kept_on_disk(session, folder, case, infected_data, write=infected_data)
    missing = _kept_on_disk(session, folder, case, PDF)
    changed = _kept_on_disk(session, folder, case, PDF, write=PDF + b"tampered")
    # Before it is brought in, nothing is served: it waits.
    with app.test_request_context():
        assert documents.serve(good)[1] == 409

    result = app.test_cli_runner().invoke(
        args=["documents", "move-into-database", "--folder", str(folder)])
    assert result.exit_code == 1  # two files need looking at
    assert "Moved 3 documents into the database, each checked byte for byte (files deleted)." in result.output
    assert f"Missing from {folder}: {missing.stored_name}" in result.stderr
    assert f"Not as recorded (size or SHA-256 differs), left on disk: {changed.stored_name}" in result.stderr
    assert "Scanned: 2 clean, 1 infected and deleted, 0 still waiting." in result.output
    for document in (good, photo, infected, missing, changed):
        session.refresh(document)
    assert documents.content(good) == PDF and documents.content(photo) == big
    assert good.scan_status == photo.scan_status == "clean" and good.stored_name is None
    assert infected.scan_status == "infected" and documents.content(infected) is None
    assert sorted(path.name for path in folder.iterdir()) == [changed.stored_name]
    assert missing.scan_status == "waiting" and missing.stored_name is not None  # left as it was
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "document_moved_into_database")) is not None
    # Run again: nothing more to do, nothing done twice.
    again = app.test_cli_runner().invoke(
        args=["documents", "move-into-database", "--folder", str(folder), "--keep-files"])
    assert "Moved 0 documents" in again.output


def test_keep_files_leaves_the_folder_as_it_was(app, session, make_case, tmp_path):
    folder = tmp_path / "documents"
    document = _kept_on_disk(session, folder, make_case(), PDF, write=PDF)
    result = app.test_cli_runner().invoke(
        args=["documents", "move-into-database", "--folder", str(folder), "--keep-files"])
    assert result.exit_code == 0 and "(files kept)" in result.output
    session.refresh(document)
    assert documents.content(document) == PDF and len(list(folder.iterdir())) == 1
