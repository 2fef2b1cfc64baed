"""Reminders before a deadline passes, queued once per due item by `flask reminders send`, and the daily
digest for each member of staff, which they can switch off."""

from __future__ import annotations

from datetime import date, timedelta

from advocacy_helpers import assigned
from sqlalchemy import select

from portal.models import AuditEvent, OmbudsmanEnquiry
from portal.notifications.models import Notification, Reminder
from portal.notifications.outbox import personalisation_of
from portal.procedure import add_working_days, working_day_ordinal

TODAY = date(2026, 12, 7)  # a Monday


def _due(session, case, due_on, manager=None):
    case.due_on, case.due_ordinal = due_on, working_day_ordinal(due_on)
    case.responding_manager_id = manager.id if manager is not None else None
    session.commit()


def _sent(session) -> list[tuple[str, str, str]]:
    """(to, what it says, where) of each reminder queued."""
    found = []
    for note in session.scalars(select(Notification).where(Notification.template == "reminder")
                                .order_by(Notification.to_address)):
        said = personalisation_of(note)
        found.append((note.to_address, said["says"], said["where"]))
    return sorted(found)


def test_each_due_item_is_reminded_once_to_whose_it_is(app, session, make_case, make_user, make_submission,
                                                      make_team):
    from portal.notifications import reminders

    manager = make_user("operational_manager", team=make_team(), email="manager@example.gov.uk")
    make_user("complaints_manager", email="boss@example.gov.uk")
    officer = make_user("crs_officer", email="officer@example.gov.uk")
    soon, late, later = make_case(), make_case(), make_case()
    _due(session, soon, add_working_days(TODAY, 3), manager)  # due in three working days: reminded
    _due(session, late, TODAY - timedelta(days=3))  # overdue, nobody named: the complaints managers
    _due(session, later, add_working_days(TODAY, 5), manager)  # five working days away: not yet
    received = next(day for day in (TODAY - timedelta(days=n) for n in range(1, 10))
                    if add_working_days(day, app.config["FIRST_CONTACT_WORKING_DAYS"]) == TODAY)
    new = make_submission(received=received)  # first contact promised for today, not triaged
    make_submission(received=TODAY - timedelta(days=30))  # promise long past: not reminded every day
    enquiry = OmbudsmanEnquiry(case_id=later.id, enquired_on=TODAY - timedelta(days=20),
                               information_due_on=TODAY + timedelta(days=2))
    session.add(enquiry)
    advocacy = assigned(make_user, make_submission, officer=officer)
    advocacy.next_contact_due = TODAY - timedelta(days=1)
    session.commit()

    queued = reminders.send_reminders(TODAY)
    expected = sorted([
        ("manager@example.gov.uk", "A response is due soon", f"/staff/cases/{soon.id}"),
        ("boss@example.gov.uk", "A response is overdue", f"/staff/cases/{late.id}"),
        ("officer@example.gov.uk", "First contact with a young person is due", f"/staff/submissions/{new.id}"),
        ("boss@example.gov.uk", "Information for the Ombudsman is due", f"/staff/cases/{later.id}"),
        (advocacy.advocate.email, "Contact with a young person you advocate for is overdue",
         f"/advocacy/cases/{advocacy.id}"),
    ])
    assert queued == 5 and _sent(session) == expected
    # Run again (the same day, or the next): nothing twice.
    assert reminders.send_reminders(TODAY) == 0
    assert reminders.send_reminders(TODAY + timedelta(days=1)) == 0
    assert _sent(session) == expected
    # An extension is a new due date: reminded again.
    _due(session, soon, add_working_days(TODAY, 2), manager)
    assert reminders.send_reminders(TODAY) == 1
    assert session.scalar(select(Reminder).where(Reminder.subject_id == soon.id, Reminder.due_on ==
                                                 add_working_days(TODAY, 2))).user_id == manager.id


def test_a_reminder_names_nobody(app, session, make_case, make_user, make_team):
    from portal.notifications import reminders
    from portal.notifications.sender import build

    manager = make_user("operational_manager", team=make_team())
    case = make_case()
    _due(session, case, add_working_days(TODAY, 1), manager)
    reminders.send_reminders(TODAY)
    message = build(session.scalar(select(Notification)))
    body = message.get_content()
    assert message["Subject"] == "A reminder from the Children's Rights portal"
    assert f"/staff/cases/{case.id}" in body and case.reference not in body and "Test Young Person" not in body


def test_the_reminders_command(app, session, make_case, make_user, make_team):
    manager = make_user("operational_manager", team=make_team())
    _due(session, make_case(), add_working_days(TODAY, 1), manager)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["reminders", "send", "--today", TODAY.isoformat(), "--no-digest"])
    assert result.output.strip() == f"Queued 1 reminders and 0 daily digests for {TODAY.isoformat()}."
    result = runner.invoke(args=["reminders", "send", "--today", TODAY.isoformat(), "--no-digest"])
    assert result.output.startswith("Queued 0 reminders")


def test_the_daily_digest_counts_what_is_theirs_and_new_and_can_be_switched_off(app, client, session, make_case,
                                                                                 make_user, make_submission,
                                                                                 make_team):
    from portal.notifications import reminders

    officer = make_user("crs_officer", email="officer@example.gov.uk")
    make_user("crs_officer", email="quiet@example.gov.uk")
    make_user("advocate", email="advocate@example.gov.uk")  # no staff area: no digest
    make_submission(received=TODAY)  # new for triage officers
    make_submission(received=TODAY - timedelta(days=1))
    make_submission(received=TODAY - timedelta(days=5))  # not new
    assert reminders.send_digests(TODAY) == 2
    digest = session.scalar(select(Notification).where(Notification.template == "daily_digest",
                                                       Notification.to_address == "officer@example.gov.uk"))
    assert personalisation_of(digest)["submissions"] == 2
    assert reminders.send_digests(TODAY) == 0  # once a day

    client.sign_in(officer)
    page = client.get("/staff/my-work").get_data(as_text=True)
    assert "Stop the daily email" in page
    response = client.post("/staff/my-work/daily-email", data={"csrf_token": client.csrf_token("/staff/my-work")})
    assert response.status_code == 303
    session.refresh(officer)
    assert officer.daily_digest is False
    assert "Send me the daily email" in client.get("/staff/my-work").get_data(as_text=True)
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "daily_digest_switched"))
    assert event.actor_id == officer.id and event.details == {"on": False}
    assert reminders.send_digests(TODAY + timedelta(days=1)) == 1  # the other officer only
