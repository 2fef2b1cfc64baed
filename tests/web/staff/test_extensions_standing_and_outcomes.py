"""Extensions, the complainant's standing and recorded outcomes, as staff meet them (each test failed on
the code before the fix it holds)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.casework import common, next_stage, triage
from portal.models import AuditEvent, Case, Person
from portal.procedure import (
    Defer,
    ExtendStage1,
    Outcome,
    RespondStage1,
    Resume,
    Stage2Method,
    StartStage2,
    add_working_days,
    uk_today,
    working_days_left,
)
from staff import queries


def _post(client, path, **data):
    return client.post(path, data={"csrf_token": client.csrf_token(path), **data})


def _responded(make_case, team, on=date(2026, 11, 25)):
    return make_case(team=team, events=(RespondStage1(on=on, outcome=Outcome.NOT_UPHELD),))


# --- rules -----------------------------------------------------------------------------------------


def test_an_extension_after_the_due_date_is_refused_with_a_clear_message(client, session, make_user, make_case,
                                                                         make_team):
    case = make_case(team=make_team(), received=date(2026, 10, 1))  # due 15 October
    client.sign_in(make_user("crs_officer"))
    path = f"/staff/cases/{case.id}/extend"
    body = _post(client, path, on="2026-10-20", reason="Three teams involved",
                 complainant_told_on="2026-10-20").get_data(as_text=True)
    assert "late, not extended" in body
    session.expire_all()
    assert not session.get(Case, case.id).procedure.stage1_extended


def test_an_event_dated_after_today_is_refused_on_its_date_field(client, session, make_user, make_case, make_team):
    case = make_case(team=make_team())
    client.sign_in(make_user("crs_officer"))
    body = _post(client, f"/staff/cases/{case.id}/withdraw", on="2032-11-26").get_data(as_text=True)
    assert 'id="on-error"' in body and "after today" in body
    session.expire_all()
    assert session.get(Case, case.id).status == "stage1"  # not locked by a mistyped year


def test_a_malformed_deferral_is_an_error_not_a_crash(client, make_user, make_case, make_team):
    case = make_case(team=make_team())
    client.sign_in(make_user("crs_officer"))
    response = _post(client, f"/staff/cases/{case.id}/defer", on="2026-11-24", review_date="2026-11-01",
                     reason="Police investigation", ground="criminal", complainant_told_on="2026-11-24")
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="review_date-error"' in body
    assert "review date cannot be before the day of deferral" in body


def test_stage2_extensions_keep_every_reason_and_the_new_date_told(client, session, make_user, make_case,
                                                                   make_team):
    officer = make_user("crs_officer")
    case = _responded(make_case, make_team(), on=date(2026, 11, 23))
    next_stage.record_next_stage_request(case, on=date(2026, 11, 24), channel="letter", actor=officer)
    common.record_event(case, StartStage2(on=date(2026, 11, 25), method=Stage2Method.INVESTIGATION), actor=officer)
    client.sign_in(officer)
    path = f"/staff/cases/{case.id}/extend-stage-2"
    for to, reason in ((30, "Investigator ill"), (45, "Three more witnesses")):
        response = _post(client, path, on="2026-11-30", to=str(to), reason=reason, complainant_told_on="2026-12-01")
        assert response.status_code == 303, response.get_data(as_text=True)
    refused = _post(client, path, on="2026-12-01", to="66", reason="Too long", complainant_told_on="2026-12-01")
    assert "Enter a number from 26 to 65" in refused.get_data(as_text=True)
    session.expire_all()
    case = session.get(Case, case.id)
    assert [(e.stage, e.working_days, e.reason) for e in case.extensions] == [
        (2, 30, "Investigator ill"), (2, 45, "Three more witnesses")]
    assert case.extensions[-1].new_due_on == add_working_days(date(2026, 11, 24), 45)
    assert case.extensions[-1].complainant_told_on == date(2026, 12, 1)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Investigator ill" in page and "Three more witnesses" in page


# --- who may complain as of right -------------------------------------------------------------------


def _from_parent(make_submission, session, who="parent_carer"):
    submission = make_submission()
    submission.who_is_telling = who
    submission.submitter = Person(name="A Parent")
    session.commit()
    return submission


def _triage(client, submission, **fields):
    path = f"/staff/submissions/{submission.id}"
    data = {"csrf_token": client.csrf_token(path), "on": "2026-11-23", "reason": "A complaint.", **fields}
    return client.post(f"{path}/triage", data=data)


def _statutory(team, manager, reference):
    return {"route": "statutory", "team": str(team.id), "categories": [str(reference["quality"].id)],
            "main_category": str(reference["quality"].id), "points": "Contact cancelled",
            "responding_manager": str(manager.id), "advocacy_given": "none", "matter_date_not_known": "y"}


def test_a_parent_complains_as_of_right_without_a_sufficient_interest_decision(
        client, session, make_user, make_submission, team_and_manager, reference):
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    submission = _from_parent(make_submission, session)
    triage.claim(submission, actor=officer)
    client.sign_in(officer)
    response = _triage(client, submission, standing="parent", **_statutory(team, manager, reference))
    assert response.status_code == 303, response.get_data(as_text=True)
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    assert case.status == "stage1" and case.complainant_standing == "parent" and case.sufficient_interest is None


def test_someone_else_needs_the_decision_and_a_no_goes_to_an_alternative_route(
        client, session, make_user, make_submission, team_and_manager, reference):
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    submission = _from_parent(make_submission, session, who="helper")
    triage.claim(submission, actor=officer)
    client.sign_in(officer)
    asked = _triage(client, submission, standing="other", **_statutory(team, manager, reference))
    assert 'id="sufficient_interest-error"' in asked.get_data(as_text=True)
    response = _triage(client, submission, standing="other", sufficient_interest="no",
                       sufficient_interest_reason="A neighbour with no contact with the child",
                       alternative_route="Told to contact the child's social worker",
                       **_statutory(team, manager, reference))
    assert response.status_code == 303, response.get_data(as_text=True)
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    assert case.route == "not_children_act" and case.status == "not_children_act"
    assert case.stage1_outcome == "not_applicable" and case.sufficient_interest is False
    assert case.team_id is None and not case.points
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Told to contact the child" in page and "A neighbour with no contact" in page


def test_triage_errors_sit_on_their_own_fields(client, session, make_user, make_submission):
    officer = make_user("crs_officer")
    submission = make_submission()
    triage.claim(submission, actor=officer)
    client.sign_in(officer)
    body = _triage(client, submission, route="statutory").get_data(as_text=True)
    for field in ("team", "main_category", "points", "responding_manager"):
        assert f'id="{field}-error"' in body, field


def test_only_triage_officers_may_post_a_triage_decision(client, make_user, make_submission, make_team):
    submission = make_submission()
    client.sign_in(make_user("operational_manager", team=make_team()))
    path = f"/staff/submissions/{submission.id}/triage"
    assert client.post(path, data={"csrf_token": client.csrf_token("/staff/")}).status_code == 403


# --- "not applicable" is recorded -----------------------------------------------------------------


def test_not_a_children_act_matter_shows_its_recorded_outcome(client, make_user, make_case):
    case = make_case(route="not_children_act", alternative_route="Legal advice")
    assert case.stage1_outcome == "not_applicable"
    client.sign_in(make_user("crs_officer"))
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    outcome = page[page.index('id="stage1-outcome"'):]
    assert "Not applicable" in outcome[:600] and "correct the triage route" in outcome[:600]


def test_a_contradicting_outcome_is_refused(client, session, answerable_case):
    case, path = answerable_case(client)
    body = _post(client, path, on="2026-11-25", outcome="not_upheld", learning="no", letter="Dear Sam,",
                 **{f"finding-{case.points[0].id}": "upheld"}).get_data(as_text=True)
    assert "must agree with the findings" in body
    assert session.get(Case, case.id).status == "stage1"


# --- staff actions that were missing -------------------------------------------------------------


def test_staff_record_a_stage2_request_that_came_by_letter(client, session, make_user, make_case, make_team):
    case = _responded(make_case, make_team())
    client.sign_in(make_user("crs_officer"))
    assert "Record a request for the next stage" in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    response = _post(client, f"/staff/cases/{case.id}/next-stage-request", on="2026-11-27", channel="letter")
    assert response.status_code == 303
    session.expire_all()
    case = session.get(Case, case.id)
    assert case.status == "stage2_requested" and case.stage2_requested == date(2026, 11, 27)
    event = session.scalar(select(AuditEvent).where(AuditEvent.subject_id == case.id,
                                                    AuditEvent.action == "RequestStage2"))
    assert event.details["channel"] == "letter"


def test_staff_record_a_review_panel_request(client, session, make_user, make_case, make_team):
    officer = make_user("crs_officer")
    case = _responded(make_case, make_team(), on=date(2026, 11, 23))
    next_stage.record_next_stage_request(case, on=date(2026, 11, 24), channel="phone", actor=officer)
    common.record_event(case, StartStage2(on=date(2026, 11, 24), method=Stage2Method.MANAGEMENT_REVIEW),
                          actor=officer)
    from portal.procedure import RespondStage2

    common.record_event(case, RespondStage2(on=date(2026, 11, 30), outcome=Outcome.NOT_UPHELD), actor=officer)
    client.sign_in(officer)
    response = _post(client, f"/staff/cases/{case.id}/next-stage-request", on="2026-12-01", channel="phone")
    assert response.status_code == 303
    session.expire_all()
    assert session.get(Case, case.id).status == "stage3_requested"


def test_staff_review_a_deferral_and_close_a_case(client, session, make_user, make_case, make_team):
    team = make_team()
    deferred = make_case(team=team, events=(Defer(on=date(2026, 11, 23), review_date=date(2026, 11, 30),
                                                  reason="Care proceedings"),))
    client.sign_in(make_user("crs_officer"))
    response = _post(client, f"/staff/cases/{deferred.id}/review-deferral", on="2026-11-30",
                     review_date="2027-01-15")
    assert response.status_code == 303
    session.expire_all()
    assert session.get(Case, deferred.id).deferral_review_date == date(2027, 1, 15)

    answered = _responded(make_case, team)
    assert _post(client, f"/staff/cases/{answered.id}/close", on="2026-11-30").status_code == 303
    session.expire_all()
    assert session.get(Case, answered.id).status == "closed"


# --- one stage 1 deadline, one meaning of open -----------------------------------------------------


def test_the_dashboards_sql_days_left_equals_the_python_rule(session, make_user, make_case, make_team):
    team = make_team()
    today = uk_today()
    plain = make_case(team=team, received=date(2026, 11, 23))
    extended = make_case(team=team, received=date(2026, 11, 16),
                         events=(ExtendStage1(on=date(2026, 11, 20), reason="Complex"),))
    paused = make_case(team=team, received=date(2026, 11, 9),
                       events=(Defer(on=date(2026, 11, 10), review_date=date(2026, 11, 30), reason="Court"),
                               Resume(on=date(2026, 11, 24))))
    officer = make_user("crs_officer")
    soon, overdue = queries.stage1_deadlines(officer, today, within=30)
    rows = {case.id: left for case, left in soon.rows + overdue.rows}
    for case in (plain, extended, paused):
        assert rows[case.id] == working_days_left(case.procedure.stage1_due, today), case.reference
    assert paused.procedure.stage1_paused_days > 0 and extended.procedure.stage1_extended


def test_open_cases_follow_the_procedures_meaning_of_open(session, make_user, make_case, make_team):
    from portal.procedure.state import OPEN_STATUSES

    team = make_team()
    make_case(team=team)
    make_case(team=team, route="not_children_act")
    make_case(team=team, route="safeguarding")
    counts = queries.open_cases_by_team_and_status(make_user("crs_officer"))
    statuses = {status for name, status, _n in counts if name == team.name}
    assert statuses == {"stage1"} and statuses <= {str(s) for s in OPEN_STATUSES}


@pytest.mark.parametrize("status_key", ["stage1", "stage1_responded"])
def test_the_case_page_names_the_deadline_that_matters_now(client, make_user, make_case, make_team, status_key):
    case = make_case(team=make_team()) if status_key == "stage1" else _responded(make_case, make_team())
    client.sign_in(make_user("crs_officer"))
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    deadline = page[page.index('id="current-deadline"'):][:400]
    expected = "stage 1 response" if status_key == "stage1" else "time to ask for stage 2"
    assert expected in deadline


@pytest.mark.parametrize("standing", ["adoption", "special_guardianship"])
def test_adoption_support_and_special_guardianship_complain_as_of_right(
        client, session, make_user, make_submission, team_and_manager, reference, standing):
    """s26(3B) (people in s3(1) of the Adoption and Children Act 2002, such as prospective adopters, about
    adoption support) and s26(3C) (special guardianship): no sufficient-interest decision, never refused
    for want of one (decision 0017)."""
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    submission = _from_parent(make_submission, session, who="helper")
    triage.claim(submission, actor=officer)
    client.sign_in(officer)
    form = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert f'value="{standing}"' in form and "prospective adopter" in form
    response = _triage(client, submission, standing=standing, sufficient_interest="no",
                       **_statutory(team, manager, reference))
    assert response.status_code == 303, response.get_data(as_text=True)
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    assert (case.status, case.route, case.complainant_standing) == ("stage1", "statutory", standing)
    assert case.sufficient_interest is None


def test_the_one_year_limit_is_flagged_and_acceptance_records_both_conditions_and_who_decided(
        client, session, make_user, make_submission, team_and_manager, reference):
    """Reg 9: received more than a year after the matter; accepted only with both reg 9(2) conditions."""
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    submission = _from_parent(make_submission, session)
    submission.received_on = date(2026, 11, 20)
    session.commit()
    triage.claim(submission, actor=officer)
    client.sign_in(officer)
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "The one-year limit (reg 9)" in page and "before 20 Nov 2025" in page
    fields = {**_statutory(team, manager, reference), "standing": "parent"}
    del fields["matter_date_not_known"]
    missing = _triage(client, submission, **fields).get_data(as_text=True)
    assert 'id="matter_happened_on-error"' in missing and "reg 9" in missing
    # 19 November 2025: a year and a day before receipt.
    late = _triage(client, submission, matter_happened_on="2025-11-19", late_not_reasonable_in_time="y",
                   **fields).get_data(as_text=True)
    assert 'id="late_not_reasonable_in_time-error"' in late and "Received more than a year after" in late
    no_reason = _triage(client, submission, matter_happened_on="2025-11-19", late_not_reasonable_in_time="y",
                        late_still_fair="y", **fields).get_data(as_text=True)
    assert 'id="late_complaint_reason-error"' in no_reason
    accepted = _triage(client, submission, matter_happened_on="2025-11-19", late_not_reasonable_in_time="y",
                       late_still_fair="y", late_complaint_reason="In hospital for most of the year", **fields)
    assert accepted.status_code == 303, accepted.get_data(as_text=True)
    case = session.scalar(select(Case).where(Case.submission_id == submission.id))
    assert (case.matter_happened_on, case.late_not_reasonable_in_time, case.late_still_fair) == (
        date(2025, 11, 19), True, True)
    assert case.late_decided_by_id == officer.id
    shown = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Received more than a year later (reg 9). Accepted by" in shown

