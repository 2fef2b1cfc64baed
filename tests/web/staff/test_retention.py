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
    assert ("Would remove the personal data of 1 cases, 0 MP and councillor enquiries and 0 helpline contacts; "
            "0 held.") in result.output
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


def _enquiry(session, *, kind: str, received: date, answered: date | None, born: date | None, cases=()):
    from portal.models import MemberEnquiry

    enquiry = MemberEnquiry(member_name="Jo Member MP", member_kind=kind, received_on=received,
                            person_name="Amira Example", person_date_of_birth=born, due_on=date(2019, 7, 1),
                            about="Her placement and her sister's school", responded_on=answered,
                            response="We wrote to the family about Amira" if answered else None)
    enquiry.cases.extend(cases)
    enquiry.people.extend(case.young_person for case in cases)
    session.add(enquiry)
    session.commit()
    return enquiry


def _helpline(session, *, caller: str, on: date):
    from portal.models import HelplineContact

    contact = HelplineContact(contact_on=on, caller=caller, method="phone", summary="Amira rang about her contact",
                              outcome="other", outcome_note="Told her about advocacy")
    session.add(contact)
    session.commit()
    return contact


def test_mp_and_councillor_enquiries_and_helpline_contacts_come_under_the_same_rule(app, client, session, make_case,
                                                                                    make_user):
    from portal.casework import retention
    from portal.models import HelplineContact, MemberEnquiry
    from portal.models.enquiries import member_enquiry_cases, member_enquiry_people

    case = _case(make_case, session, born=date(2003, 1, 10), age=16)  # goes in 2028
    held_case = _case(make_case, session, born=date(2003, 1, 10), age=16)
    retention.hold(held_case, on=True, reason="Public inquiry into children's homes")
    # About a known complainant (linked to her complaint, received before), born 2005: kept until March 2030.
    known = _enquiry(session, kind="mp", received=date(2019, 6, 10), answered=date(2019, 6, 20),
                     born=date(2005, 3, 1), cases=[case])
    unknown = _enquiry(session, kind="councillor", received=date(2019, 7, 1), answered=date(2019, 7, 9), born=None)
    unanswered = _enquiry(session, kind="councillor", received=date(2019, 8, 1), answered=None, born=None)
    with_held = _enquiry(session, kind="mp", received=date(2019, 9, 2), answered=date(2019, 9, 9),
                         born=date(2005, 3, 1), cases=[held_case])
    from_young = _helpline(session, caller="young_person", on=date(2019, 6, 5))
    from_staff = _helpline(session, caller="staff", on=date(2020, 2, 5))
    before = _report(session)
    assert before[2019]["tables"]["enquiries"]["total"] == 4
    assert before[2019]["tables"]["enquiries"]["known_complainants"] == 2

    # March 2030: the known complainant's enquiry (her 25th birthday) and the case, nothing else yet.
    going, _held = retention.due(date(2030, 3, 1))
    assert {item.kind for item in going} == {"case"} | {"member_enquiry"}
    assert [item.case_id for item in going if item.kind == "member_enquiry"] == [known.id]
    assert known.id not in {item.case_id for item in retention.due(date(2030, 2, 28))[0]}

    later = date(2045, 6, 1)  # past the rest (no date of birth, no age: 25 years, as if newborn)
    result = app.test_cli_runner().invoke(args=["retention", "run", "--dry-run", "--today", later.isoformat()])
    output = result.output
    assert "would remove mp enquiry of 2019-06-10" in output
    assert "would remove councillor enquiry of 2019-07-01" in output
    assert "would remove helpline contact (young_person) of 2019-06-05" in output
    assert "would remove helpline contact (staff) of 2020-02-05" in output
    assert "held mp enquiry of 2019-09-02" in output and "2019-08-01" not in output  # held with its case; unanswered
    assert "of 1 cases, 2 MP and councillor enquiries and 2 helpline contacts; 2 held." in output, output
    assert "Amira" not in output
    session.expire_all()
    assert session.get(MemberEnquiry, known.id).person_name == "Amira Example"  # a dry run changes nothing

    retention.run(later, dry_run=False)
    session.expire_all()
    for enquiry_id in (known.id, unknown.id):
        enquiry = session.get(MemberEnquiry, enquiry_id)
        assert (enquiry.person_name, enquiry.person_date_of_birth, enquiry.member_name, enquiry.about,
                enquiry.response) == ("", None, "", None, None)
        assert enquiry.personal_data_removed_on == later
        assert enquiry.received_on and enquiry.member_kind in ("mp", "councillor")
    assert session.get(MemberEnquiry, unanswered.id).person_name == "Amira Example"
    assert session.get(MemberEnquiry, with_held.id).about == "Her placement and her sister's school"
    # The link to her case stays (the report's "known complainant"); the link to her as a person goes.
    assert session.execute(select(member_enquiry_cases.c.case_id).where(
        member_enquiry_cases.c.enquiry_id == known.id)).scalars().all() == [case.id]
    assert session.execute(select(member_enquiry_people).where(
        member_enquiry_people.c.enquiry_id == known.id)).all() == []
    for contact_id, caller in ((from_young.id, "young_person"), (from_staff.id, "staff")):
        contact = session.get(HelplineContact, contact_id)
        assert (contact.summary, contact.outcome_note, contact.personal_data_removed_on) == ("", None, later)
        assert (contact.caller, contact.method, contact.outcome) == (caller, "phone", "other")
    assert _report(session) == before  # every year's figures, the same
    removed = session.scalars(select(AuditEvent.subject_type).where(AuditEvent.action == "personal_data_removed"))
    assert sorted(removed) == ["case", "helpline_contact", "helpline_contact", "member_enquiry", "member_enquiry"]
    run = session.scalars(select(AuditEvent).where(AuditEvent.action == "retention_run")
                          .order_by(AuditEvent.occurred_at.desc())).first()
    assert run.details["due_by_kind"] == {"case": 1, "member_enquiry": 2, "helpline_contact": 2}
    # Nothing more to do.
    assert [item.kind for item in retention.due(later)[0]] == []

    # A removed enquiry can no longer be changed or linked again (that would change what the report counts).
    from portal.casework import enquiries
    from portal.casework.common import CaseworkError

    removed_enquiry = session.get(MemberEnquiry, known.id)
    for attempt in (lambda: enquiries.relink(removed_enquiry, actor=None),
                    lambda: enquiries.update(removed_enquiry, None, actor=None),
                    lambda: enquiries.respond(removed_enquiry, on=later, response="More", actor=None)):
        try:
            attempt()
        except CaseworkError as error:
            assert "retention" in (str(error) + str(error.problems))
        else:
            raise AssertionError("a removed enquiry was changed")
    session.rollback()
    assert _report(session) == before
    manager = make_user("complaints_manager")
    client.sign_in(manager)
    page = client.get(f"/staff/enquiries/{known.id}").get_data(as_text=True)
    assert "removed under the retention rule" in page and f"/staff/enquiries/{known.id}/edit" not in page
    relinked = client.post(f"/staff/enquiries/{known.id}/relink",
                           data={"csrf_token": client.csrf_token(f"/staff/enquiries/{known.id}")})
    assert relinked.status_code == 303
    assert session.execute(select(member_enquiry_cases.c.case_id).where(
        member_enquiry_cases.c.enquiry_id == known.id)).scalars().all() == [case.id]
