"""The administrator's forms: a new account, and changing one (roles, team, expiry)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovPasswordInput,
    GovSelect,
    GovSubmitInput,
    GovTextInput,
)
from wtforms import EmailField, PasswordField, SelectField, SelectMultipleField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length

from portal.permissions import ROLE_LABELS
from staff.forms import StaffForm, choices, date_field

ROLES = list(ROLE_LABELS.items())


def _roles() -> SelectMultipleField:
    return SelectMultipleField(_l("Roles"), widget=GovCheckboxesInput(), choices=choices(ROLES),
                               validators=[DataRequired(message=_l("Choose at least one role"))])


def _team() -> SelectField:
    return SelectField(_l("Team (an operational manager needs one)"), widget=GovSelect(), validate_choice=False)


def _expires_on():  # type: ignore[no-untyped-def]
    return date_field(_l("Last day the account may sign in (external accounts only; optional)"), required=False)


class NewAccountForm(StaffForm):
    email = EmailField(_l("Email address"), widget=GovTextInput(), validators=[
        DataRequired(message=_l("Enter their email address")),
        Email(message=_l("Enter an email address in the correct format, like name@example.gov.uk")),
        Length(max=254)])
    name = StringField(_l("Full name"), widget=GovTextInput(), validators=[
        DataRequired(message=_l("Enter their name")), Length(max=200)])
    password = PasswordField(_l("First password (give it to them in person; at least 12 characters)"),
                             widget=GovPasswordInput(), validators=[DataRequired(message=_l("Enter a password")),
                                                                    Length(max=200)])
    roles = _roles()
    team = _team()
    expires_on = _expires_on()
    submit = SubmitField(_l("Create the account"), widget=GovSubmitInput())


class AccountForm(StaffForm):
    """Roles, team and expiry: the part of an account an administrator changes."""

    roles = _roles()
    team = _team()
    expires_on = _expires_on()
    submit = SubmitField(_l("Save the account"), widget=GovSubmitInput())
