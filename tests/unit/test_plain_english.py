"""Plain English: the public pages are written for a reading age of about 9.

Offline: syllables come from our own counter (vowel groups, silent endings) cross-checked with
``pyphen``'s hyphenation dictionary, which ships with the package (``textstat`` would download a
dictionary at first use). Every public page in English, error states included: no sentence longer
than 25 words, and a Flesch-Kincaid grade of 5 or lower over each page's text.

The text read is what the page's ``<main>`` shows (the header and footer are a few short links),
split into blocks at block elements (a heading, a list item, a label is its own sentence) and into
sentences at full stops, question and exclamation marks. Numbers, codes and addresses are not words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import html5lib
import pyphen
from public_pages import public_pages

MAX_WORDS = 25
MAX_GRADE = 5.0
# Names, not words: the service's and the council's names are settings; these are read as names.
NAMES = ["Children's Rights Service", "Example County Council", "Childline", "UK GDPR", "Local Government and "
         "Social Care Ombudsman", "Information Commissioner's Office", "Web Content Accessibility Guidelines"]

_DICTIONARY = pyphen.Pyphen(lang="en_GB")


@lru_cache(maxsize=4096)
def syllables(word: str) -> int:
    """Syllables in an English word: the larger of a vowel-group count and pyphen's hyphenation."""
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        return 0
    if len(letters) <= 3:
        return 1
    trimmed = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", letters)
    trimmed = re.sub(r"^y", "", trimmed)
    groups = len(re.findall(r"[aeiouy]{1,2}", trimmed))
    hyphenated = len(_DICTIONARY.positions(letters)) + 1
    return max(1, groups, hyphenated)


def words_of(sentence: str) -> list[str]:
    return [word for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", sentence)]


def sentences_of(block: str) -> list[str]:
    for name in NAMES:
        block = block.replace(name, "Name")
    block = re.sub(r"\S+@\S+|https?://\S+|\b[\w.-]+\.(?:uk|org|com)\b", "link", block)
    block = re.sub(r"\b(?:e\.g|i\.e|etc)\.", "", block)
    parts = re.split(r"(?<=[.!?])\s+|[:;]\s*$", block)
    return [part.strip() for part in parts if words_of(part)]


def text_blocks(html: str) -> list[str]:
    """The text of the page's main content, one string per innermost block element."""
    document = html5lib.parse(html, namespaceHTMLElements=False)
    main = next((element for element in document.iter() if element.tag == "main"), None)
    if main is None:
        return []
    blocks: list[str] = []

    def walk(element, current: list[str]) -> None:
        own = element.tag in {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "label", "legend", "dt", "dd",
                              "th", "td", "button", "summary", "caption"}
        target: list[str] = [] if own else current
        if element.tag in ("script", "style", "template", "textarea", "input", "select", "option"):
            return
        if element.text:
            target.append(element.text)
        for child in element:
            walk(child, target)
            if child.tail:
                target.append(child.tail)
        if own:
            text = " ".join("".join(target).split())
            if text:
                blocks.append(text)

    rest: list[str] = []
    walk(main, rest)
    loose = " ".join("".join(rest).split())
    if loose:
        blocks.append(loose)
    return blocks


def measure(html: str) -> tuple[float, list[str], int]:
    """(Flesch-Kincaid grade of the page, its sentences over MAX_WORDS, its word count)."""
    sentences = [sentence for block in text_blocks(html) for sentence in sentences_of(block)]
    words = [word for sentence in sentences for word in words_of(sentence)]
    if not words:
        return 0.0, [], 0
    long = [sentence for sentence in sentences if len(words_of(sentence)) > MAX_WORDS]
    grade = 0.39 * len(words) / len(sentences) + 11.8 * sum(syllables(word) for word in words) / len(words) - 15.59
    return grade, long, len(words)


def test_the_syllable_counter():
    counted = {word: syllables(word) for word in
               ["cat", "about", "complaint", "advocate", "someone", "children", "interpreter", "the", "care",
                "happened", "independent", "feelings", "social", "really"]}
    assert counted == {"cat": 1, "about": 2, "complaint": 2, "advocate": 3, "someone": 2, "children": 2,
                       "interpreter": 4, "the": 1, "care": 1, "happened": 2, "independent": 4, "feelings": 2,
                       "social": 2, "really": 2}


def test_the_measure_tells_plain_from_hard_text():
    plain = "<main><p>You can tell us what is wrong. We will listen. It is free.</p></main>"
    hard = ("<main><p>Notwithstanding the aforementioned considerations, the authority's statutory "
            "obligations necessitate comprehensive investigation of representations.</p></main>")
    assert measure(plain)[0] <= MAX_GRADE < measure(hard)[0]
    assert measure("<main><p>" + "word " * 26 + "end.</p></main>")[1]


def test_public_pages_are_plain_english(client):
    pages = public_pages(client, "en")
    assert len(pages) > 40, sorted(pages)
    problems = []
    report = []
    for name, html in sorted(pages.items()):
        grade, long, count = measure(html)
        report.append(f"{grade:5.1f} {count:5d}  {name}")
        for sentence in long:
            problems.append(f"{name}: {len(words_of(sentence))} words: {sentence!r}")
        if grade > MAX_GRADE:
            problems.append(f"{name}: grade {grade:.1f} over {count} words")
    import os

    if os.environ.get("PLAIN_ENGLISH_REPORT"):
        with open(os.environ["PLAIN_ENGLISH_REPORT"], "w", encoding="utf-8") as out:
            out.write("\n".join(report + problems) + "\n")
    assert not problems, "Not plain enough (reading age about 9):\n" + "\n".join(problems)
