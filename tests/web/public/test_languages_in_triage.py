"""A submission made in any language reaches triage labelled with that language (and whether an
interpreter is needed), and the language chosen on the first page holds for the whole journey."""

from __future__ import annotations

from pathlib import Path

import pytest
from public_helpers import Journey, reference_from

from portal.i18n import LANGUAGES

TRANSLATIONS = Path(__file__).resolve().parents[3] / "translations"
SHIPPED = ["en"] + sorted(code for code in LANGUAGES
                          if code != "en" and (TRANSLATIONS / code / "LC_MESSAGES" / "messages.mo").exists())


@pytest.mark.parametrize("lang", SHIPPED)
def test_a_submission_in_each_language_reaches_triage_labelled(client, session, make_user, lang):
    from portal.models import Submission

    client.get(f"/?lang={lang}")
    journey = Journey(client)
    response = journey.fill("complaint")
    assert response.headers["Location"].endswith("/tell-us/check")
    body = client.get("/tell-us/check").get_data(as_text=True)
    assert f'<html lang="{LANGUAGES[lang].tag}" dir="{LANGUAGES[lang].direction}"' in body, "the choice persisted"
    sent = journey.send()
    reference = reference_from(client.get(sent.headers["Location"]).get_data(as_text=True))
    submission = session.query(Submission).filter_by(reference=reference).one()
    assert submission.language == lang

    client.sign_in(make_user("crs_officer"))
    queue = client.get(f"/staff/submissions?language={lang}").get_data(as_text=True)
    assert reference in queue
    language = LANGUAGES[lang]
    shown = language.english_name if lang == "en" else f"{language.english_name} ({language.native_name})"
    assert f'data-language="{lang}">{shown}' in queue
    assert "Interpreter needed" in queue  # the journey asked for one
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert f'data-language="{lang}">{shown}' in page and 'data-interpreter="yes"' in page
