"""Forms for the public front door. Field names are the answer keys stored on the submission.

Every text answer is kept exactly as typed, except that line endings become LF: browsers send a line
break as CRLF (two characters) but the on-screen count shows one, so lengths are checked after that.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from flask_babel import format_decimal
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Optional, ValidationError

from portal.intake import codes
from portal.public import choices
from portal.text import TypedTextMeta, lf, month_number, western_digits

LONG_TEXT = 5000  # what happened, what would help, more information
SHORT_TEXT = 200  # names, relationships
MEDIUM_TEXT = 500  # addresses, safe times, how to reach a worker

PHONE_RE = re.compile(r"^\+?[\d\s().-]+$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")




def _choices(mapping: dict[str, Any]) -> list[SelectChoice]:
    return [SelectChoice(value=key, label=label) for key, label in mapping.items()]


class PublicForm(FlaskForm):
    """Every form of the front door: untypable control characters (NUL too) dropped, CRLF as LF."""

    class Meta(TypedTextMeta):
        pass


class MaxChars:
    """At most ``limit`` characters (after ``lf``), saying how many were written."""

    def __init__(self, limit: int, message: Any = None) -> None:
        self.limit = limit
        self.message = message

    def __call__(self, form: Any, field: Any) -> None:
        if field.data and len(field.data) > self.limit:
            if self.message is not None:
                raise ValidationError(str(self.message))
            raise ValidationError(self.describe(self.limit, len(field.data)))

    @staticmethod
    def describe(limit: int, count: int) -> str:
        return _("This must be %(limit)s characters or fewer. You have written %(count)s.",
                 limit=format_decimal(limit), count=format_decimal(count))


class LongTextMax(MaxChars):
    @staticmethod
    def describe(limit: int, count: int) -> str:
        return _("What you write must be %(limit)s characters or fewer. You have written %(count)s. "
                 "You can send the rest afterwards, as more information.",
                 limit=format_decimal(limit), count=format_decimal(count))


def text(label: Any, limit: int = SHORT_TEXT, required: Any = None, area: bool = False,
         digits: bool = False) -> Any:
    validators: list[Any] = [DataRequired(message=required)] if required else [Optional()]
    validators.append(LongTextMax(limit) if limit >= LONG_TEXT else MaxChars(limit))
    field = TextAreaField if area else StringField
    # ``digits``: Arabic or Persian digits (a phone number) are stored as 0-9.
    return field(label, filters=[lf, western_digits] if digits else [lf], validators=validators)


def radios(label: Any, mapping: dict[str, Any], required: Any = None) -> RadioField:
    validators = [InputRequired(message=required)] if required else [Optional()]
    return RadioField(label, choices=_choices(mapping), validators=validators)


class StepForm(PublicForm):
    """One step of the journey; ``answers()`` is what it adds to the saved answers.

    Messages say "you" to a young person answering for themselves; ``ABOUT_THEM`` gives the words for
    someone telling us about a young person (the view sets ``is_self``)."""

    is_self = True
    ABOUT_THEM: dict[str, tuple[Any, Any]] = {}  # field name: (the "you" message, the "they" message)

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if not self.is_self:
            for name, (yours, theirs) in self.ABOUT_THEM.items():
                field = self[name]
                field.errors = [str(theirs) if str(error) == str(yours) else error for error in field.errors]
        return ok

    def answers(self) -> dict[str, Any]:
        return {field.name: field.data for field in self if field.name != "csrf_token"}

    def fail(self, field: Any, message: Any) -> bool:
        field.errors = [*field.errors, str(message)]
        return False


class KindForm(StepForm):
    kind = radios(_l("What would you like to do?"), choices.KINDS, _l("Choose what you would like to do"))


class WhoForm(StepForm):
    who_is_telling = radios(_l("Who is telling us?"), choices.WHO, _l("Choose who is telling us"))


class YouForm(StepForm):
    your_name = text(_l("Your name"), required=_l("Enter your name"))
    your_relationship = text(
        _l("How do you know the young person?"),
        required=_l("Say how you know the young person, for example “I am her aunt” or “I am his teacher”"),
    )
    young_person_knows = radios(
        _l("Does the young person know you are telling us, and do they agree?"),
        choices.KNOWS_AND_AGREES,
        _l("Choose whether the young person knows, and whether they agree"),
    )


class NameForm(StepForm):
    young_person_name = text(_l("Name"))
    name_withheld = BooleanField(_l("I'd rather not say"))

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        typed = (self.young_person_name.data or "").strip()
        if not typed and not self.name_withheld.data:
            return self.fail(self.young_person_name, _l("Enter a name, or choose “I'd rather not say”"))
        if typed and self.name_withheld.data:
            return self.fail(self.young_person_name,
                             _l("You entered a name and chose “I'd rather not say”. Delete the name, "
                                "or untick “I'd rather not say”"))
        return ok


def _stripped(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


class AgeForm(StepForm):
    # Digits in Arabic or Persian form are read as 0-9 and stored that way; a month may be a word.
    dob_day = StringField(_l("Day"), filters=[lf, western_digits, _stripped],
                          validators=[Optional(), MaxChars(2, _l("Enter a real day"))])
    dob_month = StringField(_l("Month"), filters=[lf, month_number],
                            validators=[Optional(), MaxChars(2, _l("Enter a real month"))])
    dob_year = StringField(_l("Year"), filters=[lf, western_digits, _stripped],
                           validators=[Optional(), MaxChars(4, _l("Year must be 4 numbers"))])
    age = StringField(_l("Age"), filters=[lf, western_digits, _stripped],
                      validators=[Optional(), MaxChars(3, _l("Enter an age as a number, like 15"))])

    MAX_AGE = 25

    def date_of_birth(self) -> date | None:
        parts = [(f.data or "").strip() for f in (self.dob_year, self.dob_month, self.dob_day)]
        try:
            return date(*(int(p) for p in parts))
        except ValueError:
            return None

    def validate(self, extra_validators: Any = None) -> bool:
        from portal.procedure import uk_today

        if not super().validate(extra_validators):
            return False
        parts = [(f.data or "").strip() for f in (self.dob_day, self.dob_month, self.dob_year)]
        age = (self.age.data or "").strip()
        if not any(parts) and not age:
            return self.fail(self.dob_day, _l("Enter a date of birth, or an age"))
        if any(parts):
            if not all(parts):
                return self.fail(self.dob_day, _l("Date of birth must include a day, a month and a year"))
            if not all(p.isascii() and p.isdigit() for p in parts):
                return self.fail(self.dob_day, _l("Date of birth must be in numbers, like 27 3 2011, or "
                                                  "with the month as a word, like 27 March 2011"))
            if len(parts[2]) != 4:
                return self.fail(self.dob_day, _l("Year must be 4 numbers, like 2011"))
            born = self.date_of_birth()
            if born is None:
                return self.fail(self.dob_day, _l("Date of birth must be a real date"))
            today = uk_today()
            if born > today:
                return self.fail(self.dob_day, _l("Date of birth must be in the past"))
            years = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if years > self.MAX_AGE:
                return self.fail(self.dob_day, _l("We can help young people up to the age of 25. Check the year"))
        if age:
            if not (age.isascii() and age.isdigit()):
                return self.fail(self.age, _l("Enter an age as a number, like 15"))
            if int(age) > self.MAX_AGE:
                return self.fail(self.age, _l("We can help young people up to the age of 25. Check the age"))
        return True


class WhereForm(StepForm):
    where_they_live = radios(_l("Where do you live, or who supports you?"), choices.PLACES,
                             _l("Choose where you live, or “I'm not sure”"))
    ABOUT_THEM = {"where_they_live": (_l("Choose where you live, or “I'm not sure”"),
                                      _l("Choose where the young person lives, or “I'm not sure”"))}
    service_or_worker = text(_l("Which service or worker supports them? (optional)"), limit=MEDIUM_TEXT)


class DetailsForm(StepForm):
    what_happened = text(_l("What happened?"), limit=LONG_TEXT, area=True,
                         required=_l("Tell us what happened. You can write in any language"))


class HopesForm(StepForm):
    what_would_help = text(_l("What would you like to happen?"), limit=LONG_TEXT, area=True)


class WishesForm(StepForm):
    wishes = text(_l("What do you want people to know?"), limit=LONG_TEXT, area=True,
                  required=_l("Write what you want people to know. You can write in any language"))
    who_should_know = text(_l("Who should know it? (optional)"), limit=MEDIUM_TEXT)


class HelpForm(StepForm):
    help_wanted = text(_l("What would you like an advocate to help with?"), limit=LONG_TEXT, area=True,
                       required=_l("Write what you would like help with. You can write in any language"))


class _OwnChoiceMixin:
    def own_choice_ok(self: Any, ok: bool) -> bool:
        if self.advocate.data == "own_choice":
            if not (self.advocate_name.data or "").strip():
                ok = self.fail(self.advocate_name, _l("Enter the name of the person you choose"))
            if not (self.advocate_relationship.data or "").strip():
                ok = self.fail(self.advocate_relationship,
                               _l("Say who they are to you, for example “my aunt” or “my teacher”"))
        return ok


class AdvocateChoiceForm(StepForm, _OwnChoiceMixin):
    """An advocacy request: which advocate, and any preference. No "No": asking is the request."""

    advocate = radios(_l("Who would you like as your advocate?"), choices.ADVOCATE_CHOICES,
                      _l("Choose the advocate you would like, or “I do not mind”"))
    advocate_name = text(_l("Their name"))
    advocate_relationship = text(_l("Who they are to you"))
    advocate_gender = radios(_l("Would you like your advocate to be a woman or a man? (optional)"),
                             choices.ADVOCATE_GENDERS)
    advocate_language = text(_l("A language your advocate should speak (optional)"), limit=100)

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        return self.own_choice_ok(ok) if ok else ok


class AdvocateForm(StepForm, _OwnChoiceMixin):
    advocate = radios(_l("Would you like an advocate?"), choices.ADVOCATES,
                      _l("Choose whether you would like an advocate"))
    ABOUT_THEM = {"advocate": (_l("Choose whether you would like an advocate"),
                               _l("Choose whether the young person would like an advocate"))}
    advocate_name = text(_l("Their name"))
    advocate_relationship = text(_l("Who they are to you"))

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        return self.own_choice_ok(ok) if ok else ok


def _phone_ok(value: str) -> bool:
    digits = [ch for ch in value if ch.isdigit()]
    return bool(PHONE_RE.match(value.strip())) and 10 <= len(digits) <= 15


class ContactForm(StepForm):
    contact_method = radios(_l("How can we contact you safely?"), choices.CONTACT_METHODS,
                            _l("Choose how we can contact you, or “Do not contact me”"))
    contact_phone = text(_l("Phone number"), limit=40, digits=True)
    contact_text = text(_l("Mobile number"), limit=40, digits=True)
    contact_email = text(_l("Email address"), limit=254)
    contact_address = text(_l("Address"), limit=MEDIUM_TEXT, area=True)
    contact_worker_name = text(_l("Their name and job"), limit=SHORT_TEXT)
    contact_worker_how = text(_l("How can we reach them?"), limit=MEDIUM_TEXT)

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        method = self.contact_method.data
        if method in ("phone", "text"):
            field = self.contact_phone if method == "phone" else self.contact_text
            value = (field.data or "").strip()
            if not value:
                return self.fail(field, _l("Enter a phone number"))
            if not _phone_ok(value):
                return self.fail(field, _l("Enter a phone number, like 07700 900 982"))
        elif method == "email":
            value = (self.contact_email.data or "").strip()
            if not value:
                return self.fail(self.contact_email, _l("Enter an email address"))
            if not EMAIL_RE.match(value):
                return self.fail(self.contact_email,
                                 _l("Enter an email address in the correct format, like name@example.com"))
        elif method == "post":
            if not (self.contact_address.data or "").strip():
                return self.fail(self.contact_address, _l("Enter the address to write to"))
        elif method == "worker":
            if not (self.contact_worker_name.data or "").strip():
                ok = self.fail(self.contact_worker_name, _l("Enter the name and job of the worker or carer"))
            if not (self.contact_worker_how.data or "").strip():
                ok = self.fail(self.contact_worker_how, _l("Say how we can reach them, for example a phone number"))
        return ok


class ContactSafetyForm(StepForm):
    may_leave_message = radios(_l("Can we leave a message?"), choices.YES_NO,
                               _l("Choose yes if we can leave a message"))
    safe_times = text(_l("When is it safe to contact you? (optional)"), limit=MEDIUM_TEXT)


class InterpreterForm(StepForm):
    interpreter_needed = radios(_l("Do you need an interpreter?"), choices.YES_NO,
                                _l("Choose yes if you need an interpreter"))
    interpreter_language = text(_l("Which language?"), limit=100)

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if ok and self.interpreter_needed.data == "yes" and not (self.interpreter_language.data or "").strip():
            return self.fail(self.interpreter_language, _l("Enter the language you need"))
        return ok


class AboutYouForm(StepForm):
    gender = radios(_l("Gender"), choices.GENDERS)
    ethnicity = radios(_l("Ethnic group"), choices.ETHNICITIES)
    uas_child = radios(_l("Did you come to the UK on your own, without a parent or carer?"), choices.UAS)


class CheckForm(PublicForm):
    # A honeypot: hidden from people (CSS and aria-hidden), filled in by form-filling robots.
    website = StringField(_l("Leave this empty"))


class TrackForm(PublicForm):
    reference = StringField(_l("Reference"), validators=[InputRequired(message=_l("Enter your reference"))])
    code = StringField(_l("Code"), validators=[InputRequired(message=_l("Enter your code"))])

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if not ok:
            return False
        if len(codes.normalise(self.reference.data)) != codes.REFERENCE_LENGTH:
            ok = self.fail(self.reference, _l("Your reference is 8 letters and numbers, like ABCD-2345"))
        if not codes.is_code_shaped(self.code.data):
            ok = self.fail(self.code, _l("Your code is 12 numbers, like 4821 0937 5516"))
        return ok

    fail = StepForm.fail


class LostCodeForm(PublicForm):
    reference = StringField(_l("Reference"), validators=[InputRequired(message=_l("Enter your reference"))])

    def validate(self, extra_validators: Any = None) -> bool:
        ok = super().validate(extra_validators)
        if ok and len(codes.normalise(self.reference.data)) != codes.REFERENCE_LENGTH:
            return StepForm.fail(self, self.reference, _l("Your reference is 8 letters and numbers, like ABCD-2345"))
        return ok


class MoreInformationForm(PublicForm):
    more_information = text(_l("What would you like to add?"), limit=LONG_TEXT, area=True,
                            required=_l("Write what you would like to add"))


class NotHappyForm(PublicForm):
    why = text(_l("Why are you not happy with the answer? (optional)"), limit=LONG_TEXT, area=True)


class ConfirmForm(PublicForm):
    """A button only (withdraw): the CSRF token is the whole form."""


class AdvocateMessageForm(PublicForm):
    """A young person's message to their advocate, on the tracking page."""

    body = text(_l("Your message to your advocate"), limit=LONG_TEXT, area=True, required=_l("Write your message"))
