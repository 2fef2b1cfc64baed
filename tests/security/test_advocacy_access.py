"""Advocate A never sees advocate B's cases, by URL or by search, nor any staff-only note; advocates
never reach the staff side of the advocacy service."""

from __future__ import annotations

import pytest
from advocacy_helpers import assigned, in_pool, post

from portal.casework import advocacy as work

CASE_PAGES = ("", "/contact", "/close", "/complaint", "/safeguarding")
CASE_POSTS = {"/messages": {"body": "hello"}, "/contact": {"on": "2026-11-26", "method": "visit", "minutes": "5"},
              "/close": {"outcome": "withdrawn", "on": "2026-11-26"}, "/complaint": {"what_happened": "x"},
              "/safeguarding": {"details": "x"}}


@pytest.fixture
def two_advocates(make_user, make_submission):
    officer = make_user("crs_officer")
    a, b = in_pool(make_user, name="Advocate A", officer=officer), in_pool(make_user, name="Advocate B",
                                                                           officer=officer)
    mine = assigned(make_user, make_submission, advocate=a, officer=officer)
    theirs = assigned(make_user, make_submission, advocate=b, officer=officer,
                      help_wanted="B's young person: moving placement.")
    work.raise_concern(theirs, details="Concern details for B's case only.", team=None, actor=b)
    work.raise_concern(mine, details="Concern details on A's own case.", team=None, actor=a)
    work.send_message(theirs, "A message in B's thread.", actor=b, role="advocate")
    return a, b, mine, theirs


def test_other_advocates_cases_are_not_found_by_url(client, two_advocates):
    a, _b, mine, theirs = two_advocates
    client.sign_in(a)
    for suffix in CASE_PAGES:
        assert client.get(f"/advocacy/cases/{mine.id}{suffix}").status_code == 200, suffix
        assert client.get(f"/advocacy/cases/{theirs.id}{suffix}").status_code == 404, suffix
    token = client.csrf_token("/advocacy/")
    for suffix, data in CASE_POSTS.items():
        response = client.post(f"/advocacy/cases/{theirs.id}{suffix}", data={"csrf_token": token, **data})
        assert response.status_code == 404, suffix


def test_other_advocates_cases_are_not_found_by_search_or_in_the_caseload(client, two_advocates):
    a, _b, mine, theirs = two_advocates
    client.sign_in(a)
    caseload = client.get("/advocacy/").get_data(as_text=True)
    assert mine.reference in caseload and theirs.reference not in caseload
    found = client.get(f"/advocacy/find?reference={mine.reference.lower()}")
    assert found.status_code == 303 and str(mine.id) in found.headers["Location"]
    for typed in (theirs.reference, theirs.reference.replace("-", " ").lower()):
        response = client.get(f"/advocacy/find?reference={typed}")
        assert response.status_code == 200
        body = response.get_data(as_text=True)
        assert "None of your cases has the reference" in body and str(theirs.id) not in body
    # Nor its words, anywhere an advocate goes.
    for path in ("/advocacy/", f"/advocacy/cases/{mine.id}", "/advocacy/helpline", "/advocacy/availability"):
        body = client.get(path).get_data(as_text=True)
        assert "B&#39;s young person" not in body and "B's young person" not in body
        assert "A message in B" not in body


def test_staff_only_notes_and_safeguarding_details_never_reach_the_advocate(client, two_advocates):
    a, _b, mine, _theirs = two_advocates
    client.sign_in(a)
    body = client.get(f"/advocacy/cases/{mine.id}").get_data(as_text=True)
    assert "I want someone with me at my review." in body  # what the advocate needs is there
    assert "Staff only: safeguarding history" not in body
    assert "Concern details on A" not in body and "Concern details for B" not in body


def test_advocates_cannot_reach_the_staff_advocacy_pages(client, two_advocates):
    a, _b, mine, theirs = two_advocates
    client.sign_in(a)
    for path in ("/staff/advocacy", f"/staff/advocacy/cases/{mine.id}", f"/staff/advocacy/cases/{theirs.id}",
                 "/staff/advocacy/advocates", f"/staff/advocacy/advocates/{a.id}",
                 f"/staff/advocacy/requests/{mine.submission_id}"):
        assert client.get(path).status_code == 403, path
    assert post(client, "/advocacy/availability", {"available": "no"}).status_code == 303


def test_managers_and_signed_out_people_see_no_advocacy_case(client, make_user, two_advocates, make_team):
    _a, _b, mine, _theirs = two_advocates
    assert client.get(f"/advocacy/cases/{mine.id}").status_code == 302  # to sign-in
    client.sign_in(make_user("operational_manager", team=make_team()))
    assert client.get(f"/advocacy/cases/{mine.id}").status_code == 403
    assert client.get(f"/staff/advocacy/cases/{mine.id}").status_code == 403


def test_the_young_person_sees_only_their_own_thread(app, client, two_advocates, session):
    from advocacy_helpers import give_code

    _a, _b, mine, theirs = two_advocates
    code = give_code(app, mine.submission)
    session.commit()
    post(client, "/check", {"reference": mine.reference, "code": code})
    body = client.get("/check/status").get_data(as_text=True)
    assert "Write to your advocate" in body and "A message in B" not in body
    assert "Concern details" not in body


def test_a_safeguarding_concern_reaches_its_operational_team_and_no_other(client, app, make_user, make_team,
                                                                          make_submission, session):
    from sqlalchemy import select

    from portal.models import SafeguardingConcern

    team, other_team = make_team(), make_team()
    case = assigned(make_user, make_submission)
    work.raise_concern(case, details="He has bruises he would not explain.", team=team, actor=case.advocate)
    concern = session.scalar(select(SafeguardingConcern))
    manager, other_manager = make_user("operational_manager", team=team), make_user("operational_manager",
                                                                                       team=other_team)
    other = app.test_client()
    client.sign_in(manager)
    assert "safeguarding concern from an advocate is waiting" in client.get("/staff/").get_data(as_text=True)
    body = client.get(f"/staff/advocacy/concerns/{concern.id}").get_data(as_text=True)
    assert "He has bruises he would not explain." in body and "Test Young Person" in body
    assert client.get(f"/staff/advocacy/cases/{case.id}").status_code == 403  # the concern, not the case
    assert post(client, f"/staff/advocacy/concerns/{concern.id}/acknowledge", {},
                form_page=f"/staff/advocacy/concerns/{concern.id}").status_code == 303
    session.refresh(concern)
    assert concern.acknowledged_by_id == manager.id
    other.sign_in(other_manager)
    assert other.get(f"/staff/advocacy/concerns/{concern.id}").status_code == 404
    assert "safeguarding concern" not in other.get("/staff/").get_data(as_text=True)


def test_an_advocate_cannot_open_a_concern(client, make_user, make_submission, session):
    from sqlalchemy import select

    from portal.models import SafeguardingConcern

    case = assigned(make_user, make_submission)
    work.raise_concern(case, details="x", team=None, actor=case.advocate)
    concern = session.scalar(select(SafeguardingConcern))
    client.sign_in(case.advocate)
    assert client.get(f"/staff/advocacy/concerns/{concern.id}").status_code == 403
