"""Subject access: a parent's complaint about two children (one submission, a case for each). The export
for one child holds everything about them and nothing about the other child or the parent; free text is
offered for review and never released unseen; what was supplied, and when, is recorded."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from sqlalchemy import select

from portal.models import AuditEvent, Message, Person, SubjectAccessRequest


def _family(session, make_case, make_submission):
    parent = Person(name="Pat Parent", email="pat@example.com", phone="07700 900001")
    amira = Person(name="Amira Sibling", age_when_received=12, gender="female")
    bilal = Person(name="Bilal Sibling", age_when_received=9, gender="male")
    session.add_all([parent, amira, bilal])
    submission = make_submission(what_happened="Amira and Bilal Sibling were moved without being asked",
                                 contact_email="pat@example.com")
    submission.young_person, submission.submitter = amira, parent
    hers, his = make_case(), make_case()
    for case, child in ((hers, amira), (his, bilal)):
        case.submission_id, case.young_person, case.complainant, case.from_young_person = \
            submission.id, child, parent, False
    session.add_all([
        Message(submission_id=submission.id, case_id=hers.id, direction="to_young_person", sent_at=datetime.now(UTC),
                body="About Amira's contact with her grandmother"),
        Message(submission_id=submission.id, case_id=his.id, direction="to_young_person", sent_at=datetime.now(UTC),
                body="Bilal is frightened at his placement"),
    ])
    session.commit()
    return parent, amira, bilal, submission, hers, his


def test_the_export_for_one_child_holds_nothing_of_the_other_and_free_text_is_reviewed_first(
        app, client, session, make_case, make_submission, make_user):
    from portal.casework import subject_access

    parent, amira, bilal, submission, hers, his = _family(session, make_case, make_submission)
    manager = make_user("complaints_manager")
    client.sign_in(manager)

    page = client.get(f"/staff/cases/{hers.id}").get_data(as_text=True)
    assert f'action="/staff/people/{amira.id}/subject-access"' in page
    started = client.post(f"/staff/people/{amira.id}/subject-access",
                          data={"csrf_token": client.csrf_token(f"/staff/cases/{hers.id}")})
    assert started.status_code == 303
    request = session.scalar(select(SubjectAccessRequest))
    review = started.location
    assert review.endswith(f"/staff/subject-access/{request.id}")

    items = subject_access.gather(amira)
    text = json.dumps([item.value for item in items])
    assert his.reference not in text and "frightened" not in text  # the other child's case is not hers
    free = [item for item in items if item.kind == "free_text"]
    assert {item.value for item in free} >= {"About Amira's contact with her grandmother",
                                            "Amira and Bilal Sibling were moved without being asked"}
    others = [item for item in items if item.kind == "someone_else"]
    assert "Pat Parent" in {item.value for item in others}

    # Nothing decided: every piece of free text is named, and nothing can be supplied.
    form_page = client.get(review)
    assert form_page.status_code == 200 and "Bilal is frightened" not in form_page.get_data(as_text=True)
    refused = client.post(review, data={"csrf_token": client.csrf_token(review)})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "There is a problem" in body
    assert body.count("govuk-form-group--error") == len(free)
    assert client.get(f"{review}/export.json").status_code == 409

    # The review: the answer that names her brother withheld with the reason, the rest released.
    naming = next(item for item in free if "Bilal" in item.value)
    data = {"csrf_token": client.csrf_token(review)}
    for item in free:
        data[f"decision-{item.key}"] = "withhold" if item is naming else "release"
    data[f"reason-{naming.key}"] = "Names her brother"
    assert client.post(review, data=data).status_code == 303

    exported = client.get(f"{review}/export.json")
    assert exported.status_code == 200 and exported.mimetype == "application/json"
    supplied = json.loads(exported.get_data(as_text=True))
    released = json.dumps(supplied["released"])
    assert "Amira Sibling" in released and hers.reference in released and submission.reference in released
    assert "About Amira's contact with her grandmother" in released
    assert "Bilal" not in released and his.reference not in released and "frightened" not in released
    assert "Pat Parent" not in released and "pat@example.com" not in released and "07700 900001" not in released
    assert {"section": naming.section, "label": naming.label, "reason": "Names her brother"} in supplied["withheld"]
    printable = client.get(f"{review}/export").get_data(as_text=True)
    assert "Amira Sibling" in printable and "Bilal" not in printable and "Names her brother" in printable

    session.refresh(request)
    assert request.supplied_at is not None and request.reviewed_by_id == manager.id
    actions = [event.action for event in session.scalars(
        select(AuditEvent).where(AuditEvent.subject_id == amira.id).order_by(AuditEvent.occurred_at))]
    assert actions[:2] == ["subject_access_started", "subject_access_reviewed"]
    assert "subject_access_supplied" in actions

    # The parent's own export holds both children's cases (they complained about each), reviewed alike.
    theirs = json.dumps([item.value for item in subject_access.gather(parent)])
    assert hers.reference in theirs and his.reference in theirs


def test_only_complaints_managers_and_only_people_they_may_see(client, session, make_case, make_submission,
                                                               make_user, make_team):
    parent, amira, *_rest = _family(session, make_case, make_submission)
    officer = make_user("crs_officer")
    client.sign_in(officer)
    assert client.post(f"/staff/people/{amira.id}/subject-access",
                       data={"csrf_token": client.csrf_token("/staff/")}).status_code == 403


def _document(session, *, name: str, data: bytes, status: str = "clean", case=None, submission=None):
    import hashlib

    from portal.casework import documents
    from portal.models import Document

    document = Document(case_id=case.id if case else None, submission_id=submission.id if submission else None,
                        original_name=name, content_type="application/pdf", size=len(data),
                        sha256=hashlib.sha256(data).hexdigest(), scan_status=status,
                        from_young_person=submission is not None)
    session.add(document)
    session.flush()
    if status != "infected":
        documents.keep_content(document, data)
    session.commit()
    return document


def test_released_documents_are_supplied_as_files_after_the_review_and_only_once_scanned_clean(
        app, client, session, make_case, make_submission, make_user):
    import io
    import zipfile

    from portal.casework import subject_access
    from portal.models import DocumentChunk

    parent, amira, bilal, submission, hers, his = _family(session, make_case, make_submission)
    letter = _document(session, name="stage1-letter.pdf", data=b"%PDF-1.4 Dear Amira, our answer", case=hers)
    waiting = _document(session, name="her-drawing.pdf", data=b"%PDF-1.4 Amira's drawing", status="waiting",
                        case=hers)
    infected = _document(session, name="bad.pdf", data=b"", status="infected", case=hers)
    photo = _document(session, name="photo.pdf", data=b"%PDF-1.4 Amira and Bilal at the park",
                      submission=submission)
    brothers = _document(session, name="bilal-plan.pdf", data=b"%PDF-1.4 Bilal's care plan", case=his)
    manager = make_user("complaints_manager")
    client.sign_in(manager)
    started = client.post(f"/staff/people/{amira.id}/subject-access",
                          data={"csrf_token": client.csrf_token(f"/staff/cases/{hers.id}")})
    review = started.location

    items = subject_access.gather(amira)
    documents = {item.key: item for item in items if item.kind == "document"}
    assert set(documents) == {f"document:{d.id}" for d in (letter, waiting, infected, photo)}
    assert f"document:{brothers.id}" not in documents  # her brother's case is not hers
    assert "Waiting for its malware scan" in documents[f"document:{waiting.id}"].value
    # Every document is offered for review (but the infected one, withheld: nothing is left of it).
    page = client.get(review).get_data(as_text=True)
    assert f"/staff/documents/{letter.id}" in page and "bilal-plan" not in page
    free = [item for item in items if item.kind == "free_text"]
    refused = client.post(review, data={"csrf_token": client.csrf_token(review),
                                        **{f"decision-{item.key}": "release" for item in free}})
    assert refused.status_code == 200
    assert refused.get_data(as_text=True).count("govuk-form-group--error") == 3  # letter, drawing, photo
    assert client.get(f"{review}/export.zip").status_code == 409

    data = {"csrf_token": client.csrf_token(review), **{f"decision-{item.key}": "release" for item in free},
            f"decision-document:{letter.id}": "release", f"decision-document:{waiting.id}": "release",
            f"decision-document:{photo.id}": "withhold", f"reason-document:{photo.id}": "Shows her brother"}
    assert client.post(review, data=data).status_code == 303

    response = client.get(f"{review}/export.zip")
    assert response.status_code == 200 and response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    names = archive.namelist()
    assert "subject-access.json" in names
    files = [name for name in names if name.startswith("documents/")]
    assert len(files) == 1 and archive.read(files[0]) == b"%PDF-1.4 Dear Amira, our answer"
    everything = b"".join(archive.read(name) for name in names)
    assert b"drawing" not in everything.replace(b"her-drawing.pdf", b"") and b"Bilal's care plan" not in everything
    assert b"at the park" not in everything
    supplied = json.loads(archive.read("subject-access.json"))
    assert [entry["file"] for entry in supplied["documents"]] == files
    assert next(e for e in supplied["released"] if e["key"] == f"document:{letter.id}")["file"] == files[0]
    reasons = {entry["label"]: entry["reason"] for entry in supplied["withheld"]}
    assert reasons["document: her-drawing.pdf"].startswith("Waiting for its malware scan")  # released, not scanned
    assert reasons["document: bad.pdf"].startswith("Found infected")
    assert reasons["document: photo.pdf"] == "Shows her brother"
    printable = client.get(f"{review}/export").get_data(as_text=True)
    assert "export.zip" in printable and "(1 document)" in printable
    request = session.scalar(select(SubjectAccessRequest))
    assert request.supplied["documents"] == 1

    # The drawing passes its scan: the next export supplies it too.
    waiting.scan_status = "clean"
    session.commit()
    supplied, raw = subject_access.export_archive(request, actor=manager)
    archive = zipfile.ZipFile(io.BytesIO(raw))
    assert sorted(archive.read(entry["file"]) for entry in supplied["documents"]) == \
        [b"%PDF-1.4 Amira's drawing", b"%PDF-1.4 Dear Amira, our answer"]
    # A file whose content is no longer what was scanned is not given: withheld, with the reason.
    session.execute(DocumentChunk.__table__.update().where(DocumentChunk.document_id == letter.id)
                    .values(data=b"%PDF-1.4 something else"))
    session.commit()
    supplied, raw = subject_access.export_archive(request, actor=manager)
    assert [entry["name"] for entry in supplied["documents"]] == ["her-drawing.pdf"]
    assert b"something else" not in raw
    assert any(entry["label"] == "document: stage1-letter.pdf" for entry in supplied["withheld"])
