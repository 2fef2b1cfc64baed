"""Nothing unseen (issue 22): files a young person sends from the tracking page are listed on the
untriaged submission's page, the advocacy request's pages (staff and the advocate's), flagged "new" on
the staff home and the advocate's caseload until someone responsible opens them, and only the young
person's own advocate can download them from the advocacy area."""

from __future__ import annotations

from advocacy_helpers import assigned, in_pool
from document_helpers import PDF, send, track
from portal_testing import CheckingClient
from sqlalchemy import select

from portal.models import AuditEvent, Document


def _other(app) -> CheckingClient:
    app.test_client_class = CheckingClient
    return app.test_client()


def test_a_file_on_an_untriaged_submission_is_listed_and_flagged_until_opened(app, client, session, make_user,
                                                                              make_submission):
    submission = make_submission()
    young = _other(app)
    track(app, young, session, submission)
    assert send(young, PDF, "what-happened.pdf").status_code == 303
    officer = make_user("crs_officer")
    client.sign_in(officer)
    home = client.get("/staff/").get_data(as_text=True)
    assert 'id="new-files"' in home and submission.reference in home and "1 new file" in home
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert 'id="young-person-files"' in page and "what-happened.pdf" in page and "app-new-file" in page
    document = session.scalar(select(Document).where(Document.submission_id == submission.id))
    assert f"/staff/documents/{document.id}" in page
    # Opened by the service's staff: no longer new, on the page or the home.
    session.refresh(document)
    assert document.seen_at is not None and document.seen_by_id == officer.id
    assert 'id="new-files"' not in client.get("/staff/").get_data(as_text=True)
    assert "app-new-file" not in client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "young_person_files_seen"))
    assert event.subject_id == submission.id and event.details["document_ids"] == [str(document.id)]


def test_a_file_on_an_advocacy_request_reaches_the_advocate(app, client, session, make_user, make_submission):
    officer = make_user("crs_officer")
    advocate = in_pool(make_user, officer=officer)
    case = assigned(make_user, make_submission, advocate=advocate, officer=officer)
    young = _other(app)
    track(app, young, session, case.submission)
    assert send(young, PDF, "my-review.pdf").status_code == 303
    document = session.scalar(select(Document).where(Document.submission_id == case.submission_id))
    # The service's staff see it on the advocacy case page (without marking it: the advocate is its reader).
    client.sign_in(officer)
    staff_page = client.get(f"/staff/advocacy/cases/{case.id}").get_data(as_text=True)
    assert "my-review.pdf" in staff_page and 'id="young-person-files"' in staff_page
    session.refresh(document)
    assert document.seen_at is None
    # The advocate: flagged on the caseload, listed on the case page, downloadable by them.
    mine = _other(app)
    mine.sign_in(advocate)
    assert "1 new file" in mine.get("/advocacy/").get_data(as_text=True)
    page = mine.get(f"/advocacy/cases/{case.id}").get_data(as_text=True)
    assert "my-review.pdf" in page and "app-new-file" in page
    download = mine.get(f"/advocacy/cases/{case.id}/files/{document.id}")
    assert download.status_code == 200 and download.data == PDF
    assert "1 new file" not in mine.get("/advocacy/").get_data(as_text=True)
    # Another advocate cannot reach it.
    stranger = _other(app)
    stranger.sign_in(in_pool(make_user, officer=officer, name="Other Advocate"))
    assert stranger.get(f"/advocacy/cases/{case.id}/files/{document.id}").status_code == 404


def test_the_responding_manager_is_told_of_a_file_on_the_case_they_answer(app, client, session, make_user,
                                                                          make_case, make_team):
    team = make_team()
    manager = make_user("operational_manager", team=team)
    case = make_case(team=team)
    case.responding_manager_id = manager.id
    session.commit()
    young = _other(app)
    track(app, young, session, case.submission)
    assert send(young, PDF, "after-triage.pdf").status_code == 303
    client.sign_in(manager)
    home = client.get("/staff/").get_data(as_text=True)
    assert 'id="new-files"' in home and case.reference in home and f"/staff/cases/{case.id}/documents" in home
    page = client.get(f"/staff/cases/{case.id}/documents").get_data(as_text=True)
    assert "after-triage.pdf" in page and "app-new-file" in page
    assert 'id="new-files"' not in client.get("/staff/").get_data(as_text=True)
