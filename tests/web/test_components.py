"""The cached GOV.UK components render exactly what the GOV.UK macros render (portal/rendering/components.py)."""

from __future__ import annotations

import pytest
from markupsafe import Markup

from portal.rendering.components import COMPONENTS

ITEMS = [{"value": f"v{i}", "text": f"Choice <{i}>", "checked": i == 2} for i in range(26)]
CASES = {
    "govukRadios": [
        {"name": "gender", "idPrefix": "gender", "classes": "govuk-radios--small", "items": ITEMS,
         "fieldset": {"legend": {"text": "How do you describe your gender?", "classes": "govuk-fieldset__legend--m"}}},
        {"name": "who", "items": [{"value": "a", "text": "A", "hint": {"html": Markup("<b>bold</b>")}},
                                  {"divider": "or"}, {"value": "b", "html": Markup("<i>B</i>")}],
         "errorMessage": {"text": "Choose one", "visuallyHiddenText": "Error"}},
        # the same text, once escaped and once as markup: two different renderings, two keys
        {"name": "x", "items": [{"value": "a", "text": "<i>A</i>"}]},
        {"name": "x", "items": [{"value": "a", "html": "<i>A</i>"}]},
    ],
    "govukCheckboxes": [{"name": "c", "items": ITEMS[:5], "hint": {"text": "Choose all that apply"}}],
    "govukButton": [{"text": "Continue", "preventDoubleClick": True}, {"text": "Send", "classes": "app-x"}],
    "govukBackLink": [{"href": "/tell-us/who", "text": "Back"}],
}


@pytest.mark.parametrize("name", sorted(COMPONENTS))
def test_cached_markup_is_the_macros_markup(app, name):
    with app.test_request_context("/"):
        component = app.jinja_env.globals[name]
        for params in CASES[name]:
            expected = component.macro()(params)
            assert component(params) == expected  # first call: rendered and kept
            assert component(params) == expected  # second call: from the cache
            assert isinstance(component(params), Markup)


def test_escaped_text_and_markup_are_told_apart(app):
    with app.test_request_context("/"):
        radios = app.jinja_env.globals["govukRadios"]
        text, html = CASES["govukRadios"][2], CASES["govukRadios"][3]
        assert radios(text) != radios(html)
        assert "&lt;i&gt;A&lt;/i&gt;" in radios(text) and "<i>A</i>" in radios(html)


def test_a_call_that_may_hold_typed_text_is_never_kept(app):
    with app.test_request_context("/"):
        radios = app.jinja_env.globals["govukRadios"]
        params = {"name": "where", "items": [
            {"value": "other", "text": "Somewhere else",
             "conditional": {"html": Markup('<input name="place" value="what a child typed">')}}]}
        before = len(radios._kept)
        assert "what a child typed" in radios(params)
        assert len(radios._kept) == before
        assert not any("what a child typed" in str(markup) for markup in radios._kept.values())
