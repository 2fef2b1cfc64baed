"""Advocacy figures for the annual report: records made by hand, counted independently."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest

from portal.models import AdvocacyCase, HelplineContact, Submission
from portal.reports import advocacy as report


@pytest.fixture
def records(session):
    def request(received: date, kind: str | None = None, status: str = "open", closed: date | None = None,
                outcome: str | None = None) -> None:
        submission = Submission(reference=uuid.uuid4().hex[:9].upper(), kind="advocacy_request",
                                submitted_at=datetime(received.year, received.month, received.day, tzinfo=UTC),
                                received_on=received, answers={})
        session.add(submission)
        session.flush()
        if kind:
            session.add(AdvocacyCase(submission_id=submission.id, reference=submission.reference, kind=kind,
                                     requested_on=received, assigned_on=received, status=status, closed_on=closed,
                                     outcome=outcome))

    request(date(2015, 4, 1), "independent", "closed", date(2015, 6, 1), "informal_resolution")
    request(date(2015, 5, 1), "independent", "closed", date(2016, 3, 31), "formal_complaint")
    request(date(2015, 7, 1), "crs", "closed", date(2016, 4, 1), "withdrawn")  # closed next year
    request(date(2016, 3, 31), "own_choice")
    request(date(2016, 1, 5))  # still waiting
    request(date(2015, 3, 31), "crs", "closed", date(2015, 4, 2), "other")  # asked last year, closed this
    request(date(2016, 4, 1), "independent")  # next year
    for day, caller in [(date(2015, 4, 1), "young_person"), (date(2015, 12, 1), "young_person"),
                        (date(2016, 2, 1), "staff"), (date(2016, 4, 1), "staff"), (date(2015, 3, 31), "staff")]:
        session.add(HelplineContact(contact_on=day, caller=caller, method="phone", summary="-",
                                    outcome="advice_given"))
    session.commit()


def test_requests_by_kind_given(session, records):
    assert report.advocacy_requests(session, 2015) == {
        "total": 5, "by_kind": {"independent": 2, "crs": 1, "own_choice": 1, "not_assigned": 1}}
    assert report.advocacy_requests(session, 2014)["by_kind"]["crs"] == 1


def test_outcomes_by_closing_date_and_still_open(session, records):
    table = report.advocacy_outcomes(session, 2015)
    assert table["independent"]["informal_resolution"] == 1 and table["independent"]["formal_complaint"] == 1
    assert table["crs"]["other"] == 1 and table["crs"]["withdrawn"] == 0 and table["crs"]["open"] == 1
    assert table["own_choice"]["open"] == 1 and table["independent"]["open"] == 0


def test_helpline_contacts_from_young_people_and_staff(session, records):
    assert report.helpline_contacts(session, 2015) == {"young_person": 2, "staff": 1, "total": 3}


def test_figures_for_this_year_and_last(session, records):
    class FinancialYear:
        first = 2015

    figures = report.advocacy_figures(session, FinancialYear())
    assert figures["year"] == "2015-16"
    assert figures["last_year"]["helpline"] == {"young_person": 0, "staff": 1, "total": 1}
    assert figures["this_year"]["requests"]["total"] == 5


def test_the_annual_reports_advocacy_tables_put_this_year_beside_last(session, records):
    from types import SimpleNamespace

    from portal.reports.common import FinancialYear

    src = SimpleNamespace(conn=session.connection(), year=FinancialYear(2015))
    assert report.t_advocacy_requests(src) == [
        {"label": "independent", "this_year": 2, "last_year": 0},
        {"label": "crs", "this_year": 1, "last_year": 1},
        {"label": "not_assigned", "this_year": 1, "last_year": 0},
        {"label": "own_choice", "this_year": 1, "last_year": 0},
    ]
    assert report.t_helpline(src) == [{"label": "young_person", "this_year": 2, "last_year": 0},
                                      {"label": "staff", "this_year": 1, "last_year": 1}]
    assert {row["label"]: row["this_year"] for row in report.t_advocacy_outcomes(src)} == {
        "formal_complaint": 1, "informal_resolution": 1, "other": 1}
    assert report.young_people_helpline(session.connection(), 2015) == {"this_year": 2, "last_year": 0}
