"""Staff forms for stages 2 and 3 and the Ombudsman. Choices of people are filled in by the view."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.casework.responses import LETTER_MAX
from portal.i18n import LANGUAGES
from portal.text import accepted_date_field
from staff.forms import OUTCOMES, REASON_MAX, GovDateTextInput, StaffForm, choices, date_field

YES_NO = [("no", _l("No")), ("yes", _l("Yes"))]

STAGE2_DECISIONS = [
    ("investigation", _l("Investigation (an independent investigator and an independent person)")),
    ("management_review", _l("Management review")),
    ("mediation", _l("Independent mediation")),
    ("alternative_route", _l("Not progressed: an alternative route")),
    ("withdrawn", _l("Not progressed: withdrawn")),
    ("referred_back", _l("Referred back to the service for a fuller stage 1 response")),
]

OMBUDSMAN_DECISIONS = [
    ("not_investigated", _l("Not investigated")),
    ("no_fault", _l("Investigated: no fault")),
    ("fault_no_injustice", _l("Investigated: fault without injustice")),
    ("fault_injustice", _l("Investigated: fault causing injustice")),
]


def optional_date(label: str) -> DateField:
    return accepted_date_field(label, widget=GovDateTextInput(), validators=[Optional()], format="%Y-%m-%d")


def _radio(label: str, pairs: list, message: str) -> RadioField:
    return RadioField(label, widget=GovRadioInput(), choices=choices(pairs),
                      validators=[InputRequired(message=message)])


class Stage2DecisionForm(StaffForm):
    on = date_field(_l("Date of the decision"))
    decision = _radio(_l("How is the stage 2 request answered?"), STAGE2_DECISIONS,
                      _l("Choose how the stage 2 request is answered"))
    reason = TextAreaField(_l("The alternative route given, or why it is referred back (leave empty otherwise)"),
                           widget=GovTextArea(), validators=[Length(max=REASON_MAX)])
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


def _person(label: str, message: str) -> SelectField:
    return SelectField(label, widget=GovSelect(), validate_choice=False,
                       validators=[DataRequired(message=message)])


class AppointInvestigationForm(StaffForm):
    investigator = _person(_l("Independent investigator"), _l("Choose the independent investigator"))
    independent_person = _person(_l("Independent person"), _l("Choose the independent person"))
    appointed_on = date_field(_l("Date of appointment"))
    ends_on = date_field(_l("Appointment ends on (their access to the case ends after this day, or when stage 2 "
                            "ends if sooner)"), today_by_default=False)
    council_member = _radio(_l("Is the independent person a member (councillor) of the council?"), YES_NO,
                            _l("Record whether the independent person is a council member"))
    council_officer = _radio(_l("Is the independent person an officer (employee) of the council?"), YES_NO,
                             _l("Record whether the independent person is a council officer"))
    spouse_or_partner = _radio(_l("Is the independent person the spouse or civil partner of a council member "
                                  "or officer?"), YES_NO,
                               _l("Record whether the independent person is the spouse or civil partner of one"))
    submit = SubmitField(_l("Appoint them"), widget=GovSubmitInput())


class AppointPanelForm(StaffForm):
    on = date_field(_l("Date the panel is appointed"))
    member_1 = _person(_l("Panel member 1 (chair)"), _l("Choose the panel's chair"))
    member_2 = _person(_l("Panel member 2"), _l("Choose the second panel member"))
    member_3 = _person(_l("Panel member 3"), _l("Choose the third panel member"))
    ends_on = date_field(_l("Appointments end on (their access to the case ends after this day, or when stage 3 "
                            "ends if sooner)"), today_by_default=False)
    declared = BooleanField(
        _l("Each member has declared that they are not a member or officer of the council, nor the spouse or "
           "civil partner of one"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Appoint the panel"), widget=GovSubmitInput())


class HoldPanelForm(StaffForm):
    on = date_field(_l("Date the panel met"))
    advocate_attended = _radio(_l("Did the young person's advocate attend?"),
                               [("yes", _l("Yes")), ("no", _l("No")), ("none", _l("There is no advocate"))],
                               _l("Say whether the advocate attended"))
    submit = SubmitField(_l("Record the panel meeting"), widget=GovSubmitInput())


class PanelReportForm(StaffForm):
    on = date_field(_l("Date the panel's report was sent"))
    to_complainant = BooleanField(_l("Sent to the complainant"), widget=GovCheckboxInput())
    to_advocate = BooleanField(_l("Sent to the young person's advocate"), widget=GovCheckboxInput())
    to_independent_person = BooleanField(_l("Sent to the stage 2 independent person"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Record the report"), widget=GovSubmitInput())


class StageResponseForm(StaffForm):
    """The stage 2 adjudication; the stage 3 response adds who answered and what it said."""

    on = date_field(_l("Date of the response"))
    outcome = _radio(_l("Overall outcome"), OUTCOMES, _l("Choose the overall outcome"))
    letter = TextAreaField(
        _l("Response letter"), widget=GovTextArea(),
        description=_l("The young person reads this on their tracking page. Start a line with \"- \" for a "
                       "bulleted list, \"1. \" for a numbered one. Put **two stars** around words to make them "
                       "bold."),
        validators=[DataRequired(message=_l("Write the response letter")), Length(max=LETTER_MAX)],
    )
    letter_language = SelectField(_l("Language the letter is written in"), widget=GovSelect(), default="en",
                                  choices=choices([(code, lang.english_name) for code, lang in LANGUAGES.items()]))
    submit = SubmitField(_l("Record the response"), widget=GovSubmitInput())


class Stage3ResponseForm(StageResponseForm):
    responded_by = _person(_l("Deputy director who made the response"),
                           _l("Choose the deputy director who made the response"))
    with_independent_person = BooleanField(_l("Made together with the stage 2 independent person"),
                                           widget=GovCheckboxInput())
    ombudsman_told = BooleanField(_l("The letter tells the complainant they can go to the Ombudsman"),
                                  widget=GovCheckboxInput())


class OmbudsmanEnquiryForm(StaffForm):
    enquired_on = date_field(_l("Date the Ombudsman enquired"))
    reference = StringField(_l("Ombudsman reference"), widget=GovTextInput(), validators=[Length(max=40)])
    information_requested = TextAreaField(_l("Information requested (leave empty if none)"), widget=GovTextArea(),
                                          validators=[Length(max=REASON_MAX)])
    information_due_on = optional_date(_l("Information due by"))
    submit = SubmitField(_l("Record the enquiry"), widget=GovSubmitInput())


class OmbudsmanDecisionForm(StaffForm):
    decided_on = date_field(_l("Date of the Ombudsman's decision"))
    decision = _radio(_l("The Ombudsman's decision"), OMBUDSMAN_DECISIONS, _l("Choose the Ombudsman's decision"))
    remedy = TextAreaField(_l("Remedy asked for (leave empty if none)"), widget=GovTextArea(),
                           validators=[Length(max=REASON_MAX)])
    remedy_due_on = optional_date(_l("Remedy due by"))
    public_report = BooleanField(_l("The Ombudsman issued a public report"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


class EndAppointmentForm(StaffForm):
    appointment = _person(_l("Whose appointment ends"), _l("Choose whose appointment ends"))
    on = date_field(_l("From which day they may no longer see the case (today ends it at once)"))
    submit = SubmitField(_l("End the appointment"), widget=GovSubmitInput())
