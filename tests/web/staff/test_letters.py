"""The answer reaches the child: the stage 1 response letter is written with the response, kept
cleaned, shown on the case page, printable, and shown under its matter on the tracking page."""

from __future__ import annotations

import re
from datetime import date

from sqlalchemy import select

from portal.casework import common, stage1
from portal.models import AuditEvent, Case, Letter

LETTER = (
    "Dear Sam,\n\n"
    "Thank you for telling us about your contact. We looked at **two things**:\n"
    "- why contact was cancelled\n"
    "- why <script>alert('nobody')</script> told you\n\n"
    '<p onclick="steal()">Yours sincerely,</p>\n'
    "Jo Manager"
)


def _respond(client, path, case, **extra):
    data = {"csrf_token": client.csrf_token(path), "on": "2026-11-25", "outcome": "upheld", "learning": "no",
            f"finding-{case.points[0].id}": "upheld", **extra}
    return client.post(path, data=data)


def test_the_stage1_response_needs_a_letter(client, session, answerable_case):
    case, path = answerable_case(client)
    body = _respond(client, path, case, letter="  \n ").get_data(as_text=True)
    assert "Write the response letter" in body
    session.expire_all()
    assert session.get(Case, case.id).status == "stage1"
    assert session.scalar(select(Letter)) is None


def test_the_operation_refuses_a_response_without_a_letter(session, make_case, team_and_manager):
    from portal.models import ComplaintPoint

    team, manager = team_and_manager
    case = make_case(team=team)
    case.points = [ComplaintPoint(position=1, summary="Contact cancelled")]
    session.commit()
    response = stage1.Stage1Response(on=date(2026, 11, 25), findings={case.points[0].id: "upheld"},
                                       outcome="upheld", resolution=None, learning=False, letter="")
    try:
        stage1.respond_stage1(case, response, actor=manager)
    except common.CaseworkError as error:
        assert "letter" in error.problems
    else:
        raise AssertionError("a response without a letter was recorded")


def test_the_letter_is_kept_clean_shown_on_the_case_page_and_printable(client, session, answerable_case):
    case, path = answerable_case(client)
    response = _respond(client, path, case, letter=LETTER, letter_language="en")
    assert response.status_code == 303, response.get_data(as_text=True)
    letter = session.scalar(select(Letter).where(Letter.case_id == case.id))
    assert letter.stage == 1 and letter.source == LETTER and letter.language == "en"
    assert letter.html == (
        '<p class="govuk-body">Dear Sam,</p>'
        '<p class="govuk-body">Thank you for telling us about your contact. We looked at <strong>two things'
        '</strong>:</p>'
        '<ul class="govuk-list govuk-list--bullet"><li>why contact was cancelled</li>'
        "<li>why &lt;script&gt;alert('nobody')&lt;/script&gt; told you</li></ul>"
        '<p class="govuk-body">&lt;p onclick="steal()"&gt;Yours sincerely,&lt;/p&gt;<br>'
        "Jo Manager</p>"
    )

    page = client.get(f"/staff/cases/{case.id}").get_data(as_text=True)
    assert "Stage 1 response letter" in page
    assert '<div class="app-letter" dir="auto" lang="en-GB"><p class="govuk-body">Dear Sam,</p>' in page
    assert f'href="/staff/cases/{case.id}/letter"' in page

    printable = client.get(f"/staff/cases/{case.id}/letter")
    assert printable.status_code == 200
    body = printable.get_data(as_text=True)
    assert '<body class="govuk-template__body app-print-letter">' in body
    assert "<strong>two things</strong>" in body and "<script>alert" not in body
    assert f"Our reference: {case.reference}" in body
    # The print view's title stays neutral: a reference, never a name.
    assert re.search(r"<title>Stage 1 response letter, case [A-Z0-9-]+ – ", body)


def test_a_letter_row_with_dangerous_html_is_cleaned_again_when_shown(client, session, answerable_case):
    """Written some other way (an import, a console): the page still shows only the allowed tags."""
    case, _path = answerable_case(client)
    case.letters.append(Letter(stage=1, source="x", html=(
        '<p style="position:fixed">Hello<script>alert(1)</script><img src=x onerror="alert(2)">'
        '<a href="javascript:alert(3)">link</a><em onclick="x()">you</em></p><style>body{}</style>')))
    session.commit()
    for path in (f"/staff/cases/{case.id}", f"/staff/cases/{case.id}/letter"):
        body = client.get(path).get_data(as_text=True)
        shown = body[body.index('dir="auto"'):]
        assert "<script>alert" not in shown and "onerror" not in shown and "javascript:" not in shown
        assert "position:fixed" not in shown and "<style>" not in shown and "onclick" not in shown
        assert '<p class="govuk-body">Hello' in shown and "<em>you</em>" in shown


def test_the_letter_page_is_only_for_those_who_may_see_the_case(client, session, make_case, make_team,
                                                                make_user, team_and_manager):
    team, _manager = team_and_manager
    case = make_case(team=team)
    case.letters.append(Letter(stage=1, source="Dear Sam,", html="<p>Dear Sam,</p>"))
    unanswered = make_case(team=team)
    session.commit()
    client.sign_in(make_user("operational_manager", team=make_team()))
    assert client.get(f"/staff/cases/{case.id}/letter").status_code == 404
    client.post("/sign-out", data={"csrf_token": client.csrf_token("/staff/")})
    client.sign_in(make_user("crs_officer"))
    assert client.get(f"/staff/cases/{case.id}/letter").status_code == 200
    assert client.get(f"/staff/cases/{unanswered.id}/letter").status_code == 404


def _answer(case, manager, letter, language="en"):
    stage1.respond_stage1(case, stage1.Stage1Response(
        on=date(2026, 11, 27), findings={case.points[0].id: "not_upheld"}, outcome="not_upheld", resolution=None,
        learning=False, letter=letter, letter_language=language), actor=manager)


def test_each_matters_letter_is_shown_under_it_on_the_tracking_page(client, two_matters):
    submission, code, cases, manager = two_matters(contact_method="none")
    _answer(cases[0], manager, "About your contact:\n- it starts again on **Monday**")
    _answer(cases[1], manager, "عن مال مغادرة الرعاية.", language="ar")

    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})
    page = client.get("/check/status").get_data(as_text=True)
    assert page.count("Our answer is below.") == 2
    part1, part2 = page.index('id="part-1"'), page.index('id="part-2"')
    first = page.index("About your contact:")
    second = page.index("عن مال مغادرة الرعاية.")
    assert part1 < first < part2 < second, "each letter sits under its own part"
    assert ('<div class="app-letter" dir="auto" lang="en-GB"><p class="govuk-body">About your contact:</p>'
            '<ul class="govuk-list govuk-list--bullet"><li>it starts again on <strong>Monday</strong></li>'
            "</ul>") in page
    assert '<div class="app-letter" dir="auto" lang="ar"><p class="govuk-body">عن مال مغادرة الرعاية.</p>' in page
    assert "Our answer to part 1" in page and "Our answer to part 2" in page


def test_the_letter_is_shown_whatever_way_of_contact_they_chose(client, two_matters):
    """Decision 0008: whoever opens the page with the code sees the letter (an email may not carry it)."""
    submission, code, cases, manager = two_matters(contact_method="email")
    _answer(cases[1], manager, "We are sorry the money stopped.")
    client.post("/check", data={"csrf_token": client.csrf_token("/check"), "reference": submission.reference,
                                "code": code})
    page = client.get("/check/status").get_data(as_text=True)
    assert "We are sorry the money stopped." in page
    assert "Our answer to part 1" not in page  # part 1 is not answered yet
    assert "Part 2: We have answered" in page


def test_the_response_and_its_letter_are_one_audited_change(client, session, answerable_case):
    case, path = answerable_case(client)
    _respond(client, path, case, letter="Dear Sam,")
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.subject_id == case.id)).all()
    assert "RespondStage1" in actions
    assert session.scalar(select(Letter).where(Letter.case_id == case.id)) is not None
