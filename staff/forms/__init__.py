"""Staff forms: triage and stage 1. Choices that come from the database are filled in by the view."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from werkzeug.datastructures import MultiDict
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.casework.common import STAFF_CHANNELS, CaseworkError
from portal.casework.responses import LETTER_MAX
from portal.i18n import LANGUAGES
from portal.procedure import uk_today
from portal.rendering import labels
from portal.text import lf

REASON_MAX = 2000


class GovDateTextInput(GovTextInput):
    """A native date input: staff pages only (young people get GOV.UK's day/month/year fields)."""

    input_type = "date"


def date_field(label: str, *, required: bool = True) -> DateField:
    validators = [InputRequired(message=_l("Enter a date, like 2026-11-26"))] if required else [Optional()]
    return DateField(label, widget=GovDateTextInput(), validators=validators, default=uk_today,
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

    class Meta:
        def wrap_formdata(self, form: Any, formdata: Any) -> Any:
            data = super().wrap_formdata(form, formdata)
            if data is None:
                return None
            return MultiDict([(key, lf(value)) for key, value in data.items(multi=True)])


def choices(pairs: list[tuple[str, object]]) -> list[SelectChoice]:
    return [SelectChoice(value, str(label)) for value, label in pairs]


# Choices in the same plain words the rest of the staff area shows for these keys (one source).
ROUTES = list(labels.ROUTES.items())
ADVOCACY_GIVEN = list(labels.ADVOCACY_GIVEN.items())
OUTCOMES = list(labels.FINDINGS.items())  # a stage 1 outcome chosen by staff is never "not applicable"
FINDINGS = OUTCOMES
STANDINGS = list(labels.STANDINGS.items())
CHANNELS = [(key, labels.CHANNELS[key]) for key in STAFF_CHANNELS]


class TriageForm(StaffForm):
    route = RadioField(_l("Route"), widget=GovRadioInput(), choices=choices(ROUTES),
                       validators=[InputRequired(message=_l("Choose a route"))])
    on = date_field(_l("Date of the triage decision"))
    reason = TextAreaField(_l("Why this route"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Say why you chose this route")),
                                       Length(max=REASON_MAX)])
    # Statutory complaint
    team = SelectField(_l("Team complained about"), widget=GovSelect(), validate_choice=False)
    categories = SelectMultipleField(_l("Categories"), widget=GovCheckboxesInput(), validate_choice=False)
    main_category = SelectField(_l("Main category"), widget=GovSelect(), validate_choice=False)
    points = TextAreaField(_l("Points of complaint, one per line"), widget=GovTextArea(),
                           validators=[Length(max=10000)])
    responding_manager = SelectField(_l("Manager who will write the stage 1 response"), widget=GovSelect(),
                                     validate_choice=False)
    subject_staff = SelectMultipleField(_l("Staff the complaint is about (they will never see it)"),
                                        widget=GovCheckboxesInput(), validate_choice=False)
    standing = RadioField(
        _l("Who is the person complaining to the child? (only for someone complaining for a child)"),
        widget=GovRadioInput(), choices=choices(STANDINGS), validators=[Optional()],
    )
    sufficient_interest = RadioField(
        _l("Someone else: do they have sufficient interest in the child's welfare?"),
        widget=GovRadioInput(), validators=[Optional()],
        choices=choices([("yes", _l("Yes")), ("no", _l("No: an alternative route, with the reason"))]),
    )
    sufficient_interest_reason = TextAreaField(_l("Reason for the sufficient interest decision"),
                                               widget=GovTextArea(), validators=[Length(max=REASON_MAX)])
    child_views = TextAreaField(_l("The child's own views, where they can be had"), widget=GovTextArea(),
                                validators=[Length(max=REASON_MAX)])
    late_complaint_reason = TextAreaField(
        _l("If the matter is more than a year old: why the complaint is accepted"), widget=GovTextArea(),
        validators=[Length(max=REASON_MAX)])
    advocacy_given = RadioField(_l("Advocacy support given"), widget=GovRadioInput(), validators=[Optional()],
                                choices=choices(ADVOCACY_GIVEN))
    # Other routes
    referred_to_team = SelectField(_l("Operational team the concern is referred to"), widget=GovSelect(),
                                   validate_choice=False)
    alternative_route = StringField(_l("Route the person was told about"), widget=GovTextInput(),
                                    validators=[Length(max=500)])
    linked_case_reference = StringField(_l("Reference of the case this duplicates"), widget=GovTextInput(),
                                        validators=[Length(max=20)])
    more_to_come = BooleanField(_l("This submission raises another separate matter: keep it in the queue"),
                                widget=GovCheckboxInput())
    submit = SubmitField(_l("Record the triage decision"), widget=GovSubmitInput())


class ButtonForm(StaffForm):
    """A form that is only a button (claim, release): the CSRF token is all it carries."""


class ActionForm(StaffForm):
    class Meta:
        csrf = False  # part of the response form, which carries the token

    description = StringField(_l("Action"), widget=GovTextInput(), validators=[Length(max=1000)])
    action_type = SelectField(_l("Type"), widget=GovSelect(), validate_choice=False)
    owner = StringField(_l("Owner"), widget=GovTextInput(), validators=[Length(max=200)])
    due_on = DateField(_l("Due"), widget=GovDateTextInput(), validators=[Optional()], format="%Y-%m-%d")


class Stage1ResponseForm(StaffForm):
    on = date_field(_l("Date of the stage 1 response"))
    outcome = RadioField(_l("Overall outcome"), widget=GovRadioInput(), choices=choices(OUTCOMES),
                         validators=[InputRequired(message=_l("Choose the overall outcome"))])
    resolution = SelectField(_l("How it was put right (resolution category)"), widget=GovSelect(),
                             validate_choice=False)
    learning = RadioField(
        _l("Learning"), widget=GovRadioInput(),
        choices=choices([("yes", _l("Corrective actions were identified")),
                         ("no", _l("No corrective action"))]),
        validators=[InputRequired(message=_l("Say whether there was learning"))],
    )
    actions = FieldList(FormField(ActionForm), min_entries=3, max_entries=10)
    letter = TextAreaField(
        _l("The response letter"), widget=GovTextArea(),
        description=_l("The young person reads this on their tracking page, and you can print it. Leave a "
                       "blank line between paragraphs. Start a line with \"- \" for a bulleted list, or "
                       "\"1. \" for a numbered one. Put **two stars** around words to make them bold."),
        validators=[DataRequired(message=_l("Write the response letter")), Length(max=LETTER_MAX)],
    )
    letter_language = SelectField(_l("Language the letter is written in"), widget=GovSelect(), default="en",
                                  choices=choices([(code, lang.english_name) for code, lang in LANGUAGES.items()]))
    submit = SubmitField(_l("Record the response"), widget=GovSubmitInput())


class ReasonForm(StaffForm):
    """Mark not applicable: a date and a recorded reason."""

    on = date_field(_l("Date"))
    reason = TextAreaField(_l("Reason"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Give the reason")), Length(max=REASON_MAX)])
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class ExtensionForm(StaffForm):
    """Extend stage 1: decided before the deadline, with a reason and the new date the complainant is told."""

    on = date_field(_l("Date the extension was decided"))
    reason = TextAreaField(_l("Why the case is complex enough to need more time"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Give the reason")), Length(max=REASON_MAX)])
    complainant_told_on = date_field(_l("Date the complainant was told the new date"))
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class Stage2ExtensionForm(ExtensionForm):
    """Extend stage 2: to any limit from 26 to 65 working days."""

    to = IntegerField(_l("New time limit, in working days (26 to 65)"), widget=GovTextInput(),
                      validators=[InputRequired(message=_l("Enter the new time limit, like 40")),
                                  NumberRange(min=26, max=65, message=_l("Enter a number from 26 to 65"))])


class RequestForm(StaffForm):
    """A request for the next stage that came by letter, phone, email or in person."""

    on = date_field(_l("Date the request was received"))
    channel = RadioField(_l("How it came"), widget=GovRadioInput(), choices=choices(CHANNELS),
                         validators=[InputRequired(message=_l("Choose how it came"))])
    submit = SubmitField(_l("Record the request"), widget=GovSubmitInput())


class ReviewDeferralForm(StaffForm):
    on = date_field(_l("Date of the review"))
    review_date = date_field(_l("Next review date"))
    submit = SubmitField(_l("Record the review"), widget=GovSubmitInput())


class DateOnlyForm(StaffForm):
    """Withdraw, resume, close: a date."""

    on = date_field(_l("Date"))
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class DeferForm(StaffForm):
    on = date_field(_l("Date consideration is deferred"))
    review_date = date_field(_l("Review date"))
    reason = TextAreaField(_l("Court proceedings or criminal investigation that would be prejudiced"),
                           widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Give the reason")), Length(max=REASON_MAX)])
    submit = SubmitField(_l("Defer"), widget=GovSubmitInput())


class LateRequestForm(StaffForm):
    on = date_field(_l("Date of the decision"))
    accept = RadioField(_l("Accept the late request?"), widget=GovRadioInput(),
                        choices=choices([("yes", _l("Yes, consider it")), ("no", _l("No"))]),
                        validators=[InputRequired(message=_l("Choose yes or no"))])
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


KINDS = list(labels.SUBMISSION_KINDS.items())
WHO = list(labels.WHO_IS_TELLING.items())


class RecordContactForm(StaffForm):
    """A complaint or contact that came by phone, letter or email, typed in by staff."""

    kind = RadioField(_l("What it is"), widget=GovRadioInput(), choices=choices(KINDS),
                      validators=[InputRequired(message=_l("Choose what it is"))])
    channel = RadioField(_l("How it came"), widget=GovRadioInput(), choices=choices(CHANNELS),
                         validators=[InputRequired(message=_l("Choose how it came"))])
    received_on = date_field(_l("Date received"))
    who_is_telling = RadioField(_l("Who told us"), widget=GovRadioInput(), choices=choices(WHO),
                                validators=[InputRequired(message=_l("Choose who told us"))])
    language = SelectField(_l("Language"), widget=GovSelect())  # choices: the view's language list
    young_person_name = StringField(_l("Young person's name (leave empty if not given)"), widget=GovTextInput(),
                                    validators=[Length(max=200)])
    young_person_dob = DateField(_l("Young person's date of birth"), widget=GovDateTextInput(),
                                 validators=[Optional()], format="%Y-%m-%d")
    young_person_age = StringField(_l("Young person's age, if the date of birth is not known"),
                                   widget=GovTextInput(), validators=[Optional(), Length(max=3)])
    submitter_name = StringField(_l("Name of the person who contacted us, if not the young person"),
                                 widget=GovTextInput(), validators=[Length(max=200)])
    contact = StringField(_l("How to contact them safely"), widget=GovTextInput(), validators=[Length(max=500)])
    what_happened = TextAreaField(_l("What happened, in their words"), widget=GovTextArea(),
                                  validators=[DataRequired(message=_l("Write what happened")), Length(max=5000)])
    what_would_help = TextAreaField(_l("What they would like to happen"), widget=GovTextArea(),
                                    validators=[Length(max=5000)])
    submit = SubmitField(_l("Add to the triage queue"), widget=GovSubmitInput())


class CorrectTriageForm(StaffForm):
    on = date_field(_l("Date of the correction"))
    route = RadioField(_l("The right route"), widget=GovRadioInput(), choices=choices(ROUTES),
                       validators=[InputRequired(message=_l("Choose a route"))])
    reason = TextAreaField(_l("Why the route is corrected"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Give the reason")), Length(max=REASON_MAX)])
    submit = SubmitField(_l("Record the correction"), widget=GovSubmitInput())


class NewTrackingCodeForm(StaffForm):
    """Re-issue a young person's tracking code, after checking who they are."""

    identity_checked = BooleanField(
        _l("I have checked who they are"), widget=GovCheckboxInput(),
        validators=[InputRequired(message=_l("Check who they are before you give a new code"))],
    )
    channel = RadioField(
        _l("How will they get the new code?"), widget=GovRadioInput(),
        choices=choices([("email", _l("Email it to the address they gave")),
                         ("in_person", _l("Show it to me once: I will pass it on in person or by phone"))]),
        validators=[InputRequired(message=_l("Choose how they will get the code"))],
    )
    submit = SubmitField(_l("Make a new code"), widget=GovSubmitInput())
