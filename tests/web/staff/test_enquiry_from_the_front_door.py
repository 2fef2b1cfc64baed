"""A front-door submission triaged as an MP or Councillor enquiry is an enquiry: on the enquiries list,
due on the council's timescale, and counted once in the annual report's enquiries (issue 20)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.db import db
from portal.models import Case, MemberEnquiry
from portal.reports import publishing


def _claim_and_triage(client, submission, **fields):
    path = f"/staff/submissions/{submission.id}"
    assert client.post(f"{path}/claim", data={"csrf_token": client.csrf_token(path)}).status_code == 303
    data = {"csrf_token": client.csrf_token(path), "route": "enquiry", "on": "2026-11-23",
            "reason": "An MP wrote on the family's behalf.", **fields}
    return client.post(f"{path}/triage", data=data)


def _enquiries_figure(year: int) -> dict:
    return publishing.live(db.session.connection(), year)["figures"]["tables"]["enquiries"]


def test_a_front_door_enquiry_is_on_the_list_and_counted_once(client, session, make_user, make_submission):
    officer = make_user("crs_officer")
    submission = make_submission(received=date(2026, 11, 20))
    client.sign_in(officer)
    before = _enquiries_figure(2026)
    response = _claim_and_triage(client, submission, member_name="Alex Rivers MP", member_kind="mp")
    assert response.status_code == 303
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    enquiry = session.scalar(select(MemberEnquiry).where(MemberEnquiry.from_case_id == case.id))
    assert enquiry is not None and enquiry.member_name == "Alex Rivers MP" and enquiry.member_kind == "mp"
    assert enquiry.received_on == date(2026, 11, 20) and enquiry.person_name == "Test Young Person"
    # Its own case is the enquiry, not a complaint the family made before it.
    assert case not in enquiry.cases
    after = _enquiries_figure(2026)
    assert after["total"] == before["total"] + 1
    assert after["known_complainants"] == before["known_complainants"]
    listing = client.get("/staff/enquiries").get_data(as_text=True)
    assert "Alex Rivers MP" in listing
    page = client.get(f"/staff/enquiries/{enquiry.id}").get_data(as_text=True)
    assert case.reference in page and 'id="from-front-door"' in page


def test_the_member_is_asked_for_and_nothing_typed_is_lost(client, session, make_user, make_submission):
    officer = make_user("crs_officer")
    submission = make_submission()
    client.sign_in(officer)
    response = _claim_and_triage(client, submission, member_name="  ")
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Enter the name of the MP or councillor who enquired." in body
    assert "Choose whether they are an MP or a County Councillor." in body
    assert "An MP wrote on the family&#39;s behalf." in body or "An MP wrote on the family's behalf." in body
    assert session.scalar(select(Case).where(Case.submission_id == submission.id)) is None
    assert session.scalar(select(MemberEnquiry)) is None


def test_a_contact_recorded_as_an_mp_enquiry_is_counted_once(client, session, make_user, make_submission):
    officer = make_user("crs_officer")
    submission = make_submission(kind="mp_enquiry", received=date(2026, 11, 20))
    client.sign_in(officer)
    before = _enquiries_figure(2026)["total"]
    assert _claim_and_triage(client, submission, member_name="Sam Lee", member_kind="councillor").status_code == 303
    assert _enquiries_figure(2026)["total"] == before + 1
