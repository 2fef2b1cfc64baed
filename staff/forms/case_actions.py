"""Forms for what staff record on a case: the stage 1 response, extensions, deferral, requests for
the next stage and the decision on a late one, and corrections of the triage route."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    FieldList,
    FormField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from portal.casework.responses import LETTER_MAX
from portal.i18n import LANGUAGES
from portal.text import FewDigits, accepted_date_field
from staff.forms import CHANNELS, OUTCOMES, REASON_MAX, GovDateTextInput, StaffForm, choices, date_field
from staff.forms.triage import ROUTES


class ActionForm(StaffForm):
    class Meta:
        csrf = False  # part of the response form, which carries the token

    description = StringField(_l("Action"), widget=GovTextInput(), validators=[Length(max=1000)])
    action_type = SelectField(_l("Type"), widget=GovSelect(), validate_choice=False)
    owner = StringField(_l("Owner"), widget=GovTextInput(), validators=[Length(max=200)])
    due_on = accepted_date_field(_l("Due"), widget=GovDateTextInput(), validators=[Optional()], format="%Y-%m-%d")


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
                                  FewDigits(2, message=_l("Enter a number from 26 to 65")),
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


DEFERRAL_GROUNDS = [
    ("criminal", _l("A criminal investigation or criminal proceedings")),
    ("court", _l("Court proceedings (for example care or family proceedings)")),
    ("tribunal", _l("Tribunal proceedings")),
    ("disciplinary", _l("Disciplinary proceedings")),
    ("other_investigation", _l("Another statutory investigation or inquiry")),
]


class DeferForm(StaffForm):
    on = date_field(_l("Date consideration is deferred"))
    review_date = date_field(_l("Review date"))
    # Reg 8(1): what considering it now would prejudice (portal.casework.deferral.DEFERRAL_GROUNDS).
    ground = RadioField(_l("What would considering it now prejudice? (reg 8)"), widget=GovRadioInput(),
                        choices=choices(DEFERRAL_GROUNDS),
                        validators=[DataRequired(message=_l("Choose what considering it now would prejudice"))])
    reason = TextAreaField(_l("The proceedings or investigation, and why considering it now would prejudice them"),
                           widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Give the reason")), Length(max=REASON_MAX)])
    complainant_told_on = date_field(_l("Date the complainant was told about the deferral"))
    submit = SubmitField(_l("Defer"), widget=GovSubmitInput())


class LateRequestForm(StaffForm):
    on = date_field(_l("Date of the decision"))
    accept = RadioField(_l("Accept the late request?"), widget=GovRadioInput(),
                        choices=choices([("yes", _l("Yes, consider it")), ("no", _l("No"))]),
                        validators=[InputRequired(message=_l("Choose yes or no"))])
    submit = SubmitField(_l("Record the decision"), widget=GovSubmitInput())


class CorrectTriageForm(StaffForm):
    on = date_field(_l("Date of the correction"))
    route = RadioField(_l("The right route"), widget=GovRadioInput(), choices=choices(ROUTES),
                       validators=[InputRequired(message=_l("Choose a route"))])
    reason = TextAreaField(_l("Why the route is corrected"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Give the reason")), Length(max=REASON_MAX)])
    submit = SubmitField(_l("Record the correction"), widget=GovSubmitInput())


class LegalHoldForm(StaffForm):
    reason = TextAreaField(_l("Why the case is held"), widget=GovTextArea(),
                           description=_l("For example the inquiry or the proceedings, and who asked."),
                           validators=[DataRequired(message=_l("Say why the case is held")), Length(max=500)])
    submit = SubmitField(_l("Place the legal hold"), widget=GovSubmitInput())


class LiftHoldForm(StaffForm):
    submit = SubmitField(_l("Lift the legal hold"), widget=GovSubmitInput())


class EraseForm(StaffForm):
    reason = TextAreaField(
        _l("The request, and why the law allows erasure"), widget=GovTextArea(),
        description=_l("Names, contact details, dates of birth, what they wrote and every note go for good; the "
                       "figures the annual report counts stay. This cannot be undone."),
        validators=[DataRequired(message=_l("Give the request and the decision")), Length(max=200)])
    submit = SubmitField(_l("Erase the personal data"), widget=GovSubmitInput())
