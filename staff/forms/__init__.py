"""What every staff form shares: the base form (text cleaned before any field sees it), date fields,
choices, and putting an operation's problems on the fields they belong to. The forms themselves are in
the module of the area they serve (``staff.forms.triage``, ``case_actions``, ``stages`` …)."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovSubmitInput,
    GovTextInput,
)
from wtforms import (
    DateField,
    SubmitField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional

from portal.casework.common import STAFF_CHANNELS, CaseworkError
from portal.procedure import uk_today
from portal.rendering import labels
from portal.text import TypedTextMeta, accepted_date_field

REASON_MAX = 2000


class GovDateTextInput(GovTextInput):
    """A native date input: staff pages only (young people get GOV.UK's day/month/year fields)."""

    input_type = "date"


def date_field(label: str, *, required: bool = True, today_by_default: bool = True) -> DateField:
    """A date, today by default when one is required and today is the likely answer; an optional date
    (a date of birth "if known") and a date in the future (when an appointment ends) start empty."""
    validators = [InputRequired(message=_l("Enter a date, like 2026-11-26"))] if required else [Optional()]
    default = uk_today if required and today_by_default else None
    return accepted_date_field(label, widget=GovDateTextInput(), validators=validators, default=default,
                               format="%Y-%m-%d")


def _field(form: FlaskForm, name: str) -> Any:
    """A form's field by its HTML name, also inside a list of sub-forms ("actions-0-owner")."""
    if name in form._fields:
        return form._fields[name]
    head, _sep, rest = name.partition("-")
    index, _sep, sub = rest.partition("-")
    entries = form._fields.get(head)
    if entries is not None and index.isdigit() and int(index) < len(entries.entries):
        return entries.entries[int(index)].form._fields.get(sub)
    return None


def put_errors(form: FlaskForm, error: CaseworkError, fallback: str | None = None) -> None:
    """Each problem on its field (a field that already has an error keeps just that one); anything not
    about a field goes on ``fallback``, else the form's first field."""
    problems = error.problems or {fallback or next(iter(form._fields)): str(error)}
    for name, message in problems.items():
        target = _field(form, name) or _field(form, fallback or "") or next(iter(form._fields.values()))
        if not target.errors:
            target.errors = [message]


def put_response_errors(form: FlaskForm, error: CaseworkError) -> dict[str, str]:
    """A stage response refused: the per-point findings' problems, returned for the page to show beside
    each point, and every other problem put on its field (on the outcome when it names none)."""
    findings = {k: v for k, v in error.problems.items() if k.startswith("finding-")}
    others = {k: v for k, v in error.problems.items() if not k.startswith("finding-")}
    if others or not findings:
        put_errors(form, CaseworkError(str(error), problems=others), fallback="outcome")
    return findings


class StaffForm(FlaskForm):
    """Every staff form: whatever is posted loses untypable control characters (a NUL byte made
    PostgreSQL answer 500, and echoed back into a page it is invalid HTML) and has CRLF as LF, as the
    public forms do."""

    class Meta(TypedTextMeta):
        pass


def choices(pairs: list[tuple[str, object]]) -> list[SelectChoice]:
    return [SelectChoice(value, str(label)) for value, label in pairs]


OUTCOMES = list(labels.FINDINGS.items())  # a stage 1 outcome chosen by staff is never "not applicable"
FINDINGS = OUTCOMES
CHANNELS = [(key, labels.CHANNELS[key]) for key in STAFF_CHANNELS]


class ButtonForm(StaffForm):
    """A form that is only a button (claim, release): the CSRF token is all it carries."""


class DateOnlyForm(StaffForm):
    """Withdraw, resume, close: a date."""

    on = date_field(_l("Date"))
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())
