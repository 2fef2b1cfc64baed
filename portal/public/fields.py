"""Template helpers that turn WTForms fields into GOV.UK macro parameters (public pages)."""

from __future__ import annotations

from typing import Any

from babel import Locale
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from markupsafe import Markup

from portal.public import bp

# A number that falls in each CLDR plural category, for the languages we may serve.
_SAMPLES = {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 11, "other": 100}


@bp.app_template_global()
def field_error(field: Any) -> dict[str, str] | None:
    return {"text": str(field.errors[0])} if field.errors else None


@bp.app_template_global()
def radio_items(field: Any, hints: dict[str, Any] | None = None,
                conditionals: dict[str, Markup] | None = None) -> list[dict[str, Any]]:
    items = []
    for choice in field.iter_choices():
        value = choice.value
        item: dict[str, Any] = {"value": value, "text": str(choice.label), "checked": choice.selected}
        if hints and value in hints:
            item["hint"] = {"text": str(hints[value])}
        if conditionals and value in conditionals:
            item["conditional"] = {"html": conditionals[value]}
        items.append(item)
    return items


def _plural_forms(singular: str, plural: str) -> dict[str, str]:
    locale = get_locale() or Locale("en")
    categories = set(locale.plural_form.rules) | {"other"}
    samples = {**_SAMPLES, "other": 2} if categories == {"one", "other"} else _SAMPLES
    return {category: ngettext(singular, plural, samples[category]) for category in sorted(categories)}


@bp.app_template_global()
def character_count_texts() -> dict[str, Any]:
    """GOV.UK's character count messages in the reader's language, with every plural form it needs."""
    return {
        "textareaDescriptionText": _("You can enter up to %{count} characters"),
        "charactersUnderLimitText": _plural_forms("You have %%{count} character remaining",
                                                  "You have %%{count} characters remaining"),
        "charactersAtLimitText": _("You have 0 characters remaining"),
        "charactersOverLimitText": _plural_forms("You have %%{count} character too many",
                                                 "You have %%{count} characters too many"),
    }


def _register_globals() -> None:
    from portal.public import choices

    bp.add_app_template_global(choices, "public_choices")


_register_globals()
