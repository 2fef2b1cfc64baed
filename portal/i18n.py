"""Languages: which ones exist, which are switched on, and how a request's language is chosen.

Names in the language menu are written by hand in each language's own script (Babel's names are
wrong for some we need, e.g. it calls Dari "فارسی (افغانستان)"). ``tag`` is the BCP 47 tag for
``<html lang>``; ``code`` is the gettext catalogue's folder name.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app, request, session
from flask_babel import Domain, get_locale


@dataclass(frozen=True)
class Language:
    code: str
    tag: str
    native_name: str
    english_name: str
    direction: str = "ltr"
    # "reviewed" only once a fluent speaker has checked it (docs/translations.md says who and when).
    review_status: str = "drafted"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "en-GB", "English", "English", review_status="source"),
        Language("ar", "ar", "العربية", "Arabic", direction="rtl"),
        Language("fa", "fa", "فارسی", "Farsi", direction="rtl"),
        Language("fa_AF", "fa-AF", "دری", "Dari", direction="rtl"),
        Language("ps", "ps", "پښتو", "Pashto", direction="rtl"),
        Language("ckb", "ckb", "کوردی سۆرانی", "Kurdish Sorani", direction="rtl"),
        Language("ti", "ti", "ትግርኛ", "Tigrinya"),
        Language("am", "am", "አማርኛ", "Amharic"),
        Language("sq", "sq", "Shqip", "Albanian"),
        Language("vi", "vi", "Tiếng Việt", "Vietnamese"),
        Language("so", "so", "Soomaali", "Somali"),
        Language("fr", "fr", "Français", "French"),
        Language("uk", "uk", "Українська", "Ukrainian"),
    )
}

# Every language is offered only once its compiled catalogue ships (translations/CODE/LC_MESSAGES/
# messages.mo): a half-added language never reaches a young person as English behind its own name.

DEFAULT_LANGUAGE = "en"

# The staff, advocacy and sign-in areas are English, and their strings live in a gettext domain of
# their own ("staff", extracted by babel-staff.cfg into translations/staff.pot): a new language for
# young people means translating only the "messages" domain, which is what they can meet.
STAFF_BLUEPRINTS = frozenset({"staff", "advocacy", "auth"})
STAFF_DOMAIN = Domain(domain="staff")


def in_staff_area() -> bool:
    return request.blueprint in STAFF_BLUEPRINTS


def use_staff_domain() -> None:
    """Before each request: staff areas translate through the staff domain (English)."""
    if in_staff_area():
        STAFF_DOMAIN.as_default()


def normalise_code(value: str) -> str:
    """A setting or a link may name a language by its BCP 47 tag (``fa-AF``) or its catalogue
    code (``fa_AF``), in any case: both mean the same catalogue."""
    wanted = value.strip().replace("-", "_").lower()
    return next((code for code in LANGUAGES if code.lower() == wanted), value.strip())


def shipped_codes(directory: str | Path) -> frozenset[str]:
    """Languages whose compiled public catalogue exists (English needs none)."""
    root = Path(directory)
    return frozenset({DEFAULT_LANGUAGE} | {code for code in LANGUAGES
                                           if (root / code / "LC_MESSAGES" / "messages.mo").is_file()})


def enabled_languages() -> list[Language]:
    """Languages offered to young people, in menu order: shipped AND switched on.

    The ``LANGUAGES`` setting is a list of codes, or ``all`` (the default) for every shipped one.
    English is always on.
    """
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    cached = app.extensions.get("portal_languages")
    if cached is None:
        setting = app.config.get("LANGUAGES") or ["all"]
        if isinstance(setting, str):
            setting = [item for item in setting.split(",") if item.strip()]
        wanted = {normalise_code(code) for code in setting}
        shipped = shipped_codes(app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";")[0])
        cached = [language for code, language in LANGUAGES.items()
                  if code in shipped and (code == DEFAULT_LANGUAGE or "all" in wanted or code in wanted)]
        app.extensions["portal_languages"] = cached
    return cached


def select_locale() -> str:
    """``?lang=`` first, then the session, then the browser's Accept-Language, then English.

    Staff areas are always English (the choice a young person made is kept for the public pages).
    """
    if in_staff_area():
        return DEFAULT_LANGUAGE
    enabled, by_tag = _enabled_codes_and_tags()
    asked = request.args.get("lang")
    asked = normalise_code(asked) if asked else None
    if asked in enabled:
        session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in enabled:
        return remembered
    if "Accept-Language" not in request.headers:
        return DEFAULT_LANGUAGE
    best = request.accept_languages.best_match(sorted(by_tag))
    return by_tag[best] if best else DEFAULT_LANGUAGE


def _enabled_codes_and_tags() -> tuple[frozenset[str], dict[str, str]]:
    """The enabled codes, and the BCP 47 tag browsers send for each (fa-AF; a catalogue code matches
    only its own tag): worked out once for each list of enabled languages, not on every request."""
    languages = enabled_languages()
    kept = current_app.extensions.get("portal_language_tags")
    if kept is None or kept[0] is not languages:
        codes = frozenset(language.code for language in languages)
        kept = (languages, codes, {LANGUAGES[code].tag: code for code in codes})
        current_app.extensions["portal_language_tags"] = kept
    return kept[1], kept[2]


def current_language() -> Language:
    locale = get_locale()
    code = str(locale) if locale else DEFAULT_LANGUAGE
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])
