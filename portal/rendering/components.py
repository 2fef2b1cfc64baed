"""GOV.UK Frontend components whose markup is rendered once per distinct input, then reused.

GOV.UK's Jinja macros are most of a form page's server time (a 26-choice ``govukRadios`` is several
milliseconds). Their output depends only on the parameters given, so each distinct set of parameters
is rendered by the real macro once per process and kept (a bounded LRU): the markup is identical
byte for byte (``tests/unit/test_components.py`` holds the two equal), and so are the page checks and
axe. Parameters that may carry what a young person typed (a follow-up question's ``conditional``
HTML, any ``value`` of a text field) are never kept: those calls render directly.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any

from jinja2 import Environment
from markupsafe import Markup

# name -> (macro template, keys whose presence means the call holds typed text)
COMPONENTS = {
    "govukRadios": ("govuk_frontend_jinja/components/radios/macro.html", ("conditional",)),
    "govukCheckboxes": ("govuk_frontend_jinja/components/checkboxes/macro.html", ("conditional",)),
    "govukButton": ("govuk_frontend_jinja/components/button/macro.html", ()),
    "govukBackLink": ("govuk_frontend_jinja/components/back-link/macro.html", ()),
}


class _Uncacheable(Exception):
    pass


def _freeze(value: Any, refuse: tuple[str, ...]) -> Any:
    """A hashable key that tells apart everything the macro could render differently (Markup is not
    escaped, a plain string is), or _Uncacheable when the call may carry typed text."""
    if isinstance(value, dict):
        if any(value.get(key) for key in refuse):
            raise _Uncacheable
        return ("d", tuple(sorted((str(k), _freeze(v, refuse)) for k, v in value.items())))
    if isinstance(value, list | tuple):
        return ("l", tuple(_freeze(v, refuse) for v in value))
    if isinstance(value, Markup):
        return ("m", str(value))
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if type(value).__name__ == "LazyString":  # flask_babel's lazy_gettext: rendered as its text
        return str(value)
    raise _Uncacheable


class CachedComponent:
    def __init__(self, environment: Environment, template: str, name: str, refuse: tuple[str, ...],
                 size: int = 1024) -> None:
        self._environment = environment
        self._template = template
        self._name = name
        self._refuse = refuse
        self._size = size
        self._kept: OrderedDict[Any, Markup] = OrderedDict()
        self._lock = threading.Lock()

    def macro(self) -> Any:
        return getattr(self._environment.get_template(self._template).module, self._name)

    def __call__(self, params: dict[str, Any] | None = None) -> Markup:
        params = params or {}
        try:
            key = _freeze(params, self._refuse)
        except _Uncacheable:
            return self.macro()(params)
        with self._lock:
            kept = self._kept.get(key)
            if kept is not None:
                self._kept.move_to_end(key)
                return kept
        markup = self.macro()(params)
        with self._lock:
            self._kept[key] = markup
            if len(self._kept) > self._size:
                self._kept.popitem(last=False)
        return markup


def init_app(environment: Environment) -> None:
    """Make the cached components Jinja globals: templates call them without importing the macro."""
    for name, (template, refuse) in COMPONENTS.items():
        environment.globals[name] = CachedComponent(environment, template, name, refuse)
