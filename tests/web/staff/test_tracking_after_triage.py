"""After triage, the young person's tracking page shows the new status and the date a first answer is due."""

from __future__ import annotations

import re
from datetime import date

from portal.casework import stage1, triage
from portal.intake import codes
from portal.procedure import Route, add_working_days


def test_tracking_page_shows_status_and_due_date_after_triage(app, client, session, make_user, make_submission,
                                                             team_and_manager, reference):
    team, manager = team_and_manager
    officer = make_user("crs_officer")
    received = date(2026, 11, 20)
    submission = make_submission(received=received)
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    session.commit()

    token = client.csrf_token("/check")
    client.post("/check", data={"csrf_token": token, "reference": submission.reference, "code": code})
    before = client.get("/check/status").get_data(as_text=True)
    assert "We have received it" in before

    triage.claim(submission, actor=officer)
    triage.triage(submission, triage.TriageDecision(matter_date_not_known=True,
        route=Route.STATUTORY, on=date(2026, 11, 23), reason="A complaint about contact", team=team,
        categories=[reference["quality"]], main_category=reference["quality"], points=["Contact cancelled"],
        responding_manager=manager, advocacy_given="none",
    ), actor=officer)

    after = client.get("/check/status").get_data(as_text=True)
    assert "We are looking into your complaint" in after
    due = add_working_days(received, 10)
    assert due == date(2026, 12, 4)
    assert re.search(r"Friday\s+4\s+December\s+2026", after), "the due date, written as a plain date"


def test_every_matter_shows_on_the_tracking_page_and_each_can_be_taken_further(client, session, two_matters):
    """A submission triaged into two cases showed only the first: the second could never go to stage 2."""
    from portal.models import Case

    submission, code, cases, manager = two_matters()
    second = cases[1]
    response = stage1.Stage1Response(on=date(2026, 11, 27), findings={second.points[0].id: "not_upheld"},
                                       outcome="not_upheld", resolution=None, learning=False,
                                       letter="We looked at the leaving care money.")
    stage1.respond_stage1(second, response, actor=manager)

    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})
    page = client.get("/check/status").get_data(as_text=True)
    assert "in 2 parts" in page
    assert "Part 1: We are looking into your complaint" in page and "Part 2: We have answered" in page
    assert "/check/look-again?part=2" in page
    # Part 1 has no answer yet: stage 2 may be asked for only once its stage 1 time limit has passed
    # (decision 0017; test_referral_back.py checks both sides on fixed dates).
    from portal.procedure import uk_today

    assert ("/check/look-again?part=1" in page) == (uk_today() > cases[0].procedure.stage1_due)

    path = "/check/look-again?part=2"
    reply = client.post(path, data={"csrf_token": client.csrf_token(path), "why": "Nobody explained it"})
    assert reply.status_code == 303
    session.expire_all()
    assert session.get(Case, second.id).status == "stage2_requested"
    assert session.get(Case, cases[0].id).status == "stage1"
    assert client.get("/check/look-again?part=9").status_code == 303  # no such part: back to the page
