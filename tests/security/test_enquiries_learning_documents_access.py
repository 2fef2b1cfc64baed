"""The enquiries, learning, restrictions and documents pages against who asks: an operational manager of
another team, an advocate (even the case's own), and someone signed out are all refused every page,
action and file; the service's staff and the case's own team get what their role allows."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from portal.casework import documents, enquiries, learning, restrictions
from portal.models import CorrectiveActionType
from portal.procedure import uk_today

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def world(app, session, make_case, make_team, make_user, monkeypatch, tmp_path):
    monkeypatch.setitem(app.config, "DOCUMENTS_FOLDER", str(tmp_path))
    team = make_team("Access Team A")
    advocate = make_user("advocate")
    case = make_case(team=team, advocate=advocate)
    case.young_person.name = "Robin Access"
    officer = make_user("crs_officer")
    enquiry = enquiries.record(enquiries.EnquiryDetails("Access MP", "mp", uk_today(), "Robin Access", None,
                                                        None), actor=officer)
    other_type = session.query(CorrectiveActionType).filter_by(name="Other").one()
    action = learning.add_action(case, learning.NewAction(other_type, "Brief", "Owner", 2, uk_today()),
                                 actor=officer)
    restriction = restrictions.record(case.young_person, restrictions.NewRestriction(
        "Email only", "Calls", "Head of Service", uk_today(), uk_today() + timedelta(days=60)), actor=officer)

    class Upload:
        filename = "a.pdf"
        stream = io.BytesIO(PDF)

    with app.test_request_context():
        document = documents.store(Upload(), case=case, actor=officer)
    return {
        "case": case, "team": team, "advocate": advocate, "officer": officer,
        "get": [
            "/staff/enquiries", "/staff/enquiries/new", f"/staff/enquiries/{enquiry.id}",
            f"/staff/enquiries/{enquiry.id}/edit", f"/staff/enquiries/{enquiry.id}/respond",
            "/staff/learning", f"/staff/cases/{case.id}/learning", f"/staff/cases/{case.id}/learning/new",
            f"/staff/cases/{case.id}/learning/plan", f"/staff/learning/actions/{action.id}/complete",
            f"/staff/learning/actions/{action.id}/impact", "/staff/restrictions",
            f"/staff/cases/{case.id}/restrictions/new", f"/staff/restrictions/{restriction.id}/review",
            f"/staff/cases/{case.id}/documents", f"/staff/documents/{document.id}",
        ],
        "post": [
            "/staff/enquiries/new", f"/staff/enquiries/{enquiry.id}/relink", f"/staff/enquiries/{enquiry.id}/respond",
            f"/staff/cases/{case.id}/learning/new", f"/staff/learning/actions/{action.id}/complete",
            f"/staff/cases/{case.id}/restrictions/new", f"/staff/restrictions/{restriction.id}/review",
            f"/staff/cases/{case.id}/documents",
        ],
        "document": document,
    }


def _refused(response, signed_in: bool) -> bool:
    if not signed_in:
        return response.status_code == 302 and "/sign-in" in response.headers["Location"]
    return response.status_code in (403, 404)


@pytest.mark.parametrize("who", ["other_team_manager", "advocate", "signed_out"])
def test_everyone_outside_is_refused_every_page_action_and_file(client, session, make_user, make_team, world, who):
    if who == "other_team_manager":
        client.sign_in(make_user("operational_manager", team=make_team("Access Team B")))
    elif who == "advocate":
        client.sign_in(world["advocate"])
    signed_in = who != "signed_out"
    for path in world["get"]:
        response = client.get(path)
        if path == "/staff/learning" and who == "other_team_manager":
            # Their own learning dashboard: nothing of another team's.
            assert response.status_code == 200 and b"Access Team A" not in response.data
            continue
        assert _refused(response, signed_in), (who, path, response.status_code)
        assert PDF not in response.data
    token = client.csrf_token("/sign-in") if not signed_in else None
    for path in world["post"]:
        response = client.post(path, data={"csrf_token": token or "", "member_name": "x"})
        assert response.status_code in (302, 400, 403, 404), (who, path, response.status_code)
        assert response.status_code != 302 or "/sign-in" in response.headers["Location"]


def test_the_case_page_of_another_team_shows_nothing_of_it(client, make_user, make_team, world):
    client.sign_in(make_user("operational_manager", team=make_team("Access Team C")))
    assert client.get(f"/staff/cases/{world['case'].id}").status_code == 404


def test_the_service_sees_everything_and_the_teams_manager_their_case_and_learning(
        app, client, make_user, world):
    client.sign_in(world["officer"])
    for path in world["get"]:
        assert client.get(path).status_code == 200, path
    manager = app.test_client()
    manager.sign_in(make_user("operational_manager", team=world["team"]))
    allowed = [p for p in world["get"] if "/learning" in p or "/documents" in p]
    for path in world["get"]:
        expected = 200 if path in allowed else 403
        assert manager.get(path).status_code == expected, path


def test_a_tracking_session_gets_only_its_own_uploads(app, client, session, make_case, world):
    from portal.intake import codes

    other = make_case()
    code = codes.new_tracking_code()
    other.submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    session.commit()
    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": other.submission.reference,
                                "code": code})
    assert client.get("/check/status").status_code == 200
    assert client.get(f"/check/files/{world['document'].id}").status_code == 404
    assert client.get(f"/staff/documents/{world['document'].id}").status_code == 302
