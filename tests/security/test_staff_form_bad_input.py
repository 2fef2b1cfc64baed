"""Whatever arrives in a staff form or the queue's filters (control characters, NUL bytes, "²", huge
numbers, values longer than their column, unknown choices), the staff area answers with a page or a
redirect, never a server error. Runs on PostgreSQL in CI, where a NUL byte or an over-long value used
to reach the database.

``make test`` runs a small profile; ``make test-all`` runs the thorough one (HYPOTHESIS_PROFILE).
"""

from __future__ import annotations

import os
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from portal_testing import CheckingClient

from portal.procedure import Defer, Outcome, RequestStage2, RespondStage1, Stage2Method, StartStage2
from staff.case_actions import CASE_ACTIONS
from staff.forms.triage import NewTrackingCodeForm, RecordContactForm, TriageForm

EXAMPLES = 60 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 10

NASTY = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(["", " ", "\x00", "a\x00b", "²", "٣", "99999999999999999999", "-1", "0", "2026-02-30",
                     "2099-01-01", "2026-11-24", "yes", "no", "statutory", "letter", "x" * 3000,
                     "00000000-0000-0000-0000-000000000000", "<script>x</script>", "\u202e", "%(x)s"]),
)


def _fields(form_class) -> list[str]:
    form = form_class(meta={"csrf": False})
    return [field.name for field in form if field.name not in ("csrf_token", "submit")] + (
        [f"actions-0-{name}" for name in ("description", "action_type", "owner", "due_on")]
        if "actions" in form._fields else [])


@pytest.fixture
def officer(make_user):
    return make_user("crs_officer")


@pytest.fixture
def officer_client(app, officer):
    client = CheckingClient(app, app.response_class, use_cookies=True)
    client.sign_in(officer)
    return client


@pytest.fixture
def cases(make_case, make_team):
    """Makes, for each example, a case in each state where some action is offered (an example that
    succeeds moves its case on, so the next one starts afresh)."""
    team = make_team()

    def make(state: str):
        return STATES[state](make_case, team)

    return make


RESPONDED = (RespondStage1(on=date(2026, 11, 23), outcome=Outcome.NOT_UPHELD),)
STATES = {
    "stage1": lambda make_case, team: make_case(team=team),
    "deferred": lambda make_case, team: make_case(team=team, events=(
        Defer(on=date(2026, 11, 23), review_date=date(2026, 12, 30), reason="Court"),)),
    "responded": lambda make_case, team: make_case(team=team, events=RESPONDED),
    "late": lambda make_case, team: make_case(team=team, received=date(2026, 6, 1), events=(
        RespondStage1(on=date(2026, 6, 5), outcome=Outcome.UPHELD), RequestStage2(on=date(2026, 11, 2)))),
    "stage2": lambda make_case, team: make_case(team=team, events=(
        *RESPONDED, RequestStage2(on=date(2026, 11, 24)),
        StartStage2(on=date(2026, 11, 25), method=Stage2Method.INVESTIGATION))),
    "safeguarding": lambda make_case, team: make_case(route="safeguarding"),
}
# The state in which each case action is offered (a test below holds this table to the rules).
STATE_FOR = {
    "extend_stage1": "stage1", "record_request": "responded", "late_request": "late", "extend_stage2": "stage2",
    "defer": "stage1", "review_deferral": "deferred", "resume": "deferred", "close": "responded",
    "not_applicable": "stage1", "correct_triage": "stage1", "withdraw": "stage1",
    "acknowledge_referral": "safeguarding",
}


def _post_anything(client, path, names, data):
    values = {name: data.draw(NASTY, label=name) for name in names if data.draw(st.booleans(), label=f"+{name}")}
    response = client.post(path, data={"csrf_token": client.csrf_token(path), **values})
    assert response.status_code in (200, 303, 400, 404, 413), (path, response.status_code)
    assert "Sorry, there is a problem with the service" not in response.get_data(as_text=True)


# The stage 1 and case-course actions (the stage 2 and 3 rows have their own tests).
ACTIONS = [action for action in CASE_ACTIONS if action.endpoint in STATE_FOR]


def test_each_action_is_offered_in_the_state_the_test_gives_it(cases):
    assert len(ACTIONS) == len(STATE_FOR)
    for action in ACTIONS:
        assert action.available(cases(STATE_FOR[action.endpoint])), action.endpoint


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.endpoint)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=EXAMPLES)
@given(data=st.data())
def test_any_input_to_a_case_action_gets_a_page_never_an_error(officer_client, cases, action, data):
    case = cases(STATE_FOR[action.endpoint])
    _post_anything(officer_client, f"/staff/cases/{case.id}/{action.path}", _fields(action.form), data)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=EXAMPLES)
@given(data=st.data())
def test_any_input_to_the_stage1_response_gets_a_page_never_an_error(officer_client, cases, session, data):
    from portal.models import ComplaintPoint
    from staff.forms.case_actions import Stage1ResponseForm

    case = cases("stage1")
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    session.commit()
    names = [*_fields(Stage1ResponseForm), f"finding-{case.points[0].id}"]
    _post_anything(officer_client, f"/staff/cases/{case.id}/respond", names, data)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=EXAMPLES)
@given(data=st.data())
def test_any_input_to_triage_and_recording_gets_a_page_never_an_error(officer_client, officer, make_submission,
                                                                      data):
    from portal.casework import triage

    submission = make_submission()
    triage.claim(submission, actor=officer)
    _post_anything(officer_client, f"/staff/submissions/{submission.id}/triage", _fields(TriageForm), data)
    _post_anything(officer_client, "/staff/submissions/record", _fields(RecordContactForm), data)
    _post_anything(officer_client, f"/staff/submissions/{submission.id}/new-code", _fields(NewTrackingCodeForm), data)


QUEUE_FILTERS = ("kind", "language", "who", "age", "uas", "interpreter", "advocacy", "page")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=EXAMPLES)
@given(data=st.data())
def test_any_queue_filter_gets_a_page_never_an_error(officer_client, data):
    query = {name: data.draw(NASTY, label=name) for name in QUEUE_FILTERS if data.draw(st.booleans())}
    for headers in ({}, {"HX-Request": "true", "HX-Target": "queue-results"}):
        response = officer_client.get("/staff/submissions", query_string=query, headers=headers)
        assert response.status_code == 200, response.status_code


@pytest.mark.parametrize("query", ["page=%C2%B2", "page=99999999999999999999", "kind=a%00b", "language=%00",
                                   "language=" + "x" * 40])
def test_the_queue_ignores_a_filter_it_does_not_offer(officer_client, query):
    assert officer_client.get(f"/staff/submissions?{query}").status_code == 200


def test_an_age_written_with_a_superscript_is_an_error_not_a_crash(officer_client):
    path = "/staff/submissions/record"
    response = officer_client.post(path, data={
        "csrf_token": officer_client.csrf_token(path), "kind": "complaint", "channel": "phone",
        "received_on": "2026-11-20", "who_is_telling": "young_person", "language": "en",
        "what_happened": "Contact cancelled", "young_person_age": "²"})
    assert response.status_code == 200 and "Enter the age as a number" in response.get_data(as_text=True)


def test_a_nul_byte_in_a_staff_text_field_is_dropped(officer_client, cases, session):
    from portal.models import Case

    case = cases("stage1")
    path = f"/staff/cases/{case.id}/not-applicable"
    response = officer_client.post(path, data={"csrf_token": officer_client.csrf_token(path), "on": "2026-11-24",
                                               "reason": "Tribunal\x00 is the right route"})
    assert response.status_code == 303
    session.expire_all()
    assert session.get(Case, case.id).ended_reason == "Tribunal is the right route"
