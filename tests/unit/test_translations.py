"""Every shipped language is complete: no English left on a page that claims to be Arabic.

The template (messages.pot) must hold every string the code marks for translation today, and every
catalogue must translate every one of them, with the same placeholders.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
CATALOGUES = sorted(TRANSLATIONS.glob("*/LC_MESSAGES/messages.po"))


def _ids(catalogue) -> set:
    return {message.id if isinstance(message.id, str) else tuple(message.id) for message in catalogue if message.id}


def test_template_holds_every_marked_string(tmp_path):
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg", "-k", "_l",
         "-k", "lazy_gettext", "-o", str(fresh), "--no-location", "--sort-output", "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with fresh.open("rb") as new, (TRANSLATIONS / "messages.pot").open("rb") as old:
        missing = _ids(read_po(new)) - _ids(read_po(old))
    assert not missing, f"run `make update-translations`; strings not in messages.pot: {sorted(missing, key=str)[:10]}"


def test_there_is_a_right_to_left_catalogue():
    assert (TRANSLATIONS / "ar" / "LC_MESSAGES" / "messages.po") in CATALOGUES


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.parts[-3])
def test_catalogue_is_complete_and_consistent(path):
    with (TRANSLATIONS / "messages.pot").open("rb") as template_file:
        template = read_po(template_file)
    with path.open("rb") as catalogue_file:
        catalogue = read_po(catalogue_file)
    problems = []
    for message in template:
        if not message.id:
            continue
        translated = catalogue.get(message.id)
        if translated is None:
            problems.append(f"missing: {message.id!r}")
            continue
        strings = translated.string if isinstance(translated.string, tuple) else (translated.string,)
        if not all(strings) or translated.fuzzy:
            problems.append(f"untranslated or fuzzy: {message.id!r}")
            continue
        for error in translated.check(catalogue):
            problems.append(f"{message.id!r}: {error}")
    assert not problems, "\n".join(problems[:20])


def test_review_status_is_documented():
    from portal.i18n import LANGUAGES

    doc = (ROOT / "docs" / "translations.md").read_text(encoding="utf-8")
    for language in LANGUAGES.values():
        if language.code == "en":
            continue
        assert f"| {language.code} |" in doc, f"{language.code} is not in docs/translations.md"
        row = next(line for line in doc.splitlines() if line.startswith(f"| {language.code} |"))
        assert language.review_status in row, f"docs/translations.md disagrees about {language.code}"
        assert (TRANSLATIONS / language.code / "LC_MESSAGES" / "messages.po").exists()
