"""Staff see a submission's language and whether an interpreter is needed; they record translations
and interpreters (date, language, who), and attach a translated letter that the young person then
reads in their language on the tracking page, with the original a tap away."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from portal.casework import common, stage1
from portal.models import AuditEvent, LanguageSupport, LetterTranslation


def _answer(case, manager, letter, language="en"):
    stage1.respond_stage1(case, stage1.Stage1Response(
        on=date(2026, 11, 27), findings={case.points[0].id: "not_upheld"}, outcome="not_upheld", resolution=None,
        learning=False, letter=letter, letter_language=language), actor=manager)


def test_the_case_and_submission_pages_show_the_language_and_the_interpreter(client, session, two_matters):
    submission, _code, cases, manager = two_matters()
    submission.language = "ps"
    submission.answers = {**submission.answers, "interpreter_needed": "yes", "interpreter_language": "Pashto"}
    session.commit()
    client.sign_in(manager)
    page = client.get(f"/staff/cases/{cases[0].id}").get_data(as_text=True)
    assert 'id="language-support"' in page
    assert 'data-language="ps">Pashto (پښتو)' in page
    assert 'data-interpreter="yes"' in page and "No translation or interpreter recorded yet." in page


def test_recording_an_interpreter_keeps_date_language_and_who(client, session, two_matters, make_user):
    submission, _code, cases, _manager = two_matters()
    submission.language = "ti"
    session.commit()
    officer = make_user("crs_officer")
    client.sign_in(officer)
    path = f"/staff/cases/{cases[0].id}/language-support"
    form = client.get(path).get_data(as_text=True)
    assert '<option selected value="ti">' in form or 'value="ti" selected' in form
    # Nothing chosen: each problem on its field, nothing typed lost.
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "language": "other",
                                   "other_language": "", "on": "2026-11-28",
                                   "note": "Agency booked"}).get_data(as_text=True)
    assert "Choose what was done" in body and "Type the language" in body
    assert "Agency booked" in body
    response = client.post(path, data={"csrf_token": client.csrf_token(path), "kind": "interpreter_booked",
                                       "language": "other", "other_language": "Tigre", "on": "2026-11-28",
                                       "note": "Agency booked"})
    assert response.status_code == 303
    record = session.scalar(select(LanguageSupport))
    assert (record.kind, record.language, record.on, record.recorded_by_id) == (
        "interpreter_booked", "Tigre", date(2026, 11, 28), officer.id)
    page = client.get(f"/staff/cases/{cases[0].id}").get_data(as_text=True)
    assert "Interpreter booked" in page and "28 Nov 2026" in page and officer.name in page
    events = session.scalars(select(AuditEvent).where(AuditEvent.action == "language_support_recorded")).all()
    assert len(events) == 1 and events[0].details["language"] == "other"  # no free text in the trail


def test_recording_from_the_submission_page(client, session, make_submission, make_user):
    submission = make_submission(language="fa_AF")
    client.sign_in(make_user("crs_officer"))
    path = f"/staff/submissions/{submission.id}/language-support"
    response = client.post(path, data={"csrf_token": client.csrf_token(path), "kind": "response_translated",
                                       "language": "fa_AF", "on": "2026-11-21"})
    assert response.status_code == 303
    page = client.get(f"/staff/submissions/{submission.id}").get_data(as_text=True)
    assert "Response or message translated" in page and "Dari (دری)" in page


def test_a_translated_letter_is_what_the_young_person_reads_first(client, session, two_matters, make_user):
    submission, code, cases, manager = two_matters()
    submission.language = "ar"
    session.commit()
    _answer(cases[0], manager, "We are sorry your contact was cancelled.")
    client.sign_in(manager)
    path = f"/staff/cases/{cases[0].id}/letter/translation"
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "language": "ar", "text": "",
                                   "on": "2026-11-28"}).get_data(as_text=True)
    assert "Paste the translated letter" in body
    response = client.post(path, data={"csrf_token": client.csrf_token(path), "language": "ar",
                                       "text": "نأسف لأن زيارتك أُلغيت.", "on": "2026-11-28"})
    assert response.status_code == 303, response.get_data(as_text=True)
    translation = session.scalar(select(LetterTranslation))
    assert translation.language == "ar" and translation.html == '<p class="govuk-body">نأسف لأن زيارتك أُلغيت.</p>'
    assert session.scalar(select(LanguageSupport).where(LanguageSupport.kind == "letter_translated")) is not None
    case_page = client.get(f"/staff/cases/{cases[0].id}").get_data(as_text=True)
    assert "Translations of the letter" in case_page and "نأسف لأن زيارتك أُلغيت." in case_page
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})

    client.get("/?lang=ar")
    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})
    page = client.get("/check/status").get_data(as_text=True)
    arabic = page.index('<div class="app-letter" dir="auto" lang="ar"><p class="govuk-body">نأسف')
    english = page.index("We are sorry your contact was cancelled.")
    assert arabic < english, "the Arabic copy comes first, the English one after it"
    assert 'lang="en-GB" dir="ltr">English</span></summary>' in page
    page = client.get("/check/status?lang=en").get_data(as_text=True)
    assert page.index("We are sorry your contact was cancelled.") < page.index("نأسف")


def test_a_translation_in_the_letters_own_language_is_refused(session, two_matters):
    from portal.casework import language_support

    _submission, _code, cases, manager = two_matters()
    _answer(cases[0], manager, "Dear Sam,")
    try:
        language_support.attach_letter_translation(cases[0].letter(1), language="en", text="Dear Sam,", actor=manager)
    except common.CaseworkError as error:
        assert "language" in error.problems
    else:
        raise AssertionError("a translation into the letter's own language was attached")
