"""Restrictions on a person's contact (issue 11): what, why, who approved, review date; shown on every
case of that person; reviews due on the dashboard; the complaint itself still proceeds."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.casework import restrictions
from portal.models import AuditEvent, ContactRestriction
from portal.procedure import uk_today


def _post(client, case, **fields):
    path = f"/staff/cases/{case.id}/restrictions/new"
    data = {"csrf_token": client.csrf_token(path), "who": str(case.young_person_id),
            "restriction": "Contact by email only, to one named officer", "reason": "Forty calls a day",
            "approved_by": "Head of Service", "starts_on": uk_today().isoformat(),
            "review_on": (uk_today() + timedelta(days=90)).isoformat(), **fields}
    return client.post(path, data=data)


def test_a_restriction_shows_on_every_case_of_the_person_and_the_complaint_proceeds(
        app, client, session, make_case, make_user, team_and_manager):
    team, manager = team_and_manager
    first, second = make_case(team=team), make_case(team=team)
    second.young_person = first.young_person  # the same person complained twice
    second.complainant = first.young_person
    session.commit()
    client.sign_in(make_user("crs_officer"))
    assert _post(client, first).status_code == 303
    restriction = session.scalar(select(ContactRestriction))
    assert restriction.person_id == first.young_person_id and restriction.approved_by == "Head of Service"
    for case in (first, second):
        page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
        assert 'id="contact-restrictions"' in page and "Contact by email only" in page
    session.expire_all()
    assert first.status == "stage1"  # still proceeds
    audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "contact_restricted"))
    assert "email" not in str(audit.details)
    # The team's manager sees it too, on their case, but may not record or review one.
    theirs = app.test_client()
    theirs.sign_in(manager)
    assert "Contact by email only" in theirs.get(f"/staff/cases/{first.id}").get_data(as_text=True)
    assert theirs.get(f"/staff/cases/{first.id}/restrictions/new").status_code == 403


def test_bad_input_is_refused_with_what_was_typed_kept(client, session, make_case, make_user):
    case = make_case()
    client.sign_in(make_user("crs_officer"))
    body = _post(client, case, approved_by="", reason="Keep my reason",
                 review_on=uk_today().isoformat()).get_data(as_text=True)
    assert "Enter who approved the restriction" in body and "Keep my reason" in body
    body = _post(client, case, review_on=(uk_today() + timedelta(days=400)).isoformat()).get_data(as_text=True)
    assert "within six months" in body
    body = _post(client, case, who="not-a-person").get_data(as_text=True)
    assert "Choose whose contact is restricted" in body
    assert session.scalar(select(ContactRestriction)) is None


def test_reviews_due_are_on_the_dashboard_and_a_review_keeps_or_ends_it(client, session, make_case, make_user):
    case = make_case()
    officer = make_user("crs_officer")
    restriction = restrictions.record(case.young_person, restrictions.NewRestriction(
        "Email only", "Abusive calls", "Head of Service", uk_today() - timedelta(days=80),
        uk_today() + timedelta(days=3)), actor=officer)
    client.sign_in(officer)
    home = client.get("/staff/").get_data(as_text=True)
    assert 'id="restriction-reviews-due"' in home and case.reference in home
    assert "Review due" in client.get("/staff/restrictions").get_data(as_text=True)
    path = f"/staff/restrictions/{restriction.id}/review"
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "on": uk_today().isoformat(),
                                   "decision": "keep", "next_review_on": ""}).get_data(as_text=True)
    assert "Give the next review date" in body
    later = (uk_today() + timedelta(days=60)).isoformat()
    assert client.post(path, data={"csrf_token": client.csrf_token(path), "on": uk_today().isoformat(),
                                   "decision": "keep", "next_review_on": later}).status_code == 303
    assert 'id="restriction-reviews-due"' not in client.get("/staff/").get_data(as_text=True)
    body = client.post(path, data={"csrf_token": client.csrf_token(path), "on": uk_today().isoformat(),
                                   "decision": "end", "reason": ""}).get_data(as_text=True)
    assert "Say why the restriction ends" in body
    assert client.post(path, data={"csrf_token": client.csrf_token(path), "on": uk_today().isoformat(),
                                   "decision": "end", "reason": "Behaviour improved"}).status_code == 303
    session.expire_all()
    assert session.get(ContactRestriction, restriction.id).ended_on == uk_today()
    assert 'id="contact-restrictions"' not in client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "No restriction is in force" in client.get("/staff/restrictions").get_data(as_text=True)
