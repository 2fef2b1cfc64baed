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


def form_for(client, path):
    """The CSRF token of the page's form, for posting to it."""
    return {"csrf_token": client.csrf_token(path)}
