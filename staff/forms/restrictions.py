"""Forms for restricting a complainant's contact, and reviewing the restriction."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from staff.forms import REASON_MAX, StaffForm, choices, date_field


class RestrictionForm(StaffForm):
    who = RadioField(_l("Whose contact is restricted"), widget=GovRadioInput(), validate_choice=False,
                     validators=[InputRequired(message=_l("Choose whose contact is restricted"))])
    restriction = TextAreaField(_l("What is restricted"), widget=GovTextArea(),
                                description=_l("For example: contact by email only, to one named officer."),
                                validators=[DataRequired(message=_l("Say what is restricted")),
                                            Length(max=REASON_MAX)])
    reason = TextAreaField(_l("Why: the persistent or unreasonable behaviour"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Say why the restriction is needed")),
                                       Length(max=REASON_MAX)])
    approved_by = StringField(_l("Approved by (name and role)"), widget=GovTextInput(),
                              validators=[DataRequired(message=_l("Enter who approved the restriction")),
                                          Length(max=200)])
    starts_on = date_field(_l("Starts on"))
    review_on = date_field(_l("Review by"))
    submit = SubmitField(_l("Record the restriction"), widget=GovSubmitInput())


class ReviewRestrictionForm(StaffForm):
    on = date_field(_l("Date of the review"))
    decision = RadioField(_l("Decision"), widget=GovRadioInput(),
                          choices=choices([("keep", _l("Keep it, with a new review date")),
                                           ("end", _l("End the restriction"))]),
                          validators=[InputRequired(message=_l("Choose whether to keep or end it"))])
    next_review_on = date_field(_l("Next review by (if kept)"), required=False)
    reason = TextAreaField(_l("Reason (if ended)"), widget=GovTextArea(), validators=[Length(max=REASON_MAX)])
    submit = SubmitField(_l("Record the review"), widget=GovSubmitInput())
