"""Errors that must be clear messages on the field, never a server error (issue 22): a date outside the
range every date the portal accepts lies in (1 January 2000 to ten years ahead), in every form and at
import, and counted by the report when inside it; 400 nines for a number of working days; a NUL byte in
the description of a file sent from the tracking page (PostgreSQL refused it with a 500); six publishes
of one year at once (a UniqueViolation)."""

from __future__ import annotations

import csv
import io
import threading
import uuid
from collections import Counter
from datetime import date

import pytest
from document_helpers import PDF, track
from portal_testing import CheckingClient, committing
from sqlalchemy import func, select

from portal.casework import common, next_stage
from portal.casework.import_format import COLUMNS
from portal.models import Document, PublishedReport
from portal.procedure import Defer, Outcome, RespondStage1, Stage2Method, StartStage2, accepted_dates, uk_today


def _post(client, path, **data):
    return client.post(path, data={"csrf_token": client.csrf_token(path), **data})


def _range_message() -> str:
    first, last = accepted_dates(uk_today())
    return f"Enter a date from {first.day} {first:%B %Y} to {last.day} {last:%B %Y}."


@pytest.mark.parametrize(("action", "field", "events"), [
    ("defer", "review_date", ()),
    ("review-deferral", "review_date", (Defer(on=date(2026, 11, 23), review_date=date(2026, 12, 30), reason="Court"),)),
    ("defer", "on", ()),
])
def test_a_date_in_2101_is_an_error_on_its_field(client, make_user, make_case, make_team, action, field, events):
    case = make_case(team=make_team(), events=events)
    client.sign_in(make_user("crs_officer"))
    data = {"on": "2026-11-24", "review_date": "2026-12-20", "reason": "Police investigation", field: "2101-01-01"}
    response = _post(client, f"/staff/cases/{case.id}/{action}", **data)
    body = response.get_data(as_text=True)
    assert response.status_code == 200, body[:500]
    assert f'id="{field}-error"' in body and _range_message() in body


def test_a_date_before_2000_is_an_error_too(client, make_user, make_case, make_team):
    case = make_case(team=make_team())
    client.sign_in(make_user("crs_officer"))
    response = _post(client, f"/staff/cases/{case.id}/extend", on="1999-12-31", reason="More time")
    assert response.status_code == 200 and _range_message() in response.get_data(as_text=True)


def test_four_hundred_nines_for_working_days_is_an_error_on_the_field(client, session, make_user, make_case,
                                                                       make_team):
    officer = make_user("crs_officer")
    case = make_case(team=make_team(), events=(RespondStage1(on=date(2026, 11, 23), outcome=Outcome.NOT_UPHELD),))
    next_stage.record_next_stage_request(case, on=date(2026, 11, 24), channel="letter", actor=officer)
    common.record_event(case, StartStage2(on=date(2026, 11, 25), method=Stage2Method.INVESTIGATION), actor=officer)
    client.sign_in(officer)
    response = _post(client, f"/staff/cases/{case.id}/extend-stage-2", on="2026-11-30", to="9" * 400,
                     reason="Witnesses", complainant_told_on="2026-12-01")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="to-error"' in body and "Enter a number from 26 to 65" in body


def test_a_nul_byte_in_a_file_description_is_dropped(app, client, session, make_submission):
    submission = make_submission()
    track(app, client, session, submission)
    path = "/check/send-a-file"
    response = client.post(path, data={"csrf_token": client.csrf_token(path), "description": "my\x00 letter",
                                       "document": (io.BytesIO(PDF), "letter.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    document = session.scalar(select(Document).where(Document.submission_id == submission.id))
    assert document.description == "my letter"


def _import(app, tmp_path, rows):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(COLUMNS), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    path = tmp_path / f"{uuid.uuid4().hex}.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    return app.test_cli_runner().invoke(args=["cases", "import", str(path)])


def test_the_import_refuses_a_date_outside_the_range(app, tmp_path):
    tag = uuid.uuid4().hex[:8]
    result = _import(app, tmp_path, [
        {"reference": f"{tag}-1", "received": "2101-01-01", "kind": "complaint"},
        {"reference": f"{tag}-2", "received": "1999-12-31", "kind": "complaint"},
        {"reference": f"{tag}-3", "received": "2015-04-01", "kind": "complaint", "stage1_responded": "2101-01-01"}])
    assert result.exit_code == 1
    first, last = accepted_dates(uk_today())
    allowed = f"A date from {first.isoformat()} to {last.isoformat()}"
    for expected in ('Row 2, column received: "2101-01-01". ' + allowed,
                     'Row 3, column received: "1999-12-31". ' + allowed,
                     'Row 4, column stage1_responded: "2101-01-01". ' + allowed):
        assert expected in result.output


def test_a_response_in_2005_is_counted_not_dropped(app, tmp_path):
    """The report counts working days through the calendar table, which covered 2010 to 2040: a case
    answered in 2005 fell out of "responded". The table now covers every accepted date."""
    from portal.db import db
    from portal.reports import annual

    tag = uuid.uuid4().hex[:8]
    result = _import(app, tmp_path, [{"reference": f"{tag}-{i}", "received": "2005-06-01", "kind": "complaint",
                                      "route": "statutory", "stage1_responded": "2005-06-10",
                                      "stage1_outcome": "upheld"} for i in range(3)])
    assert result.exit_code == 0, result.output
    figures = annual.compute(db.session.connection(), 2005)
    assert figures["tables"]["t9_timeliness"]["all"]["responded"] == 3
    assert figures["tables"]["t9_timeliness"]["all"]["within_10"] == 1.0
    assert figures["tables"]["t9_timeliness"]["all"]["average_days"] == 7  # 1 June to 10 June 2005


def test_six_publishes_of_one_year_at_once_publish_it_once(app, database, make_user):
    from portal.db import db

    with committing(("audit_events", "published_reports", "user_roles", "users")):
        clients = []
        for _ in range(6):  # six managers (one account cannot sign in six times with one code)
            app.test_client_class = CheckingClient
            client = app.test_client()
            client.sign_in(make_user("complaints_manager"))
            clients.append((client, client.csrf_token("/staff/reports/annual?year=2024")))
        db.session.remove()
        barrier = threading.Barrier(6)
        outcomes: list[object] = [None] * 6

        def publish(index: int) -> None:
            client, token = clients[index]
            barrier.wait()
            try:
                response = client.post("/staff/reports/annual/publish?year=2024", data={"csrf_token": token})
                outcomes[index] = response.status_code
            except Exception as error:  # noqa: BLE001 - shown below
                outcomes[index] = type(error).__name__

        threads = [threading.Thread(target=publish, args=(i,)) for i in range(6)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(120)
        with app.app_context():
            published = db.session.scalar(select(func.count()).select_from(PublishedReport)
                                          .where(PublishedReport.year == 2024))
            db.session.remove()
    assert Counter(outcomes) == {302: 6} or Counter(outcomes) == {303: 6}, Counter(outcomes)
    assert published == 1
