"""A deferral records its reg 8 ground and the day the complainant was told; the adjudication records
who adjudicated, and only the senior manager who adjudicates holds the permission (issue 20, decision 0017)."""

from __future__ import annotations

from datetime import date

import pytest

from portal.casework import common, deferral
from portal.models import Case
from portal.permissions import STAGE2_ADJUDICATE, permissions_for


def _post(client, path, data):
    return client.post(path, data={"csrf_token": client.csrf_token(path), **data})


def test_a_deferral_records_its_ground_and_the_day_the_complainant_was_told(client, session, make_user,
                                                                            make_case, make_team):
    officer = make_user("crs_officer")
    case = make_case(team=make_team(), received=date(2026, 11, 2))
    client.sign_in(officer)
    path = f"/staff/cases/{case.id}/defer"
    form = client.get(path).get_data(as_text=True)
    assert "What would considering it now prejudice? (reg 8)" in form and 'value="criminal"' in form
    refused = _post(client, path, {"on": "2026-11-24", "review_date": "2027-01-10", "reason": "Police interview"})
    body = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Choose what considering it now would prejudice" in body
    early = _post(client, path, {"on": "2026-11-24", "review_date": "2027-01-10", "reason": "Police interview",
                                 "ground": "criminal", "complainant_told_on": "2026-11-20"})
    assert early.status_code == 200 and "told on or after the day of deferral" in early.get_data(as_text=True)
    session.expire_all()
    assert session.get(Case, case.id).status == "stage1"
    done = _post(client, path, {"on": "2026-11-24", "review_date": "2027-01-10", "reason": "Police interview",
                                "ground": "criminal", "complainant_told_on": "2026-11-25"})
    assert done.status_code == 303, done.get_data(as_text=True)
    session.expire_all()
    case = session.get(Case, case.id)
    assert (case.status, case.deferral_ground, case.deferral_told_on) == ("deferred", "criminal", date(2026, 11, 25))
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Deferral (reg 8)" in page and "A criminal investigation or criminal proceedings" in page
    assert "The complainant was told on 25 Nov 2026" in page


def test_the_operation_refuses_a_deferral_without_a_listed_ground(session, make_user, make_case, make_team):
    case = make_case(team=make_team(), received=date(2026, 11, 2))
    with pytest.raises(common.CaseworkError) as refused:
        deferral.defer(case, on=date(2026, 11, 24), review_date=date(2027, 1, 10), reason="Something",
                       ground="because", complainant_told_on=date(2026, 11, 24), actor=make_user("crs_officer"))
    assert "ground" in refused.value.problems


def test_only_the_adjudicating_senior_manager_holds_the_permission(app):
    with app.app_context():
        assert STAGE2_ADJUDICATE in permissions_for({"deputy_director"})
        assert STAGE2_ADJUDICATE not in permissions_for({"crs_officer"})
        assert STAGE2_ADJUDICATE not in permissions_for({"complaints_manager"})
        app.config["STAGE2_ADJUDICATION_DELEGATED"] = True
        try:
            # The council delegates it to its complaints manager: them, still never a triage officer.
            assert STAGE2_ADJUDICATE in permissions_for({"complaints_manager"})
            assert STAGE2_ADJUDICATE not in permissions_for({"crs_officer"})
        finally:
            app.config["STAGE2_ADJUDICATION_DELEGATED"] = False


def test_an_officer_cannot_adjudicate_by_the_operation_either(session, make_user, make_case, make_team):
    from portal.casework import responses, stage2
    from portal.models import ComplaintPoint
    from portal.procedure import AgreeStatement, RequestStage2, RespondStage1, StartStage2

    case = make_case(team=make_team(), received=date(2026, 1, 5), events=(
        RespondStage1(on=date(2026, 1, 15), outcome="not_upheld"), RequestStage2(on=date(2026, 1, 22)),
        StartStage2(on=date(2026, 1, 26), method="management_review"), AgreeStatement(on=date(2026, 1, 27))))
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    session.commit()
    answer = responses.StageResponse(on=date(2026, 2, 20), findings={case.points[0].id: "upheld"},
                                     outcome="upheld", letter="Dear Sam,")
    with pytest.raises(common.CaseworkError, match="senior manager who adjudicates"):
        stage2.respond_stage2(case, answer, actor=make_user("crs_officer"))
    session.rollback()
    deputy = make_user("deputy_director")
    stage2.respond_stage2(case, answer, actor=deputy)
    assert session.get(Case, case.id).stage2_adjudicated_by_id == deputy.id
