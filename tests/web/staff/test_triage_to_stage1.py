"""From the queue through triage to a stage 1 response, in the staff area (CSRF on)."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import func, select

from portal.models import AuditEvent, Case, Submission
from portal.procedure import add_working_days


def _claim(client, submission):
    token = client.csrf_token(f"/staff/submissions/{submission.id}")
    response = client.post(f"/staff/submissions/{submission.id}/claim", data={"csrf_token": token})
    assert response.status_code == 303


def _triage(client, submission, **fields):
    path = f"/staff/submissions/{submission.id}"
    data = {"csrf_token": client.csrf_token(path), "on": "2026-11-23", "reason": "Clearly a complaint.", **fields}
    return client.post(f"{path}/triage", data=data)


def test_queue_lists_new_submissions_oldest_first_and_filters(client, make_user, make_submission):
    officer = make_user("crs_officer")
    newer = make_submission(received=date(2026, 11, 24))
    older = make_submission(received=date(2026, 11, 2), language="ar")
    client.sign_in(officer)
    body = client.get("/staff/submissions").get_data(as_text=True)
    assert body.index(older.reference) < body.index(newer.reference)
    body = client.get("/staff/submissions?language=ar").get_data(as_text=True)
    assert older.reference in body and newer.reference not in body


def test_queue_filter_answers_with_a_fragment_for_htmx(client, make_user, make_submission):
    officer = make_user("crs_officer")
    submission = make_submission(language="ar")
    client.sign_in(officer)
    response = client.get("/staff/submissions?language=ar",
                          headers={"HX-Request": "true", "HX-Target": "queue-results"})
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'id="queue-results"' in body and submission.reference in body


def test_queue_is_paginated(client, make_user, make_submission):
    officer = make_user("crs_officer")
    for _ in range(27):
        make_submission()
    client.sign_in(officer)
    first = client.get("/staff/submissions").get_data(as_text=True)
    second = client.get("/staff/submissions?page=2").get_data(as_text=True)
    assert first.count("/staff/submissions/") >= 25
    assert 'aria-current="page"' in second
    assert len(re.findall(r'href="/staff/submissions/[0-9a-f-]{36}"', second)) >= 2


def test_submission_page_shows_the_words_as_written(client, make_user, make_submission):
    officer = make_user("crs_officer")
    text = "لا يوجد مترجم في اجتماعاتي 😟"
    submission = make_submission(language="ar", what_happened=text)
    client.sign_in(officer)
    body = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert text in body
    assert 'dir="auto" lang="ar"' in body


def test_from_queue_through_triage_to_stage_1_response(client, session, make_user, make_submission,
                                                      team_and_manager, reference):
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    submission = make_submission(received=date(2026, 11, 20))
    client.sign_in(officer)
    body = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Claim for triage" in body and "Record the triage decision" not in body
    _claim(client, submission)
    response = _triage(
        client, submission, route="statutory", team=str(team.id),
        categories=[str(reference["quality"].id), str(reference["communication"].id)],
        main_category=str(reference["quality"].id),
        points="Leaving care money stopped without notice\nNobody explained the finance policy",
        responding_manager=str(manager.id), advocacy_given="none", sufficient_interest="",
        matter_happened_on="2026-10-01",
    )
    assert response.status_code == 303, response.get_data(as_text=True)
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    assert (case.matter_happened_on, case.late_decided_by_id) == (date(2026, 10, 1), None)  # inside the year
    assert case.status == "stage1" and case.route == "statutory" and case.triaged_by_id == officer.id
    assert case.main_category == reference["quality"]
    assert [p.summary for p in case.points] == ["Leaving care money stopped without notice",
                                                  "Nobody explained the finance policy"]
    session.refresh(submission)
    assert submission.status == "triaged" and submission.claimed_by_id is None

    case_page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    due = add_working_days(date(2026, 11, 20), 10)
    assert due == date(2026, 12, 4)
    assert "4 Dec 2026" in case_page
    assert "Record the stage 1 response" in case_page

    # The team's manager answers it.
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    client.sign_in(manager)
    path = f"/staff/cases/{case.id}/respond"
    points = case.points
    data = {
        "csrf_token": client.csrf_token(path), "on": "2026-12-01", "outcome": "partly_upheld",
        "resolution": str(reference["explanation"].id), "learning": "yes",
        f"finding-{points[0].id}": "upheld", f"finding-{points[1].id}": "not_upheld",
        "actions-0-description": "Brief the team on the finance policy", "actions-0-owner": "Team manager",
        "actions-0-due_on": "2027-01-15", "actions-0-action_type": str(reference["briefing"].id),
        "letter": "Dear Jordan,\n\nThank you for telling us.", "letter_language": "en",
    }
    response = client.post(path, data=data)
    assert response.status_code == 303, response.get_data(as_text=True)
    session.expire_all()
    case = session.get(Case, case.id)
    assert case.status == "stage1_responded" and case.stage1_outcome == "partly_upheld"
    assert case.stage1_responded == date(2026, 12, 1)
    assert [p.stage1_finding for p in case.points] == ["upheld", "not_upheld"]
    assert case.stage1_learning is True and case.corrective_actions[0].owner == "Team manager"
    assert case.procedure.stage1_working_days == 7
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == case.id)).all()
    assert "Triage" in actions and "RespondStage1" in actions


def test_a_response_needs_a_finding_for_every_point_and_keeps_what_was_typed(
        client, session, answerable_case, reference):
    case, path = answerable_case(client)
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-25",
                                   "outcome": "upheld", "learning": "no"}).get_data(as_text=True)
    assert "Choose a finding for this point" in body
    assert 'value="upheld" checked' in body


def test_safeguarding_concern_is_referred_and_not_a_complaint(client, session, make_user, make_submission,
                                                             make_team):
    officer = make_user("crs_officer")
    operational = make_team("Assessment Team North")
    submission = make_submission()
    client.sign_in(officer)
    _claim(client, submission)
    response = _triage(client, submission, route="safeguarding", referred_to_team=str(operational.id))
    assert response.status_code == 303
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    assert case.status == "referred" and case.referred_to_team_id == operational.id
    assert case.procedure.stage1_due is None
    # Complaints recorded (REPORT.md): safeguarding concerns are not counted.
    recorded = session.scalar(select(func.count()).select_from(Case).where(
        Case.kind == "complaint", Case.route.in_(["statutory", "not_children_act"]) | Case.route.is_(None)))
    assert recorded == 0
    assert "Stage 1 response due" not in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)


def test_triage_says_what_is_missing_for_the_route(client, make_user, make_submission):
    officer = make_user("crs_officer")
    submission = make_submission()
    client.sign_in(officer)
    _claim(client, submission)
    body = _triage(client, submission, route="statutory").get_data(as_text=True)
    assert "Choose the team the complaint is about." in body
    assert "Write at least one point of complaint." in body
    assert "Clearly a complaint." in body  # what was typed is kept


def test_a_claimed_submission_cannot_be_taken_by_another_officer(client, make_user, make_submission, session):
    first, second = make_user("crs_officer"), make_user("crs_officer")
    submission = make_submission()
    from portal.casework import triage

    triage.claim(submission, actor=first)
    client.sign_in(second)
    _claim(client, submission)
    body = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "is already triaging this submission" in body
    session.refresh(submission)
    assert submission.claimed_by_id == first.id


def test_a_submission_with_several_matters_gives_several_cases(client, session, make_user, make_submission,
                                                              make_team):
    officer = make_user("crs_officer")
    submission = make_submission()
    client.sign_in(officer)
    _claim(client, submission)
    _triage(client, submission, route="not_children_act", alternative_route="Legal advice", more_to_come="y")
    session.refresh(submission)
    assert submission.status == "new"
    _triage(client, submission, route="informal")
    session.refresh(submission)
    assert submission.status == "triaged"
    references = sorted(session.scalars(select(Case.reference).where(Case.submission_id == submission.id)))
    assert references == [submission.reference, f"{submission.reference}-2"]


def test_stage1_actions_are_offered_only_when_legal(client, session, make_user, make_case, make_team):
    from portal.procedure import RespondStage1

    officer = make_user("crs_officer")
    case = make_case(team=make_team(), events=(RespondStage1(on=date(2026, 11, 25), outcome="upheld"),))
    client.sign_in(officer)
    body = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Extend to 20 working days" not in body and "Record the stage 1 response" not in body
    response = client.get(f"/staff/cases/{case.id}/extend")
    assert response.status_code == 303


def test_extend_withdraw_and_defer(client, session, make_user, make_case, make_team):
    officer = make_user("crs_officer")
    case = make_case(team=make_team())
    client.sign_in(officer)
    path = f"/staff/cases/{case.id}/extend"
    empty = client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-23", "reason": ""})
    assert "Give the reason" in empty.get_data(as_text=True)
    client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-23",
                            "reason": "Three teams involved", "complainant_told_on": "2026-11-24"})
    session.expire_all()
    extended = session.get(Case, case.id)
    assert extended.procedure.stage1_extended
    [extension] = extended.extensions
    assert (extension.stage, extension.working_days, extension.reason) == (1, 20, "Three teams involved")
    assert extension.new_due_on == extended.procedure.stage1_due
    assert extension.complainant_told_on == date(2026, 11, 24)
    path = f"/staff/cases/{case.id}/defer"
    client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-24",
                            "review_date": "2027-01-10", "reason": "Care proceedings under way", "ground": "court",
                            "complainant_told_on": "2026-11-24"})
    session.expire_all()
    assert session.get(Case, case.id).status == "deferred"
    path = f"/staff/cases/{case.id}/resume"
    client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-26"})
    path = f"/staff/cases/{case.id}/withdraw"
    client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-26"})
    session.expire_all()
    assert session.get(Case, case.id).status == "withdrawn"


def test_dashboard_shows_due_soon_and_overdue(client, make_user, make_case, make_team):
    from portal.procedure import uk_today

    officer = make_user("crs_officer")
    team = make_team()
    today = uk_today()
    overdue = make_case(team=team, received=date(2026, 1, 5))
    due_soon = make_case(team=team, received=today)
    client.sign_in(officer)
    body = client.get("/staff/").get_data(as_text=True)
    overdue_table = body[body.index('id="overdue"'):body.index('id="due-soon"')]
    due_table = body[body.index('id="due-soon"'):]
    assert overdue.reference in overdue_table and due_soon.reference not in overdue_table
    # received today: 10 working days left, beyond the 5-day window
    assert due_soon.reference not in due_table.split("Open cases by team")[0]
    assert "app-overdue" in overdue_table


def test_submission_and_case_pages_404_for_unknown_ids(client, make_user):
    import uuid

    client.sign_in(make_user("crs_officer"))
    assert client.get(f"/staff/cases/{uuid.uuid4()}").status_code == 404
    assert client.get(f"/staff/submissions/{uuid.uuid4()}").status_code == 404


def test_queue_counts_only_new_submissions(session, make_submission):
    make_submission()
    done = make_submission()
    done.status = "triaged"
    session.commit()
    assert session.scalar(select(func.count()).select_from(Submission).where(Submission.status == "new")) == 1


def test_triage_route_is_changed_only_by_a_recorded_correction(client, session, make_user, make_case, make_team):
    officer = make_user("crs_officer")
    case = make_case(team=make_team(), route="informal")
    client.sign_in(officer)
    path = f"/staff/cases/{case.id}/correct-triage"
    client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-24", "route": "statutory",
                            "reason": "She now wants to make a formal complaint"})
    session.expire_all()
    case = session.get(Case, case.id)
    assert case.route == "statutory" and case.status == "stage1"
    assert case.route_correction_reason == "She now wants to make a formal complaint"


def test_safeguarding_referral_is_tracked_until_picked_up(client, session, make_user, make_case, make_team):
    officer = make_user("crs_officer")
    operational = make_team()
    case = make_case(route="safeguarding", referred_to_team=operational)
    client.sign_in(officer)
    assert "not yet picked up" in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    path = f"/staff/cases/{case.id}/referral-picked-up"
    client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-11-24"})
    assert "picked up on 24 Nov 2026" in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)


def test_queue_filters_on_interpreter_advocacy_age_and_uas(client, session, make_user, make_submission):
    officer = make_user("crs_officer")
    needs_both = make_submission(interpreter_needed="yes", advocate="independent", what_happened="a")
    neither = make_submission(interpreter_needed="no", advocate="none", what_happened="b")
    needs_both.young_person.uas_child = True
    needs_both.young_person.age_when_received = 16
    session.commit()
    client.sign_in(officer)
    for query in ("interpreter=yes", "advocacy=yes", "uas=yes", "age=16-17"):
        body = client.get(f"/staff/submissions?{query}").get_data(as_text=True)
        assert needs_both.reference in body and neither.reference not in body, query


def test_staff_reissue_a_tracking_code_shown_once(client, session, make_user, make_submission, app):
    import re

    from portal.intake import codes

    officer = make_user("crs_officer")
    submission = make_submission()
    submission.tracking_code_hash = codes.hash_tracking_code("OLDC-ODE2-3456-789A", app.config["TRACKING_CODE_KEY"])
    session.commit()
    client.sign_in(officer)
    path = f"/staff/submissions/{submission.id}/new-code"
    refused = client.post(path, data={"csrf_token": client.csrf_token(path), "channel": "in_person"})
    assert "Check who they are" in refused.get_data(as_text=True)
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "channel": "in_person",
                                   "identity_checked": "y"}).get_data(as_text=True)
    code = re.search(r'class="app-tracking-code" dir="ltr">([A-Z0-9-]+)<', body).group(1)
    session.refresh(submission)
    key = app.config["TRACKING_CODE_KEY"]
    assert codes.tracking_code_matches(code, submission.tracking_code_hash, key)
    assert not codes.tracking_code_matches("OLDC-ODE2-3456-789A", submission.tracking_code_hash, key)
    assert code not in client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)


def test_lost_code_requests_without_email_wait_on_the_dashboard_until_a_new_code(
        client, session, make_user, make_submission):
    from portal import audit
    from portal.intake import tracking

    officer = make_user("crs_officer")
    submission = make_submission()
    audit.record("tracking_code_requested", subject_type="submission", subject_id=submission.id,
                 actor_kind="public", contact_method="phone")
    session.commit()
    client.sign_in(officer)
    home = client.get("/staff/").get_data(as_text=True)
    assert 'id="code-requests"' in home and submission.reference in home
    tracking.issue_new_tracking_code(submission, actor=officer, channel="in_person")
    assert 'id="code-requests"' not in client.get("/staff/").get_data(as_text=True)


def test_possible_matches_notice_the_same_young_person_and_a_known_complainant(
        client, session, make_user, make_submission, make_case, make_team):
    from portal.models import Person

    officer = make_user("crs_officer")
    earlier = make_case(team=make_team())
    earlier.young_person.name, earlier.young_person.date_of_birth = "Jordan Lee", date(2010, 5, 1)
    parent = Person(name="A Parent", email="parent@example.com")
    other = make_case(team=make_team())
    other.complainant = parent
    session.add(parent)
    session.commit()
    new = make_submission()
    new.young_person.name, new.young_person.date_of_birth = "jordan lee", date(2010, 5, 1)
    new.submitter = Person(name="Parent again", email="PARENT@example.com")
    session.commit()
    client.sign_in(officer)
    body = client.get(f"/staff/submissions/{new.id}").get_data(as_text=True)
    assert "Possible matches" in body
    assert earlier.reference in body and other.reference in body
