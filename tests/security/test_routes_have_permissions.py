"""Deny by default: every view says who may use it, and the staff and advocacy areas refuse strangers."""

from __future__ import annotations

import uuid

import pytest

from portal.permissions import ALL_PERMISSIONS

# The staff and advocacy areas: nothing there is public.
PRIVATE_PREFIXES = ("/staff", "/advocacy")


def _routes(app):
    for rule in app.url_map.iter_rules():
        yield rule, app.view_functions[rule.endpoint]


def test_every_view_is_marked_public_or_names_a_permission(app):
    unmarked = []
    for rule, view in _routes(app):
        if rule.endpoint == "static":
            continue
        access = getattr(view, "_access", None)
        if access != "public" and access not in ALL_PERMISSIONS:
            unmarked.append(rule.rule)
    assert not unmarked, f"views with no @public or @requires(...): {unmarked}"


def test_nothing_in_the_private_areas_is_public(app):
    public_private = [
        rule.rule for rule, view in _routes(app)
        if rule.rule.startswith(PRIVATE_PREFIXES) and getattr(view, "_access", None) == "public"
    ]
    assert not public_private


def _example_url(rule) -> str:
    values = {}
    for argument in rule.arguments:
        converter = rule._converters[argument].__class__.__name__
        values[argument] = uuid.uuid4() if "UUID" in converter else "1"
    return rule.build(values, append_unknown=False)[1]


def test_every_private_url_sends_a_stranger_to_sign_in(app, client):
    checked = 0
    for rule, _view in _routes(app):
        if not rule.rule.startswith(PRIVATE_PREFIXES):
            continue
        url = _example_url(rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            response = client.open(url, method=method)
            if method == "GET":
                assert response.status_code == 302, f"{method} {url}"
                assert response.headers["Location"].startswith("/sign-in"), url
            else:
                # A state change without a signed-in session: refused before anything happens
                # (CSRF first, since the stranger has no token).
                assert response.status_code in (302, 400), f"{method} {url}"
            checked += 1
    assert checked >= 2


def test_an_unmarked_view_is_refused(app):
    # A view someone forgot to mark must not be reachable: add one to a throwaway app.
    from portal import create_app
    from portal.config import TestConfig

    other = create_app(type("Config", (TestConfig,), {"DATABASE_URL": app.config["DATABASE_URL"]}))
    other.add_url_rule("/forgotten", "forgotten", lambda: "secret")
    response = other.test_client().get("/forgotten")
    assert response.status_code == 403
    assert b"secret" not in response.data


def test_requires_rejects_unknown_permission_names():
    from portal.permissions import requires

    with pytest.raises(ValueError):
        requires("staff.everything")


def test_ids_in_private_urls_are_unguessable(app):
    """Every variable part of a staff or advocacy URL is a UUID (never a counter or a name)."""
    from werkzeug.routing.converters import UUIDConverter

    for rule, _view in _routes(app):
        if not rule.rule.startswith(PRIVATE_PREFIXES):
            continue
        for argument, converter in rule._converters.items():
            assert isinstance(converter, UUIDConverter), f"{rule.rule}: <{argument}> is not a UUID"
