"""One complaint from stage 1 through a stage 2 investigation (with an extension), the review panel and
an Ombudsman enquiry, in the staff area with CSRF on; every deadline checked against the calendar."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from portal.casework import appointments, common, ombudsman, responses, stage2, stage3
from portal.models import Appointment, AuditEvent, Case, ComplaintPoint, OmbudsmanEnquiry
from portal.procedure import add_working_days


def post(client, path, data, *, form_path=None):
    token = client.csrf_token(form_path or path)
    return client.post(path, data={"csrf_token": token, **data})


def shows(client, case, date_value, element_id=None):
    body = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    if element_id is not None:
        start = body.index(f'id="{element_id}"')
        body = body[start:start + 1500]
    with_app_date = f"{date_value.day} {date_value:%b %Y}"  # staff_date: "d MMM y"
    assert with_app_date in body, f"{with_app_date} not in {element_id}"
    return body


@pytest.fixture
def people(make_user, make_team):
    team = make_team("Looked After Children Test")
    return {
        "manager": make_user("operational_manager", team=team),
        "officer": make_user("complaints_manager"),
        "investigator": make_user("investigator"),
        # Also on the panel list: the rule, not the role, must keep them off this case's panel.
        "ip": make_user("independent_person", "panel_member"),
        "panel": [make_user("panel_member") for _ in range(3)],
        "deputy": make_user("deputy_director"),
        "team": team,
    }


def new_client(app):
    from portal_testing import CheckingClient

    app.test_client_class = CheckingClient
    return app.test_client()


def test_one_complaint_through_every_stage(app, session, make_case, people):
    case = make_case(team=people["team"], received=date(2026, 1, 5))
    case.responding_manager_id = people["manager"].id
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled"),
                   ComplaintPoint(position=2, summary="Not told why")]
    session.commit()
    p1, p2 = case.points
    base = f"/staff/cases/{case.id}"

    manager = new_client(app)
    manager.sign_in(people["manager"])
    assert post(manager, f"{base}/respond", {
        "on": "2026-01-15", "outcome": "partly_upheld", "learning": "no", "letter": "Dear Sam,\nWe are sorry.",
        "letter_language": "en", f"finding-{p1.id}": "upheld", f"finding-{p2.id}": "not_upheld",
    }).status_code == 303

    officer = new_client(app)
    officer.sign_in(people["officer"])
    # The complainant's 20 working days to ask for stage 2, from the stage 1 response.
    shows(officer, case, add_working_days(date(2026, 1, 15), 20))
    assert post(officer, f"{base}/next-stage-request", {"on": "2026-01-22", "channel": "letter"}).status_code == 303
    assert post(officer, f"{base}/stage-2-decision", {"on": "2026-01-26", "decision": "investigation"}
                ).status_code == 303
    session.expire_all()
    assert case.status == "stage2" and case.stage2_decision == "investigation"
    # Both clocks: before a statement is agreed, only the request's.
    shows(officer, case, add_working_days(date(2026, 1, 22), 25), "clock-request")

    # The independent person must be independent: a council officer is refused, and so is a "yes".
    appoint = f"{base}/appoint-investigation"
    fields = {"investigator": str(people["investigator"].id), "independent_person": str(people["ip"].id),
              "appointed_on": "2026-01-26", "ends_on": "2026-12-31", "council_member": "no",
              "council_officer": "no", "spouse_or_partner": "yes"}
    refused = post(officer, appoint, fields)
    assert refused.status_code == 200 and "spouse or civil partner" in refused.get_data(as_text=True)
    assert 'value="2026-12-31"' in refused.get_data(as_text=True)  # nothing typed is lost
    assert post(officer, appoint, {**fields, "spouse_or_partner": "no"}).status_code == 303

    investigator = new_client(app)
    investigator.sign_in(people["investigator"])
    assert investigator.get(base).status_code == 200
    assert post(investigator, f"{base}/statement-agreed", {"on": "2026-02-02"}).status_code == 303
    shows(officer, case, add_working_days(date(2026, 2, 2), 25), "clock-statement")
    shows(officer, case, add_working_days(date(2026, 1, 22), 25), "clock-request")

    # Extended to 40 working days, with a reason and the new date the complainant was told.
    assert post(officer, f"{base}/extend-stage-2", {"on": "2026-02-20", "to": "40", "reason": "Three teams",
                                                    "complainant_told_on": "2026-02-20"}).status_code == 303
    new_due = add_working_days(date(2026, 2, 2), 40)
    shows(officer, case, new_due, "clock-statement")
    shows(officer, case, add_working_days(date(2026, 1, 22), 40), "clock-request")
    shows(officer, case, new_due, "extensions")

    # No adjudication before the report; then inside the time limit, a finding per point. The senior
    # manager (the deputy director) adjudicates, not a Children's Rights officer (decision 0017).
    assert officer.get(f"{base}/adjudication").status_code == 403
    deputy = new_client(app)
    deputy.sign_in(people["deputy"])
    assert deputy.get(f"{base}/adjudication").status_code == 303
    assert post(investigator, f"{base}/investigation-report", {"on": "2026-03-20"}).status_code == 303
    assert investigator.get(f"{base}/adjudication").status_code == 403
    response = post(deputy, f"{base}/adjudication", {
        "on": "2026-03-27", "outcome": "upheld", "letter": "Dear Sam,\nThe investigation found...",
        "letter_language": "en", f"finding-{p1.id}": "upheld",
    })
    assert response.status_code == 200 and "Choose a finding for this point" in response.get_data(as_text=True)
    assert post(deputy, f"{base}/adjudication", {
        "on": "2026-03-27", "outcome": "upheld", "letter": "Dear Sam,\nThe investigation found...",
        "letter_language": "en", f"finding-{p1.id}": "upheld", f"finding-{p2.id}": "upheld",
    }).status_code == 303
    session.expire_all()
    assert case.stage2_responded <= new_due and [p.stage2_finding for p in case.points] == ["upheld", "upheld"]
    assert case.stage2_adjudicated_by_id == people["deputy"].id
    assert "Adjudicated by" in officer.get(base).get_data(as_text=True)
    shows(officer, case, add_working_days(date(2026, 3, 27), 20))  # time to ask for a review panel

    # Stage 3: the stage 2 independent person may not sit on the panel.
    assert post(officer, f"{base}/next-stage-request", {"on": "2026-04-14", "channel": "email"}).status_code == 303
    shows(officer, case, add_working_days(date(2026, 4, 14), 30), "clock-panel")
    panel = {"on": "2026-04-20", "member_1": str(people["panel"][0].id), "member_2": str(people["ip"].id),
             "member_3": str(people["panel"][2].id), "ends_on": "2026-12-31", "declared": "y"}
    refused = post(officer, f"{base}/appoint-panel", panel)
    assert refused.status_code == 200
    assert "The stage 2 independent person may not sit on the review panel" in refused.get_data(as_text=True)
    panel["member_2"] = str(people["panel"][1].id)
    assert post(officer, f"{base}/appoint-panel", panel).status_code == 303

    member = new_client(app)
    member.sign_in(people["panel"][0])
    assert post(member, f"{base}/panel-held", {"on": "2026-05-12", "advocate_attended": "none"}).status_code == 303
    shows(officer, case, add_working_days(date(2026, 5, 12), 5), "clock-panel-report")
    refused = post(member, f"{base}/panel-report", {"on": "2026-05-15", "to_complainant": "y"})
    assert refused.status_code == 200 and "independent person" in refused.get_data(as_text=True)
    assert post(member, f"{base}/panel-report", {"on": "2026-05-15", "to_complainant": "y",
                                                 "to_independent_person": "y"}).status_code == 303
    shows(officer, case, add_working_days(date(2026, 5, 15), 15), "clock-stage3-response")

    # The deputy director, still signed in from the adjudication, makes the council's response.
    path = f"{base}/stage-3-response"
    answer = {"on": "2026-06-01", "outcome": "upheld", "letter": "Dear Sam,\nYou can go to the Ombudsman.",
              "letter_language": "en", f"finding-{p1.id}": "upheld", f"finding-{p2.id}": "upheld",
              "responded_by": str(people["deputy"].id), "with_independent_person": "y"}
    refused = post(deputy, path, answer)
    assert refused.status_code == 200 and "Ombudsman" in refused.get_data(as_text=True)
    assert post(deputy, path, {**answer, "ombudsman_told": "y"}).status_code == 303
    session.expire_all()
    assert case.status == "stage3_responded" and case.stage3_responded_by_id == people["deputy"].id
    assert case.letter(3) is not None

    # The Ombudsman: an enquiry with information due, sent, then a decision with a remedy and a report.
    assert post(officer, f"{base}/ombudsman", {"enquired_on": "2026-07-01", "reference": "25 001 234",
                                               "information_requested": "The case file",
                                               "information_due_on": "2026-07-29"}).status_code == 303
    enquiry = session.scalar(select(OmbudsmanEnquiry).where(OmbudsmanEnquiry.case_id == case.id))
    shows(officer, case, date(2026, 7, 29), "ombudsman")
    assert post(officer, f"{base}/ombudsman/{enquiry.id}/sent", {"on": "2026-07-20"}).status_code == 303
    refused = post(officer, f"{base}/ombudsman/{enquiry.id}/decision", {
        "decided_on": "2026-10-01", "decision": "fault_injustice", "public_report": "y"})
    assert refused.status_code == 200 and "remedy" in refused.get_data(as_text=True)
    assert post(officer, f"{base}/ombudsman/{enquiry.id}/decision", {
        "decided_on": "2026-10-01", "decision": "fault_injustice", "remedy": "An apology and £250",
        "remedy_due_on": "2026-11-01", "public_report": "y"}).status_code == 303
    assert post(officer, f"{base}/ombudsman/{enquiry.id}/remedy", {"on": "2026-10-20"}).status_code == 303
    session.refresh(enquiry)
    assert (enquiry.investigated, enquiry.decision, enquiry.public_report) == (True, "fault_injustice", True)
    assert enquiry.remedy_completed_on == date(2026, 10, 20)
    actions = set(session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == case.id)))
    assert {"StartStage2", "appointed", "AgreeStatement", "ExtendStage2", "investigation_report_received",
            "RespondStage2", "StartStage3", "HoldPanel", "ReceivePanelReport", "RespondStage3",
            "ombudsman_enquiry", "ombudsman_decision", "ombudsman_remedy_completed"} <= actions


def test_a_council_officer_is_refused_as_independent_person(app, session, make_case, people, make_user):
    from portal.casework.common import CaseworkError
    from portal.procedure import RequestStage2, RespondStage1, StartStage2
    from portal.procedure.independence import Declaration

    officer_as_ip = make_user("independent_person", "crs_officer")
    case = make_case(team=people["team"], received=date(2026, 1, 5), events=(
        RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 20)),
        StartStage2(on=date(2026, 1, 21), method="investigation")))
    with pytest.raises(CaseworkError, match="council officer"):
        appointments.appoint_investigation(
            case,
            investigator=appointments.NewAppointment(people["investigator"], date(2026, 1, 21), date(2026, 12, 31)),
            independent_person=appointments.NewAppointment(officer_as_ip, date(2026, 1, 21), date(2026, 12, 31),
                                                     declaration=Declaration(False, False, False)),
            actor=people["officer"])
    session.rollback()
    assert session.scalar(select(Appointment).where(Appointment.case_id == case.id)) is None


def test_an_investigator_sees_only_their_own_cases_until_the_appointment_ends(app, session, make_case, people):
    from portal.access import visible_cases
    from portal.procedure import RequestStage2, RespondStage1, StartStage2, uk_today
    from portal.procedure.independence import Declaration

    steps = (RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 20)),
             StartStage2(on=date(2026, 1, 21), method="investigation"))
    mine = make_case(team=people["team"], received=date(2026, 1, 5), events=steps)
    other = make_case(team=people["team"], received=date(2026, 1, 5), events=steps)
    today = uk_today()
    appointments.appoint_investigation(
        mine, investigator=appointments.NewAppointment(people["investigator"], date(2026, 1, 21), today),
        independent_person=appointments.NewAppointment(people["ip"], date(2026, 1, 21), today,
                                                 declaration=Declaration(False, False, False)),
        actor=people["officer"])
    client = new_client(app)
    client.sign_in(people["investigator"])
    assert client.get(f"/staff/cases/{mine.id}").status_code == 200
    assert client.get(f"/staff/cases/{other.id}").status_code == 404
    assert client.get(f"/staff/cases/{other.id}/statement-agreed").status_code == 404
    assert client.get("/staff/submissions").status_code == 403
    assert session.scalars(visible_cases(people["investigator"])).all() == [mine]
    # The day after the appointment ends, the case is gone for them.
    officer = new_client(app)
    officer.sign_in(people["officer"])
    path = f"/staff/cases/{mine.id}/end-appointment"
    by_role = {a.role: a for a in mine.appointments}
    assert post(officer, path, {"appointment": str(by_role["investigator"].id), "on": "2026-06-30"}
                ).status_code == 303
    # It was their only appointment: their account has expired with it, so the session ends too.
    assert client.get(f"/staff/cases/{mine.id}").status_code in (302, 303)
    assert session.scalars(visible_cases(people["investigator"])).all() == []
    assert session.scalars(visible_cases(people["ip"])).all() == [mine]  # theirs runs on
    appointments.end_appointment(by_role["independent_person"], on=date(2026, 6, 30), actor=people["officer"])
    assert session.scalars(visible_cases(people["ip"])).all() == []
    assert session.scalars(visible_cases(people["officer"]).where(Case.id == mine.id)).all() == [mine]


def plain(value):
    return f"{value:%A} {value.day} {value:%B %Y}"  # templating.plain_date in English


def test_the_tracking_page_says_where_it_is_at_each_stage_with_each_letter(app, session, make_case, people):
    from portal.intake import codes
    from portal.procedure import RequestStage2, RequestStage3, RespondStage1
    from portal.procedure.independence import Declaration

    case = make_case(team=people["team"], received=date(2026, 1, 5), events=(
        RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22))))
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    code = codes.new_tracking_code()
    case.submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    session.commit()
    young = new_client(app)
    young.post("/check", data={"csrf_token": young.csrf_token("/check"), "reference": case.submission.reference,
                               "code": code})

    def page():
        return young.get("/check/status").get_data(as_text=True)

    # Asked for: the date of the next answer (the Ombudsman's clock from the request), not "what happens next" alone.
    asked = page()
    assert "You asked us to look at it again" in asked and plain(add_working_days(date(2026, 1, 22), 25)) in asked
    officer = people["officer"]
    stage2.decide_stage2(case, decision="investigation", on=date(2026, 1, 26), reason=None, actor=officer)
    assert plain(add_working_days(date(2026, 1, 22), 25)) in page()
    stage2.agree_statement(case, on=date(2026, 2, 2), actor=officer)
    assert plain(add_working_days(date(2026, 2, 2), 25)) in page()
    stage2.extend_stage2(case, on=date(2026, 2, 20), to=40, reason="Three teams",
                           complainant_told_on=date(2026, 2, 20), actor=officer)
    body = page()
    assert "It is taking longer than usual" in body and plain(add_working_days(date(2026, 2, 2), 40)) in body
    appointments.appoint_investigation(
        case, investigator=appointments.NewAppointment(people["investigator"], date(2026, 1, 26), date(2026, 12, 31)),
        independent_person=appointments.NewAppointment(people["ip"], date(2026, 1, 26), date(2026, 12, 31),
                                                 declaration=Declaration(False, False, False)), actor=officer)
    stage2.investigation_report_received(case, on=date(2026, 3, 20), actor=officer)
    point = case.points[0]
    stage2.respond_stage2(case, responses.StageResponse(on=date(2026, 3, 27), findings={point.id: "upheld"},
                                                     outcome="upheld", letter="The investigation upheld it."),
                          actor=people["deputy"])
    body = page()
    assert "Our answer after we looked again" in body and "The investigation upheld it." in body
    assert plain(add_working_days(date(2026, 3, 27), 20)) in body  # time to ask for a panel
    common.record_event(case, RequestStage3(on=date(2026, 4, 14)), actor=officer)
    assert plain(add_working_days(date(2026, 4, 14), 30)) in page()
    members = [appointments.NewAppointment(p, date(2026, 4, 20), date(2026, 12, 31),
                                     declaration=Declaration(False, False, False)) for p in people["panel"]]
    appointments.appoint_panel(case, members=members, declared_independent=True, actor=officer, on=date(2026, 4, 20))
    assert "Your advocate can come to the panel with you." in page()
    stage3.hold_panel(case, on=date(2026, 5, 12), advocate_attended=None, actor=officer)
    assert plain(add_working_days(date(2026, 5, 12), 5)) in page()
    stage3.send_panel_report(case, on=date(2026, 5, 15), to_complainant=True, to_advocate=False,
                             to_independent_person=True, actor=officer)
    assert plain(add_working_days(date(2026, 5, 15), 15)) in page()
    stage3.respond_stage3(case, responses.StageResponse(
        on=date(2026, 6, 1), findings={point.id: "upheld"}, outcome="upheld", letter="Our final word.",
        responded_by=people["deputy"], with_independent_person=True, ombudsman_told=True), actor=officer)
    body = page()
    assert "Our final answer" in body and "Our final word." in body and "Ombudsman" in body
    assert body.index("Our answer after we looked again") < body.index("Our final answer")
    # After the final answer: how to go to the Ombudsman (settings), and "add more information" still there.
    ombudsman = body[body.index('id="ombudsman"'):]
    assert f'href="{app.config["OMBUDSMAN_COMPLAINT_URL"]}"' in ombudsman
    assert 'href="tel:03000610614"' in ombudsman and "within 12 months" in ombudsman
    assert "An advocate can help you do it." in ombudsman
    assert 'href="/check/add"' in body


def test_my_work_lists_what_is_due_with_the_procedures_own_dates(app, session, make_case, people):
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
        uk_today,
    )
    from staff.my_work import WORK_LISTS

    s1 = (RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22)),
          StartStage2(on=date(2026, 1, 26), method="investigation"))
    statement = make_case(team=people["team"], received=date(2026, 1, 5), events=s1)
    adjudication = make_case(team=people["team"], received=date(2026, 1, 5),
                             events=(*s1, AgreeStatement(on=date(2026, 2, 2))))
    s2 = (*s1, AgreeStatement(on=date(2026, 2, 2)), RespondStage2(on=date(2026, 3, 2), outcome="upheld"),
          RequestStage3(on=date(2026, 3, 10)))
    panel = make_case(team=people["team"], received=date(2026, 1, 5), events=s2)
    report = make_case(team=people["team"], received=date(2026, 1, 5),
                       events=(*s2, StartStage3(on=date(2026, 3, 12)), HoldPanel(on=date(2026, 4, 20))))
    response = make_case(team=people["team"], received=date(2026, 1, 5),
                         events=(*s2, StartStage3(on=date(2026, 3, 12)), HoldPanel(on=date(2026, 4, 20)),
                                 ReceivePanelReport(on=date(2026, 4, 24))))
    ombudsman.record_ombudsman_enquiry(response, enquired_on=date(2026, 11, 2), reference="26 000 001",
                                    information_requested="The file", information_due_on=date(2026, 12, 5),
                                    actor=people["officer"])
    today = uk_today()
    # The adjudications are the deputy director's work (decision 0017), the rest the officer's.
    found = {lst.key: lst for who in (people["officer"], people["deputy"])
             for lst in (q(who, today) for q in WORK_LISTS) if lst is not None}
    expected = {"statements": (statement, statement.procedure.stage2_due_from_request),
                "adjudications": (adjudication, adjudication.procedure.current_deadline),
                "panels": (panel, panel.procedure.panel_due),
                "panel_reports": (report, report.procedure.panel_report_due),
                "stage3_responses": (response, response.procedure.stage3_response_due),
                "ombudsman": (response, date(2026, 12, 5))}
    for key, (wanted, due) in expected.items():
        rows = [(row.case, row.due) for row in found[key].rows]
        assert (wanted, due) in rows, key
    # The adjudication clock is the earlier of the two; the statement list does not hold agreed ones.
    assert adjudication not in [row.case for row in found["statements"].rows]
    assert adjudication.procedure.current_deadline == min(adjudication.procedure.stage2_due_from_request,
                                                         adjudication.procedure.stage2_due_from_statement)

    # The page, and an investigator sees only their own case's statement.
    client = new_client(app)
    client.sign_in(people["officer"])
    body = client.get("/staff/my-work").get_data(as_text=True)
    assert 'href="/staff/my-work"' in body and statement.reference in body and "26 000 001" not in body
    from portal.procedure.independence import Declaration
    appointments.appoint_investigation(
        statement,
        investigator=appointments.NewAppointment(people["investigator"], date(2026, 1, 26), date(2026, 12, 31)),
        independent_person=appointments.NewAppointment(people["ip"], date(2026, 1, 26), date(2026, 12, 31),
                                                 declaration=Declaration(False, False, False)),
        actor=people["officer"])
    investigator = new_client(app)
    investigator.sign_in(people["investigator"])
    body = investigator.get("/staff/my-work").get_data(as_text=True)
    assert statement.reference in body and adjudication.reference not in body and panel.reference not in body


def test_stage2_decisions_not_progressed_and_referred_back(app, session, make_case, people):
    from portal.procedure import RequestStage2, RespondStage1

    steps = (RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22)))
    back, alternative, withdrawn = (make_case(team=people["team"], received=date(2026, 1, 5), events=steps)
                                    for _ in range(3))
    officer = new_client(app)
    officer.sign_in(people["officer"])
    refused = post(officer, f"/staff/cases/{back.id}/stage-2-decision", {"on": "2026-01-26",
                                                                          "decision": "referred_back"})
    assert refused.status_code == 200 and "needs a reason" in refused.get_data(as_text=True)
    assert post(officer, f"/staff/cases/{back.id}/stage-2-decision", {
        "on": "2026-01-26", "decision": "referred_back", "reason": "Point 2 was not answered"}).status_code == 303
    assert post(officer, f"/staff/cases/{alternative.id}/stage-2-decision", {
        "on": "2026-01-26", "decision": "alternative_route", "reason": "Private law: legal advice"}).status_code == 303
    assert post(officer, f"/staff/cases/{withdrawn.id}/stage-2-decision", {
        "on": "2026-01-26", "decision": "withdrawn"}).status_code == 303
    session.expire_all()
    assert (back.status, back.stage2_decision, back.stage2_referred_back) == ("stage1", "referred_back",
                                                                              date(2026, 1, 26))
    assert (alternative.status, alternative.stage2_decision, alternative.alternative_route) == (
        "not_applicable", "alternative_route", "Private law: legal advice")
    assert (withdrawn.status, withdrawn.stage2_decision) == ("withdrawn", "withdrawn")
    assert "Referred back for a fuller stage 1 response" in officer.get(f"/staff/cases/{back.id}").get_data(
        as_text=True)


def test_a_late_review_panel_request_waits_for_a_recorded_decision(app, session, make_case, people):
    from portal.procedure import (
        AgreeStatement,
        RequestStage2,
        RequestStage3,
        RespondStage1,
        RespondStage2,
        StartStage2,
    )

    case = make_case(team=people["team"], received=date(2026, 1, 5), events=(
        RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22)),
        StartStage2(on=date(2026, 1, 26), method="management_review"), AgreeStatement(on=date(2026, 1, 27)),
        RespondStage2(on=date(2026, 2, 20), outcome="not_upheld"),
        RequestStage3(on=add_working_days(date(2026, 2, 20), 21))))
    assert case.stage3_request_late
    officer = new_client(app)
    officer.sign_in(people["officer"])
    page = officer.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "/appoint-panel" not in page and "/late-request" in page
    assert officer.get(f"/staff/cases/{case.id}/appoint-panel").status_code == 303
    assert post(officer, f"/staff/cases/{case.id}/late-request", {"on": "2026-03-25", "accept": "yes"}
                ).status_code == 303
    assert "/appoint-panel" in officer.get(f"/staff/cases/{case.id}").get_data(as_text=True)
