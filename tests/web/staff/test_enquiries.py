"""MP and Councillor enquiries (issue 11): recorded by staff, due on the council's timescale, linked to
known people and their open cases (a warning on the enquiry and on the case page)."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from portal.casework import enquiries
from portal.models import AuditEvent, MemberEnquiry
from portal.procedure import add_working_days, uk_today


def _known_case(make_case, team, name="Jordan McAllister", born=date(2010, 3, 4)):
    case = make_case(team=team)
    case.young_person.name = name
    case.young_person.date_of_birth = born
    return case


def _post_new(client, **fields):
    data = {"csrf_token": client.csrf_token("/staff/enquiries/new"), "member_name": "Sam Jones MP",
            "member_kind": "mp", "received_on": uk_today().isoformat(), "person_name": "Jordan McAllister",
            "person_date_of_birth": "2010-03-04", "about": "Asks why contact stopped.", **fields}
    return client.post("/staff/enquiries/new", data=data)


def test_an_enquiry_is_recorded_due_on_the_councils_timescale_and_linked_to_the_known_family(
        client, session, make_user, make_case, team_and_manager):
    team, manager = team_and_manager
    case = _known_case(make_case, team)
    session.commit()
    client.sign_in(make_user("crs_officer"))
    response = _post_new(client, person_name="jordan  mcallister")
    assert response.status_code == 303
    enquiry = session.scalar(select(MemberEnquiry))
    assert enquiry.due_on == add_working_days(uk_today(), 10)
    assert [c.id for c in enquiry.cases] == [case.id]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="known-family"' in page and "1 case is open" in page and case.reference in page
    assert "Name only" not in page  # name and date of birth both agreed
    # The case page warns too, so the team does not answer the same thing twice.
    case_page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert 'id="member-enquiries"' in case_page and "waiting for a response" in case_page
    audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "member_enquiry_recorded"))
    assert "Jordan" not in str(audit.details) and audit.details["linked_cases"] == 1


def test_the_team_manager_sees_the_warning_on_their_case_but_not_the_enquiry_itself(
        client, session, make_user, make_case, team_and_manager):
    team, manager = team_and_manager
    case = _known_case(make_case, team)
    officer = make_user("crs_officer")
    enquiry = enquiries.record(enquiries.EnquiryDetails("Cllr Ann Lee", "councillor", uk_today(),
                                                        "Jordan McAllister", None, None), actor=officer)
    client.sign_in(manager)
    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Cllr Ann Lee" in page and f"/staff/enquiries/{enquiry.id}" not in page
    assert client.get(f"/staff/enquiries/{enquiry.id}").status_code == 403


def test_another_person_with_the_same_name_but_another_birthday_is_not_linked(
        session, make_user, make_case, team_and_manager):
    team, _manager = team_and_manager
    _known_case(make_case, team, born=date(2012, 1, 1))
    enquiry = enquiries.record(enquiries.EnquiryDetails("Sam Jones", "mp", uk_today(), "Jordan McAllister",
                                                        date(2010, 3, 4), None), actor=make_user("crs_officer"))
    assert enquiry.cases == [] and enquiry.people == []


def test_bad_input_is_refused_on_its_field_and_nothing_typed_is_lost(client, session, make_user):
    client.sign_in(make_user("crs_officer"))
    future = (uk_today() + timedelta(days=3)).isoformat()
    body = _post_new(client, member_name="", received_on=future, about="Keep these words").get_data(as_text=True)
    assert "Enter the name of the MP or councillor" in body
    assert "Keep these words" in body and "Jordan McAllister" in body
    assert session.scalar(select(MemberEnquiry)) is None
    body = _post_new(client, received_on=future).get_data(as_text=True)
    assert "The date received cannot be in the future" in body
    body = _post_new(client, member_kind="mayor", received_on="not a date").get_data(as_text=True)
    assert "Error:" in body


def test_the_list_shows_due_and_overdue_and_the_response_is_recorded(client, session, make_user):
    officer = make_user("crs_officer")
    late = enquiries.record(enquiries.EnquiryDetails("Late MP", "mp", uk_today() - timedelta(days=40),
                                                     "Alex Nobody", None, None), actor=officer)
    enquiries.record(enquiries.EnquiryDetails("Soon Cllr", "councillor", uk_today(), "Bo Nobody", None, None),
                     actor=officer)
    client.sign_in(officer)
    page = client.get("/staff/enquiries").get_data(as_text=True)
    assert "2 enquiries waiting for a response" in page and "1 overdue" in page
    assert page.index("Late MP") < page.index("Soon Cllr")  # soonest due first
    home = client.get("/staff/").get_data(as_text=True)
    assert "2 enquiries waiting for a response" in home
    path = f"/staff/enquiries/{late.id}/respond"
    bad = client.post(path, data={"csrf_token": client.csrf_token(path), "on": uk_today().isoformat(),
                                  "response": " "}).get_data(as_text=True)
    assert "Enter the response" in bad
    response = client.post(path, data={"csrf_token": client.csrf_token(path), "on": uk_today().isoformat(),
                                       "response": "Explained the contact plan."})
    assert response.status_code == 303
    session.expire_all()
    assert session.get(MemberEnquiry, late.id).responded_on == uk_today()
    assert "Late MP" in client.get("/staff/enquiries?show=answered").get_data(as_text=True)
    assert "Late MP" in client.get("/staff/enquiries?show=all").get_data(as_text=True)
    assert "Late MP" not in client.get("/staff/enquiries?show=nonsense").get_data(as_text=True)


def test_a_case_opened_after_the_enquiry_is_found_by_checking_again(client, session, make_user, make_case,
                                                                    team_and_manager):
    team, _manager = team_and_manager
    officer = make_user("crs_officer")
    enquiry = enquiries.record(enquiries.EnquiryDetails("Sam Jones", "mp", uk_today(), "Jordan McAllister",
                                                        None, None), actor=officer)
    assert enquiry.cases == []
    case = _known_case(make_case, team)
    session.commit()
    client.sign_in(officer)
    path = f"/staff/enquiries/{enquiry.id}"
    client.post(f"{path}/relink", data={"csrf_token": client.csrf_token(path)})
    page = client.get(path).get_data(as_text=True)
    assert case.reference in page and "Name only: check the date of birth" in page
    edit = f"{path}/edit"
    assert "Jordan McAllister" in client.get(edit).get_data(as_text=True)
    response = client.post(edit, data={"csrf_token": client.csrf_token(edit), "member_name": "Sam Jones MP",
                                       "member_kind": "mp", "received_on": uk_today().isoformat(),
                                       "person_name": "Someone Else", "person_date_of_birth": "", "about": ""})
    assert response.status_code == 303
    session.expire_all()
    assert session.get(MemberEnquiry, enquiry.id).cases == []
