"""The parts every public page shares: error summaries, phone numbers, the page checker itself."""

from __future__ import annotations

import re
from types import SimpleNamespace

import html5lib
import pytest
from portal_testing import check_page


def _page(body: str) -> SimpleNamespace:
    return SimpleNamespace(mimetype="text/html", status_code=200, get_data=lambda as_text=True: body,
                           request=SimpleNamespace(headers={}))


def _headings(body: str, css_class: str) -> list[str]:
    document = html5lib.parse(body, namespaceHTMLElements=False)
    return ["".join(el.itertext()).strip() for el in document.iter() if css_class in (el.get("class") or "")]


@pytest.mark.parametrize("level", range(1, 7))
def test_the_page_checker_fails_on_an_empty_heading(level):
    body = (f'<!DOCTYPE html><html lang="en" dir="ltr"><head><title>T</title></head>'
            f'<body><h{level} class="x">  </h{level}></body></html>')
    with pytest.raises(AssertionError, match="empty heading"):
        check_page(_page(body))
    check_page(_page(body.replace("  </h", "A heading</h")))


@pytest.mark.parametrize("lang, title", [("en", "There is a problem"), ("ar", "هناك مشكلة")])
def test_public_error_summary_has_its_heading(client, lang, title):
    client.get(f"/tell-us/start?lang={lang}")
    token = client.csrf_token("/tell-us/start")
    body = client.post("/tell-us/start", data={"csrf_token": token}).get_data(as_text=True)
    assert _headings(body, "govuk-error-summary__title") == [title]


def test_tracking_error_summary_has_its_heading(client):
    token = client.csrf_token("/check")
    body = client.post("/check", data={"csrf_token": token}).get_data(as_text=True)
    assert _headings(body, "govuk-error-summary__title") == ["There is a problem"]


def test_sign_in_error_summary_has_its_heading(client):
    token = client.csrf_token("/sign-in")
    body = client.post("/sign-in", data={"csrf_token": token}).get_data(as_text=True)
    assert _headings(body, "govuk-error-summary__title") == ["There is a problem"]


def _tel_links(body: str) -> dict[str, str]:
    return {text.strip(): href for href, text in re.findall(r'<a [^>]*href="tel:([^"]+)"[^>]*>([^<]+)</a>', body)}


PHONE_PAGES = {
    "/": ["999", "0800 1111", "0300 123 4567", "0300 123 4560"],
    "/using-this-site-safely": ["999", "0800 1111", "0300 123 4567"],
    "/interpreters": ["0300 123 4560"],
    "/accessibility": ["0300 123 4560"],
    "/privacy": ["0300 123 4560"],
    "/check/lost-code": ["0300 123 4560"],
}


@pytest.mark.parametrize("lang", ["en", "ar"])
@pytest.mark.parametrize("path", list(PHONE_PAGES))
def test_phone_numbers_are_links_a_phone_can_call(client, app, path, lang):
    body = client.get(f"{path}?lang={lang}").get_data(as_text=True)
    links = _tel_links(body)
    for number in PHONE_PAGES[path]:
        assert number in links, f"{number} on {path} is not a tel: link (found {links})"
        assert links[number] == number.replace(" ", ""), "a tel: link must carry the digits only"
    # Every number the page shows in its text is tappable: none left as plain text.
    text = re.sub(r"<a [^>]*href=\"tel:[^>]*>[^<]*</a>", "", body)
    for number in PHONE_PAGES[path]:
        assert f">{number}<" not in text and f" {number}" not in text, f"{number} also appears as plain text"


def test_phone_numbers_come_from_settings(app, client):
    app.config["SERVICE_PHONE"], before = "+44 (0)300 999 0000", app.config["SERVICE_PHONE"]
    try:
        links = _tel_links(client.get("/interpreters").get_data(as_text=True))
    finally:
        app.config["SERVICE_PHONE"] = before
    assert links["+44 (0)300 999 0000"] == "+443009990000"


def test_phone_links_stay_left_to_right_in_arabic(client):
    body = client.get("/using-this-site-safely?lang=ar").get_data(as_text=True)
    assert re.search(r'<a [^>]*href="tel:08001111"[^>]*dir="ltr"', body)
