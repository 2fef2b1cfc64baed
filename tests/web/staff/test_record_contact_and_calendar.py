"""Contacts that came by phone, letter or email; the calendar table that lets SQL count working days."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from portal.models import CalendarDay, Submission
from portal.procedure import working_days_between


def test_staff_record_a_phone_complaint_into_the_queue(client, session, make_user):
    officer = make_user("crs_officer")
    client.sign_in(officer)
    path = "/staff/submissions/record"
    response = client.post(path, data={
        "csrf_token": client.csrf_token(path), "kind": "complaint", "channel": "phone",
        "received_on": "2026-11-20", "who_is_telling": "parent_carer", "language": "en",
        "young_person_name": "", "submitter_name": "A parent", "what_happened": "Calls not returned.\r\nTwice.",
    })
    assert response.status_code == 303
    submission = session.scalar(select(Submission).where(Submission.channel == "phone"))
    assert submission.status == "new" and submission.received_on == date(2026, 11, 20)
    assert submission.answers["what_happened"] == "Calls not returned.\nTwice."
    assert submission.recorded_by_id == officer.id and submission.young_person.name is None
    assert submission.reference in client.get("/staff/submissions").get_data(as_text=True)


def test_recording_says_what_is_missing_and_keeps_the_rest(client, make_user):
    client.sign_in(make_user("crs_officer"))
    path = "/staff/submissions/record"
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "channel": "letter",
                                   "received_on": "2026-11-20", "young_person_name": "Sam"}).get_data(as_text=True)
    assert "Choose what it is" in body and "Write what happened" in body
    assert 'value="Sam"' in body


def test_a_received_date_in_the_future_is_refused(client, make_user):
    client.sign_in(make_user("crs_officer"))
    path = "/staff/submissions/record"
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "kind": "complaint", "channel": "email",
                                   "received_on": "2031-01-01", "who_is_telling": "young_person",
                                   "language": "en", "what_happened": "x"}).get_data(as_text=True)
    assert "cannot be in the future" in body


@given(st.dates(date(2015, 1, 1), date(2030, 12, 31)), st.integers(0, 400))
def test_calendar_table_subtraction_equals_the_statutory_count(start, span):
    from portal.db import db

    end = date.fromordinal(min(start.toordinal() + span, date(2030, 12, 31).toordinal()))
    ordinals = dict(db.session.execute(
        select(CalendarDay.day, CalendarDay.ordinal).where(CalendarDay.day.in_([start, end]))).all())
    assert ordinals[end] - ordinals[start] == working_days_between(start, end)


def test_calendar_table_knows_the_special_bank_holidays(session):
    days = dict(session.execute(select(CalendarDay.day, CalendarDay.is_working).where(
        CalendarDay.day.in_([date(2022, 9, 19), date(2023, 5, 8), date(2023, 5, 9)]))).all())
    assert days == {date(2022, 9, 19): False, date(2023, 5, 8): False, date(2023, 5, 9): True}
