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
