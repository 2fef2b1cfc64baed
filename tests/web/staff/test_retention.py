"""Retention: a run past the date removes personal data, leaves held and open cases alone, records
itself, and leaves every year's annual report unchanged; erasure on request takes the same path."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import func, select

from portal.casework.common import CaseworkError
from portal.models import AuditEvent, Case, Message, Person, Submission
from portal.procedure import RespondStage1

RECEIVED = date(2019, 6, 3)  # in the 2019-20 report year
ANSWERED = date(2019, 6, 14)
LATER = date(2034, 1, 2)  # past every retention date below but the young ones


def _case(make_case, session, *, born: date, age: int, gender: str = "female", ethnicity: str = "WBRI",
          answered: bool = True, **kwargs):
    events = (RespondStage1(on=ANSWERED, outcome="upheld"),) if answered else ()
    case = make_case(received=RECEIVED, events=events, summary="Private words about her contact", **kwargs)
    person = case.young_person
    person.name, person.date_of_birth, person.age_when_received = "Amira Example", born, age
    person.email, person.phone = "amira@example.com", "07700 900123"
    person.gender, person.ethnicity, person.uas_child = gender, ethnicity, True
    case.submission.answers = {"what_happened": "Private words", "contact_email": "amira@example.com"}
    session.add(Message(submission_id=case.submission_id, case_id=case.id, direction="from_young_person",
                        body="Please call me on my own phone", sent_at=datetime(2019, 6, 4, 9, tzinfo=UTC)))
    session.commit()
    return case


def _report(session):
    from portal.reports import publishing

    # The figures of each year (not the moment they were counted).
    return {year: publishing.report_for(session.connection(), year)["figures"] for year in (2018, 2019, 2020)}


def _removed(session, case) -> bool:
    session.expire_all()
    case = session.get(Case, case.id)
    person = session.get(Person, case.young_person_id)
    submission = session.get(Submission, case.submission_id)
    messages = session.scalar(select(func.count()).select_from(Message).where(Message.submission_id == submission.id))
    gone = (person.name, person.date_of_birth, person.email, person.phone, case.summary, submission.answers,
            messages) == (None, None, None, None, None, {}, 0)
    # What the report counts stays, whatever else went.
    assert None not in (person.age_when_received, person.gender, person.ethnicity) and person.uas_child is True
    return gone and case.personal_data_removed_on is not None


def test_a_run_past_the_date_removes_personal_data_keeps_the_report_and_leaves_held_cases_alone(app, session,
                                                                                               make_case):
    from portal.casework import retention

    grown = _case(make_case, session, born=date(2003, 1, 10), age=16)  # 25 in Jan 2028; closed 2019: 2028
    other = _case(make_case, session, born=date(2005, 3, 1), age=14, gender="male", ethnicity="ABAN")
    held = _case(make_case, session, born=date(2003, 5, 5), age=16)
    young = _case(make_case, session, born=date(2012, 1, 1), age=7)  # 25 in 2037: kept
    still_open = _case(make_case, session, born=date(2001, 1, 1), age=18, answered=False)  # stage 1 still
    retention.hold(held, on=True, reason="Public inquiry into children's homes")
    before = _report(session)
    assert before[2019]["tables"]["t1_recorded"]["this_year"] == 5  # the cases are counted

    going, on_hold = retention.run(LATER, dry_run=True)
    assert [item.reference for item in going] == sorted([grown.reference, other.reference]) or \
        {item.reference for item in going} == {grown.reference, other.reference}
    assert [item.reference for item in on_hold] == [held.reference]
    assert not any(_removed(session, case) for case in (grown, other, held, young, still_open))  # nothing changed

    retention.run(LATER, dry_run=False)
    assert _removed(session, grown) and _removed(session, other)
    assert not any(_removed(session, case) for case in (held, young, still_open))
    assert _report(session) == before  # every year's figures, the same
    runs = session.scalars(select(AuditEvent).where(AuditEvent.action == "retention_run")
                           .order_by(AuditEvent.occurred_at)).all()
    assert [(run.details["dry_run"], run.details["due"], run.details["held"], run.details["removed"])
            for run in runs] == [(True, 2, 1, 0), (False, 2, 1, 2)]
    assert runs[-1].details["years_after_close"] == 6 and runs[-1].details["until_age"] == 25
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "personal_data_removed")) == 2
    # Run again: nothing more to do.
    assert retention.run(LATER, dry_run=False) == ([], retention.due(LATER)[1])

    # Before its date nothing goes: the young one's 25th birthday is in 2037.
    assert young.reference not in {item.reference for item in retention.due(date(2036, 12, 31))[0]}
    assert young.reference in {item.reference for item in retention.due(date(2037, 1, 1))[0]}


def test_a_held_case_cannot_be_erased_and_erasure_takes_the_same_path(app, session, make_case):
    from portal.casework import retention

    case = _case(make_case, session, born=date(2010, 1, 1), age=9)
    before = _report(session)
    retention.hold(case, on=True, reason="Inquiry")
    try:
        retention.erase(case, today=date(2026, 12, 7), reason="Asked by the young person; agreed by the DPO")
    except CaseworkError as error:
        assert "legal hold" in str(error)
    else:
        raise AssertionError("a held case was erased")
    retention.hold(case, on=False, reason="")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["retention", "erase", case.reference, "--reason",
                                 "Asked by the young person; agreed by the DPO"])
    assert "has been erased" in result.output, result.output
    assert _removed(session, case) and _report(session) == before
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "personal_data_removed"))
    assert event.subject_id == case.id and event.details["reason"].startswith("erasure: Asked by")


def test_the_retention_command_lists_a_dry_run(app, session, make_case):
    case = _case(make_case, session, born=date(2003, 1, 10), age=16)
    result = app.test_cli_runner().invoke(args=["retention", "run", "--dry-run", "--today", LATER.isoformat()])
    assert f"would remove {case.reference}" in result.output
    assert "Would remove the personal data of 1 cases; 0 held." in result.output
    assert not _removed(session, case)


def test_complaints_managers_hold_and_erase_from_the_case_page(app, client, session, make_case, make_user):
    case = _case(make_case, session, born=date(2010, 1, 1), age=9)
    open_case = _case(make_case, session, born=date(2010, 1, 1), age=9, answered=False)
    officer, manager = make_user("crs_officer"), make_user("complaints_manager")
    client.sign_in(officer)
    assert client.get(f"/staff/cases/{case.id}/legal-hold").status_code == 403
    client = app.test_client()
    client.sign_in(manager)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert f"/staff/cases/{case.id}/legal-hold" in page and f"/staff/cases/{case.id}/erase" in page
    assert f"/staff/cases/{open_case.id}/erase" not in client.get(f"/staff/cases/{open_case.id}").get_data(as_text=True)

    path = f"/staff/cases/{case.id}/legal-hold"
    missing = client.post(path, data={"csrf_token": client.csrf_token(path), "reason": ""})
    assert "Say why the case is held" in missing.get_data(as_text=True)
    assert client.post(path, data={"csrf_token": client.csrf_token(path), "reason": "Inquiry"}).status_code == 303
    session.refresh(case)
    assert case.legal_hold and case.legal_hold_reason == "Inquiry"
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert f"/staff/cases/{case.id}/erase" not in page and f"/staff/cases/{case.id}/lift-legal-hold" in page

    lift = f"/staff/cases/{case.id}/lift-legal-hold"
    assert client.post(lift, data={"csrf_token": client.csrf_token(lift)}).status_code == 303
    erase = f"/staff/cases/{case.id}/erase"
    assert client.post(erase, data={"csrf_token": client.csrf_token(erase),
                                    "reason": "Asked by the young person; agreed by the DPO"}).status_code == 303
    assert _removed(session, case)
    assert [e.action for e in session.scalars(select(AuditEvent).where(AuditEvent.subject_id == case.id)
                                               .where(AuditEvent.action.in_(["legal_hold_set", "legal_hold_lifted",
                                                                             "personal_data_removed"]))
                                               .order_by(AuditEvent.occurred_at))] == \
        ["legal_hold_set", "legal_hold_lifted", "personal_data_removed"]
