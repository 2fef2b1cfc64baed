"""The staff home shows the few most urgent cases of each stage 1 list with "see all"; the full list is
a page of its own, a page at a time; the deadline shown is the one stored on the case."""

from __future__ import annotations

import re
from datetime import timedelta

from portal.procedure import is_working_day, uk_today
from staff.dashboard import DEADLINES_PAGE_SIZE, HOME_ROWS


def _working_days_ago(n: int):
    day = uk_today()
    while n:
        day -= timedelta(days=1)
        n -= is_working_day(day)
    return day


def _rows(body: str, table_id: str) -> list[str]:
    table = body[body.index(f'id="{table_id}"'):]
    table = table[:table.index("</table>")]
    return re.findall(r'href="/staff/cases/[^"]+">([^<]+)</a>', table)


def test_the_home_shows_the_most_urgent_few_and_links_to_all(client, make_user, make_case, make_team):
    team = make_team()
    cases = [make_case(team=team, received=_working_days_ago(21 + i)) for i in range(HOME_ROWS + 2)]
    client.sign_in(make_user("crs_officer"))
    body = client.get("/staff/").get_data(as_text=True)
    shown = _rows(body, "overdue")
    most_overdue_first = [case.reference for case in reversed(cases)]
    assert shown == most_overdue_first[:HOME_ROWS]
    assert f"Showing the {HOME_ROWS} most urgent of {HOME_ROWS + 2}." in body
    assert 'href="/staff/stage-1/overdue" id="overdue-all">See all 12' in body
    everything = client.get("/staff/stage-1/overdue").get_data(as_text=True)
    assert _rows(everything, "overdue") == most_overdue_first
    assert "See all" not in everything and "govuk-pagination" not in everything


def test_the_deadline_shown_is_the_stage_1_deadline(client, make_user, make_case, make_team):
    case = make_case(team=make_team(), received=_working_days_ago(25))
    client.sign_in(make_user("crs_officer"))
    body = client.get("/staff/stage-1/overdue").get_data(as_text=True)
    assert case.due_on == case.procedure.stage1_due
    row = body[body.index(case.reference):]
    due = case.procedure.stage1_due
    assert f"{due.day} {due:%b %Y}" in row[:row.index("</tr>")]


def test_the_full_list_comes_a_page_at_a_time(client, make_user, make_case, make_team):
    team = make_team()
    for i in range(DEADLINES_PAGE_SIZE + 3):
        make_case(team=team, received=_working_days_ago(21 + i % 7))
    client.sign_in(make_user("crs_officer"))
    first = client.get("/staff/stage-1/overdue").get_data(as_text=True)
    second = client.get("/staff/stage-1/overdue?page=2").get_data(as_text=True)
    assert len(_rows(first, "overdue")) == DEADLINES_PAGE_SIZE and len(_rows(second, "overdue")) == 3
    assert not set(_rows(first, "overdue")) & set(_rows(second, "overdue"))
    assert 'rel="next"' in first and 'rel="prev"' in second
    assert client.get("/staff/stage-1/overdue?page=3").status_code == 404
    assert client.get("/staff/stage-1/overdue?page=0").status_code == 404
    assert client.get("/staff/stage-1/late").status_code == 404


def test_due_soon_has_its_own_full_list(client, make_user, make_case, make_team):
    team = make_team()
    soon = make_case(team=team, received=_working_days_ago(8))
    late = make_case(team=team, received=_working_days_ago(30))
    client.sign_in(make_user("crs_officer"))
    body = client.get("/staff/stage-1/due-soon").get_data(as_text=True)
    assert _rows(body, "due-soon") == [soon.reference] and late.reference not in body


def test_the_lists_need_a_staff_sign_in(client):
    assert client.get("/staff/stage-1/overdue").status_code == 302
