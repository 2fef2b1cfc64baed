"""The public pages every visitor can reach: neutral, safe, in the visitor's language."""

from __future__ import annotations

import re

import pytest

PUBLIC_PAGES = ["/", "/using-this-site-safely", "/accessibility", "/privacy", "/interpreters", "/sign-in"]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_renders_with_safety_basics(client, path):
    response = client.get(path)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert response.headers["Cache-Control"] == "no-store"
    assert "script-src 'self'" in response.headers["Content-Security-Policy"]
    assert 'href="#main-content"' in body  # skip link
    if path != "/sign-in":
        assert "govuk-exit-this-page" in body and 'href="/exit"' in body


@pytest.mark.parametrize("path", ["/", "/using-this-site-safely"])
def test_pages_that_invite_a_young_person_say_what_to_do_in_danger(client, path):
    body = client.get(path).get_data(as_text=True)
    assert "999" in body and "0800 1111" in body
    assert "0300 123 4567" in body  # the out-of-hours team, a setting


def test_public_titles_are_neutral(client):
    body = client.get("/").get_data(as_text=True)
    # The page's own heading, then the council (issue 9): nothing about what anyone told us.
    assert "<title>Children's Rights Service – Example County Council</title>" in body.replace("&#39;", "'")


def test_exit_clears_the_session_and_leaves_for_a_neutral_site(client, app):
    client.get("/?lang=ar")
    with client.session_transaction() as session:
        session["planted"] = {"what_happened": "something private"}
    response = client.get("/exit")
    assert response.status_code == 303
    assert response.headers["Location"] == app.config["EXIT_PAGE_URL"]
    with client.session_transaction() as session:
        assert "planted" not in session and "lang" not in session


def test_language_from_query_then_session_then_accept_language(client):
    body = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in body
    assert re.search(r"portal-rtl\.[0-9a-f]{10}\.css", body)
    body = client.get("/?lang=en", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="en-GB" dir="ltr"' in body
    # remembered for the rest of the visit, whatever the browser says
    body = client.get("/privacy", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert '<html lang="en-GB" dir="ltr"' in body


def test_language_menu_keeps_the_page(client):
    body = client.get("/privacy").get_data(as_text=True)
    assert 'href="/privacy?lang=ar"' in body
    assert 'lang="ar"' in body


def test_arabic_page_is_translated(client):
    body = client.get("/?lang=ar").get_data(as_text=True)
    assert "Exit this page" not in body
    assert "999" in body


def test_unknown_language_falls_back_to_english(client):
    body = client.get("/?lang=xx").get_data(as_text=True)
    assert '<html lang="en-GB"' in body


def test_not_found_is_a_proper_page(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.get_data(as_text=True)


def test_health_check(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_favicon_is_answered(client):
    assert client.get("/favicon.ico").status_code == 301
