"""Template helpers that turn WTForms fields into GOV.UK macro parameters (public pages)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from babel import Locale
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup

from portal.public import page_cache
from portal.public.blueprint import bp

# A number that falls in each CLDR plural category, for the languages we may serve.
_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 100}


@bp.app_template_global()
def error_message(text: Any) -> dict[str, str]:
    """GOV.UK's error message parameters, with the hidden prefix screen readers announce ("Error:")
    in the reader's language: the macro's default is English."""
    return {"text": str(text), "visuallyHiddenText": _("Error")}


@bp.app_template_global()
def field_error(field: Any) -> dict[str, str] | None:
    return error_message(field.errors[0]) if field.errors else None


@bp.app_template_global()
def radio_items(field: Any, hints: dict[str, Any] | None = None,
                conditionals: dict[str, Markup] | None = None) -> list[dict[str, Any]]:
    keeping = page_cache.keeping()
    if keeping and conditionals:
        # A revealed follow-up question's class depends on the answer: not a hole a kept page has.
        raise RuntimeError(f"{field.name}: a question with follow-up questions cannot be kept")
    items = []
    for choice in field.iter_choices():
        value = choice.value
        item: dict[str, Any] = {"value": value, "text": str(choice.label), "checked": choice.selected}
        if keeping:
            item["checked"] = False
            item["attributes"] = page_cache.choice_mark(field.name, value)
        if hints and value in hints:
            item["hint"] = {"text": str(hints[value])}
        if conditionals and value in conditionals:
            item["conditional"] = {"html": conditionals[value]}
        items.append(item)
    return items


def _plural_forms(message: Callable[[int], str]) -> dict[str, str]:
    """``message`` for a number in each CLDR plural category the reader's language has (Arabic has
    six: zero, one, two, few, many, other), as GOV.UK's JavaScript wants them."""
    locale = get_locale() or Locale("en")
    categories = set(locale.plural_form.rules) | {"other"}
    return {category: message(_sample(locale, category)) for category in sorted(categories)}


def _sample(locale: Locale, category: str) -> int:
    """A whole number in ``category`` for this language: the usual one where it belongs there (Arabic's
    11 for "many", 100 for "other"), else the smallest (French "many" is a million, Ukrainian "few" 2)."""
    usual = _SAMPLES.get(category)
    if usual is not None and locale.plural_form(usual) == category:
        return usual
    return next((n for n in (*range(0, 200), 1_000_000) if locale.plural_form(n) == category), usual or 100)


# Each message is a literal ``ngettext`` call, so ``pybabel extract`` finds it (a call with variables
# is never extracted: that is how these once shipped in English on Arabic pages). GOV.UK's JavaScript
# fills in ``%{count}``; gettext's own placeholder is ``%(count)s``.
_COUNT = "%{count}"


def _under_limit(n: int) -> str:
    return ngettext("You have %(count)s character remaining", "You have %(count)s characters remaining", n,
                    count=_COUNT)


def _over_limit(n: int) -> str:
    return ngettext("You have %(count)s character too many", "You have %(count)s characters too many", n,
                    count=_COUNT)


@bp.app_template_global()
def character_count_texts() -> dict[str, Any]:
    """GOV.UK's character count messages in the reader's language, with every plural form it needs."""
    return {
        "textareaDescriptionText": _("You can enter up to %(count)s characters", count=_COUNT),
        "charactersUnderLimitText": _plural_forms(_under_limit),
        "charactersAtLimitText": _("You have 0 characters remaining"),
        "charactersOverLimitText": _plural_forms(_over_limit),
    }


def _register_globals() -> None:
    from portal.public import choices

    bp.add_app_template_global(choices, "public_choices")


_register_globals()
