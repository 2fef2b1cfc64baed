"""Jinja set-up: GOV.UK Frontend macros, and the globals every page needs."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Flask, current_app, request, url_for
from flask_babel import format_date, gettext
from flask_login import current_user
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader
from markupsafe import Markup

from portal.i18n import current_language, enabled_languages
from portal.permissions import has_permission
from portal.rendering import components, labels


def url_with_language(code: str) -> str:
    """The current page in another language, built from the matched route, never from the raw path.

    The raw path is whatever was asked for: on a 404 for ``/%5Cevil.example`` it is ``/\\evil.example``,
    which a browser reads as another site. A page with no route (an error page) links to the start
    page instead. The query is kept (minus ``lang``): URLs carry nothing personal.
    """
    if request.url_rule is None or request.endpoint is None:
        return url_for("public.start", lang=code)
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    # The query is added by hand: handing it to url_for would let ``?_external=…`` steer the link.
    return f"{url_for(request.endpoint, **(request.view_args or {}))}?{urlencode([*args, ('lang', code)])}"


def _current_page() -> str | None:
    """This page's path and query (minus ``lang``), rebuilt from the matched route; None for a page
    with no route (an error page), whose raw path may be hostile."""
    if request.url_rule is None or request.endpoint is None or request.blueprint != "public":
        return None
    args = [(key, value) for key, value in request.args.items(multi=True) if key != "lang"]
    path = url_for(request.endpoint, **(request.view_args or {}))
    return f"{path}?{urlencode(args)}" if args else path


def language_page_url() -> str:
    """The header's "Language" link: the language page, told which page to come back to."""
    if request.endpoint == "public.language":
        return request.full_path if request.query_string else url_for("public.language")
    page = _current_page()
    return url_for("public.language", next=page) if page else url_for("public.language")


def same_site_page(value: str | None) -> str | None:
    """A page of this site's public area named by ``?next=``, rebuilt from its route, or None.

    Only a path that matches a public GET route comes back, rebuilt by ``url_for`` (never echoed):
    ``//evil.example``, ``/\\evil.example`` or ``javascript:`` can never become a link.
    """
    from urllib.parse import parse_qsl, urlsplit

    from werkzeug.exceptions import HTTPException
    from werkzeug.routing import RequestRedirect

    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return None
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None
    try:
        endpoint, view_args = current_app.url_map.bind("localhost").match(parts.path, method="GET")
    except (HTTPException, RequestRedirect):
        return None
    if not endpoint.startswith("public.") or endpoint in {"public.language", "public.exit_page"}:
        return None
    args = [(key, item) for key, item in parse_qsl(parts.query) if key not in {"lang", "next"}]
    path = url_for(endpoint, **view_args)
    return f"{path}?{urlencode(args)}" if args else path


def with_language(page: str, code: str) -> str:
    return f"{page}{'&' if '?' in page else '?'}{urlencode([('lang', code)])}"


def plain_date(value: date) -> str:
    """'Friday 12 December 2025' in the reader's language: how young people are told dates.

    English keeps the British order; every other language takes its own CLDR "full" date (its order,
    its commas, Ukrainian's "р."), and a locale with thin data falls back to day, month, year.
    """
    from flask_babel import get_locale

    locale = get_locale()
    if locale is None or locale.language == "en":
        return format_date(value, "EEEE d MMMM y")
    try:
        return format_date(value, "full")
    except (KeyError, ValueError, AttributeError):
        return format_date(value, "d MMMM y")


def isolate_ltr(value: object) -> str:
    """Latin text (a reference, a code) inside right-to-left plain text, as in an email: wrapped in
    invisible left-to-right isolation marks (U+2066 … U+2069) so it keeps its order and does not
    drag the punctuation around it to the wrong side. HTML uses ``dir="ltr"`` with ``.app-ltr``."""
    text = str(value)
    return f"\u2066{text}\u2069" if current_language().is_rtl else text


def plain_number(value: int | float) -> str:
    """A number with the reader's grouping and decimal signs (5,000 / 5 000 / 5.000)."""
    from flask_babel import format_decimal

    return format_decimal(value)


def phone_link(number: str) -> Markup:
    """A phone number a young person can tap to call: ``tel:`` with the digits only (``+`` kept).

    ``dir="ltr"`` isolates the number, so "0800 1111" is not read as "1111 0800" inside Arabic text.
    Pass it into a translated string as a placeholder: the string stays escaped, the link does not.
    """
    dial = re.sub(r"[^\d+]", "", number.replace("(0)", "") if number.startswith("+") else number)
    return Markup('<a class="govuk-link app-phone app-ltr" href="tel:{}" dir="ltr">{}</a>').format(dial, number)


def external_link(href: str, text: str) -> Markup:
    """A link to another organisation's site, to put into a translated string as a placeholder."""
    return Markup('<a class="govuk-link" href="{}" rel="noreferrer noopener">{}</a>').format(href, text)


def internal_link(href: str, text: str) -> Markup:
    return Markup('<a class="govuk-link" href="{}">{}</a>').format(href, text)


def email_link(address: str) -> Markup:
    return Markup('<a class="govuk-link app-ltr" href="mailto:{}" dir="ltr">{}</a>').format(address, address)


def _template_globals() -> dict[str, Any]:
    language = current_language()
    return {
        "language": language,
        "languages": enabled_languages(),
        "url_with_language": url_with_language,
        "language_page_url": language_page_url,
        "can": lambda permission: has_permission(current_user, permission),
        "settings": current_app.config,
        "error_summary_title": gettext("There is a problem"),
    }


def init_templating(app: Flask) -> None:
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(app.template_folder),  # type: ignore[arg-type]
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.filters["plain_date"] = plain_date
    app.jinja_env.filters["plain_number"] = plain_number
    app.jinja_env.filters["isolate_ltr"] = isolate_ltr
    app.jinja_env.globals.update(phone_link=phone_link, email_link=email_link, with_language=with_language,
                                  external_link=external_link, internal_link=internal_link)
    WTFormsHelpers(app)
    components.init_app(app.jinja_env)
    labels.init_app(app)
    app.context_processor(_template_globals)
