"""Forms for triage: the triage decision, recording a contact that came another way, a new tracking code."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxesInput,
    GovCheckboxInput,
    GovRadioInput,
    GovSelect,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import (
    BooleanField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from portal.rendering import labels
from portal.text import accepted_date_field
from staff.forms import CHANNELS, REASON_MAX, GovDateTextInput, StaffForm, choices, date_field
from staff.forms.enquiries import MEMBER_KINDS

# Choices in the same plain words the rest of the staff area shows for these keys (one source).
ROUTES = list(labels.ROUTES.items())


ADVOCACY_GIVEN = list(labels.ADVOCACY_GIVEN.items())


STANDINGS = list(labels.STANDINGS.items())


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
    # Reg 9: the one-year limit.
    matter_happened_on = date_field(_l("When the matter complained about happened"), required=False)
    matter_date_not_known = BooleanField(_l("When it happened is not known"), widget=GovCheckboxInput())
    late_not_reasonable_in_time = BooleanField(
        _l("Received more than a year later: it was not reasonable to expect the complaint within the year "
           "(reg 9(2)(a))"), widget=GovCheckboxInput())
    late_still_fair = BooleanField(
        _l("Received more than a year later: it is still possible to consider it effectively and fairly "
           "(reg 9(2)(b))"), widget=GovCheckboxInput())
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
    member_name = StringField(_l("Name of the MP or councillor who enquired"), widget=GovTextInput(),
                              validators=[Length(max=200)])
    member_kind = RadioField(_l("They are"), widget=GovRadioInput(), validators=[Optional()],
                             choices=choices(MEMBER_KINDS))
    more_to_come = BooleanField(_l("This submission raises another separate matter: keep it in the queue"),
                                widget=GovCheckboxInput())
    submit = SubmitField(_l("Record the triage decision"), widget=GovSubmitInput())


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
    young_person_dob = accepted_date_field(_l("Young person's date of birth"), widget=GovDateTextInput(),
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


# What happens with a wishes-and-feelings contact (the route follows: safeguarding, duplicate, or the
# informal route with who acts on it).
WISHES_CHOICES = [
    ("social_worker", _l("Pass it to their social worker")),
    ("team", _l("Pass it to a team")),
    ("iro", _l("Pass it to their independent reviewing officer")),
    ("informal", _l("Help sort it out informally (advocacy helpdesk)")),
    ("safeguarding", _l("Safeguarding concern: refer it now")),
    ("duplicate", _l("Duplicate: the same matter as a case we already have")),
]


class WishesTriageForm(StaffForm):
    """Triage of wishes and feelings: their own routes and outcomes, not the complaint form."""

    wishes_action = RadioField(_l("What happens with what they told us"), widget=GovRadioInput(),
                               choices=choices(WISHES_CHOICES),
                               validators=[InputRequired(message=_l("Choose what happens with what they told us"))])
    on = date_field(_l("Date of the triage decision"))
    reason = TextAreaField(_l("Why"), widget=GovTextArea(),
                           validators=[DataRequired(message=_l("Say why you chose this")), Length(max=REASON_MAX)])
    wishes_team = SelectField(_l("Team it is passed to"), widget=GovSelect(), validate_choice=False,
                              description=_l("For a team; for a social worker or reviewing officer, their team, "
                                             "if known"))
    wishes_acted_by = StringField(_l("Who will act on it"), widget=GovTextInput(),
                                  description=_l("A name or a role, for example: Sam Jones, social worker"),
                                  validators=[Length(max=200)])
    wishes_act_by = accepted_date_field(_l("By when they will act"), widget=GovDateTextInput(), validators=[Optional()],
                              format="%Y-%m-%d")
    referred_to_team = SelectField(_l("Operational team the concern is referred to"), widget=GovSelect(),
                                   validate_choice=False)
    linked_case_reference = StringField(_l("Reference of the case this duplicates"), widget=GovTextInput(),
                                        validators=[Length(max=20)])
    more_to_come = BooleanField(_l("This submission raises another separate matter: keep it in the queue"),
                                widget=GovCheckboxInput())
    submit = SubmitField(_l("Record the triage decision"), widget=GovSubmitInput())

    def decision_data(self) -> dict:
        """The form's data as the triage decision reads it: the route follows from the choice."""
        action = self.wishes_action.data
        route = {"safeguarding": "safeguarding", "duplicate": "duplicate"}.get(action or "", "informal")
        return {**self.data, "route": route, "wishes_action": action if route == "informal" else None}


class MakeComplaintForm(StaffForm):
    """Wishes and feelings become a complaint only with the young person's agreement."""

    agreed = BooleanField(_l("The young person agreed to make a complaint"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Make it a complaint"), widget=GovSubmitInput())
