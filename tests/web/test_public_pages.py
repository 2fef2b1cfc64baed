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
    assert 'id="language-link" href="/language?next=/privacy"' in body
    body = client.get("/language?next=/privacy").get_data(as_text=True)
    assert 'href="/privacy?lang=ar" lang="ar" dir="rtl" hreflang="ar">العربية</a>' in body
    assert '<span class="app-language-list__current" aria-current="true" lang="en-GB" dir="ltr">English</span>' in body
    body = client.get("/privacy?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in body


def test_a_language_tag_in_the_link_or_the_browser_chooses_the_catalogue(client):
    body = client.get("/?lang=AR").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in body
    client.get("/?lang=en")
    body = client.get("/", headers={"Accept-Language": "ar-SA,ar;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en-GB"' in body  # the session's choice wins over the browser


def test_the_start_page_lists_every_language_in_its_own_script(client):
    body = client.get("/").get_data(as_text=True)
    assert 'aria-labelledby="start-languages"' in body
    assert 'href="/?lang=ar" lang="ar" dir="rtl" hreflang="ar">العربية</a>' in body


def test_a_language_is_offered_only_when_shipped_and_switched_on(app, tmp_path):
    from portal.i18n import enabled_languages, shipped_codes

    (tmp_path / "ps" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "ps" / "LC_MESSAGES" / "messages.mo").write_bytes(b"")
    assert shipped_codes(tmp_path) == {"en", "ps"}
    saved = app.config["LANGUAGES"], app.extensions.pop("portal_languages", None)
    try:
        app.config["LANGUAGES"] = ["en", "fa-AF"]  # not shipped here? then not offered
        with app.test_request_context("/"):
            codes = [language.code for language in enabled_languages()]
        assert codes[0] == "en" and "ar" not in codes
        assert ("fa_AF" in codes) == (shipped_codes(app.config["BABEL_TRANSLATION_DIRECTORIES"]) >= {"fa_AF"})
        app.extensions.pop("portal_languages")
        app.config["LANGUAGES"] = "all"
        with app.test_request_context("/"):
            assert "ar" in [language.code for language in enabled_languages()]
    finally:
        app.config["LANGUAGES"] = saved[0]
        app.extensions.pop("portal_languages", None)
        if saved[1] is not None:
            app.extensions["portal_languages"] = saved[1]


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


def test_a_browser_asking_for_dari_gets_dari_not_farsi(client):
    from portal.i18n import shipped_codes

    if "fa_AF" not in shipped_codes(client.application.config["BABEL_TRANSLATION_DIRECTORIES"]):
        import pytest

        pytest.skip("the Dari catalogue is not compiled here")
    body = client.get("/", headers={"Accept-Language": "fa-AF,fa;q=0.8"}).get_data(as_text=True)
    assert '<html lang="fa-AF" dir="rtl"' in body


def test_dates_and_numbers_in_every_language(app):
    """Each language's own full date (a locale with thin CLDR data must not crash), and its numbers."""
    from datetime import date

    from flask_babel import force_locale

    from portal.i18n import LANGUAGES
    from portal.templating import plain_date, plain_number

    seen = {}
    with app.test_request_context("/"):
        for code in LANGUAGES:
            with force_locale(code):
                seen[code] = (plain_date(date(2026, 12, 12)), plain_number(5000))
    assert seen["en"] == ("Saturday 12 December 2026", "5,000")
    assert seen["ar"][0] == "السبت، 12 ديسمبر 2026"
    assert seen["fr"] == ("samedi 12 décembre 2026", "5\u202f000")
    assert seen["uk"][0] == "субота, 12 грудня 2026\u202fр."
    assert all("2026" in shown for shown, _number in seen.values())
