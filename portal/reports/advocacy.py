"""Advocacy figures for the annual report, counted in SQL (plain functions: a session or connection and
a financial year in, plain dicts out). The annual report's pages call these.

``year`` is a financial year: an int (``2015`` is 2015-04-01 to 2016-03-31, "2015-16") or any object with
``first`` (the report's ``FinancialYear``). Counting rules:

- **advocacy requests**: submissions of kind ``advocacy_request`` received in the year (withdrawn ones
  included: they were asked for), by the kind of advocate *given* (``independent``, ``crs``,
  ``own_choice``), ``not_assigned`` while none has been (the request still waits).
- **advocacy outcomes**: advocacy cases closed in the year (by their closing date), by kind of advocate
  given and outcome (``informal_resolution``, ``formal_complaint``, ``withdrawn``, ``other``); ``open`` counts
  cases assigned in or before the year and still open at its end.
- **helpline contacts**: recorded helpline contacts in the year (by the contact's date), from young people
  (``young_person``, the informal contacts the report adds to front-door wishes and feelings) and from staff.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, func, or_, select

from portal.models import AdvocacyCase, HelplineContact, Submission
from portal.reports.common import list_table

KINDS = ("independent", "crs", "own_choice")
OUTCOMES = ("informal_resolution", "formal_complaint", "withdrawn", "other")
CALLERS = ("young_person", "staff")


def _first(year: Any) -> int:
    return int(getattr(year, "first", year))


def _bounds(year: Any) -> tuple[date, date]:
    first = _first(year)
    return date(first, 4, 1), date(first + 1, 3, 31)


def label(year: Any) -> str:
    first = _first(year)
    return f"{first}-{(first + 1) % 100:02d}"


def advocacy_requests(session: Any, year: Any) -> dict[str, Any]:
    start, end = _bounds(year)
    query = (select(AdvocacyCase.kind, func.count(Submission.id))
             .select_from(Submission)
             .outerjoin(AdvocacyCase, AdvocacyCase.submission_id == Submission.id)
             .where(Submission.kind == "advocacy_request", Submission.received_on.between(start, end))
             .group_by(AdvocacyCase.kind))
    by_kind = {kind: 0 for kind in (*KINDS, "not_assigned")}
    for kind, count in session.execute(query):
        by_kind[kind or "not_assigned"] += int(count)
    return {"total": sum(by_kind.values()), "by_kind": by_kind}


def advocacy_outcomes(session: Any, year: Any) -> dict[str, Any]:
    start, end = _bounds(year)
    closed = (select(AdvocacyCase.kind, AdvocacyCase.outcome, func.count())
              .where(AdvocacyCase.status == "closed", AdvocacyCase.closed_on.between(start, end))
              .group_by(AdvocacyCase.kind, AdvocacyCase.outcome))
    still_open = (select(AdvocacyCase.kind, func.count())
                  .where(AdvocacyCase.assigned_on <= end,
                         or_(AdvocacyCase.closed_on.is_(None), AdvocacyCase.closed_on > end))
                  .group_by(AdvocacyCase.kind))
    table = {kind: {**{outcome: 0 for outcome in OUTCOMES}, "open": 0} for kind in KINDS}
    for kind, outcome, count in session.execute(closed):
        table.setdefault(kind, {**{o: 0 for o in OUTCOMES}, "open": 0})[outcome] += int(count)
    for kind, count in session.execute(still_open):
        table.setdefault(kind, {**{o: 0 for o in OUTCOMES}, "open": 0})["open"] += int(count)
    return table


def helpline_contacts(session: Any, year: Any) -> dict[str, int]:
    start, end = _bounds(year)
    query = (select(HelplineContact.caller, func.count())
             .where(and_(HelplineContact.contact_on >= start, HelplineContact.contact_on <= end))
             .group_by(HelplineContact.caller))
    counts = {caller: 0 for caller in CALLERS}
    for caller, count in session.execute(query):
        counts[caller] = counts.get(caller, 0) + int(count)
    return {**counts, "total": sum(counts.values())}


def advocacy_figures(session: Any, year: Any) -> dict[str, Any]:
    """Everything above, for the year and the year before."""
    first = _first(year)

    def one(y: int) -> dict[str, Any]:
        return {"requests": advocacy_requests(session, y), "outcomes": advocacy_outcomes(session, y),
                "helpline": helpline_contacts(session, y)}

    return {"year": label(first), "this_year": one(first), "last_year": one(first - 1)}


# --- as tables of the annual report (this year beside last; portal.reports.annual) --------------------


def t_advocacy_requests(src: Any) -> list[dict[str, Any]]:
    """Advocacy requests received, by the kind of advocate given (not_assigned while none is)."""
    rows = []
    for bucket, first in (("this", src.year.first), ("last", src.year.first - 1)):
        rows += [(bucket, kind, count) for kind, count in advocacy_requests(src.conn, first)["by_kind"].items()]
    return list_table(rows)


def t_advocacy_outcomes(src: Any) -> list[dict[str, Any]]:
    """Advocacy closed in the year, by outcome (all kinds of advocate together; the staff page and the
    JSON of advocacy_figures keep the split by kind)."""
    rows = []
    for bucket, first in (("this", src.year.first), ("last", src.year.first - 1)):
        for outcomes in advocacy_outcomes(src.conn, first).values():
            rows += [(bucket, outcome, count) for outcome, count in outcomes.items() if outcome != "open"]
    return list_table(rows)


def t_helpline(src: Any) -> list[dict[str, Any]]:
    """Helpline contacts recorded by advocates, from young people and from staff."""
    rows = []
    for bucket, first in (("this", src.year.first), ("last", src.year.first - 1)):
        counts = helpline_contacts(src.conn, first)
        rows += [(bucket, caller, counts[caller]) for caller in CALLERS]
    return list_table(rows)


def young_people_helpline(conn: Any, year: Any) -> dict[str, int]:
    """Helpline contacts from young people this year and last: informal contacts the report adds to the
    wishes and feelings received (portal.reports.young_people.young_people_contacts)."""
    first = _first(year)
    return {"this_year": helpline_contacts(conn, first)["young_person"],
            "last_year": helpline_contacts(conn, first - 1)["young_person"]}
