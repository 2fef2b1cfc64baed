"""Language support on a case or a submission: record a translation or an interpreter booking, and
attach a translated copy of the response letter (decision 0014)."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import GovRadioInput, GovSelect, GovSubmitInput, GovTextArea, GovTextInput
from wtforms import RadioField, SelectField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from portal.access import visible_case
from portal.casework import common, language_support
from portal.db import db
from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES
from portal.models import Case, Submission
from portal.permissions import CASES_MANAGE, STAGE1_RESPOND, TRIAGE, requires
from staff.blueprint import bp
from staff.forms import REASON_MAX, StaffForm, choices, date_field, put_errors
from staff.lookup import submission_or_404

SUPPORT_KINDS = [
    ("interpreter_booked", _l("An interpreter was booked")),
    ("response_translated", _l("A response or message was translated")),
    ("letter_translated", _l("A letter was translated")),
]


def _language_choices(empty: str) -> list[Any]:
    return choices([("", empty)] + [(code, f"{lang.english_name} ({lang.native_name})")
                                    for code, lang in LANGUAGES.items() if code != DEFAULT_LANGUAGE]
                   + [("other", _l("Another language (type it below)"))])


class LanguageSupportForm(StaffForm):
    kind = RadioField(_l("What was done?"), widget=GovRadioInput(), choices=choices(SUPPORT_KINDS),
                      validators=[InputRequired(message=_l("Choose what was done"))])
    language = SelectField(_l("Language"), widget=GovSelect(),
                           validators=[InputRequired(message=_l("Choose the language"))])
    other_language = StringField(_l("Another language"), widget=GovTextInput(),
                                 validators=[Optional(), Length(max=60)])
    on = date_field(_l("Date it was done, or the date of the interpreted meeting"))
    note = TextAreaField(_l("Note for staff (optional)"), widget=GovTextArea(),
                         validators=[Optional(), Length(max=REASON_MAX)])
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class LetterTranslationForm(StaffForm):
    language = SelectField(_l("Language of the translation"), widget=GovSelect(),
                           validators=[InputRequired(message=_l("Choose the language"))])
    text = TextAreaField(_l("The translated letter"), widget=GovTextArea(),
                         validators=[InputRequired(message=_l("Paste the translated letter"))])
    on = date_field(_l("Date it was translated"))
    submit = SubmitField(_l("Attach the translation"), widget=GovSubmitInput())


def _record(submission: Submission, case: Case | None, back: str) -> Any:
    form = LanguageSupportForm()
    form.language.choices = _language_choices(_("Choose a language"))
    if not form.is_submitted() and submission.language in LANGUAGES and submission.language != DEFAULT_LANGUAGE:
        form.language.data = submission.language
    valid = form.validate_on_submit()
    if form.is_submitted() and form.language.data == "other" and not (form.other_language.data or "").strip():
        form.other_language.errors = [*form.other_language.errors, _("Type the language")]
        valid = False
    if valid:
        language = (form.other_language.data or "").strip() if form.language.data == "other" else form.language.data
        try:
            language_support.record_support(submission, kind=form.kind.data, language=language, on=form.on.data,
                                            actor=current_user, case=case, note=form.note.data or "")
        except common.CaseworkError as error:
            db.session.rollback()
            if "language" in error.problems and form.language.data == "other":
                error.problems["other_language"] = error.problems.pop("language")
            put_errors(form, error)
        else:
            flash(_("Saved."))
            return redirect(back, code=303)
    return render_template("staff/case_action.html", case=case, form=form,
                           title=_("Record a translation or an interpreter"))


@bp.route("/cases/<uuid:case_id>/language-support", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def case_language_support(case_id: uuid.UUID) -> Any:
    case = visible_case(current_user, case_id)
    if case is None or case.submission is None:
        abort(404)
    return _record(case.submission, case, url_for("staff.case", case_id=case.id, _anchor="language-support"))


@bp.route("/submissions/<uuid:submission_id>/language-support", methods=["GET", "POST"])
@requires(TRIAGE)
def submission_language_support(submission_id: uuid.UUID) -> Any:

    submission = submission_or_404(submission_id)
    return _record(submission, None, url_for("staff.submission", submission_id=submission.id,
                                             _anchor="language-support"))


@bp.route("/cases/<uuid:case_id>/letter/translation", methods=["GET", "POST"])
@requires(STAGE1_RESPOND)
def letter_translation(case_id: uuid.UUID) -> Any:
    case = visible_case(current_user, case_id)
    letter = case.letter(1) if case else None
    if letter is None:
        abort(404)
    form = LetterTranslationForm()
    form.language.choices = _language_choices(_("Choose a language"))[:-1]  # a catalogue language only
    if not form.is_submitted() and case.submission and case.submission.language != letter.language:
        form.language.data = case.submission.language
    if form.validate_on_submit():
        try:
            language_support.attach_letter_translation(letter, language=form.language.data, text=form.text.data,
                                                       actor=current_user, on=form.on.data)
        except common.CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Translation attached. The young person sees it on their tracking page."))
            return redirect(url_for("staff.case", case_id=case.id, _anchor="stage1-letter"), code=303)
    return render_template("staff/case_action.html", case=case, form=form, title=_("Attach a translated letter"))


@bp.context_processor
def _language_support_helpers() -> dict[str, Any]:
    """For the case and submission pages' language section (kept out of their views)."""
    return {"language_support_for": language_support.support_for,
            "letter_translations": language_support.translations_of}
