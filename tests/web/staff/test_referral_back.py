"""A referral back keeps the first response (issue 20, decision 0017): the issue's example, end to end.

Received 1 Apr 2025, stage 1 answered 10 Apr (7 working days, not upheld), stage 2 asked 22 Apr,
referred back 1 May, fuller answer 2 Jun (upheld). The first response (date, outcome, findings, letter
as sent) stays; the fuller one is a second response with its own time limit from the referral back;
both show on the case page and the tracking page; table 9 counts 7 working days, table 10 "upheld".
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.casework import next_stage, stage1
from portal.db import db
from portal.models import Case, ComplaintPoint, Letter
from portal.procedure import add_working_days
from portal.reports import annual
from portal.reports.common import FinancialYear

FIRST = "Dear Sam,\n\nWe looked at your contact and did not find a fault."
FULLER = "Dear Sam,\n\nWe looked again at both points. We were wrong about your contact."


def _post(client, path, data):
    return client.post(path, data={"csrf_token": client.csrf_token(path), **data})


def _respond(case, manager, on, outcome, letter):
    stage1.respond_stage1(case, stage1.Stage1Response(
        on=on, findings={point.id: outcome for point in case.points}, outcome=outcome, resolution=None,
        learning=False, letter=letter), actor=manager)


def test_the_issues_example_keeps_the_first_response(app, client, session, make_case, make_user, team_and_manager):
    from advocacy_helpers import give_code

    team, manager = team_and_manager
    officer = make_user("complaints_manager")
    case = make_case(team=team, received=date(2025, 4, 1))
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    session.commit()
    _respond(case, manager, date(2025, 4, 10), "not_upheld", FIRST)
    next_stage.record_next_stage_request(case, on=date(2025, 4, 22), channel="letter", actor=officer)
    client.sign_in(officer)
    referred = _post(client, f"/staff/cases/{case.id}/stage-2-decision",
                     {"on": "2025-05-01", "decision": "referred_back", "reason": "Point 1 was not answered"})
    assert referred.status_code == 303, referred.get_data(as_text=True)
    session.expire_all()
    case = session.get(Case, case.id)
    # Not overdue from the moment it is referred back: its own limit, from 1 May.
    assert case.status == "stage1" and case.due_on == add_working_days(date(2025, 5, 1), 10)
    assert case.stage1_first_responded == date(2025, 4, 10) and case.stage1_first_outcome == "not_upheld"
    assert case.points[0].stage1_first_finding == "not_upheld"
    _respond(case, manager, date(2025, 6, 2), "upheld", FULLER)

    session.expire_all()
    case = session.get(Case, case.id)
    assert (case.stage1_responded, case.stage1_outcome) == (date(2025, 6, 2), "upheld")
    assert case.procedure.stage1_working_days == 7
    assert (case.points[0].stage1_first_finding, case.points[0].stage1_finding) == ("not_upheld", "upheld")
    letters = session.scalars(select(Letter).where(Letter.case_id == case.id).order_by(Letter.response)).all()
    assert [(letter.stage, letter.response) for letter in letters] == [(1, 1), (1, 2)]
    assert "did not find a fault" in letters[0].source and "We were wrong" in letters[1].source

    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "First stage 1 response (kept after the referral back)" in page
    assert "First stage 1 response letter, as sent" in page and "Fuller stage 1 response letter" in page
    assert page.index("did not find a fault") < page.index("We were wrong about your contact")
    assert "7 working days from receipt" in page and "20 working days from the referral back" in page
    assert "first stage 1 response:" in page and "fuller stage 1 response:" in page

    code = give_code(app, case.submission)
    session.commit()
    young_person = app.test_client()
    young_person.post("/check", data={"csrf_token": _token(young_person, "/check"),
                                      "reference": case.submission.reference, "code": code})
    tracking = young_person.get("/check/status").get_data(as_text=True)
    assert "Our first answer" in tracking and "did not find a fault" in tracking
    assert "We were wrong about your contact" in tracking
    assert tracking.index("We were wrong about your contact") < tracking.index("did not find a fault")

    tables = annual.compute(db.session.connection(), FinancialYear(2025))["tables"]
    assert tables["t9_timeliness"]["all"]["responded"] == 1
    assert tables["t9_timeliness"]["all"]["average_days"] == 7
    assert tables["t9_timeliness"]["all"]["within_10"] == 1
    assert [(row["label"], row["this_year"]) for row in tables["t10_outcome"]] == [("upheld", 1)]


def _token(client, path):
    import re

    return re.search(r'name="csrf_token" value="([^"]+)"', client.get(path).get_data(as_text=True)).group(1)


def test_every_stage2_request_is_its_own_record(app, client, session, make_case, make_user, team_and_manager):
    """A second request after a referral back does not overwrite the first: table 12 counts each
    request in the year it was made, with its own answer (also for a case asked before the rows)."""
    from portal.casework import stage2
    from portal.procedure import RequestStage2, RespondStage1

    team, manager = team_and_manager
    officer = make_user("complaints_manager")
    portal_case = make_case(team=team, received=date(2025, 4, 1))
    portal_case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    session.commit()
    _respond(portal_case, manager, date(2025, 4, 10), "not_upheld", FIRST)
    next_stage.record_next_stage_request(portal_case, on=date(2025, 4, 22), channel="letter", actor=officer)
    # Asked before requests were kept as rows: the case's columns hold the request.
    older = make_case(team=team, received=date(2025, 3, 3), events=(
        RespondStage1(on=date(2025, 3, 10), outcome="not_upheld"), RequestStage2(on=date(2025, 3, 20))))
    older.points = [ComplaintPoint(position=1, summary="Not told why")]
    session.commit()
    assert older.stage2_requests == []
    for case in (portal_case, older):
        stage2.decide_stage2(case, decision="referred_back", on=date(2025, 5, 1), reason="Fuller answer",
                             actor=officer)
        _respond(case, manager, date(2025, 6, 2), "upheld", FULLER)
        next_stage.record_next_stage_request(case, on=date(2025, 6, 5), channel="phone", actor=officer)
    stage2.decide_stage2(portal_case, decision="investigation", on=date(2025, 6, 9), reason=None, actor=officer)

    session.expire_all()
    portal_case, older = session.get(Case, portal_case.id), session.get(Case, older.id)
    assert [(r.requested_on, r.answer) for r in portal_case.stage2_requests] == [
        (date(2025, 4, 22), "referred_back"), (date(2025, 6, 5), "investigation")]
    assert [(r.requested_on, r.answer) for r in older.stage2_requests] == [
        (date(2025, 3, 20), "referred_back"), (date(2025, 6, 5), None)]
    assert older.stage2_decision is None  # the latest request is not yet answered

    tables = annual.compute(db.session.connection(), FinancialYear(2025))["tables"]
    this, last = tables["t12_escalation"]["this_year"], tables["t12_escalation"]["last_year"]
    assert (this["requests"], this["referred_back"], this["investigation"], this["awaiting"]) == (3, 1, 1, 1)
    assert (last["requests"], last["referred_back"]) == (1, 1)  # asked 20 March 2025: the year before

    client.sign_in(officer)
    page = client.get(f"/staff/cases/{portal_case.id}").get_data(as_text=True)
    assert "Every stage 2 request" in page and "Asked for on 22 Apr 2025" in page
    assert "Referred back for a fuller stage 1 response, 1 May 2025" in page
