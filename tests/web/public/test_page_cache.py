"""Public pages kept per language and served from memory (portal.public.page_cache): byte for byte the
page rendering would give, but for the CSRF token, which is each response's own and masked afresh;
compressed for a browser that takes gzip, with no secret in the compressed body."""

from __future__ import annotations

import gzip
import re

import pytest
from flask.testing import FlaskClient

from portal.public import page_cache
from portal.security import mask_token, unmask_token

PAGES = ["/", "/language", "/using-this-site-safely", "/accessibility", "/privacy", "/interpreters", "/easy-read"]
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture
def kept(app, monkeypatch):
    page_cache.clear()
    monkeypatch.setitem(app.config, "PUBLIC_PAGE_CACHE", True)
    yield page_cache._pages
    page_cache.clear()


def _without_token(body: str) -> str:
    return TOKEN.sub('name="csrf_token" value=""', body)


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("language", ["en", "ar", "ti"])
def test_a_kept_page_is_the_rendered_page_but_for_the_token(app, client, monkeypatch, path, language):
    asked = f"{path}?lang={language}"
    rendered = client.get(asked).get_data(as_text=True)
    page_cache.clear()
    monkeypatch.setitem(app.config, "PUBLIC_PAGE_CACHE", True)
    try:
        first = client.get(asked).get_data(as_text=True)
        assert len(page_cache._pages) == 1
        second = client.get(asked).get_data(as_text=True)
    finally:
        page_cache.clear()
    assert f'lang="{language}"' in first or language == "en"
    assert _without_token(first) == _without_token(rendered) == _without_token(second)
    if path == "/":
        assert TOKEN.search(first).group(1) != TOKEN.search(second).group(1)  # masked afresh


def test_each_language_is_kept_apart(client, kept):
    english = client.get("/?lang=en").get_data(as_text=True)
    arabic = client.get("/?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in arabic and 'dir="rtl"' not in english.split("<body", 1)[0]
    assert {language for _, language in kept} == {"en", "ar"}


def test_the_token_on_a_kept_page_lets_the_visitor_start(client, kept):
    client.get("/")  # kept by the first visitor
    token = client.csrf_token("/")
    assert token.startswith("m1")
    response = client.post("/tell-us/start", data={"csrf_token": token, "kind": "complaint"})
    assert response.status_code == 303


def test_a_token_that_is_not_this_session_is_refused(app, client, kept):
    other = app.test_client()
    stranger = other.csrf_token("/")
    assert client.post("/tell-us/start", data={"csrf_token": stranger, "kind": "complaint"}).status_code == 400
    assert client.post("/tell-us/start", data={"csrf_token": "m1AAAA", "kind": "complaint"}).status_code == 400


def test_masking_gives_a_new_string_each_time_that_unmasks_to_the_token():
    token = "IjVhNjQ5ZjA4Y2Q1In0.ZzAbCd.signature-part_xyz"
    masked = {mask_token(token) for _ in range(20)}
    assert len(masked) == 20 and token not in "".join(masked)
    assert {unmask_token(value) for value in masked} == {token}
    assert unmask_token(token) == token  # an unmasked token (a form rendered by WTForms) still checks
    assert unmask_token("m1!!!") is None and unmask_token("m1QUJD") is None and unmask_token(None) is None


def test_what_depends_on_the_visitor_is_never_kept(app, client, kept, make_user):
    assert client.get("/language?next=/privacy").status_code == 200
    assert client.get("/?utm=x").status_code == 200
    assert not kept
    user = make_user("crs_officer")
    client.sign_in(user)
    assert client.get("/").status_code == 200
    assert not kept


def test_kept_pages_are_gzipped_with_the_security_headers_and_no_secret(app, kept, database):
    browser = FlaskClient(app, use_cookies=True)
    plain = browser.get("/")
    response = browser.get("/", headers={"Accept-Encoding": "gzip, br"})
    assert response.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response.headers["Vary"] and "Cookie" in response.headers["Vary"]
    assert response.headers["Content-Security-Policy"].startswith("default-src 'self'")
    assert response.headers["Cache-Control"] == "no-store"
    body = gzip.decompress(response.get_data()).decode()
    assert _without_token(body) == _without_token(plain.get_data(as_text=True))
    token = TOKEN.search(body).group(1)
    assert unmask_token(token) not in body  # the session's token itself is never in the body
    # The token goes in uncompressed (about 270 random characters, which would not compress much anyway).
    assert len(response.get_data()) < len(body) / 2.5
    assert "Content-Encoding" not in plain.headers


# --- question pages of the journey ------------------------------------------------------------------

_AWKWARD = ["", "Sam", '<b>"Jo" & Co\'s</b>', "نحن هنا", "  spaced  ", "a" * 300, "{{ 7*7 }}", "%(x)s"]


def _random_answers(app, step, rng) -> dict:
    """Answers a journey may hold for ``step``: each of its radios chosen or not, each text box empty,
    awkward or missing, and the kind and who is telling that make the step apply."""
    from portal.public import journey

    answers = {"kind": rng.choice(["complaint", "wishes", "advocacy"]),
               "who_is_telling": rng.choice(["young_person", "parent", "carer"])}
    with app.test_request_context():
        form = step.form()
    for name in journey.field_names(step):
        field = getattr(form, name)
        if name in journey.text_field_names(step):
            answers[name] = rng.choice([None, *_AWKWARD])
        elif hasattr(field, "choices"):
            answers[name] = rng.choice([None, *(value for value, *_ in field.iter_choices())])
    return {name: value for name, value in answers.items() if value is not None}


def _checked_apart(body: str) -> tuple[str, list[str]]:
    """The page without its ``checked`` attributes, and the ids of the inputs that had one: a kept page
    puts ``checked`` last in the tag (after a hint's aria-describedby), GOV.UK's macro before it."""
    ticked = [re.search(r'id="([^"]+)"', tag).group(1) for tag in re.findall(r"<input[^>]*\schecked[\s>][^>]*>?", body)]
    return re.sub(r" checked(?=[ >])", "", _without_token(body)), ticked


def _visit(client, answers: dict, slug: str, language: str):
    from portal.intake import submissions
    from portal.public.journey_views import DRAFT

    draft, key = submissions.start_draft(answers.get("kind", "complaint"), language)
    submissions.save_step(draft, "start", answers, language)
    with client.session_transaction() as cookie:
        cookie[DRAFT] = key
    return client.get(f"/tell-us/{slug}?lang={language}")


def _kept_equals_rendered(app, client, monkeypatch, language: str, sets: int) -> None:
    """Every kept step, ``sets`` random sets of answers each: the page served from the kept copy is byte
    for byte the rendered one (but for the token and where ``checked`` sits), whoever kept it first."""
    import random

    from portal.public import journey

    rng = random.Random(f"kept-{language}")
    for slug in sorted(journey.KEPT_STEPS):
        step = journey.STEP_BY_SLUG[slug]
        for _ in range(sets):
            answers = _random_answers(app, step, rng)
            monkeypatch.setitem(app.config, "PUBLIC_PAGE_CACHE", False)
            rendered = _visit(client, answers, slug, language)
            monkeypatch.setitem(app.config, "PUBLIC_PAGE_CACHE", True)
            first_visitor = _visit(app.test_client(), _random_answers(app, step, rng) | {
                key: answers[key] for key in ("kind", "who_is_telling") if key in answers}, slug, language)
            kept = _visit(client, answers, slug, language)
            assert kept.status_code == rendered.status_code, (slug, answers)
            if rendered.status_code != 200:
                continue
            assert first_visitor.status_code == 200
            assert _checked_apart(kept.get_data(as_text=True)) == _checked_apart(rendered.get_data(as_text=True)), \
                (slug, answers)
    assert page_cache._pages  # the pages above were kept, not rendered each time
    page_cache.clear()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_kept_question_page_is_the_rendered_page_for_any_answers(app, client, monkeypatch, language):
    _kept_equals_rendered(app, client, monkeypatch, language, sets=6)


@pytest.mark.slow
def test_in_every_language_a_kept_question_page_is_the_rendered_page(app, client, monkeypatch):
    from portal.i18n import LANGUAGES

    for language in sorted(LANGUAGES):
        _kept_equals_rendered(app, client, monkeypatch, language, sets=12)


def test_a_question_page_with_an_error_or_a_follow_up_question_is_rendered(client, kept):
    client.get("/tell-us/start")
    token = client.csrf_token("/tell-us/start")
    client.post("/tell-us/start", data={"csrf_token": token, "kind": "complaint"})
    assert client.get("/tell-us/who").status_code == 200
    assert len(kept) == 2  # start and who
    assert client.post("/tell-us/who", data={"csrf_token": token}).status_code == 200  # "choose one"
    assert client.get("/tell-us/interpreter").status_code in (200, 303)
    assert len(kept) == 2


def test_kept_question_pages_are_gzipped_with_the_answers_in_them(app, kept):
    from portal.public import journey

    browser = FlaskClient(app, use_cookies=True)  # the suite's client reads every page as text
    answers = {"kind": "complaint", "who_is_telling": "young_person", "gender": "refused", "ethnicity": "WBRI"}
    plain = _visit(browser, answers, "about-you", "en").get_data(as_text=True)
    response = browser.get("/tell-us/about-you", headers={"Accept-Encoding": "gzip"})
    assert response.headers["Content-Encoding"] == "gzip"
    body = gzip.decompress(response.get_data()).decode()
    assert _without_token(body) == _without_token(plain)
    assert re.search(r'value="WBRI"\s+checked', body) and re.search(r'value="refused"\s+checked', body)
    assert len(response.get_data()) < len(body) / 2
    assert "about-you" in journey.KEPT_STEPS


def test_a_hole_longer_than_a_stored_block_still_decompresses():
    """A deflate stored block holds at most 65,535 bytes: a longer answer (Arabic text is two bytes a
    letter) goes in several."""
    kept = page_cache.split(f"<p>before</p><input value=\"{page_cache.text_mark('long')}\"><p>after</p>" * 3)
    values = ["ب" * 40_000, "", "x"]
    html = kept.fill(values)
    assert gzip.decompress(kept.gzipped(html, values)).decode() == html
