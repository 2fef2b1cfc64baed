"""Forms for the casework beyond the stages (issue 11): enquiries, learning, restrictions, documents."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from portal.casework.enquiries import TEXT_MAX
from staff.forms import REASON_MAX, StaffForm, choices, date_field

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


class CorrectiveActionForm(StaffForm):
    action_type = SelectField(_l("Type of action"), widget=GovSelect(), validate_choice=False,
                              validators=[DataRequired(message=_l("Choose a type of action"))])
    description = TextAreaField(_l("What will be done"), widget=GovTextArea(),
                                validators=[DataRequired(message=_l("Say what will be done")),
                                            Length(max=REASON_MAX)])
    owner = StringField(_l("Owner (the person responsible)"), widget=GovTextInput(),
                        validators=[DataRequired(message=_l("Enter who owns the action")), Length(max=200)])
    stage = RadioField(_l("Stage it comes from"), widget=GovRadioInput(),
                       choices=choices([("1", _l("Stage 1")), ("2", _l("Stage 2")), ("3", _l("Stage 3"))]),
                       validators=[InputRequired(message=_l("Choose the stage"))])
    due_on = date_field(_l("Due date"))
    submit = SubmitField(_l("Add the action"), widget=GovSubmitInput())


class CompleteActionForm(StaffForm):
    on = date_field(_l("Date completed"))
    submit = SubmitField(_l("Record that it is complete"), widget=GovSubmitInput())


class ImpactForm(StaffForm):
    on = date_field(_l("Date of the assessment"))
    impact = TextAreaField(_l("Impact: what changed because of the action"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Describe the impact")), Length(max=REASON_MAX)])
    submit = SubmitField(_l("Record the impact"), widget=GovSubmitInput())


class PlanForm(StaffForm):
    debrief_on = date_field(_l("Date of the team debrief"), required=False)
    notes = TextAreaField(_l("Notes on the plan"), widget=GovTextArea(), validators=[Length(max=REASON_MAX)])
    submit = SubmitField(_l("Save the plan"), widget=GovSubmitInput())


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


class DocumentForm(StaffForm):
    """The file itself is read from ``request.files`` and checked by ``portal.casework.documents``; this form
    carries the CSRF token and the description."""

    document = StringField(_l("File"))  # rendered as a file input by the template
    description = StringField(_l("What it is (optional)"), widget=GovTextInput(),
                              description=_l("For example: the investigation report, a letter from the school."),
                              validators=[Length(max=200)])
    submit = SubmitField(_l("Attach the document"), widget=GovSubmitInput())
