"""Forms for MP and Councillor enquiries."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.casework.enquiries import TEXT_MAX
from staff.forms import StaffForm, choices, date_field

MEMBER_KINDS = [("mp", _l("Member of Parliament (MP)")), ("councillor", _l("County Councillor"))]


class EnquiryForm(StaffForm):
    member_name = StringField(_l("Name of the MP or councillor"), widget=GovTextInput(),
                              validators=[DataRequired(message=_l("Enter the name of the MP or councillor")),
                                          Length(max=200)])
    member_kind = RadioField(_l("They are"), widget=GovRadioInput(), choices=choices(MEMBER_KINDS),
                             validators=[InputRequired(message=_l("Choose MP or County Councillor"))])
    received_on = date_field(_l("Date the enquiry was received"))
    person_name = StringField(
        _l("Name of the young person or family member it concerns"), widget=GovTextInput(),
        description=_l("As the service records people: we look for them among known complainants and young people."),
        validators=[DataRequired(message=_l("Enter the name of the person it concerns")), Length(max=200)])
    person_date_of_birth = date_field(_l("Their date of birth, if known"), required=False)
    about = TextAreaField(_l("What the enquiry is about"), widget=GovTextArea(), validators=[Length(max=TEXT_MAX)])
    submit = SubmitField(_l("Save the enquiry"), widget=GovSubmitInput())


class EnquiryResponseForm(StaffForm):
    on = date_field(_l("Date of the response"))
    response = TextAreaField(_l("The response, or a summary of it"), widget=GovTextArea(),
                             validators=[DataRequired(message=_l("Enter the response, or a summary of it")),
                                         Length(max=TEXT_MAX)])
    submit = SubmitField(_l("Record the response"), widget=GovSubmitInput())
