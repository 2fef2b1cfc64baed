"""Forms for learning: corrective actions, their completion and impact, and corrective action plans."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from staff.forms import REASON_MAX, StaffForm, choices, date_field


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
