"""Staff write to the young person from any case: one thread on the tracking page with who wrote (first
name and role) and when, read receipts for staff, a content-free notice on the safe way the child chose,
and the young person's reply back on the case page."""

from __future__ import annotations

from sqlalchemy import select

from portal.intake import codes
from portal.models import AuditEvent, Message
from portal.notifications.models import Notification
from portal.notifications.outbox import personalisation_of


def _open_tracking(app, client, session, submission):
    code = codes.new_tracking_code()
    submission.tracking_code_hash = codes.hash_tracking_code(code, app.config["TRACKING_CODE_KEY"])
    session.commit()
    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})


def _named(user, session, name):
    user.name = name
    session.commit()
    return user


def _write(client, url, body):
    return client.post(url, data={"csrf_token": client.csrf_token(url), "body": body})


def test_staff_write_from_a_case_and_the_young_person_reads_and_replies(app, client, session, make_case, make_user):
    case = make_case()
    case.submission.answers = {**case.submission.answers, "contact_method": "email",
                               "contact_email": "yp@example.org"}
    session.commit()
    _open_tracking(app, client, session, case.submission)
    client.get("/check/sign-out")
    officer = _named(make_user("crs_officer"), session, "Samira Okafor")
    client.sign_in(officer)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert f'href="/staff/cases/{case.id}/write"' in page and "No messages yet." in page

    response = _write(client, f"/staff/cases/{case.id}/write", "Hello, I am looking at your complaint.\r\nSamira")
    assert response.status_code == 303 and response.location.endswith(f"/staff/cases/{case.id}#young-persons-words")
    message = session.scalar(select(Message))
    assert (message.direction, message.author_role, message.case_id) == ("to_young_person", "crs_officer", case.id)
    assert message.body == "Hello, I am looking at your complaint.\nSamira"
    # A content-free notice to the email they chose; the audit names ids only.
    notice = session.scalar(select(Notification))
    assert (notice.to_address, notice.template, personalisation_of(notice)) == ("yp@example.org", "message_waiting", {})
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "message_to_young_person"))
    assert event.details["notified"] == "email" and "Hello" not in str(event.details)
    assert "Not read yet" in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})

    _open_tracking(app, client, session, case.submission)
    status = client.get("/check/status").get_data(as_text=True)
    assert status.count('id="messages"') == 1  # one thread, not two "Messages" sections
    assert "From Samira, Children&#39;s Rights Service" in status and "Hello, I am looking" in status
    assert "Okafor" not in status
    reply_page = client.get("/check/add").get_data(as_text=True)
    assert "Hello, I am looking at your complaint." in reply_page  # the reply page shows the thread
    reply = client.post("/check/add", data={"csrf_token": client.csrf_token("/check/add"),
                                            "more_information": "Thank you. When will I hear?"})
    assert reply.status_code == 303
    client.get("/check/sign-out")

    client.sign_in(make_user("crs_officer"))  # a colleague (the writer's code of a minute ago is spent)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Read by the young person" in page and "Thank you. When will I hear?" in page
    assert "Messages with the young person (1 new)" in page


def test_a_manager_writes_as_the_manager_and_no_email_goes_to_a_child_who_chose_the_phone(
        app, client, session, make_case, make_team, make_user):
    team = make_team("Looked After Children Thread")
    manager = _named(make_user("operational_manager", team=team), session, "Dev Patel")
    case = make_case(team=team)
    case.submission.answers = {**case.submission.answers, "contact_method": "phone", "contact_phone": "07700900123"}
    _open_tracking(app, client, session, case.submission)
    client.get("/check/sign-out")
    client.sign_in(manager)
    response = _write(client, f"/staff/cases/{case.id}/write", "I will ring you on Friday.")
    assert response.status_code == 303
    page = client.get(response.location).get_data(as_text=True)
    assert "They asked to be phoned" in page
    assert session.scalar(select(Notification)) is None
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    _open_tracking(app, client, session, case.submission)
    assert "From Dev, the manager dealing with this" in client.get("/check/status").get_data(as_text=True)


def test_an_empty_or_too_long_message_is_refused_and_kept(app, client, session, make_case, make_user):
    case = make_case()
    _open_tracking(app, client, session, case.submission)
    client.get("/check/sign-out")
    client.sign_in(make_user("crs_officer"))
    empty = _write(client, f"/staff/cases/{case.id}/write", "   ")
    assert empty.status_code == 200 and "Write your message" in empty.get_data(as_text=True)
    long = "x" * 5001
    too_long = _write(client, f"/staff/cases/{case.id}/write", long)
    assert too_long.status_code == 200 and long in too_long.get_data(as_text=True)
    assert session.scalar(select(Message)) is None


def test_nobody_can_write_without_a_tracking_code_and_roles_without_the_permission_cannot(
        client, session, make_case, make_user):
    case = make_case()  # staff-recorded: no tracking code yet
    client.sign_in(make_user("crs_officer"))
    refused = _write(client, f"/staff/cases/{case.id}/write", "Hello")
    assert refused.status_code == 200 and "give them a new code first" in refused.get_data(as_text=True)
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    client.sign_in(make_user("deputy_director"))
    assert client.get(f"/staff/cases/{case.id}/write").status_code == 403
