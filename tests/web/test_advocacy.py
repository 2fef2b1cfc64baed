"""The advocates' area: an advocate's caseload is exactly the cases assigned to them."""

from __future__ import annotations


def test_caseload_lists_only_my_cases(client, make_user, make_team, make_case):
    advocate, other = make_user("advocate"), make_user("advocate")
    team = make_team()
    mine = make_case(team=team, advocate=advocate)
    theirs = make_case(team=team, advocate=other)
    client.sign_in(advocate)
    body = client.get("/advocacy/").get_data(as_text=True)
    assert mine.reference in body and theirs.reference not in body


def test_empty_caseload_says_so(client, make_user):
    client.sign_in(make_user("advocate"))
    assert "No cases are assigned to you" in client.get("/advocacy/").get_data(as_text=True)


def test_advocate_cannot_open_staff_pages_or_cases(client, make_user, make_team, make_case):
    advocate = make_user("advocate")
    case = make_case(team=make_team(), advocate=advocate)
    client.sign_in(advocate)
    assert client.get("/staff/").status_code == 403
    assert client.get(f"/staff/cases/{case.id}").status_code == 403
