"""Documents (issue 11): attached by staff to a case and by the young person on the tracking page;
typed by content, size-limited, kept in the database (issue 24), served only to those allowed, always as
a download with nosniff."""

from __future__ import annotations

import io

import pytest
from document_helpers import PDF, PNG
from document_helpers import attach as _attach
from document_helpers import send as _send
from document_helpers import track as _track
from sqlalchemy import select

from portal.casework import documents
from portal.models import AuditEvent, Document, DocumentChunk

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
LIMIT = 4096


@pytest.fixture(autouse=True)
def small_limit(app, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_BYTES", LIMIT)
    monkeypatch.setitem(app.config, "DOCUMENTS_FOLDER", str(tmp_path / "documents"))
    return tmp_path / "documents"


@pytest.mark.parametrize(("head", "kind"), [
    (PDF, "application/pdf"), (PNG, "image/png"), (b"\xff\xd8\xff\xe0" + b"\x00" * 20, "image/jpeg"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "image/webp"), (b"\x00\x00\x00\x18ftypheic\x00\x00", "image/heic"),
    (HTML, None), (b"MZ\x90\x00", None), (b"", None), (b"<svg xmlns='http://www.w3.org/2000/svg'/>", None),
])
def test_the_type_comes_from_the_content(head, kind):
    found = documents.sniff(head)
    assert (found.content_type if found else None) == kind


def test_names_are_cleaned_for_display_only():
    assert documents.clean_name("C:\\Users\\me\\..\\letter\x00.pdf") == "letter.pdf"
    assert documents.clean_name("../../etc/passwd") == "passwd"
    assert documents.clean_name("") == "file"
    assert documents.size_text(10 * 1024 * 1024) == "10\u00a0MB" and documents.size_text(500 * 1024) == "500\u00a0KB"


def test_staff_attach_a_pdf_kept_in_the_database_and_served_as_a_download(
        client, session, make_case, team_and_manager, small_limit):
    team, manager = team_and_manager
    case = make_case(team=team)
    client.sign_in(manager)
    response = _attach(client, case, PDF, name="../report<script>.pdf", description="Investigation report")
    assert response.status_code == 303
    document = session.scalar(select(Document))
    # In the database beside its record, scanned and passed; nothing on any host's disk.
    assert documents.content(document) == PDF and document.stored_name is None
    assert document.scan_status == "clean" and document.scanned_at is not None
    assert not small_limit.exists()
    assert document.content_type == "application/pdf" and document.original_name == "report<script>.pdf"
    page = client.get(f"/staff/cases/{case.id}/documents").get_data(as_text=True)
    assert "Investigation report" in page and "&lt;script&gt;" not in page or "<script>" not in page
    download = client.get(f"/staff/documents/{document.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert document.original_name not in download.headers["Content-Disposition"]
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in download.headers["Content-Security-Policy"]
    assert download.headers["Cache-Control"] == "no-store"
    audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "document_added"))
    assert "report" not in str(audit.details)
    assert 'id="documents-link"' in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)


def test_html_named_pdf_and_a_file_over_the_limit_are_refused_with_a_clear_message(
        client, session, make_case, make_user, small_limit):
    case = make_case()
    client.sign_in(make_user("crs_officer"))
    body = _attach(client, case, HTML, name="letter.pdf").get_data(as_text=True)
    assert "This kind of file cannot be kept. Attach a PDF or a photo" in body and "Error:" in body
    body = _attach(client, case, b"%PDF-" + b"x" * LIMIT).get_data(as_text=True)
    assert "The file is too big. Choose a file smaller than 4\u00a0KB." in body
    body = _attach(client, case, b"", name="").get_data(as_text=True)
    assert "Choose a file to attach." in body
    # Far over the limit: refused before it is read, still in words about a file.
    huge = _attach(client, case, b"%PDF-" + b"x" * (3 * LIMIT + 70000))
    assert huge.status_code == 413 and "The file is too big" in huge.get_data(as_text=True)
    assert session.scalar(select(Document)) is None and session.scalar(select(DocumentChunk)) is None


def test_the_young_person_sends_a_photo_from_the_tracking_page_and_only_they_get_it_back(
        app, client, session, make_case, make_user, small_limit):
    case = make_case()
    _track(app, client, session, case.submission)
    status = client.get("/check/status").get_data(as_text=True)
    assert "/check/send-a-file" in status
    assert client.get("/check/send-a-file").status_code == 200
    assert _send(client, PNG, name="IMG_0001.png").status_code == 303
    document = session.scalar(select(Document))
    assert document.from_young_person and document.submission_id == case.submission_id and document.case_id is None
    page = client.get("/check/send-a-file").get_data(as_text=True)
    assert f"/check/files/{document.id}" in page
    mine = client.get(f"/check/files/{document.id}")
    assert mine.status_code == 200 and mine.headers["Content-Disposition"].startswith("attachment;")
    assert mine.headers["X-Content-Type-Options"] == "nosniff" and mine.headers["Content-Type"] == "image/png"
    # Staff see it on the case made from the submission.
    staff = app.test_client()
    staff.sign_in(make_user("crs_officer"))
    assert f"/staff/documents/{document.id}" in staff.get(f"/staff/cases/{case.id}/documents").get_data(True)
    assert staff.get(f"/staff/documents/{document.id}").data == PNG
    # A document staff attached is not served to the young person.
    _attach(staff, case, PDF)
    staff_doc = session.scalar(select(Document).where(Document.from_young_person.is_(False)))
    assert client.get(f"/check/files/{staff_doc.id}").status_code == 404
    # Signed out of the tracking page: nothing.
    client.get("/check/sign-out")
    assert client.get(f"/check/files/{document.id}").status_code == 303


def test_the_young_person_is_told_in_their_language(app, client, session, make_case):
    case = make_case()
    _track(app, client, session, case.submission)
    body = _send(client, HTML, name="letter.pdf", lang="ar").get_data(as_text=True)
    assert 'lang="ar"' in body and "PDF" in body
    assert "We cannot take this kind of file" not in body  # in Arabic, not English
    body = _send(client, b"\xff\xd8\xff" + b"x" * LIMIT, lang="ar").get_data(as_text=True)
    assert "The file is too big" not in body and "4\u00a0KB" in body
    body = _send(client, HTML, name="letter.pdf", lang="en").get_data(as_text=True)
    assert "We cannot take this kind of file. Send a photo (JPG, PNG, HEIC or WEBP) or a PDF." in body
    assert session.scalar(select(Document)) is None


def test_the_upload_works_with_csrf_on_and_refuses_a_post_without_the_token(app, client, session, make_case):
    assert app.config.get("WTF_CSRF_ENABLED", True)
    case = make_case()
    _track(app, client, session, case.submission)
    response = client.post("/check/send-a-file", data={"document": (io.BytesIO(PNG), "a.png")},
                           content_type="multipart/form-data")
    assert response.status_code == 400
    assert session.scalar(select(Document)) is None


def test_one_tracking_code_cannot_fill_the_disk(app, client, session, make_case, monkeypatch):
    monkeypatch.setattr(documents, "MAX_FROM_YOUNG_PERSON", 2)
    case = make_case()
    _track(app, client, session, case.submission)
    assert _send(client, PNG, name="1.png").status_code == 303
    assert _send(client, PNG, name="2.png").status_code == 303
    body = _send(client, PNG, name="3.png").get_data(as_text=True)
    assert "You have sent as many files as we can take here" in body
    assert len(session.scalars(select(Document)).all()) == 2
