"""The report pages in the staff area: figures, charts, commentary and rules; suppressed in the
published view and exact in the internal one; downloads; publishing; the monthly view; permissions."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

from sqlalchemy import insert

from portal.db import db
from portal.models import Case, Person

YEAR = 2024  # a past year: it may be published


def _young_complaints(n: int, uas: bool = True) -> None:
    now = datetime.now(UTC)
    for i in range(n):
        person = uuid.uuid4()
        db.session.execute(insert(Person.__table__), [{"id": person, "uas_child": uas, "age_when_received": 16,
                                                       "created_at": now, "is_demo": False}])
        db.session.execute(insert(Case.__table__), [{
            "id": uuid.uuid4(), "reference": f"P{uuid.uuid4().hex[:12]}", "kind": "complaint", "channel": "web",
            "status": "stage1", "route": "statutory", "received_on": date(YEAR, 7, 1 + i), "from_young_person": True,
            "young_person_id": person, "complainant_id": person, "created_at": now}])
    db.session.commit()


def test_the_report_page_shows_every_table_with_chart_rule_and_commentary(client, make_user):
    _young_complaints(2)
    client.sign_in(make_user("crs_officer"))
    page = client.get(f"/staff/reports/annual?year={YEAR}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    for key in ("t1_recorded", "t5_advocacy", "t9_timeliness", "t12_escalation", "t13_ombudsman",
                "t14_corrective_actions", "enquiries", "uas_children"):
        assert f'id="table-{key}"' in html
    assert html.count("<svg") >= 19
    assert "How this is counted:" in html
    assert "Live figures, computed" in html
    assert "style=" not in html
    # Published view: the UAS count (small) is hidden; the internal view shows it.
    assert "&lt;5" in html
    internal = client.get(f"/staff/reports/annual?year={YEAR}&view=internal").get_data(as_text=True)
    assert "Internal view: exact numbers" in internal


def test_downloads(client, make_user):
    client.sign_in(make_user("crs_officer"))
    csv_page = client.get(f"/staff/reports/annual.csv?year={YEAR}&table=t1_recorded")
    assert csv_page.status_code == 200 and csv_page.mimetype == "text/csv"
    assert "Table 1: complaints recorded" in csv_page.get_data(as_text=True)
    assert client.get(f"/staff/reports/annual.csv?year={YEAR}&table=nope").status_code == 404
    xlsx = client.get(f"/staff/reports/annual.xlsx?year={YEAR}")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    export = client.get("/staff/reports/cases.csv")
    assert export.status_code == 200 and export.get_data(as_text=True).startswith("reference,received,kind")


def test_a_complaints_manager_publishes_once(client, make_user):
    client.sign_in(make_user("complaints_manager"))
    page = client.get(f"/staff/reports/annual?year={YEAR}").get_data(as_text=True)
    assert f"Publish the {YEAR}-{(YEAR + 1) % 100} report" in page
    token = client.csrf_token(f"/staff/reports/annual?year={YEAR}")
    form = {"csrf_token": token, "year": YEAR}
    done = client.post("/staff/reports/annual/publish", data=form, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "is published" in text and "Published report: figures as at" in text
    again = client.post("/staff/reports/annual/publish", data=form, follow_redirects=True)
    assert "already published" in again.get_data(as_text=True)


def test_an_officer_cannot_publish_and_a_team_manager_cannot_see_reports(client, make_user, make_team):
    client.sign_in(make_user("crs_officer"))
    assert "Publish the" not in client.get(f"/staff/reports/annual?year={YEAR}").get_data(as_text=True)
    token = client.csrf_token(f"/staff/reports/annual?year={YEAR}")
    assert client.post("/staff/reports/annual/publish", data={"csrf_token": token, "year": YEAR}).status_code == 403
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})


def test_a_team_manager_cannot_see_reports(client, make_user, make_team):
    client.sign_in(make_user("operational_manager", team=make_team()))
    assert client.get(f"/staff/reports/annual?year={YEAR}").status_code == 403
    assert client.get("/staff/reports/cases.csv").status_code == 403


def test_index_and_performance_pages(client, make_user):
    client.sign_in(make_user("crs_officer"))
    index = client.get("/staff/reports/")
    assert index.status_code == 200
    assert client.get(f"/staff/reports/?year={YEAR}").headers["Location"].endswith(f"/staff/reports/annual?year={YEAR}")
    assert client.get("/staff/reports/annual?year=1999").status_code == 404
    month = client.get("/staff/reports/performance?month=2026-11")
    assert month.status_code == 200
    assert "Stage 1 timeliness by team" in month.get_data(as_text=True)
    wrong = client.get("/staff/reports/performance?month=November")
    text = wrong.get_data(as_text=True)
    assert "There is a problem" in text and 'value="November"' in text
