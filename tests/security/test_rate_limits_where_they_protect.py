"""Rate limits count what they protect (form posts, sign-in, tracking, sending), not pages being read,
and write no X-RateLimit headers: each limited request costs one round trip to the store, no more."""

from __future__ import annotations

import pytest


@pytest.fixture
def counted(app):
    """The keys the rate limiter holds in its store (memory:// in the tests), emptied first."""
    from portal.extensions import limiter

    limiter.reset()
    return lambda: sorted(limiter.storage.storage)


@pytest.mark.parametrize("path", ["/", "/language", "/accessibility", "/privacy", "/tell-us/start", "/sign-in",
                                  "/check"])
def test_reading_a_page_is_not_counted_and_says_nothing_about_limits(client, counted, path):
    for _ in range(3):
        response = client.get(path, headers={"Accept-Language": "en"})
        assert response.status_code == 200
        assert not [name for name in response.headers.keys() if name.lower().startswith(("x-ratelimit", "retry-after"))]
    assert counted() == []


def test_a_form_post_is_counted_once_and_answers_without_limit_headers(client, counted):
    token = client.csrf_token("/tell-us/start")
    assert counted() == []
    response = client.post("/tell-us/start", data={"csrf_token": token})
    assert response.status_code == 200  # the page again, with its error: no answer chosen
    assert not [name for name in response.headers.keys() if name.lower().startswith("x-ratelimit")]
    assert len(counted()) == 1


def test_sign_in_posts_are_counted_but_the_sign_in_page_is_not(client, counted):
    token = client.csrf_token("/sign-in")
    assert counted() == []
    client.post("/sign-in", data={"csrf_token": token, "email": "x@example.gov.uk", "password": "wrong"})
    assert counted()


def test_every_limit_is_on_a_form_post(app):
    """Reads are never looked at by the limiter, so a limit on a GET would silently not hold."""
    from portal.extensions import limiter

    marked = {name.rsplit(".", 1)[0] for name in limiter._marked_for_limiting}
    limited = {endpoint for endpoint, view in app.view_functions.items()
               if f"{view.__module__}.{view.__name__}" in marked}
    assert len(limited) == len(marked) >= 9, (limited, marked)
    for rule in app.url_map.iter_rules():
        if rule.endpoint in limited:
            assert "POST" in rule.methods, rule.rule
