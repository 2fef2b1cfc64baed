"""The advocates' forms. Choices in the words of ``advocacy.labels``."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovTextArea, GovTextInput
from wtforms import DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, Optional

from advocacy import labels
from portal.procedure import uk_today
from portal.text import TypedTextMeta, accepted_date_field

TEXT_MAX = 5000


class GovDateTextInput(GovTextInput):
    input_type = "date"


def choices(mapping: dict) -> list[SelectChoice]:
    return [SelectChoice(key, str(value)) for key, value in mapping.items()]


def date_field(label: str, *, required: bool = True, default: Any = uk_today) -> DateField:
    validators = [InputRequired(message=_l("Enter a date, like 2026-11-26"))] if required else [Optional()]
    return accepted_date_field(label, widget=GovDateTextInput(), validators=validators, default=default,
                               format="%Y-%m-%d")


def radios(label: str, mapping: dict, message: str) -> RadioField:
    return RadioField(label, widget=GovRadioInput(), choices=choices(mapping),
                      validators=[InputRequired(message=message)])


def area(label: str, *, required: str | None = None, limit: int = TEXT_MAX) -> TextAreaField:
    validators = [InputRequired(message=required)] if required else [Optional()]
    return TextAreaField(label, widget=GovTextArea(), validators=[*validators, Length(
        max=limit, message=_l("Keep it to %(max)d characters or fewer"))])


class AdvocacyForm(FlaskForm):
    """Posted text loses untypable control characters and has CRLF as LF, like every staff form."""

    class Meta(TypedTextMeta):
        pass


class ButtonForm(AdvocacyForm):
    """Only a button: the CSRF token is all it carries."""


class MessageForm(AdvocacyForm):
    body = area(_l("Your message"), required=_l("Write your message"))


class ContactForm(AdvocacyForm):
    on = date_field(_l("Date of the contact"))
    method = radios(_l("How were you in touch?"), labels.CONTACT_METHODS, _l("Choose how you were in touch"))
    minutes = StringField(_l("How long, in minutes"), widget=GovTextInput(),
                          validators=[InputRequired(message=_l("Enter how long the contact took in minutes, "
                                                               "like 45"))])
    note = area(_l("Note (optional)"))
    next_due = date_field(_l("Next contact due by (optional)"), required=False, default=None)


class CloseForm(AdvocacyForm):
    outcome = radios(_l("Outcome of the advocacy"), labels.OUTCOMES, _l("Choose the outcome of the advocacy"))
    note = area(_l("What happened (needed for “Other”)"))
    on = date_field(_l("Date the advocacy ended"))


class ComplaintForm(AdvocacyForm):
    what_happened = area(_l("What is the complaint about, in the young person's words?"),
                         required=_l("Say what the complaint is about"))
    what_would_help = area(_l("What would the young person like to happen? (optional)"))


class ConcernForm(AdvocacyForm):
    details = area(_l("Describe the concern"), required=_l("Describe the concern"))
    team = SelectField(_l("Operational team (if you know it)"), widget=GovSelect(), validate_choice=False)


class AvailabilityForm(AdvocacyForm):
    available = radios(_l("Are you taking new cases?"),
                       {"yes": _l("Yes, I am taking new cases"), "no": _l("No, not at the moment")},
                       _l("Choose whether you are taking new cases"))
    note = StringField(_l("Note for the Children's Rights Service (optional)"), widget=GovTextInput(),
                       validators=[Optional(), Length(max=500, message=_l("Keep it to 500 characters or fewer"))])


class HelplineForm(AdvocacyForm):
    on = date_field(_l("Date of the contact"))
    caller = radios(_l("Who got in touch?"), labels.HELPLINE_CALLERS, _l("Choose who got in touch"))
    method = radios(_l("How did they get in touch?"), labels.CONTACT_METHODS, _l("Choose how they got in touch"))
    summary = area(_l("What did they need help or advice with?"),
                   required=_l("Say what they needed help or advice with"))
    outcome = radios(_l("Outcome"), labels.HELPLINE_OUTCOMES, _l("Choose the outcome"))
    outcome_note = area(_l("About the outcome (needed for “Other”)"))
