"""No open redirects: the page after sign-in and the language menu only ever lead to this site."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
from portal_testing import TEST_PASSWORD, current_code

# What a browser does with a Location or href before following it: tabs and newlines are dropped and
# a backslash is a slash (WHATWG URL parser), so these all lead off-site if echoed back.
HOSTILE_NEXT = [
    "//evil.example/",
    "/%09/evil.example",
    "/%0a/x",
    "/%0d%0a/evil.example",
    "/%5Cevil.example",
    "/%5C%5Cevil.example",
    "%5C%5Cevil.example",
    "https://evil.example/",
    "https:/evil.example",
    "javascript:alert(1)",
    "/%00/evil.example",
    "%20//evil.example",
    "/staff/%09",
]


def _browser_target(location: str, base: str = "https://portal.example/sign-in/code") -> str:
    cleaned = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    return urljoin(base, cleaned)


def _sign_in_with_next(client, user, next_value: str):
    token = client.csrf_token("/sign-in")
    client.post(f"/sign-in?next={next_value}", data={"csrf_token": token, "email": user.email,
                                                     "password": TEST_PASSWORD})
    token = client.csrf_token("/sign-in/code")
    return client.post("/sign-in/code", data={"csrf_token": token, "code": current_code(user)})


@pytest.mark.parametrize("next_value", HOSTILE_NEXT)
def test_the_page_after_sign_in_is_never_another_site(client, make_user, next_value):
    user = make_user("crs_officer")
    response = _sign_in_with_next(client, user, next_value)
    assert response.status_code == 302, "a hostile next= must not break sign-in (the code is used by then)"
    assert response.headers["Location"] == "/staff/"


def test_a_same_site_next_page_is_kept(client, make_user):
    user = make_user("crs_officer")
    response = _sign_in_with_next(client, user, "/staff/queue%3Fpage%3D2")
    assert response.headers["Location"] == "/staff/queue?page=2"
    assert urlsplit(_browser_target(response.headers["Location"])).netloc == "portal.example"


@pytest.mark.parametrize("path", ["/%5Cevil.example", "/%5C%5Cevil.example", "/%2F/evil.example",
                                  "/%09/evil.example", "/no-such-page"])
def test_the_language_link_on_a_missing_page_stays_on_this_site(client, path):
    response = client.get(path)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    links = re.findall(r'id="language-link" href="([^"]+)"', body) + re.findall(
        r'class="govuk-link app-language-list__link" href="([^"]+)"', body)
    assert links, "the 404 page links to the language page"
    for href in links:
        href = href.replace("&amp;", "&")
        assert urlsplit(_browser_target(href)).netloc == "portal.example", href
        assert "\\" not in href and "evil" not in href


@pytest.mark.parametrize("next_value", [*HOSTILE_NEXT, "/staff/", "/exit", "/language", "/no-such-page"])
def test_the_language_page_only_leads_back_to_a_public_page(client, next_value):
    body = client.get(f"/language?next={next_value}").get_data(as_text=True)
    links = re.findall(r'class="govuk-link app-language-list__link" href="([^"]+)"', body)
    assert links  # every language but the current one
    for href in links:
        href = href.replace("&amp;", "&")
        assert urlsplit(_browser_target(href)).netloc == "portal.example", href
        assert href.startswith("/?lang="), href


def test_the_language_page_keeps_the_page_and_its_query(client):
    body = client.get("/check?x=1").get_data(as_text=True)
    assert 'id="language-link" href="/language?next=/check?x%3D1"' in body
    body = client.get("/language?next=/check?x%3D1").get_data(as_text=True)
    assert 'href="/check?x=1&amp;lang=ar"' in body
    assert 'lang="ar" dir="rtl" hreflang="ar">العربية</a>' in body
