"""Every form of the portal, public and staff, answers any input with a page, a redirect or a 4xx, never a
server error (issue 22). The routes come from the app itself (every rule that takes POST), so a new form
is covered the day it is added; each is posted the fields its own page offers, filled by hypothesis with
nasty text (NUL bytes, control characters, 400 nines, dates in 2101 and 1999, over-long values, scripts).

``make test`` runs a small profile on SQLite and PostgreSQL; ``make test-all`` (HYPOTHESIS_PROFILE=thorough,
which CI runs on PostgreSQL) posts at least 10,000 inputs in all.
"""

from __future__ import annotations

import os
import re
import uuid

import pytest
from advocacy_helpers import assigned, in_pool
from document_helpers import track
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from portal_testing import CheckingClient

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"

NASTY = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
    st.sampled_from(["", " ", "\x00", "a\x00b", "²", "٣", "9" * 400, "99999999999999999999", "-1", "0",
                     "2026-02-30", "2101-01-01", "1999-12-31", "2026-11-24", "yes", "no", "y", "on", "email",
                     "x" * 3000, "00000000-0000-0000-0000-000000000000", "<script>x</script>", "\u202e", "%(x)s",
                     "=1+cmd|' /C calc'!A0", "\r\n", "statutory", "complaint", "crs_officer"]),
)


def _routes(app) -> list[tuple[str, str]]:
    """(endpoint, rule) of every rule that takes POST, except the fast exit (no form) and sign-out."""
    return sorted((rule.endpoint, rule.rule) for rule in app.url_map.iter_rules()
                  if "POST" in rule.methods and rule.endpoint not in {"auth.sign_out"})


def _app_routes() -> list[tuple[str, str]]:
    from portal import create_app
    from portal.config import TestConfig

    class Config(TestConfig):
        DATABASE_URL = "sqlite://"

    return _routes(create_app(Config))


ROUTES = _app_routes()
# At least 10,000 inputs in all under make test-all.
EXAMPLES = -(-10_000 // len(ROUTES)) if THOROUGH else 3


@pytest.fixture
def world(app, make_user, make_case, make_team, make_submission, session):
    """The things the routes name: a case, a submission, an advocacy case, and who may post to each."""
    officer = make_user("crs_officer")
    manager = make_user("complaints_manager")
    advocate = in_pool(make_user, officer=officer)
    advocacy = assigned(make_user, make_submission, advocate=advocate, officer=officer)
    case = make_case(team=make_team())
    submission = make_submission()
    app.test_client_class = CheckingClient
    clients = {}
    for name, user in (("staff", manager), ("advocacy", advocate)):
        client = app.test_client()
        client.sign_in(user)
        clients[name] = client
    young = app.test_client()
    track(app, young, session, submission)
    clients["public"] = young
    clients["auth"] = app.test_client()
    return {"case": case, "submission": submission, "advocacy": advocacy, "clients": clients, "officer": officer}


def _url(endpoint: str, rule: str, world) -> str:
    ids = {
        "case_id": world["advocacy"].id if endpoint.startswith("advocacy.") or ".advocacy" in endpoint
        else world["case"].id,
        "submission_id": world["submission"].id, "user_id": world["officer"].id, "slug": "details",
    }
    url = rule
    for name in re.findall(r"<(?:[a-z]+:)?([a-z_]+)>", rule):
        url = re.sub(rf"<(?:[a-z]+:)?{name}>", str(ids.get(name, uuid.uuid4())), url)
    return url


def _fields(client, url: str) -> list[str]:
    page = client.get(url)
    if page.status_code != 200 or page.mimetype != "text/html":
        return []
    names = re.findall(r'<(?:input|textarea|select)[^>]*\sname="([^"]+)"', page.get_data(as_text=True))
    return sorted({name for name in names if name not in ("csrf_token", "reference")} - {"q"})


def _token(client, url: str) -> str:
    for path in (url, "/check", "/staff/", "/advocacy/", "/sign-in"):
        page = client.get(path)
        match = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True))
        if match:
            return match.group(1)
    raise AssertionError(f"no CSRF token for {url}")


def test_every_route_that_takes_a_post_is_here():
    areas = {endpoint.split(".")[0] for endpoint, _rule in ROUTES}
    assert {"staff", "advocacy", "public", "auth"} <= areas
    assert len(ROUTES) >= 80


@pytest.mark.parametrize(("endpoint", "rule"), ROUTES, ids=[endpoint for endpoint, _rule in ROUTES])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
          max_examples=EXAMPLES, deadline=None)
@given(data=st.data())
def test_any_input_to_any_form_gets_a_page_never_a_server_error(world, endpoint, rule, data):
    client = world["clients"][endpoint.split(".")[0]]
    url = _url(endpoint, rule, world)
    # The fields a page offers can change with the state earlier examples left (a legal hold placed
    # turns "place" into "lift"): read them once, so every example draws from the same fields and
    # hypothesis can replay any of them.
    if ("fields", url) not in world:
        world["fields", url] = _fields(client, url)
    names = world["fields", url]
    values = {name: data.draw(NASTY, label=name) for name in names if data.draw(st.booleans(), label=f"+{name}")}
    response = client.post(url, data={"csrf_token": _token(client, url), **values})
    assert response.status_code < 500, (endpoint, response.status_code)
    assert "Sorry, there is a problem with the service" not in response.get_data(as_text=True), endpoint
