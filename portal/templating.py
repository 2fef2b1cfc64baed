"""Jinja set-up: GOV.UK Frontend macros, and the globals every page needs."""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from flask import Flask, current_app, request
from flask_babel import format_date, gettext
from flask_login import current_user
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChoiceLoader, FileSystemLoader, PackageLoader, PrefixLoader

from portal import labels
from portal.i18n import current_language, enabled_languages
from portal.permissions import has_permission


def url_with_language(code: str) -> str:
    """The current page in another language. Only ``lang`` is kept: URLs carry nothing personal."""
    args = {key: value for key, value in request.args.items(multi=True) if key != "lang"}
    args["lang"] = code
    return f"{request.path}?{urlencode(args)}"


def plain_date(value: date) -> str:
    """'Friday 12 December 2025' in the reader's language: how young people are told dates."""
    return format_date(value, "EEEE d MMMM y")


def _template_globals() -> dict[str, Any]:
    language = current_language()
    return {
        "language": language,
        "languages": enabled_languages(),
        "url_with_language": url_with_language,
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
    WTFormsHelpers(app)
    labels.init_app(app)
    app.context_processor(_template_globals)
