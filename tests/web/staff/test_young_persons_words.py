"""What the child adds is seen: "add more information" and the "not happy" reason reach staff in the
young person's own words, new for the case owner until the owner marks them read (a POST with CSRF,
through an audited operation), and counted on the owner's dashboard until then."""

from __future__ import annotations

import re
from datetime import date

import pytest
from sqlalchemy import select

from portal.casework import common, triage
from portal.intake import codes
from portal.models import AuditEvent, Message
from portal.procedure import RespondStage1, Route

ARABIC = "لم يتصل بي أحد بعد. أريد أن أعرف متى أرى أخي."
WHY = "Nobody explained why the money stopped 😟"


def _tracking_session(app, client, session, submission):
    """Open the young person's tracking page, as they would, with a code."""
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    session.commit()
    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})


def _add(client, text):
    return client.post("/check/add", data={"csrf_token": client.csrf_token("/check/add"), "more_information": text})


def _sign_out(client):
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})


def _unread_on_dashboard(client) -> int:
    body = client.get("/staff/").get_data(as_text=True)
    match = re.search(r"(\d+) new messages? from (?:a young person|young people)", body)
    return int(match.group(1)) if match else 0


@pytest.fixture
def statutory_case(session, make_submission, make_user, team_and_manager, reference):
    """A complaint triaged to the team's manager; returns (submission, case, manager)."""
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    submission = make_submission(language="ar", received=date(2026, 11, 20), contact_method="none")
    triage.claim(submission, actor=officer)
    case = triage.triage(submission, triage.TriageDecision(matter_date_not_known=True,
        route=Route.STATUTORY, on=date(2026, 11, 23), reason="A complaint", team=team,
        categories=[reference["quality"]], main_category=reference["quality"], points=["Contact cancelled"],
        responding_manager=manager, advocacy_given="none",
    ), actor=officer)
    return submission, case, manager


def test_added_information_is_shown_to_the_service_new_until_its_owner_marks_it_read(
        app, client, session, make_submission, make_user):
    """Before triage nobody answers the submission, so the service's staff own what is added."""
    submission = make_submission(language="ar", contact_method="none")
    _tracking_session(app, client, session, submission)
    assert _add(client, ARABIC).status_code == 303
    client.get("/check/sign-out")

    officer = make_user("crs_officer")
    client.sign_in(officer)
    assert _unread_on_dashboard(client) == 1
    home = client.get("/staff/").get_data(as_text=True)
    assert f'href="/staff/submissions/{submission.id}#young-persons-words"' in home

    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Messages with the young person (1 new)" in page
    assert f'<p class="govuk-body app-preserve-lines" dir="auto" lang="ar">{ARABIC}</p>' in page
    assert "Mark 1 new message as read" in page
    # Looking at the page marks nothing: a colleague passing by must not clear the owner's count.
    assert session.scalar(select(Message)).read_at is None

    path = f"/staff/submissions/{submission.id}/read"
    response = client.post(path, data={"csrf_token": client.csrf_token(f"/staff/submissions/{submission.id}")})
    assert response.status_code == 303
    session.expire_all()
    message = session.scalar(select(Message))
    assert message.read_at is not None and message.read_by_id == officer.id
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "young_person_words_read"))
    assert event.subject_id == submission.id and event.details == {"message_ids": [str(message.id)]}
    assert ARABIC not in str(event.details)
    assert _unread_on_dashboard(client) == 0
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Read by Test User" in page and "Mark 1 new" not in page


def test_marking_read_needs_the_csrf_token(app, client, session, make_submission, make_user):
    submission = make_submission(contact_method="none")
    _tracking_session(app, client, session, submission)
    _add(client, "More about my placement")
    client.get("/check/sign-out")
    client.sign_in(make_user("crs_officer"))
    client.post(f"/staff/submissions/{submission.id}/read", data={})
    session.expire_all()
    assert session.scalar(select(Message)).read_at is None


def test_the_responding_manager_owns_what_is_written_about_their_case(
        app, client, session, statutory_case, make_user):
    submission, case, manager = statutory_case
    _tracking_session(app, client, session, submission)
    _add(client, ARABIC)
    client.get("/check/sign-out")

    # The service's staff can read it, but it is not theirs to mark: the manager answers the case.
    officer = make_user("crs_officer")
    client.sign_in(officer)
    assert _unread_on_dashboard(client) == 0
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert ARABIC in page and "Mark 1 new message as read" not in page
    client.post(f"/staff/cases/{case.id}/read", data={"csrf_token": client.csrf_token(f"/staff/cases/{case.id}")})
    session.expire_all()
    assert session.scalar(select(Message)).read_at is None
    _sign_out(client)

    client.sign_in(manager)
    assert _unread_on_dashboard(client) == 1
    assert f'href="/staff/cases/{case.id}#young-persons-words"' in client.get("/staff/").get_data(as_text=True)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert f'dir="auto" lang="ar">{ARABIC}</p>' in page and "Added more information" in page
    client.post(f"/staff/cases/{case.id}/read", data={"csrf_token": client.csrf_token(f"/staff/cases/{case.id}")})
    session.expire_all()
    assert session.scalar(select(Message)).read_by_id == manager.id
    assert _unread_on_dashboard(client) == 0


def test_the_not_happy_reason_is_shown_on_its_own_matter(app, client, session, statutory_case, make_user,
                                                         make_case, team_and_manager):
    submission, case, manager = statutory_case
    common.record_event(case, RespondStage1(on=date(2026, 11, 27), outcome="not_upheld"), actor=manager)
    _tracking_session(app, client, session, submission)
    path = "/check/look-again"
    assert client.post(path, data={"csrf_token": client.csrf_token(path), "why": WHY}).status_code == 303
    client.get("/check/sign-out")
    message = session.scalar(select(Message))
    assert message.case_id == case.id and message.kind == "not_happy"

    client.sign_in(manager)
    assert _unread_on_dashboard(client) == 1
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Not happy with the answer, and why" in page and WHY in page


def test_words_stay_inside_what_a_user_may_see(app, client, session, statutory_case, make_user, make_team):
    submission, case, _manager = statutory_case
    _tracking_session(app, client, session, submission)
    _add(client, ARABIC)
    client.get("/check/sign-out")

    other_manager = make_user("operational_manager", team=make_team())
    client.sign_in(other_manager)
    assert _unread_on_dashboard(client) == 0
    assert client.get(f"/staff/cases/{case.id}").status_code == 404
    token = client.csrf_token("/staff/")
    assert client.post(f"/staff/cases/{case.id}/read", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/staff/submissions/{submission.id}/read", data={"csrf_token": token}).status_code == 403
    session.expire_all()
    assert session.scalar(select(Message)).read_at is None

    # A manager named in the complaint never sees it, even as its responding manager.
    _sign_out(client)
    named = make_user("operational_manager", team=case.team)
    case.subject_staff.append(named)
    case.responding_manager = named
    session.commit()
    client.sign_in(named)
    assert _unread_on_dashboard(client) == 0
    assert client.get(f"/staff/cases/{case.id}").status_code == 404


def test_words_about_one_matter_are_not_shown_on_another(app, client, session, make_submission, make_user,
                                                         team_and_manager, reference):
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    submission = make_submission(received=date(2026, 11, 20), contact_method="none")
    triage.claim(submission, actor=officer)
    cases = [triage.triage(submission, triage.TriageDecision(matter_date_not_known=True,
        route=Route.STATUTORY, on=date(2026, 11, 23), reason="Two matters", team=team,
        categories=[reference["quality"]], main_category=reference["quality"], points=[summary],
        responding_manager=manager, advocacy_given="none", more_to_come=more,
    ), actor=officer) for summary, more in (("Contact", True), ("Money", False))]
    from portal.intake import tracking

    tracking.add_information(submission, "About the money only", case=cases[1], kind="not_happy")
    tracking.add_information(submission, "About everything")
    client.sign_in(manager)
    first = client.get(f"/staff/cases/{cases[0].id}").get_data(as_text=True)
    second = client.get(f"/staff/cases/{cases[1].id}").get_data(as_text=True)
    assert "About everything" in first and "About the money only" not in first
    assert "About everything" in second and "About the money only" in second
    assert _unread_on_dashboard(client) == 2
