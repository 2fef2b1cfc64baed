"""Stage 2 needs its people, may be asked for when stage 1 runs out, and the stage 3 response is made
with the stage 2 independent person only where there was one (issue 20, decision 0017)."""

from __future__ import annotations

from datetime import date

import pytest

from portal.casework import appointments, common, next_stage, responses, stage2, stage3
from portal.models import Case, ComplaintPoint
from portal.procedure import (
    AgreeStatement,
    HoldPanel,
    ReceivePanelReport,
    RequestStage2,
    RequestStage3,
    RespondStage1,
    RespondStage2,
    StartStage2,
    StartStage3,
    add_working_days,
    uk_today,
)
from portal.procedure.independence import Declaration


@pytest.fixture
def people(make_user, make_team):
    team = make_team("Stage 2 People Test")
    return {"team": team, "officer": make_user("complaints_manager"), "investigator": make_user("investigator"),
            "ip": make_user("independent_person"), "deputy": make_user("deputy_director"),
            "manager": make_user("operational_manager", team=team)}


def _post(client, path, data):
    return client.post(path, data={"csrf_token": client.csrf_token(path), **data})


def _investigation(make_case, session, people):
    case = make_case(team=people["team"], received=date(2026, 1, 5), events=(
        RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22)),
        StartStage2(on=date(2026, 1, 26), method="investigation"), AgreeStatement(on=date(2026, 2, 2))))
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    session.commit()
    return case


def _appoint(case, people):
    appointments.appoint_investigation(
        case, investigator=appointments.NewAppointment(people["investigator"], date(2026, 1, 26), date(2026, 12, 31)),
        independent_person=appointments.NewAppointment(people["ip"], date(2026, 1, 26), date(2026, 12, 31),
                                                       declaration=Declaration(False, False, False)),
        actor=people["officer"])


def test_the_report_and_the_adjudication_wait_for_the_investigating_officer_and_independent_person(
        client, session, make_case, people):
    case = _investigation(make_case, session, people)
    client.sign_in(people["officer"])
    refused = _post(client, f"/staff/cases/{case.id}/investigation-report", {"on": "2026-03-20"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 200
    assert "Appoint an investigating officer and an independent person first" in body and "reg 17" in body
    session.expire_all()
    assert session.get(Case, case.id).investigation_report_on is None

    # The adjudication is refused too, even with a report recorded some other way.
    case = session.get(Case, case.id)
    case.investigation_report_on = date(2026, 3, 20)
    session.commit()
    answer = responses.StageResponse(on=date(2026, 3, 27), findings={case.points[0].id: "upheld"},
                                     outcome="upheld", letter="Dear Sam,")
    with pytest.raises(common.CaseworkError, match="reg 17"):
        stage2.respond_stage2(case, answer, actor=people["deputy"])
    session.rollback()

    case = session.get(Case, case.id)
    case.investigation_report_on = None
    session.commit()
    _appoint(case, people)
    assert _post(client, f"/staff/cases/{case.id}/investigation-report", {"on": "2026-03-20"}).status_code == 303
    session.expire_all()
    case = session.get(Case, case.id)
    assert case.investigation_report_on == date(2026, 3, 20)
    stage2.respond_stage2(case, answer, actor=people["deputy"])
    assert session.get(Case, case.id).status == "stage2_responded"


def test_only_one_of_them_appointed_names_the_other(session, make_case, people):
    from portal.models import Appointment

    case = _investigation(make_case, session, people)
    case.appointments.append(Appointment(user_id=people["investigator"].id, role="investigator", stage=2,
                                         appointed_on=date(2026, 1, 26), ends_on=date(2026, 12, 31)))
    session.commit()
    with pytest.raises(common.CaseworkError, match="Appoint an independent person first"):
        stage2.investigation_report_received(case, on=date(2026, 3, 20), actor=people["officer"])


def test_stage2_may_be_asked_for_when_stage1_runs_out_without_a_response(app, client, session, make_case, people):
    # The example: a case at day 40 with no response.
    late = make_case(team=people["team"], received=date(2026, 1, 5))
    day40 = add_working_days(date(2026, 1, 5), 40)
    assert next_stage.next_stage_event(late) is RequestStage2
    client.sign_in(people["officer"])
    page = client.get(f"/staff/cases/{late.id}").get_data(as_text=True)
    assert f"/staff/cases/{late.id}/next-stage-request" in page
    assert _post(client, f"/staff/cases/{late.id}/next-stage-request",
                 {"on": day40.isoformat(), "channel": "letter"}).status_code == 303
    session.expire_all()
    late = session.get(Case, late.id)
    assert (late.status, late.stage2_requested, late.stage1_responded) == ("stage2_requested", day40, None)
    assert [r.requested_on for r in late.stage2_requests] == [day40]

    # Still inside its time limit: no request yet, on the tracking page or by staff.
    in_time = make_case(team=people["team"], received=uk_today())
    assert next_stage.next_stage_event(in_time) is None
    with pytest.raises(common.CaseworkError, match="no response still open"):
        next_stage.record_next_stage_request(in_time, on=uk_today(), channel="letter", actor=people["officer"])


def _at_stage3(make_case, session, method):
    case = make_case(received=date(2026, 1, 5), events=(
        RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22)),
        StartStage2(on=date(2026, 1, 26), method=method), AgreeStatement(on=date(2026, 1, 27)),
        RespondStage2(on=date(2026, 2, 20), outcome="not_upheld"), RequestStage3(on=date(2026, 2, 25)),
        StartStage3(on=date(2026, 3, 2)), HoldPanel(on=date(2026, 3, 20)), ReceivePanelReport(on=date(2026, 3, 25))))
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    session.commit()
    return case


def _stage3_form(case, deputy, **extra):
    return {"on": date(2026, 4, 1), "outcome": "upheld", "letter": "Dear Sam,", "letter_language": "en",
            "responded_by": str(deputy.id), "ombudsman_told": True, **extra}


def test_the_stage3_response_is_with_the_independent_person_only_where_there_was_one(client, session, make_case,
                                                                                    people):
    review = _at_stage3(make_case, session, "management_review")
    client.sign_in(people["deputy"])
    form = client.get(f"/staff/cases/{review.id}/stage-3-response").get_data(as_text=True)
    assert "together with the stage 2 independent person" not in form and "Deputy director who made" in form
    findings = {f"finding-{review.points[0].id}": "upheld"}
    # After a management review there was no independent person: the response is made without one ...
    answer = responses.stage_response_from(review, 3, _stage3_form(review, people["deputy"]), findings)
    assert answer.with_independent_person is False
    # ... and cannot claim one.
    with pytest.raises(common.CaseworkError) as refused:
        responses.stage_response_from(review, 3, _stage3_form(review, people["deputy"],
                                                               with_independent_person=True), findings)
    assert "no stage 2 independent person" in refused.value.problems["with_independent_person"]
    stage3.respond_stage3(review, answer, actor=people["officer"])
    assert session.get(Case, review.id).stage3_with_independent_person is False

    from portal.models import Appointment

    investigated = _at_stage3(make_case, session, "investigation")
    investigated.appointments.append(Appointment(user_id=people["ip"].id, role="independent_person", stage=2,
                                                 appointed_on=date(2026, 1, 26), ends_on=date(2026, 12, 31)))
    session.commit()
    form = client.get(f"/staff/cases/{investigated.id}/stage-3-response").get_data(as_text=True)
    assert "Made together with the stage 2 independent person" in form
    findings = {f"finding-{investigated.points[0].id}": "upheld"}
    with pytest.raises(common.CaseworkError) as refused:  # where there was one, they take part (reg 20)
        responses.stage_response_from(investigated, 3, _stage3_form(investigated, people["deputy"]), findings)
    assert "reg 20" in refused.value.problems["with_independent_person"]
    answer = responses.stage_response_from(investigated, 3, _stage3_form(
        investigated, people["deputy"], with_independent_person=True), findings)
    stage3.respond_stage3(investigated, answer, actor=people["officer"])
    assert session.get(Case, investigated.id).stage3_with_independent_person is True
