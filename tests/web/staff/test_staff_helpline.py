"""The Children's Rights Service runs the advocacy helpline, so its officers record helpline contacts
too (not only advocates), and the annual report counts them the same way."""

from __future__ import annotations

from sqlalchemy import select

from portal.models import HelplineContact


def test_an_officer_records_a_helpline_contact_from_the_staff_area(client, session, make_user):
    officer = make_user("crs_officer")
    client.sign_in(officer)
    assert 'href="/staff/helpline"' in client.get("/staff/").get_data(as_text=True)
    path = "/staff/helpline/new"
    refused = client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-12-01"})
    assert refused.status_code == 200 and "Say what they needed help or advice with" in refused.get_data(as_text=True)
    summary = "A foster carer asked how a young person can complain."
    done = client.post(path, data={"csrf_token": client.csrf_token(path), "on": "2026-12-01", "caller": "staff",
                                   "method": "phone", "summary": summary, "outcome": "advice_given"})
    assert done.status_code == 303 and done.location.endswith("/staff/helpline")
    contact = session.scalar(select(HelplineContact))
    assert (contact.recorded_by_id, contact.caller, contact.outcome) == (officer.id, "staff", "advice_given")
    assert "A foster carer asked" in client.get("/staff/helpline").get_data(as_text=True)


def test_an_advocate_not_in_the_pool_is_told_how_to_be_added(client, make_user):
    client.sign_in(make_user("advocate"))
    page = client.get("/advocacy/").get_data(as_text=True)
    assert "You are not in the advocate pool yet" in page and "the advocate pool" in page
