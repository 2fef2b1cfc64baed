"""The advocacy service: the pool, the request queue and assignment, the caseload (contacts, closing,
a complaint, safeguarding), the helpline, and secure messages with the young person."""

from __future__ import annotations

from datetime import timedelta

from advocacy_helpers import assigned, give_code, in_pool, post, request_for
from sqlalchemy import select

from portal.models import AdvocacyCase, AdvocacyMessage, AuditEvent, HelplineContact, SafeguardingConcern, Submission
from portal.notifications.models import Notification
from portal.notifications.outbox import personalisation_of
from portal.procedure import uk_today


def test_staff_add_an_advocate_to_the_pool_and_the_advocate_keeps_availability(client, make_user, session):
    officer, advocate = make_user("crs_officer"), make_user("advocate")
    client.sign_in(officer)
    path = f"/staff/advocacy/advocates/{advocate.id}"
    body = post(client, path, {"kind": "crs", "capacity": "lots"}).get_data(as_text=True)
    assert "Enter how many open cases they can take as a number" in body
    response = post(client, path, {"kind": "crs", "languages": "Arabic, Tigrinya ", "gender": "woman",
                                   "areas": "North West", "capacity": "4", "active": "y"})
    assert response.status_code == 303
    assert "Arabic, Tigrinya" in client.get("/staff/advocacy/advocates").get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    client.sign_in(advocate)
    assert "You are taking new cases" in client.get("/advocacy/").get_data(as_text=True)
    response = post(client, "/advocacy/availability", {"available": "no", "note": "Away until 5 January"})
    assert response.status_code == 303
    assert "You are not taking new cases" in client.get("/advocacy/").get_data(as_text=True)


def test_queue_shows_wishes_and_ranks_the_advocate_speaking_the_language_first(client, make_user, make_submission,
                                                                              session):
    officer = make_user("crs_officer")
    in_pool(make_user, name="Aaron English", officer=officer)
    speaker = in_pool(make_user, name="Zainab Speaker", languages="Arabic", gender="woman", officer=officer)
    submission = request_for(make_submission, advocate_language="arabic", advocate_gender="woman")
    client.sign_in(officer)
    queue = client.get("/staff/advocacy").get_data(as_text=True)
    assert submission.reference in queue and "speaking arabic" in queue
    page = client.get(f"/staff/advocacy/requests/{submission.id}").get_data(as_text=True)
    assert page.index("Zainab Speaker") < page.index("Aaron English")
    assert "Speaks arabic" in page and "Does not speak arabic" in page
    body = post(client, f"/staff/advocacy/requests/{submission.id}", {}).get_data(as_text=True)
    assert "Choose an advocate from the pool" in body
    response = post(client, f"/staff/advocacy/requests/{submission.id}", {"advocate": str(speaker.id)})
    assert response.status_code == 303
    case = session.scalar(select(AdvocacyCase).where(AdvocacyCase.submission_id == submission.id))
    assert (case.advocate_id, case.kind, case.wanted_language) == (speaker.id, "independent", "arabic")
    assert "No advocacy requests are waiting" in client.get("/staff/advocacy").get_data(as_text=True)


def test_own_choice_records_the_person_not_a_pool_advocate(client, make_user, make_submission, session):
    officer = make_user("crs_officer")
    submission = request_for(make_submission, advocate="own_choice", advocate_name="Gran",
                             advocate_relationship="my grandmother")
    client.sign_in(officer)
    page = client.get(f"/staff/advocacy/requests/{submission.id}").get_data(as_text=True)
    assert "Gran (my grandmother)" in page and "Record the advocate of their choosing" in page
    assert post(client, f"/staff/advocacy/requests/{submission.id}", {}).status_code == 303
    case = session.scalar(select(AdvocacyCase).where(AdvocacyCase.submission_id == submission.id))
    assert (case.kind, case.advocate_id, case.own_choice_name, case.own_choice_relationship) == (
        "own_choice", None, "Gran", "my grandmother")


def test_contact_log_and_closing(client, make_user, make_submission, session):
    case = assigned(make_user, make_submission)
    client.sign_in(case.advocate)
    path = f"/advocacy/cases/{case.id}/contact"
    body = post(client, path, {"on": uk_today().isoformat(), "method": "visit", "minutes": "forty",
                               "note": "Met at the foster home."}).get_data(as_text=True)
    assert "Enter how long the contact took in minutes" in body and "Met at the foster home." in body
    future = (uk_today() + timedelta(days=7)).isoformat()
    response = post(client, path, {"on": uk_today().isoformat(), "method": "visit", "minutes": "45",
                                   "note": "Met at the foster home.", "next_due": future})
    assert response.status_code == 303
    page = client.get(f"/advocacy/cases/{case.id}").get_data(as_text=True)
    assert "Met at the foster home." in page and ">45<" in page
    close = f"/advocacy/cases/{case.id}/close"
    body = post(client, close, {"outcome": "other", "on": uk_today().isoformat()}).get_data(as_text=True)
    assert "Say what the outcome was" in body
    assert post(client, close, {"outcome": "informal_resolution", "on": uk_today().isoformat()}).status_code == 303
    session.refresh(case)
    assert (case.status, case.outcome, case.next_contact_due) == ("closed", "informal_resolution", None)
    assert "Informal resolution" in client.get("/advocacy/").get_data(as_text=True)


def test_unread_messages_and_overdue_contacts_head_the_caseload(client, make_user, make_submission, session):
    from portal.casework import advocacy as work

    advocate = in_pool(make_user)
    quiet = assigned(make_user, make_submission, advocate=advocate)
    overdue = assigned(make_user, make_submission, advocate=advocate)
    unread = assigned(make_user, make_submission, advocate=advocate)
    overdue.next_contact_due = uk_today() - timedelta(days=3)
    session.commit()
    work.reply_from_young_person(unread, "Can you call me?")
    client.sign_in(advocate)
    body = client.get("/advocacy/").get_data(as_text=True)
    caseload = body[body.index('id="caseload"'):]
    assert caseload.index(unread.reference) < caseload.index(overdue.reference) < caseload.index(quiet.reference)
    assert "1 unread message" in caseload and "Contact overdue since" in caseload


def test_complaint_from_the_caseload_enters_triage_linked(client, make_user, make_submission, session):
    case = assigned(make_user, make_submission)
    client.sign_in(case.advocate)
    path = f"/advocacy/cases/{case.id}/complaint"
    assert "Say what the complaint is about" in post(client, path, {}).get_data(as_text=True)
    assert post(client, path, {"what_happened": "My contact with my brother was stopped."}).status_code == 303
    session.refresh(case)
    complaint = case.complaint_submission
    assert complaint.kind == "complaint" and complaint.status == "new" and complaint.who_is_telling == "young_person"
    assert complaint.young_person_id == case.submission.young_person_id
    assert complaint.answers["advocacy_reference"] == case.reference
    assert "Make a complaint for the young person" not in client.get(f"/advocacy/cases/{case.id}").get_data(
        as_text=True)


def test_safeguarding_goes_at_once_with_no_childs_details(client, make_user, make_submission, make_team, session):
    team = make_team()
    manager = make_user("operational_manager", team=team)
    case = assigned(make_user, make_submission)
    client.sign_in(case.advocate)
    path = f"/advocacy/cases/{case.id}/safeguarding"
    details = "She said her carer hit her last night."
    assert post(client, path, {"details": details, "team": str(team.id)}).status_code == 303
    concern = session.scalar(select(SafeguardingConcern))
    assert concern.details == details and concern.team_id == team.id
    sent = session.scalars(select(Notification).where(Notification.template == "safeguarding_concern")).all()
    assert {n.to_address for n in sent} == {client.application.config["SERVICE_EMAIL"], manager.email}
    assert all(details not in str(personalisation_of(n)) for n in sent)
    # Not a submission waiting in the triage queue.
    assert session.scalar(select(Submission).where(Submission.kind == "safeguarding")) is None
    # The advocate does not see it on the case afterwards.
    assert details not in client.get(f"/advocacy/cases/{case.id}").get_data(as_text=True)


def test_helpline_contacts_recorded_with_outcome(client, make_user, session):
    client.sign_in(make_user("advocate"))
    body = post(client, "/advocacy/helpline/new", {"on": uk_today().isoformat()}).get_data(as_text=True)
    assert "Choose who got in touch" in body and "Choose the outcome" in body
    response = post(client, "/advocacy/helpline/new", {
        "on": uk_today().isoformat(), "caller": "staff", "method": "phone",
        "summary": "A social worker asked how to refer a young person.", "outcome": "advice_given"})
    assert response.status_code == 303
    assert session.scalar(select(HelplineContact)).caller == "staff"
    assert "A social worker asked how" in client.get("/advocacy/helpline").get_data(as_text=True)


def test_messages_both_ways_with_read_state_and_a_contentless_notification(app, client, make_user,
                                                                          make_submission, session):
    case = assigned(make_user, make_submission, interpreter_needed="yes", interpreter_language="Tigrinya")
    case.advocate.name = "Amina Haddad"
    session.commit()
    code = give_code(app, case.submission)
    session.commit()
    advocate, young_person, staff = client, app.test_client(), app.test_client()
    advocate.sign_in(case.advocate)
    words = "مرحبا، أنا المناصرة الخاصة بك."
    assert post(advocate, f"/advocacy/cases/{case.id}/messages", {"body": words},
                form_page=f"/advocacy/cases/{case.id}").status_code == 303
    note = session.scalar(select(Notification).where(Notification.template == "message_waiting"))
    assert note.to_address == "yp@example.com" and words not in str(personalisation_of(note))
    # The young person, on the tracking page.
    assert post(young_person, "/check", {"reference": case.reference, "code": code}).status_code == 303
    page = young_person.get("/check/status").get_data(as_text=True)
    assert "From Amina, your advocate" in page and words in page and 'dir="auto"' in page
    assert "Haddad" not in page
    message = session.scalar(select(AdvocacyMessage))
    session.refresh(message)
    assert message.read_at is not None
    assert "Write your message" in post(young_person, "/check/advocate", {"body": " "}).get_data(as_text=True)
    assert post(young_person, "/check/advocate", {"body": "شكرا"}).status_code == 303
    page = young_person.get("/check/status").get_data(as_text=True)
    assert "شكرا" in page and "Not read yet" in page
    # Staff see the thread's language and the interpreter, and the staff-only notes.
    staff.sign_in(make_user("crs_officer"))
    staff_page = staff.get(f"/staff/advocacy/cases/{case.id}").get_data(as_text=True)
    assert "interpreter needed" in staff_page and "Tigrinya" in staff_page
    assert "Staff only: safeguarding history" in staff_page
    # The advocate reads it; the young person then sees it was read.
    advocate_page = advocate.get(f"/advocacy/cases/{case.id}").get_data(as_text=True)
    assert "شكرا" in advocate_page and "Staff only" not in advocate_page
    assert "Read by your advocate" in young_person.get("/check/status").get_data(as_text=True)
    actions = set(session.scalars(select(AuditEvent.action)))
    assert {"advocate_assigned", "advocacy_message_sent", "advocacy_message_received",
            "advocacy_messages_read"} <= actions


def _english_detector():
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "unit" / "test_translations.py"
    spec = importlib.util.spec_from_file_location("translations_checks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module._english_left


def test_the_young_persons_advocacy_pages_in_arabic_have_no_english_left(app, client, make_user,
                                                                          make_submission, session):
    from portal.casework import advocacy as work

    case = assigned(make_user, make_submission)
    work.send_message(case, "Hello", actor=case.advocate, role="advocate")
    work.send_message(case, "مرحبا", actor=make_user("crs_officer"), role="staff")
    work.reply_from_young_person(case, "شكرا")
    code = give_code(app, case.submission)
    session.commit()
    client.get("/?lang=ar")
    post(client, "/check", {"reference": case.reference, "code": code})
    english_left = _english_detector()
    pages = {"status": client.get("/check/status").get_data(as_text=True),
             "write": client.get("/check/advocate").get_data(as_text=True),
             "write (error)": post(client, "/check/advocate", {"body": ""}).get_data(as_text=True)}
    assert "اكتب إلى المناصر الخاص بك" in pages["status"] and "اكتب رسالتك" in pages["write (error)"]
    problems = [f"{name}: {problem}" for name, body in pages.items() for problem in english_left(body)
                if "Hello" not in problem and "Test User" not in problem
                and "I want someone with me at my review." not in problem]  # their own words, as they wrote them
    assert not problems, problems


def test_the_new_message_email_says_only_that_there_is_one(app, make_user, make_submission, session):
    from portal.casework import advocacy as work
    from portal.notifications.sender import build

    case = assigned(make_user, make_submission, contact_method="email", contact_email="yp@example.com")
    case.submission.language = "ar"
    work.send_message(case, "Your review is on Friday at 3pm with Ms Jones.", actor=case.advocate, role="advocate")
    notification = session.scalar(select(Notification).where(Notification.template == "message_waiting"))
    with app.test_request_context():
        email = build(notification)
    text = email.get_content()
    assert email["Subject"] == "لديك رسالة جديدة" and "خدمة حقوق الأطفال" in text
    assert "Friday" not in text and "Jones" not in text and case.reference not in text


def test_no_notification_when_the_young_person_said_do_not_contact_me(make_user, make_submission, session):
    from portal.casework import advocacy as work

    case = assigned(make_user, make_submission, contact_method="none", contact_email=None)
    work.send_message(case, "Hello", actor=case.advocate, role="advocate")
    assert session.scalar(select(Notification).where(Notification.template == "message_waiting")) is None


def test_a_request_recorded_by_staff_waits_in_the_queue_too(client, make_user, session):
    from portal.casework import triage

    officer = make_user("crs_officer")
    submission = triage.record_contact(triage.RecordedContact(
        kind="advocacy_request", channel="phone", received_on=uk_today(), who_is_telling="professional",
        language="en", what_happened="Her foster carer asked for an advocate for the review next week."),
        actor=officer)
    client.sign_in(officer)
    assert submission.reference in client.get("/staff/advocacy").get_data(as_text=True)
    page = client.get(f"/staff/advocacy/requests/{submission.id}").get_data(as_text=True)
    assert "Her foster carer asked for an advocate" in page


def _count_queries(app, client, path: str) -> int:
    from sqlalchemy import event

    from portal.db import db

    client.get(path)
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):  # noqa: ARG001
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE", "ROLLBACK", "BEGIN")):
            statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


def test_advocacy_lists_make_as_many_queries_for_many_rows_as_for_few(app, client, make_user, make_submission):
    from portal.casework import advocacy as work

    officer = make_user("crs_officer")
    advocate = in_pool(make_user, officer=officer)

    def add(n: int) -> None:
        for _ in range(n):
            case = assigned(make_user, make_submission, advocate=advocate, officer=officer)
            work.reply_from_young_person(case, "Hello")
            work.raise_concern(case, details="x", team=None, actor=advocate)
            request_for(make_submission)
            in_pool(make_user, officer=officer)

    add(2)
    client.sign_in(officer)
    advocate_client = app.test_client()
    advocate_client.sign_in(advocate)
    paths = ["/staff/advocacy", "/staff/advocacy/advocates", "/staff/"]
    few = {path: _count_queries(app, client, path) for path in paths}
    few["/advocacy/"] = _count_queries(app, advocate_client, "/advocacy/")
    add(6)
    many = {path: _count_queries(app, client, path) for path in paths}
    many["/advocacy/"] = _count_queries(app, advocate_client, "/advocacy/")
    assert few == many


def test_triage_sees_the_complaint_was_made_by_the_advocate(client, make_user, make_submission, session):
    from portal.casework import advocacy as work

    case = assigned(make_user, make_submission)
    complaint = work.make_complaint(case, what_happened="Family time keeps being cancelled.", what_would_help="",
                                    actor=case.advocate)
    client.sign_in(make_user("crs_officer"))
    assert complaint.reference in client.get("/staff/submissions").get_data(as_text=True)
    body = client.get(f"/staff/submissions/{complaint.id}").get_data(as_text=True)
    assert "Made for them by their advocate" in body and case.reference in body
