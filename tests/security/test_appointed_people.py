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


def _appoint(session, case, user, role, start, end):
    session.add(Appointment(case_id=case.id, user_id=user.id, role=role, stage=2 if role != "panel_member" else 3,
                            appointed_on=start, ends_on=end))
    session.commit()


@pytest.mark.parametrize("role", APPOINTED)
def test_an_appointed_person_sees_only_their_cases_while_appointed(session, make_user, make_case, make_team, role):
    person = make_user(role)
    team = make_team()
    today = uk_today()
    current, ended, future, _other = (make_case(team=team) for _ in range(4))
    _appoint(session, current, person, role, today - timedelta(days=30), today)
    _appoint(session, ended, person, role, today - timedelta(days=60), today - timedelta(days=1))
    _appoint(session, future, person, role, today + timedelta(days=1), today + timedelta(days=60))
    assert [c.id for c in session.scalars(visible_cases(person))] == [current.id]


@pytest.mark.parametrize("role", APPOINTED)
def test_an_appointed_person_is_refused_elsewhere(client, session, make_user, make_case, make_team, role):
    person = make_user(role)
    team = make_team()
    case, other = make_case(team=team), make_case(team=team)
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
    case = make_case(team=make_team())
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
