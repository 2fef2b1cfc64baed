"""Staff a complaint is about never see it or answer it: not by URL, not from any list."""

from __future__ import annotations

from portal.access import visible_cases, visible_submissions
from portal.casework import common, triage


def _name_in_complaint(session, case, user):
    case.subject_staff.append(user)
    session.commit()


def test_named_manager_cannot_open_the_case_by_url_or_see_it_in_any_list(client, session, make_user,
                                                                        make_team, make_case):
    team = make_team()
    named = make_user("operational_manager", team=team)
    colleague = make_user("operational_manager", team=team)
    case = make_case(team=team)
    _name_in_complaint(session, case, named)
    client.sign_in(named)
    assert client.get(f"/staff/cases/{case.id}").status_code == 404
    assert client.get(f"/staff/cases/{case.id}/respond").status_code == 404
    assert client.get(f"/staff/cases/{case.id}/extend").status_code == 404
    home = client.get("/staff/").get_data(as_text=True)
    assert case.reference not in home
    assert case.id not in {c.id for c in session.scalars(visible_cases(named))}
    assert case.id in {c.id for c in session.scalars(visible_cases(colleague))}


def test_named_triage_officer_cannot_see_the_case_or_its_submission(client, session, make_user, make_team,
                                                                    make_case):
    named = make_user("crs_officer")
    case = make_case(team=make_team())
    _name_in_complaint(session, case, named)
    client.sign_in(named)
    assert client.get(f"/staff/cases/{case.id}").status_code == 404
    assert client.get(f"/staff/submissions/{case.submission_id}").status_code == 404
    assert case.submission_id not in {s.id for s in session.scalars(visible_submissions(named))}


def test_named_manager_cannot_be_made_the_responder(session, make_user, make_team, make_submission):
    import pytest

    from portal.procedure import Route, uk_today

    team = make_team()
    named = make_user("operational_manager", team=team)
    officer = make_user("crs_officer")
    submission = make_submission()
    triage.claim(submission, actor=officer)
    decision = triage.TriageDecision(matter_date_not_known=True,
        route=Route.STATUTORY, on=uk_today(), reason="complaint", team=team, categories=[], points=["x"],
        responding_manager=named, subject_staff=[named],
    )
    with pytest.raises(common.CaseworkError, match="named in the complaint"):
        triage.triage(submission, decision, actor=officer)


def test_manager_of_another_team_cannot_open_the_case(client, make_user, make_team, make_case):
    case = make_case(team=make_team())
    other = make_user("operational_manager", team=make_team())
    client.sign_in(other)
    assert client.get(f"/staff/cases/{case.id}").status_code == 404


def test_possible_matches_never_show_a_case_about_the_viewer(client, session, make_user, make_team, make_case,
                                                             make_submission):
    """The matches panel looked at every case: a named officer saw the reference of a case about them."""
    from datetime import date

    from portal.models import Person

    named = make_user("crs_officer")
    case = make_case(team=make_team())
    _name_in_complaint(session, case, named)
    case.young_person.name, case.young_person.date_of_birth = "Sam Example", date(2010, 5, 1)
    new = make_submission()
    new.young_person = Person(name="Sam Example", date_of_birth=date(2010, 5, 1))
    session.commit()
    client.sign_in(named)
    body = client.get(f"/staff/submissions/{new.id}").get_data(as_text=True)
    assert case.reference not in body
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    client.sign_in(make_user("crs_officer"))
    assert case.reference in client.get(f"/staff/submissions/{new.id}").get_data(as_text=True)


def test_a_duplicate_never_names_a_case_about_the_viewer(client, session, make_user, make_team, make_case):
    named = make_user("crs_officer")
    original = make_case(team=make_team())
    _name_in_complaint(session, original, named)
    duplicate = make_case(route="duplicate", linked_case_id=original.id)
    client.sign_in(named)
    body = client.get(f"/staff/cases/{duplicate.id}").get_data(as_text=True)
    assert original.reference not in body and "Duplicate of" not in body
