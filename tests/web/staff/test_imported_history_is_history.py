"""Imported history is history (issue 20, decision 0017): an imported case's actions, learning and stage
deadlines never appear as open or overdue work (the learning page, My work, the dashboard)."""

from __future__ import annotations

from datetime import date

from portal.casework import learning
from portal.models import CorrectiveAction
from portal.procedure import (
    AgreeStatement,
    HoldPanel,
    RequestStage2,
    RequestStage3,
    RespondStage1,
    RespondStage2,
    StartStage2,
    StartStage3,
    uk_today,
)
from staff import my_work, queries

AT_PANEL = (RespondStage1(on=date(2021, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2021, 1, 22)),
            StartStage2(on=date(2021, 1, 26), method="management_review"), AgreeStatement(on=date(2021, 1, 27)),
            RespondStage2(on=date(2021, 2, 20), outcome="not_upheld"), RequestStage3(on=date(2021, 2, 25)),
            StartStage3(on=date(2021, 3, 2)), HoldPanel(on=date(2021, 3, 20)))


def test_imported_cases_are_never_open_or_overdue_work(app, session, make_case, make_user, make_team):
    team = make_team()
    officer = make_user("crs_officer")
    panel_member = make_user("complaints_manager")
    imported = make_case(team=team, received=date(2021, 1, 5), events=AT_PANEL, legacy_reference="OLD-2021-17")
    portal_case = make_case(team=team, received=date(2021, 1, 5), events=AT_PANEL)
    late_stage1 = make_case(team=team, received=date(2021, 1, 5), legacy_reference="OLD-2021-18")
    for case in (imported, portal_case):
        case.corrective_actions.append(CorrectiveAction(description="Brief the team", owner="Team manager",
                                                        due_on=date(2021, 6, 1)))
    session.commit()
    today = uk_today()

    overdue = learning.overdue(officer, today)
    assert portal_case.corrective_actions[0] in overdue and imported.corrective_actions[0] not in overdue
    assert learning.counts(officer, today) == (1, 1)
    assert [row[1:3] for row in learning.by_team(officer, today)] == [(1, 1)]

    with app.test_request_context():
        reports = my_work.panel_reports_due(panel_member, today)
        assert [row.case for row in reports.rows] == [portal_case]
        _due_soon, late = queries.stage1_deadlines(officer, today)
        assert late_stage1 not in [case for case, _left in late.rows]
        assert sum(count for _team, _status, count in queries.open_cases_by_team_and_status(officer)) == 1
        assert [row[1:] for row in queries.overdue_by_team_and_stage(officer, today)] == [(0, 0, 1)]
