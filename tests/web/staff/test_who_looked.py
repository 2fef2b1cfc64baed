"""Who looked: every staff read of a case, a submission, a young person's words, a document, a message
thread and every export is recorded (who, what, when) once the page has been sent; a complaints manager
sees the trail per case and per member of staff, and exports it."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from document_helpers import PDF, attach
from flask.testing import FlaskClient
from sqlalchemy import func, select

from portal.models import Document, Message, ReadRecord


def _reads(session, user=None) -> list[tuple]:
    query = select(ReadRecord).order_by(ReadRecord.occurred_at)
    if user is not None:
        query = query.where(ReadRecord.user_id == user.id)
    return [(r.what, r.subject_id, r.case_id, r.detail) for r in session.scalars(query)]


def _words(session, case) -> None:
    session.add(Message(case_id=case.id, submission_id=case.submission_id, direction="from_young_person",
                        body="Please can someone call me", sent_at=datetime.now(UTC)))
    session.commit()


def test_every_read_is_recorded_with_who_what_and_when(client, session, make_case, make_user):
    case = make_case()
    _words(session, case)
    officer = make_user("crs_officer")
    client.sign_in(officer)
    assert attach(client, case, PDF).status_code == 303
    document = session.scalar(select(Document))
    session.execute(ReadRecord.__table__.delete())
    session.commit()

    assert client.get(f"/staff/cases/{case.id}").status_code == 200
    assert client.get(f"/staff/submissions/{case.submission_id}").status_code == 200
    assert client.get(f"/staff/documents/{document.id}").status_code == 200
    assert client.get(f"/staff/cases/{case.id}/write").status_code == 200
    assert client.get("/staff/reports/cases.csv").status_code == 200
    assert client.get("/staff/reports/annual.xlsx?year=2025").status_code == 200

    assert _reads(session, officer) == [
        ("case", case.id, case.id, None),
        ("young_persons_words", case.id, case.id, "case page"),
        ("submission", case.submission_id, case.id, None),
        ("young_persons_words", case.submission_id, case.id, "submission page"),
        ("document", document.id, case.id, None),
        ("thread", case.submission_id, case.id, None),
        ("export", None, None, "cases.csv (every case)"),
        ("export", None, None, "annual-report-2025-26.xlsx"),
    ]
    first = session.scalar(select(ReadRecord).order_by(ReadRecord.occurred_at))
    assert first.user_id == officer.id and first.occurred_at is not None


def test_a_read_is_written_after_the_response_has_gone(app, client, session, make_case, make_user):
    """Nothing is written while the page is built: the WSGI server's close (after the last byte) writes
    it, in a transaction of its own."""
    case = make_case()
    officer = make_user("crs_officer")
    client.sign_in(officer)
    raw = FlaskClient(app, app.response_class)  # does not close responses, unlike the checking client
    with client.session_transaction() as signed_in:
        cookie = dict(signed_in)
    with raw.session_transaction() as fresh:
        fresh.update(cookie)
    response = raw.get(f"/staff/cases/{case.id}")
    assert response.status_code == 200 and case.reference in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(ReadRecord)) == 0
    response.close()
    assert _reads(session, officer) == [("case", case.id, case.id, None)]


def test_a_page_refused_records_nothing(client, session, make_case, make_team, make_user):
    case = make_case(team=make_team())
    manager = make_user("operational_manager", team=make_team())  # another team's case: 404
    client.sign_in(manager)
    assert client.get(f"/staff/cases/{case.id}").status_code == 404
    assert _reads(session) == []


def test_a_complaints_manager_sees_the_trail_per_case_and_per_member_of_staff(app, client, session, make_case,
                                                                               make_user):
    case, other = make_case(), make_case()
    officer, manager = make_user("crs_officer"), make_user("complaints_manager")
    officer.name = "Olu Officer"
    session.commit()
    client.sign_in(officer)
    client.get(f"/staff/cases/{case.id}")
    client.get(f"/staff/cases/{other.id}")
    assert client.get("/staff/who-looked").status_code == 403  # triage officers do not see the trail

    client = app.test_client()
    client.sign_in(manager)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert f'href="/staff/who-looked?case_id={case.id}"' in page
    trail = client.get(f"/staff/who-looked?case_id={case.id}").get_data(as_text=True)
    assert "Olu Officer" in trail and trail.count('class="govuk-table__row"') == 1 + 2  # the officer and the manager
    by_reference = client.get(f"/staff/who-looked?reference={case.reference.lower()}").get_data(as_text=True)
    assert "Olu Officer" in by_reference
    theirs = client.get(f"/staff/who-looked?user_id={officer.id}").get_data(as_text=True)
    assert theirs.count('class="govuk-table__row"') == 1 + 2  # both cases
    assert "no case with that reference" in client.get("/staff/who-looked?reference=ZZZZ-9999").get_data(as_text=True)

    exported = client.get(f"/staff/who-looked.csv?user_id={officer.id}")
    assert exported.status_code == 200 and exported.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True))))
    assert sorted(row["case"] for row in rows) == sorted([case.reference, other.reference])
    assert {row["member of staff"] for row in rows} == {"Olu Officer"}
    assert {row["looked at"] for row in rows} == {"Case"}
    # The export of the trail is itself recorded.
    assert _reads(session, manager)[-1] == ("export", None, None, "who looked (member of staff)")


def test_a_letter_an_advocacy_case_and_a_safeguarding_concern_are_recorded_too(client, session, make_case,
                                                                                make_user, make_submission):
    from advocacy_helpers import assigned

    from portal.casework import advocacy as advocacy_work
    from portal.models import Letter

    case = make_case()
    session.add(Letter(case_id=case.id, stage=1, source="Dear Amira", html="<p>Dear Amira</p>"))
    officer = make_user("crs_officer")
    advocacy = assigned(make_user, make_submission, officer=officer)
    concern = advocacy_work.raise_concern(advocacy, details="Worried about her placement", team=None,
                                          actor=advocacy.advocate)
    session.commit()
    client.sign_in(officer)
    letter = session.scalar(select(Letter))
    assert client.get(f"/staff/cases/{case.id}/letter").status_code == 200
    assert client.get(f"/staff/advocacy/cases/{advocacy.id}").status_code == 200
    assert client.get(f"/staff/advocacy/concerns/{concern.id}").status_code == 200
    assert _reads(session, officer) == [("letter", letter.id, case.id, None),
                                        ("advocacy_case", advocacy.id, None, None),
                                        ("safeguarding_concern", concern.id, None, None)]
