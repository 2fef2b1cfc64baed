from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import GovPasswordInput, GovSubmitInput, GovTextInput
from wtforms import EmailField, PasswordField, StringField, SubmitField
from wtforms.validators import DataRequired, Email, Length, Regexp

from portal.text import TypedTextMeta


class SignInForm(FlaskForm):
    class Meta(TypedTextMeta):
        pass

    email = EmailField(
        _l("Email address"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter your email address")),
            Email(message=_l("Enter an email address in the correct format, like name@example.gov.uk")),
        ],
    )
    password = PasswordField(
        _l("Password"),
        widget=GovPasswordInput(),
        validators=[DataRequired(message=_l("Enter your password"))],
    )
    submit = SubmitField(_l("Continue"), widget=GovSubmitInput())


class CodeForm(FlaskForm):
    class Meta(TypedTextMeta):
        pass

    code = StringField(
        _l("Code from your authenticator app"),
        widget=GovTextInput(),
        validators=[
            DataRequired(message=_l("Enter the 6-digit code from your authenticator app")),
            Regexp(r"^\s*\d{3}\s?\d{3}\s*$", message=_l("The code must be 6 digits, like 123456")),
            Length(max=12),
        ],
    )
    submit = SubmitField(_l("Sign in"), widget=GovSubmitInput())
