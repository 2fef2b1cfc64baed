"""Each kind triaged as what it is: wishes and feelings with their own routes and outcomes (and words for
the child that match what happened), advocacy requests never through the complaint form, the queue's
read-by date with the overdue first, and a team with no manager."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select

from portal.intake import codes
from portal.models import AuditEvent, Case, Submission
from portal.procedure import uk_today


def _claim(client, submission):
    token = client.csrf_token(f"/staff/submissions/{submission.id}")
    assert client.post(f"/staff/submissions/{submission.id}/claim", data={"csrf_token": token}).status_code == 303


def _post(client, submission, action, **fields):
    path = f"/staff/submissions/{submission.id}"
    return client.post(f"{path}/{action}", data={"csrf_token": client.csrf_token(path), **fields})


def test_wishes_and_feelings_are_passed_on_with_who_and_when_and_the_child_reads_what_happened(
        app, client, session, make_user, make_submission, make_team):
    team = make_team("Looked After Children W")
    submission = make_submission(kind="wishes_and_feelings", wishes="I want to see my brother more.")
    client.sign_in(make_user("crs_officer"))
    _claim(client, submission)
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Pass it to their social worker" in page and "Points of complaint" not in page
    missing = _post(client, submission, "triage", wishes_action="team", on="2026-11-23", reason="For the team")
    body = missing.get_data(as_text=True)
    assert missing.status_code == 200 and "Choose the team it is passed to" in body
    assert "Say who will act on it" in body and "Enter the date they will act by" in body
    done = _post(client, submission, "triage", wishes_action="team", on="2026-11-23", reason="For the team",
                 wishes_team=str(team.id), wishes_acted_by="Sam, team manager", wishes_act_by="2026-12-18")
    assert done.status_code == 303
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    assert (case.route, case.wishes_action, case.wishes_team_id, case.wishes_act_by) == (
        "informal", "team", team.id, date(2026, 12, 18))
    case_page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Passed to a team: Looked After Children W" in case_page and "Sam, team manager will act by" in case_page
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})

    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    session.commit()
    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})
    status = client.get("/check/status").get_data(as_text=True)
    assert "We passed on what you told us" in status and "Friday 18 December 2026" in status
    assert "advocacy team" not in status
    assert "You told us how you feel or what you want" in status and "I want to see my brother more." in status


def test_wishes_and_feelings_never_take_the_complaint_route_without_the_young_persons_agreement(
        client, session, make_user, make_submission):
    submission = make_submission(kind="wishes_and_feelings", wishes="I want to complain about my placement.")
    client.sign_in(make_user("crs_officer"))
    _claim(client, submission)
    refused = _post(client, submission, "make-complaint")
    assert refused.status_code == 200 and "confirm they agreed" in refused.get_data(as_text=True)
    agreed = _post(client, submission, "make-complaint", **{"complaint-agreed": "y"})
    assert agreed.status_code == 303
    session.refresh(submission)
    assert submission.kind == "complaint"
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "wishes_became_complaint"))
    assert event.details["young_person_agreed"] is True
    # Now it is triaged with the complaint form.
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Points of complaint, one per line" in page


def test_an_advocacy_request_cannot_be_triaged_as_a_complaint(client, session, make_user, make_submission):
    submission = make_submission(kind="advocacy_request", help_wanted="Help at my review")
    officer = make_user("crs_officer")
    client.sign_in(officer)
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Match an advocate to this request" in page and "Record the triage decision" not in page
    submission.claimed_by_id = officer.id
    session.commit()
    refused = _post(client, submission, "triage", route="statutory", on="2026-11-23", reason="x")
    assert refused.status_code == 200 and "advocacy queue" in refused.get_data(as_text=True)
    assert session.scalar(select(Case)) is None


def test_the_queue_shows_the_read_by_date_and_puts_the_overdue_first(client, session, make_user, make_submission):
    today = uk_today()
    fresh = make_submission(received=today)
    late = make_submission(received=date(2026, 11, 2))
    # Typed in today by staff, but received by phone weeks ago: it is overdue and comes first.
    late.submitted_at = datetime.now().astimezone()
    session.commit()
    client.sign_in(make_user("crs_officer"))
    body = client.get("/staff/submissions").get_data(as_text=True)
    assert body.index(late.reference) < body.index(fresh.reference)
    assert "Read and contact by" in body and "Overdue" in body
    assert "Read and contact by" in client.get(f"/staff/submissions/{late.id}").get_data(as_text=True)


def test_a_team_with_no_manager_offers_who_can_write_the_stage_1_response(
        client, session, make_user, make_submission, make_team, reference):
    lonely = make_team("Adoption No Manager")
    complaints_manager = make_user("complaints_manager")
    complaints_manager.name = "Chris Complaints"
    submission = make_submission()
    officer = make_user("crs_officer")
    session.commit()
    client.sign_in(officer)
    _claim(client, submission)
    partial = client.get(f"/staff/submissions/{submission.id}/responding-managers?team={lonely.id}",
                         headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "has no operational manager in the portal" in partial and "Chris Complaints" in partial
    done = _post(client, submission, "triage", route="statutory", on="2026-11-23", reason="A complaint",
                 team=str(lonely.id), categories=str(reference["quality"].id),
                 main_category=str(reference["quality"].id), points="Nobody answered", advocacy_given="none",
                 responding_manager=str(complaints_manager.id), matter_date_not_known="y")
    assert done.status_code == 303, done.get_data(as_text=True)
    assert session.scalar(select(Submission.status).where(Submission.id == submission.id)) == "triaged"


def test_staff_the_complaint_is_about_are_council_officers_only(client, session, make_user, make_submission,
                                                                 team_and_manager):
    make_user("advocate").name = "Avery Advocate"
    make_user("panel_member").name = "Pat Panel"
    team_and_manager[1].name = "Olu Manager"
    session.commit()
    submission = make_submission()
    client.sign_in(make_user("crs_officer"))
    _claim(client, submission)
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Olu Manager" in page and "Avery Advocate" not in page and "Pat Panel" not in page
