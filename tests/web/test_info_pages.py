"""The accessibility statement and the privacy notice: what the law asks them to say, in words a
12-year-old can follow, in every language we offer."""

from __future__ import annotations

import re

import html5lib
import pytest


def _main_text(body: str) -> str:
    document = html5lib.parse(body, namespaceHTMLElements=False)
    main = document.find(".//main")
    return " ".join(" ".join(main.itertext()).split())


def _blocks(body: str) -> list[str]:
    """Each paragraph, list item and heading of the main content on its own."""
    document = html5lib.parse(body, namespaceHTMLElements=False)
    main = document.find(".//main")
    return [" ".join(" ".join(el.itertext()).split()) for el in main.iter() if el.tag in {"p", "li", "h1", "h2"}]


def _tel(body: str, digits: str) -> bool:
    return f'href="tel:{digits}"' in body


def test_accessibility_statement_says_what_the_regulations_ask(client, app):
    body = client.get("/accessibility").get_data(as_text=True)
    text = _main_text(body)
    assert "partially compliant with the Web Content Accessibility Guidelines (WCAG) version 2.2, level AA" in text
    # Known problems, listed honestly.
    assert "A fluent speaker has not checked them yet" in text
    assert "name of the service in the browser tab is still in English" in text
    # When it was prepared and tested.
    assert "We wrote this statement on Wednesday 2 December 2026." in text
    assert "We last tested this website on Wednesday 2 December 2026." in text
    # How to report a problem: the service's own contact details, from settings.
    assert _tel(body, app.config["SERVICE_PHONE"].replace(" ", ""))
    assert f'href="mailto:{app.config["SERVICE_EMAIL"]}"' in body
    assert "We will reply within 10 working days." in text
    # The enforcement procedure.
    assert "Equality and Human Rights Commission" in text
    assert "Equality Advisory and Support Service (EASS)" in text and _tel(body, "08088000082")
    assert 'href="https://www.equalityadvisoryservice.com/"' in body


def test_privacy_notice_says_what_the_law_asks(client, app):
    body = client.get("/privacy").get_data(as_text=True)
    text = _main_text(body)
    assert f"{app.config['COUNCIL_NAME']} is responsible for what you tell us here." in text
    assert "“data controller”" in text
    # Lawful basis: public task, special category data, and the duty behind it.
    assert "Children Act 1989, section 26" in text
    assert "“public task”. It is in the UK GDPR, Article 6(1)(e)." in text
    assert "Article 9(2)(g) and 9(2)(h), and the Data Protection Act 2018, Schedule 1" in text
    # How long records are kept.
    assert "until you are 25 years old, or for 6 years after we finish dealing with it" in text
    assert "whichever of these is longer" in text
    # Rights, and how to use them.
    for right in ["to see what we hold about you", "to correct something that is wrong", "to delete what we hold",
                  "to stop using it"]:
        assert right in text
    assert _tel(body, app.config["SERVICE_PHONE"].replace(" ", ""))
    # The right to complain to the regulator.
    assert "Information Commissioner's Office (ICO)" in text.replace("&#39;", "'")
    assert _tel(body, "03031231113") and 'href="https://ico.org.uk/make-a-complaint/"' in body


def test_retention_period_is_marked_for_the_council_to_confirm():
    from pathlib import Path

    template = (Path(__file__).resolve().parents[2] / "templates" / "public" / "privacy.html").read_text()
    assert re.search(r"\{#[^#]*council must confirm[^#]*#\}", template)


@pytest.mark.parametrize("path", ["/accessibility", "/privacy"])
def test_info_pages_are_plain_english(client, path):
    """Short sentences: none over 25 words, 15 on average (a rough but offline reading-age check)."""
    blocks = _blocks(client.get(path).get_data(as_text=True))
    sentences = [s for block in blocks for s in re.split(r"(?<=[.:!?])\s+", block) if len(s.split()) > 2]
    lengths = [len(s.split()) for s in sentences]
    assert max(lengths) <= 25, max(zip(lengths, sentences))
    assert sum(lengths) / len(lengths) <= 15, sum(lengths) / len(lengths)


@pytest.mark.parametrize("path, heading, number", [
    ("/accessibility", "بيان سهولة الوصول", "08088000082"),
    ("/privacy", "من المسؤول عن معلوماتك", "03031231113"),
])
def test_info_pages_in_arabic(client, path, heading, number):
    body = client.get(f"{path}?lang=ar").get_data(as_text=True)
    assert '<html lang="ar" dir="rtl"' in body
    assert heading in _main_text(body)
    assert _tel(body, number)
