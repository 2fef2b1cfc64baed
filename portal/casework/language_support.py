"""Operations for language support: each writes its change and its audit event in one transaction.

Staff record that a response or letter was translated, or that an interpreter was booked (the date,
the language, who recorded it), and attach the translated text of a response letter, which the young
person then reads on their tracking page in their language (decision 0014).
"""

from __future__ import annotations

from datetime import date

from portal import audit, sanitise
from portal.casework.checks import FUTURE, MISSING, date_error
from portal.casework.common import CaseworkError
from portal.casework.responses import LETTER_MAX
from portal.db import db
from portal.i18n import DEFAULT_LANGUAGE, LANGUAGES
from portal.models import Case, Letter, Submission, User
from portal.models.languages import LANGUAGE_SUPPORT_KINDS, LanguageSupport, LetterTranslation
from portal.procedure import uk_today


def record_support(submission: Submission, *, kind: str, language: str, on: date | None, actor: User,
                   case: Case | None = None, note: str = "") -> LanguageSupport:
    """A translation made or an interpreter booked for this submission (and its case, if one)."""
    problems = {}
    if kind not in LANGUAGE_SUPPORT_KINDS:
        problems["kind"] = "Choose what was done."
    language = (language or "").strip()
    if not language:
        problems["language"] = "Choose or type the language."
    elif len(language) > 60:
        problems["language"] = "The language must be 60 characters or fewer."
    on_error = date_error(on, {MISSING: "Enter the date.",
                               FUTURE: "A translation cannot be made in the future: enter today's date or an "
                                       "earlier one."},
                          future_allowed=kind == "interpreter_booked")  # an interpreter is booked ahead
    if on_error:
        problems["on"] = on_error
    if case is not None and case.submission_id != submission.id:
        problems["case"] = "That case is not about this submission."
    if problems:
        raise CaseworkError(problems=problems)
    record = LanguageSupport(submission_id=submission.id, case_id=case.id if case else None, kind=kind,
                             language=language, on=on, recorded_by_id=actor.id, note=note.strip() or None)
    db.session.add(record)
    db.session.flush()
    # Codes and dates only in the audit trail; the note stays on the record.
    audit.record("language_support_recorded", subject_type="case" if case else "submission",
                 subject_id=case.id if case else submission.id, actor=actor, kind=kind,
                 language=language if language in LANGUAGES else "other", on=on.isoformat())
    db.session.commit()
    return record


def attach_letter_translation(letter: Letter, *, language: str, text: str, actor: User,
                              on: date | None = None) -> LetterTranslation:
    """The letter's text in another language; a second copy in the same language replaces the first."""
    problems = {}
    if language not in LANGUAGES or language == letter.language:
        problems["language"] = "Choose the language of the translation (not the letter's own language)."
    if not text.strip():
        problems["text"] = "Paste the translated letter."
    elif len(text) > LETTER_MAX:
        problems["text"] = f"The translated letter must be {LETTER_MAX:,} characters or fewer."
    if problems:
        raise CaseworkError(problems=problems)
    on = on or uk_today()
    translation = db.session.query(LetterTranslation).filter_by(letter_id=letter.id, language=language).one_or_none()
    if translation is None:
        translation = LetterTranslation(letter_id=letter.id, language=language)
        db.session.add(translation)
    translation.source, translation.translated_on, translation.written_by_id = text, on, actor.id
    translation.html = str(sanitise.from_plain_text(text))
    db.session.flush()
    case = letter.case
    if case.submission_id:  # the translation is also a record of language support, dated and signed
        db.session.add(LanguageSupport(submission_id=case.submission_id, case_id=case.id,
                                       kind="letter_translated", language=language, on=on,
                                       recorded_by_id=actor.id))
    audit.record("letter_translation_attached", subject_type="case", subject_id=case.id, actor=actor,
                 stage=letter.stage, language=language)
    db.session.commit()
    return translation


def translations_of(letter: Letter | None) -> list[LetterTranslation]:
    if letter is None:
        return []
    return list(db.session.query(LetterTranslation).filter_by(letter_id=letter.id)
                .order_by(LetterTranslation.language))


def support_for(submission_id) -> list[LanguageSupport]:
    return list(db.session.query(LanguageSupport).filter_by(submission_id=submission_id)
                .order_by(LanguageSupport.on, LanguageSupport.created_at))


def letter_for_reader(letter: Letter | None, reader_language: str, submission_language: str
                      ) -> tuple[Letter | LetterTranslation | None, list[Letter | LetterTranslation]]:
    """Which copy of a letter the tracking page shows first, and the others (the original among them).

    The reader's chosen language first; then the language they wrote in; then the letter as sent.
    """
    if letter is None:
        return None, []
    copies: list[Letter | LetterTranslation] = [letter, *translations_of(letter)]
    by_language = {copy.language: copy for copy in copies}
    main = by_language.get(reader_language) or by_language.get(submission_language) or letter
    if reader_language == DEFAULT_LANGUAGE and letter.language == DEFAULT_LANGUAGE:
        main = letter
    return main, [copy for copy in copies if copy is not main]
