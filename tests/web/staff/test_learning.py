"""Learning (issue 11): corrective actions from any stage with an owner, due date, completion and a
later impact assessment; a team's corrective action plan from stage 2; a dashboard by team."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import event, select

from portal.casework import learning
from portal.db import db
from portal.models import AuditEvent, CorrectiveAction, CorrectiveActionPlan
from portal.procedure import uk_today


def _add(client, case, **fields):
    path = f"/staff/cases/{case.id}/learning/new"
    page = client.get(path).get_data(as_text=True)
    import re

    other = re.search(r'<option value="([0-9a-f-]{36})">Other</option>', page).group(1)
    data = {"csrf_token": client.csrf_token(path), "action_type": other, "description": "Brief the team",
            "owner": "Team manager", "stage": "1", "due_on": (uk_today() + timedelta(days=14)).isoformat(),
            **fields}
    return client.post(path, data=data)


def test_an_action_is_added_completed_and_its_impact_assessed_later(client, session, make_case, team_and_manager):
    team, manager = team_and_manager
    case = make_case(team=team)
    client.sign_in(manager)  # an operational manager records learning on their own team's case
    assert _add(client, case).status_code == 303
    action = session.scalar(select(CorrectiveAction))
    assert action.team_id == team.id and action.stage == 1 and action.action_type.name == "Other"
    page = client.get(f"/staff/cases/{case.id}/learning").get_data(as_text=True)
    assert "Brief the team" in page and "Open" in page
    assert 'id="learning-link"' in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    # Impact cannot be assessed before completion.
    impact = f"/staff/learning/actions/{action.id}/impact"
    body = client.post(impact, data={"csrf_token": client.csrf_token(impact), "on": uk_today().isoformat(),
                                     "impact": "Fewer missed calls"}).get_data(as_text=True)
    assert "Record that the action is complete before assessing its impact" in body
    complete = f"/staff/learning/actions/{action.id}/complete"
    future = (uk_today() + timedelta(days=2)).isoformat()
    body = client.post(complete, data={"csrf_token": client.csrf_token(complete), "on": future}).get_data(True)
    assert "cannot be in the future" in body
    assert client.post(complete, data={"csrf_token": client.csrf_token(complete),
                                       "on": uk_today().isoformat()}).status_code == 303
    assert client.post(impact, data={"csrf_token": client.csrf_token(impact), "on": uk_today().isoformat(),
                                     "impact": "Fewer missed calls"}).status_code == 303
    session.expire_all()
    action = session.get(CorrectiveAction, action.id)
    assert action.completed_on == uk_today() and action.impact == "Fewer missed calls"
    actions = {e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.subject_id == case.id))}
    assert {"corrective_action_added", "corrective_action_completed", "corrective_action_impact"} <= actions


def test_bad_input_keeps_what_was_typed(client, session, make_case, team_and_manager):
    team, manager = team_and_manager
    case = make_case(team=team)
    client.sign_in(manager)
    body = _add(client, case, owner="", description="Keep my words",
                due_on=(uk_today() - timedelta(days=1)).isoformat()).get_data(as_text=True)
    assert "Enter who owns the action" in body and "Keep my words" in body
    body = _add(client, case, due_on=(uk_today() - timedelta(days=1)).isoformat()).get_data(as_text=True)
    assert "The due date cannot be before the day the action is recorded" in body
    body = _add(client, case, action_type="").get_data(as_text=True)
    assert "Choose a type of action" in body
    assert session.scalar(select(CorrectiveAction)) is None


def test_actions_from_stage_two_form_the_teams_plan_with_a_debrief(client, session, make_case, make_user,
                                                                   team_and_manager):
    team, _manager = team_and_manager
    case = make_case(team=team)
    client.sign_in(make_user("crs_officer"))
    assert _add(client, case, stage="2").status_code == 303
    plan = session.scalar(select(CorrectiveActionPlan))
    assert plan.case_id == case.id and plan.team_id == team.id and plan.debrief_on is None
    path = f"/staff/cases/{case.id}/learning/plan"
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "debrief_on": "2000-01-01",
                                   "notes": ""}).get_data(as_text=True)
    assert "The debrief cannot be before the complaint was received" in body
    assert client.post(path, data={"csrf_token": client.csrf_token(path), "debrief_on": uk_today().isoformat(),
                                   "notes": "Team meeting"}).status_code == 303
    session.expire_all()
    assert session.get(CorrectiveActionPlan, plan.id).debrief_on == uk_today()
    page = client.get(f"/staff/cases/{case.id}/learning").get_data(as_text=True)
    assert "Team meeting" in page and "Actions in the plan" in page


def test_the_dashboard_counts_open_and_overdue_by_team_in_sql_scoped_to_the_viewer(
        client, session, make_case, make_team, make_user, team_and_manager):
    team, manager = team_and_manager
    other = make_team("Adoption Learning")
    ours, theirs = make_case(team=team), make_case(team=other)
    yesterday = uk_today() - timedelta(days=1)
    for case, due in ((ours, yesterday), (ours, uk_today() + timedelta(days=5)), (theirs, yesterday)):
        session.add(CorrectiveAction(case_id=case.id, stage=1, description="x", owner="o", due_on=due))
    session.add(CorrectiveAction(case_id=ours.id, stage=1, description="done", owner="o", due_on=yesterday,
                                 completed_on=yesterday))
    session.commit()
    officer = make_user("crs_officer")
    assert officer.role_names  # loaded before counting
    statements = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        rows = learning.by_team(officer, uk_today())
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    selects = [s for s in statements if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 2, selects  # grouped in SQL, not a query per row
    assert (team.name, 2, 1, 1, 0) in rows and (other.name, 1, 1, 0, 0) in rows
    assert rows[0][2] >= rows[-1][2]  # most overdue first
    client.sign_in(manager)
    page = client.get("/staff/learning").get_data(as_text=True)
    assert team.name in page and other.name not in page  # a team manager sees their own team only
    assert 'id="overdue-actions"' in page
    assert "corrective actions open" in client.get("/staff/").get_data(as_text=True)


def test_an_action_on_another_teams_case_is_not_found(client, session, make_case, make_team, team_and_manager):
    _team, manager = team_and_manager
    theirs = make_case(team=make_team("Another Learning"))
    action = CorrectiveAction(case_id=theirs.id, stage=1, description="x", owner="o", due_on=uk_today())
    session.add(action)
    session.commit()
    client.sign_in(manager)
    assert client.get(f"/staff/learning/actions/{action.id}/complete").status_code == 404
    assert client.get(f"/staff/cases/{theirs.id}/learning").status_code == 404
