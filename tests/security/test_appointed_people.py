"""Investigators, independent persons and panel members: only the cases they are appointed to, only
while the appointment lasts, and none of the council's own pages or actions."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from portal.access import visible_cases
from portal.models import Appointment
from portal.procedure import uk_today

APPOINTED = ["investigator", "independent_person", "panel_member"]
COUNCIL_ONLY = ["/staff/submissions", "/staff/submissions/record"]


def _at_their_stage(make_case, team, role):
    """A case at the stage the role is appointed for: stage 2 asked for, or a review panel asked for."""
    from portal.procedure import RequestStage2, RequestStage3, RespondStage1, RespondStage2, StartStage2

    events = [RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22))]
    if role == "panel_member":
        events += [StartStage2(on=date(2026, 1, 26), method="investigation"),
                   RespondStage2(on=date(2026, 3, 2), outcome="not_upheld"), RequestStage3(on=date(2026, 3, 9))]
    return make_case(team=team, received=date(2026, 1, 5), events=tuple(events))


def _appoint(session, case, user, role, start, end):
    session.add(Appointment(case_id=case.id, user_id=user.id, role=role, stage=2 if role != "panel_member" else 3,
                            appointed_on=start, ends_on=end))
    session.commit()


@pytest.mark.parametrize("role", APPOINTED)
def test_an_appointed_person_sees_only_their_cases_while_appointed(session, make_user, make_case, make_team, role):
    person = make_user(role)
    team = make_team()
    today = uk_today()
    current, ended, future, _other = (_at_their_stage(make_case, team, role) for _ in range(4))
    _appoint(session, current, person, role, today - timedelta(days=30), today)
    _appoint(session, ended, person, role, today - timedelta(days=60), today - timedelta(days=1))
    _appoint(session, future, person, role, today + timedelta(days=1), today + timedelta(days=60))
    assert [c.id for c in session.scalars(visible_cases(person))] == [current.id]


@pytest.mark.parametrize("role", APPOINTED)
def test_an_appointed_person_is_refused_elsewhere(client, session, make_user, make_case, make_team, role):
    person = make_user(role)
    team = make_team()
    case, other = _at_their_stage(make_case, team, role), _at_their_stage(make_case, team, role)
    _appoint(session, case, person, role, date(2026, 1, 1), uk_today())
    client.sign_in(person)
    assert client.get(f"/staff/cases/{case.id}").status_code == 200
    assert client.get(f"/staff/cases/{other.id}").status_code == 404
    assert client.get(f"/staff/cases/{other.id}/letter").status_code == 404
    for path in COUNCIL_ONLY:
        assert client.get(path).status_code == 403, path
    # The council's own case actions are not theirs, even on their own case.
    for action in ("stage-2-decision", "appoint-panel", "withdraw", "ombudsman", "next-stage-request"):
        assert client.get(f"/staff/cases/{case.id}/{action}").status_code == 403, action
    # Nor is the triage queue's search: a reference of a case not theirs reads "not found".
    body = client.get(f"/staff/find?reference={other.reference}").get_data(as_text=True)
    assert str(other.id) not in body


def test_an_appointed_role_without_an_appointment_sees_nothing(session, make_user, make_case, make_team):
    make_case(team=make_team())
    for role in APPOINTED:
        assert session.scalars(visible_cases(make_user(role))).all() == []


@pytest.mark.parametrize("role", APPOINTED)
def test_an_appointed_persons_account_expires_with_their_last_appointment(client, session, make_user, make_case,
                                                                         make_team, role):
    from portal_testing import TEST_PASSWORD

    from portal.auth import accounts

    person = make_user(role)
    case = _at_their_stage(make_case, make_team(), role)
    _appoint(session, case, person, role, uk_today() - timedelta(days=30), uk_today())
    client.sign_in(person)
    assert client.get(f"/staff/cases/{case.id}").status_code == 200
    # The appointment ends (yesterday): the session in progress ends, and so does signing in.
    appointment = session.scalars(select(Appointment).where(Appointment.user_id == person.id)).one()
    appointment.ends_on = uk_today() - timedelta(days=1)
    session.commit()
    assert client.get(f"/staff/cases/{case.id}").status_code in (302, 303)
    assert accounts.check_password(person.email, TEST_PASSWORD) is None
    # A new appointment, even one still to start, opens the account again.
    later = make_case(team=make_team())
    _appoint(session, later, person, role, uk_today() + timedelta(days=3), uk_today() + timedelta(days=90))
    assert accounts.check_password(person.email, TEST_PASSWORD) is not None


def test_a_member_of_staff_who_is_also_a_panel_member_keeps_their_account(session, make_user):
    from portal_testing import TEST_PASSWORD

    from portal.auth import accounts

    officer = make_user("crs_officer", "panel_member")
    assert accounts.check_password(officer.email, TEST_PASSWORD) is not None


@pytest.mark.parametrize("role", APPOINTED)
def test_an_appointed_person_sees_the_case_only_while_their_stage_is_open(client, session, make_user, make_case,
                                                                         make_team, role):
    from portal.casework import common
    from portal.procedure import RespondStage2, RespondStage3, StartStage3

    person = make_user(role)
    case = _at_their_stage(make_case, make_team(), role)
    _appoint(session, case, person, role, date(2026, 1, 1), uk_today() + timedelta(days=60))
    assert [c.id for c in session.scalars(visible_cases(person))] == [case.id]
    # Their stage ends: the stage 2 adjudication, or the council's response to the panel.
    if role == "panel_member":
        common.record_event(case, StartStage3(on=date(2026, 3, 16)), actor=None)
        assert [c.id for c in session.scalars(visible_cases(person))] == [case.id]  # the panel is at work
        from portal.procedure import HoldPanel, ReceivePanelReport
        common.record_event(case, HoldPanel(on=date(2026, 3, 30)), actor=None)
        common.record_event(case, ReceivePanelReport(on=date(2026, 4, 2)), actor=None)
        common.record_event(case, RespondStage3(on=date(2026, 4, 20), outcome="upheld"), actor=None)
    else:
        from portal.procedure import StartStage2
        common.record_event(case, StartStage2(on=date(2026, 1, 26), method="investigation"), actor=None)
        common.record_event(case, RespondStage2(on=date(2026, 3, 2), outcome="not_upheld"), actor=None)
    assert session.scalars(visible_cases(person)).all() == []
    client.sign_in(person)
    assert client.get(f"/staff/cases/{case.id}").status_code == 404


@pytest.mark.parametrize("role", APPOINTED)
def test_an_appointed_person_lands_on_their_work_and_sees_only_what_their_stage_needs(
        client, session, make_user, make_case, make_team, role):
    from portal.models import Letter, OmbudsmanEnquiry

    person = make_user(role)
    case = _at_their_stage(make_case, make_team(), role)
    case.submission.answers = {**case.submission.answers, "what_happened": "A private thing the child wrote"}
    session.add(OmbudsmanEnquiry(case_id=case.id, enquired_on=date(2026, 1, 10), information_requested="Files"))
    session.add(Letter(case_id=case.id, stage=3, source="The stage 3 letter", html="<p>The stage 3 letter</p>",
                       language="en"))
    session.commit()
    _appoint(session, case, person, role, date(2026, 1, 1), uk_today() + timedelta(days=60))
    landing = client.sign_in(person)
    assert landing.headers["Location"].endswith("/staff/my-work")
    work = client.get("/staff/my-work").get_data(as_text=True)
    assert case.reference in work and "Cases you are appointed to" in work
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Your appointment" in page and f'href="/staff/cases/{case.id}/documents"' in page
    for hidden in ("The stage 3 letter", "The Ombudsman", "Audit trail", "Messages with the young person",
                   "A private thing the child wrote"):
        assert hidden not in page, hidden


def test_an_investigator_uploads_their_report_to_the_case(app, client, session, make_user, make_case, make_team,
                                                          monkeypatch, tmp_path):
    import io

    from portal.models import Document

    monkeypatch.setitem(app.config, "DOCUMENTS_FOLDER", str(tmp_path / "documents"))
    person = make_user("investigator")
    case = _at_their_stage(make_case, make_team(), "investigator")
    _appoint(session, case, person, "investigator", date(2026, 1, 1), uk_today() + timedelta(days=60))
    client.sign_in(person)
    path = f"/staff/cases/{case.id}/documents"
    response = client.post(path, data={"csrf_token": client.csrf_token(path), "description": "Investigation report",
                                       "document": (io.BytesIO(b"%PDF-1.7\n%%EOF\n"), "report.pdf")},
                           content_type="multipart/form-data")
    assert response.status_code == 303
    document = session.scalar(select(Document).where(Document.case_id == case.id))
    assert (document.description, document.uploaded_by_id) == ("Investigation report", person.id)
