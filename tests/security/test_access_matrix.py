"""Who may open what: roles against the staff and advocacy areas, and scoped case queries."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from portal.access import visible_cases
from portal.models import Case

AREA_PAGES = {
    "/staff/": {"crs_officer", "complaints_manager", "operational_manager"},
    "/staff/submissions": {"crs_officer", "complaints_manager"},
    "/advocacy/": {"advocate"},
}


@pytest.mark.parametrize("role", ["crs_officer", "complaints_manager", "operational_manager", "advocate"])
@pytest.mark.parametrize("path", sorted(AREA_PAGES))
def test_role_against_area_pages(client, make_user, make_team, role, path):
    team = make_team() if role == "operational_manager" else None
    user = make_user(role, team=team)
    client.sign_in(user)
    response = client.get(path)
    expected = 200 if role in AREA_PAGES[path] else 403
    assert response.status_code == expected


def test_operational_manager_sees_only_their_team(session, make_user, make_team, make_case):
    mine, theirs = make_team(), make_team()
    manager = make_user("operational_manager", team=mine)
    own = make_case(team=mine)
    make_case(team=theirs)
    visible = session.scalars(visible_cases(manager)).all()
    assert [case.id for case in visible] == [own.id]


def test_advocate_sees_only_assigned_cases(session, make_user, make_case, make_team):
    advocate, other = make_user("advocate"), make_user("advocate")
    team = make_team()
    assigned = make_case(team=team, advocate=advocate)
    make_case(team=team, advocate=other)
    make_case(team=team)
    assert [c.id for c in session.scalars(visible_cases(advocate)).all()] == [assigned.id]


def test_triage_officer_sees_every_case(session, make_user, make_case, make_team):
    officer = make_user("crs_officer")
    make_case(team=make_team())
    make_case(team=make_team())
    assert len(session.scalars(visible_cases(officer)).all()) == len(session.scalars(select(Case)).all())


def test_a_user_with_no_role_permissions_sees_nothing(session, make_user, make_case, make_team):
    manager_without_team = make_user("operational_manager", team=make_team())
    manager_without_team.team_id = None
    make_case(team=make_team())
    assert session.scalars(visible_cases(manager_without_team)).all() == []
