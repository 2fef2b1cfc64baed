"""Easy read: a start page with pictures and short sentences, and all three journeys (wishes and
feelings, a complaint, asking for an advocate) with a picture and one short sentence above each
question, one thing per page; "Listen" buttons that stay hidden until the phone's own voice is found
(JavaScript)."""

from __future__ import annotations

import re

import pytest
from public_helpers import Journey

from portal.public.easy_read import STEP_PICTURES


def test_the_easy_read_start_page(client):
    body = client.get("/easy-read").get_data(as_text=True)
    pictures = re.findall(r'<img class="app-easy-read__picture" src="([^"]+)" alt="([^"]+)"', body)
    assert len(pictures) == 7 and all(alt.startswith("A drawing of") for _src, alt in pictures)
    assert '<input type="hidden" name="easy_read" value="1">' in body
    for kind in ("wishes_and_feelings", "complaint", "advocacy_request"):
        assert f'name="kind" value="{kind}"' in body
    assert re.search(r'<button type="button" class="[^"]*app-listen"[^>]*data-listen="easy-read-text" hidden>', body)
    assert "If you are in danger now" in body  # the safety advice, as on every page that invites telling us
    assert 'href="/easy-read"' in client.get("/").get_data(as_text=True), "linked from the start page"


def test_every_easy_read_picture_is_there():
    from pathlib import Path

    folder = Path(__file__).resolve().parents[3] / "static" / "src" / "images" / "easy-read"
    for picture, _alt, _words in STEP_PICTURES.values():
        svg = (folder / picture).read_text()
        assert svg.startswith("<svg") and "<script" not in svg and "href" not in svg


@pytest.mark.parametrize(("kind", "own_step"), [("wishes_and_feelings", "wishes"), ("complaint", "details"),
                                               ("advocacy_request", "help")])
def test_each_easy_read_journey_shows_a_picture_and_one_thing_per_page(app, client, session, kind, own_step):
    from portal.models import Submission

    journey = Journey(client)
    response = journey.post("/tell-us/start", {"kind": kind, "easy_read": "1"})
    seen = []
    while not response.headers["Location"].endswith("/tell-us/check"):
        slug = response.headers["Location"].rsplit("/", 1)[1]
        body = client.get(f"/tell-us/{slug}").get_data(as_text=True)
        seen.append(slug)
        with app.test_request_context("/"):
            words = str(STEP_PICTURES[slug][2])
        assert f'<p class="govuk-body-l app-easy-read__words">{words}</p>' in body, slug
        assert 'id="question"' in body and 'data-listen="question" hidden' in body
        if slug == "wishes":
            assert 'name="who_should_know"' not in body  # one thing per page
        response = journey.step(slug)
    assert own_step in seen
    body = client.get("/tell-us/check").get_data(as_text=True)
    assert "Look at your answers. Then send them." in body
    sent = journey.send()
    assert sent.status_code == 303
    assert session.query(Submission).one().kind == kind


def test_the_ordinary_journey_has_no_pictures_but_can_listen(client):
    journey = Journey(client)
    journey.post("/tell-us/start", {"kind": "wishes_and_feelings", "easy_read": "1"})
    response = journey.post("/tell-us/start", {"kind": "wishes_and_feelings"})  # started again, ordinarily
    slug = response.headers["Location"].rsplit("/", 1)[1]
    body = client.get(f"/tell-us/{slug}").get_data(as_text=True)
    assert "app-easy-read__row" not in body
    assert 'data-listen="question" hidden' in body
