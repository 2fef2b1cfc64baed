"""Staff-area fixtures: a team with its operational manager, reference lists, a claimed submission."""

from __future__ import annotations

import pytest
from sqlalchemy import select


@pytest.fixture
def team_and_manager(make_team, make_user):
    team = make_team("Care Leavers Test")
    manager = make_user("operational_manager", team=team)
    return team, manager


@pytest.fixture
def reference(session):
    from portal.models import Category, CorrectiveActionType, ResolutionCategory

    def first(model, name):
        return session.scalar(select(model).where(model.name == name))

    return {
        "quality": first(Category, "Quality of Service"),
        "communication": first(Category, "Communication and Consultation"),
        "explanation": first(ResolutionCategory, "Explanation"),
        "briefing": first(CorrectiveActionType, "Service/Team Briefing"),
    }


@pytest.fixture
def answerable_case(session, make_case, team_and_manager):
    """A stage 1 case with one point, and its team's manager signed in to answer it."""
    from portal.models import ComplaintPoint

    def make(client):
        team, manager = team_and_manager
        case = make_case(team=team)
        case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
        session.commit()
        client.sign_in(manager)
        return case, f"/staff/cases/{case.id}/respond"

    return make


@pytest.fixture
def two_matters(app, session, make_submission, make_user, team_and_manager, reference):
    """A submission triaged into two cases ("part 1" and "part 2"), and a tracking code for it."""
    from datetime import date

    from portal.casework import triage
    from portal.intake import codes
    from portal.procedure import Route

    def make(contact_method: str = "none"):
        team, manager = team_and_manager
        officer = make_user("crs_officer")
        submission = make_submission(received=date(2026, 11, 20), contact_method=contact_method,
                                     what_happened="Two things went wrong.")
        code = codes.new_tracking_code()
        submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
        session.commit()
        triage.claim(submission, actor=officer)
        cases = []
        for summary, more in (("Contact cancelled", True), ("Leaving care money stopped", False)):
            cases.append(triage.triage(submission, triage.TriageDecision(matter_date_not_known=True,
                route=Route.STATUTORY, on=date(2026, 11, 23), reason="Two separate matters", team=team,
                categories=[reference["quality"]], main_category=reference["quality"], points=[summary],
                responding_manager=manager, advocacy_given="none", more_to_come=more,
            ), actor=officer))
        return submission, code, cases, manager

    return make


def form_for(client, path):
    """The CSRF token of the page's form, for posting to it."""
    return {"csrf_token": client.csrf_token(path)}
