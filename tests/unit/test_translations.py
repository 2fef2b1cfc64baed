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


@pytest.mark.parametrize(("config", "template"), [("babel.cfg", "messages.pot"), ("babel-staff.cfg", "staff.pot")])
def test_template_holds_every_marked_string(tmp_path, config, template):
    fresh = tmp_path / template
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", config, "-k", "_l",
         "-k", "lazy_gettext", "-o", str(fresh), "--no-location", "--sort-output", "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with fresh.open("rb") as new, (TRANSLATIONS / template).open("rb") as old:
        missing = _ids(read_po(new)) - _ids(read_po(old))
    assert not missing, f"run `make update-translations`; strings not in {template}: {sorted(missing, key=str)[:10]}"


def test_every_file_with_strings_is_in_one_domain():
    """A new module or template folder must be put in babel.cfg (young people) or babel-staff.cfg
    (staff): otherwise its strings are never extracted, and never translated."""
    import fnmatch
    import re

    patterns = []
    for config in ("babel.cfg", "babel-staff.cfg"):
        patterns += re.findall(r"^\[\w+: (.+)\]$", (ROOT / config).read_text(), flags=re.MULTILINE)

    def covered(relative: str) -> bool:
        return any(fnmatch.fnmatch(relative, pattern.replace("**/", "*").replace("**", "*")) for pattern in patterns)

    marked = re.compile(r"(?<![\w.])(_|_l|gettext|ngettext|lazy_gettext|pgettext)\(")
    uncovered = []
    for folder, suffixes in (("portal", (".py",)), ("staff", (".py",)), ("advocacy", (".py",)),
                             ("templates", (".html", ".txt"))):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in suffixes and "procedure" not in path.parts and marked.search(path.read_text("utf-8")):
                relative = path.relative_to(ROOT).as_posix()
                if not covered(relative):
                    uncovered.append(relative)
    assert not uncovered, f"add these to babel.cfg or babel-staff.cfg: {uncovered}"


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


# ---------------------------------------------------------------------------------------------
# Arabic as shipped: the pages themselves, rendered, not only the catalogue. Strings that never
# reach messages.pot (a plural built from variables, a GOV.UK macro's English default such as the
# error message's hidden "Error:", the character count's JavaScript texts) are invisible to the
# catalogue tests above; here they show up as English on an Arabic page.
# ---------------------------------------------------------------------------------------------

# GOV.UK Frontend's English defaults and our own UI words: none may appear on an Arabic page, in its
# text or in the attributes that are read aloud or shown by JavaScript (data-i18n.*, aria-label, title).
ENGLISH_UI_WORDS = [
    "Error", "There is a problem", "characters remaining", "character remaining", "characters too many",
    "character too many", "You can enter up to", "Back", "Change", "Continue", "Send", "Exit this page",
    "Emergency", "Skip to main content", "Menu", "Day", "Month", "Year", "Loading", "Shift, press",
    "press 2 more times", "Exit this page expired", "Not given", "Support links", "Choose a language",
    "Service information", "Your answers", "Check your answers", "Privacy", "Accessibility statement",
    "Interpreters", "Using this site safely", "Sent", "Show", "Hide", "or",
]

# English that is right on an Arabic page: names, addresses, numbers, what the young person typed.
ALLOWED_ENGLISH = [
    "Children's Rights Service",  # the service's name in page titles: a setting (SERVICE_NAME)
    "Example County Council", "Childline", "English", "Selam", "Tigrinya", "After 4pm", "selam@example.com",
    "childrens.rights@example.gov.uk", "EASS", "WCAG", "ico.org.uk", "UK GDPR", "Art", "DPA",
]

# One valid answer per step, as a browser sends it, for the steps a young person's complaint takes.
STEP_ANSWERS = {
    "who": {"who_is_telling": "young_person"},
    "name": {"young_person_name": "Selam"},
    "age": {"dob_day": "", "dob_month": "", "dob_year": "", "age": "15"},
    "where": {"where_they_live": "foster_care", "service_or_worker": ""},
    "details": {"what_happened": "x" * 5001},  # over the limit first: the character count's error
    "hopes": {"what_would_help": ""},
    "advocate": {"advocate": "independent"},
    "contact": {"contact_method": "email", "contact_email": "selam@example.com"},
    "contact-safety": {"may_leave_message": "no", "safe_times": "After 4pm"},
    "interpreter": {"interpreter_needed": "yes", "interpreter_language": "Tigrinya"},
    "about-you": {"gender": "female", "ethnicity": "BAFR", "uas_child": "yes"},
}

READ_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


def _readable(body: str) -> list[str]:
    """Text a reader can meet: the title, every text node (visually hidden ones too, which screen
    readers announce), and the attributes that are shown or read (GOV.UK's JavaScript texts ride in
    data-i18n.* attributes)."""
    import html5lib

    document = html5lib.parse(body, namespaceHTMLElements=False)
    found = []
    for element in document.iter():
        if element.tag in ("script", "style"):
            continue
        for text in (element.text, element.tail):
            if text and text.strip():
                found.append(" ".join(text.split()))
        for name, value in element.attrib.items():
            if (name in READ_ATTRIBUTES or name.startswith("data-i18n")) and value.strip():
                found.append(value)
    return found


def _english_left(body: str) -> list[str]:
    import re

    problems = []
    for text in _readable(body):
        rest = text
        for allowed in ALLOWED_ENGLISH:
            rest = rest.replace(allowed, " ")
        for word in ENGLISH_UI_WORDS:
            if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", rest):
                problems.append(f"{word!r} in {text!r}")
        # Any run of three or more English words is a sentence nobody translated.
        if re.search(r"[A-Za-z]{2,}[ ,.:'’-]+[A-Za-z]{2,}[ ,.:'’-]+[A-Za-z]{2,}", rest):
            problems.append(f"English text {text!r}")
    return problems


def _arabic_pages(client) -> dict[str, str]:
    import re

    def token(body: str) -> str:
        return re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)

    pages: dict[str, str] = {}

    def get(path: str, name: str | None = None) -> str:
        response = client.get(path)
        pages[name or path] = response.get_data(as_text=True)
        return pages[name or path]

    def post(path: str, data: dict, name: str) -> object:
        response = client.post(path, data={"csrf_token": csrf, **data})
        if response.status_code == 200:
            pages[name] = response.get_data(as_text=True)
        return response

    get("/?lang=ar", "/")
    for path in ["/using-this-site-safely", "/accessibility", "/privacy", "/interpreters", "/check",
                 "/check/lost-code", "/tell-us/start"]:
        get(path)
    csrf = token(pages["/tell-us/start"])
    post("/check", {}, "/check (error)")
    post("/check/lost-code", {}, "/check/lost-code (error)")
    post("/tell-us/start", {}, "/tell-us/start (error)")
    response = post("/tell-us/start", {"kind": "complaint"}, "/tell-us/start (sent)")
    while response.status_code == 303 and not response.headers["Location"].endswith("/tell-us/check"):
        slug = response.headers["Location"].rsplit("/", 1)[1]
        get(f"/tell-us/{slug}")
        post(f"/tell-us/{slug}", {}, f"/tell-us/{slug} (error)")
        response = post(f"/tell-us/{slug}", STEP_ANSWERS[slug], f"/tell-us/{slug} (answered)")
        if slug == "details":
            response = post("/tell-us/details", {"what_happened": "ما حدث"}, "/tell-us/details (fixed)")
    get("/tell-us/check")
    response = client.post("/tell-us/check", data={"csrf_token": csrf, "website": ""})
    if response.status_code == 303:
        get(response.headers["Location"], "/tell-us/sent")
    return pages


def test_public_pages_in_arabic_have_no_english_left(client):
    pages = _arabic_pages(client)
    assert "/tell-us/check" in pages and "/tell-us/details (answered)" in pages, sorted(pages)
    problems = [f"{name}: {problem}" for name, body in pages.items() for problem in _english_left(body)]
    assert not problems, "English on Arabic pages:\n" + "\n".join(sorted(set(problems))[:60])


def test_the_english_detector_sees_govuk_defaults():
    hidden = '<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> خطأ</p>'
    assert _english_left(f"<html><body>{hidden}</body></html>")
    count = '<div data-i18n.characters-under-limit.other="You have %{count} characters remaining"></div>'
    assert _english_left(f"<html><body>{count}</body></html>")
    assert not _english_left("<html><body><p>اتصل بـ Childline على 0800 1111</p></body></html>")


def test_character_count_has_every_arabic_plural_form(app):
    """GOV.UK's JavaScript picks a form by CLDR category (Intl.PluralRules): Arabic needs all six, and
    gettext's numbering differs from CLDR's ("many" is 11-99, gettext's index 5; "other" is 100-102,
    index 4), so each category must come out in its own grammatical form."""
    from portal.public.fields import character_count_texts

    with app.test_request_context("/?lang=ar"):
        texts = character_count_texts()
    under = texts["charactersUnderLimitText"]
    assert set(under) == {"zero", "one", "two", "few", "many", "other"}
    assert under["one"] == "بقي لديك حرف واحد" and under["two"] == "بقي لديك حرفان"
    assert under["few"] == "بقي لديك %{count} أحرف"  # 3-10: plural
    assert under["many"] == "بقي لديك %{count} حرفًا"  # 11-99: accusative singular
    assert under["other"] == "بقي لديك %{count} حرف"  # 100-102, 1000…: genitive singular
    assert set(texts["charactersOverLimitText"]) == set(under)
    assert texts["textareaDescriptionText"] == "يمكنك أن تكتب حتى %{count} من الأحرف"
    with app.test_request_context("/?lang=en"):
        english = character_count_texts()
    assert english["charactersUnderLimitText"] == {"one": "You have %{count} character remaining",
                                                   "other": "You have %{count} characters remaining"}


GETTEXT_CALLS = {"_": 1, "gettext": 1, "_l": 1, "lazy_gettext": 1, "ngettext": 2, "lazy_ngettext": 2,
                 "pgettext": 2, "lazy_pgettext": 2, "npgettext": 3}


def test_every_gettext_call_has_literal_strings():
    """``pybabel extract`` only sees string literals: ``ngettext(singular, plural, n)`` with variables
    ships English to every language and no catalogue test notices (the character count's texts did)."""
    import ast

    problems = []
    for folder in ("portal", "staff", "advocacy"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.Call):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                literal_count = GETTEXT_CALLS.get(name or "")
                if literal_count is None or name == "_" and not node.args:
                    continue
                leading = node.args[:literal_count]
                if len(leading) < literal_count or not all(
                        isinstance(arg, ast.Constant) and isinstance(arg.value, str) for arg in leading):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {name}() without literal strings")
    assert not problems, "\n".join(problems)
