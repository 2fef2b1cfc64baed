"""Languages: which ones exist, which are switched on, and how a request's language is chosen.

Names in the language menu are written by hand in each language's own script (Babel's names are
wrong for some we need, e.g. it calls Dari "فارسی (افغانستان)"). ``tag`` is the BCP 47 tag for
``<html lang>``; ``code`` is the gettext catalogue's folder name.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    )
}

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


def enabled_languages() -> list[Language]:
    """Languages this council has switched on (``LANGUAGES`` setting); English is always on."""
    wanted = current_app.config.get("LANGUAGES") or [DEFAULT_LANGUAGE]
    codes = [DEFAULT_LANGUAGE] + [code for code in wanted if code != DEFAULT_LANGUAGE]
    return [LANGUAGES[code] for code in codes if code in LANGUAGES]


def select_locale() -> str:
    """``?lang=`` first, then the session, then the browser's Accept-Language, then English.

    Staff areas are always English (the choice a young person made is kept for the public pages).
    """
    if in_staff_area():
        return DEFAULT_LANGUAGE
    enabled = {lang.code for lang in enabled_languages()}
    asked = request.args.get("lang")
    if asked in enabled:
        session["lang"] = asked
        return asked
    remembered = session.get("lang")
    if remembered in enabled:
        return remembered
    best = request.accept_languages.best_match(sorted(enabled))
    return best or DEFAULT_LANGUAGE


def current_language() -> Language:
    locale = get_locale()
    code = str(locale) if locale else DEFAULT_LANGUAGE
    return LANGUAGES.get(code, LANGUAGES[DEFAULT_LANGUAGE])
