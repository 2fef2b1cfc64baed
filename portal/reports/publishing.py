"""Publishing freezes a year's report: the figures as computed then, with their as-at date. Later
corrections to records change the live report, never a published one."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from portal import audit
from portal.models import PublishedReport, User
from portal.procedure import uk_local_date, uk_today
from portal.reports import annual
from portal.reports.common import FinancialYear


class AlreadyPublished(Exception):
    pass


class YearNotEnded(Exception):
    """A year is published only once it has ended (after 31 March, UK date): never a part-year report."""


def published(conn: Any, year: int) -> PublishedReport | None:
    row = conn.execute(select(PublishedReport.__table__).where(PublishedReport.__table__.c.year == year)).first()
    if row is None:
        return None
    return PublishedReport(id=row.id, year=row.year, as_at=row.as_at, computed_at=row.computed_at,
                           published_by_id=row.published_by_id, data=row.data, created_at=row.created_at)


def live(conn: Any, year: int, *, apart: bool = False) -> dict[str, Any]:
    computed_at = datetime.now(UTC)
    return {"figures": annual.compute(conn, FinancialYear(year), apart=apart), "computed_at": computed_at,
            "as_at": uk_local_date(computed_at), "published": False, "year": FinancialYear(year)}


def report_for(conn: Any, year: int, *, apart: bool = False) -> dict[str, Any]:
    """The published report when the year is published, otherwise the live one (``apart``: see
    population.two_years). Publishing itself counts on one connection: a frozen report is one reading."""
    frozen = published(conn, year)
    if frozen is None:
        return live(conn, year, apart=apart)
    return {"figures": frozen.data, "computed_at": frozen.computed_at, "as_at": frozen.as_at, "published": True,
            "year": FinancialYear(year)}


def publish(session: Any, year: int, actor: User | None) -> PublishedReport:
    """Freeze the year's report as it stands now. The caller commits. Refused for a year that has not
    ended (here, so the command line cannot freeze a part-year report either) or is already published."""
    fy = FinancialYear(year)
    if fy.end >= uk_today():
        raise YearNotEnded(f"The {fy.label} year has not ended: a report can be published after "
                           f"{fy.end.strftime('%-d %B %Y')}.")
    if published(session.connection(), year) is not None:
        raise AlreadyPublished(f"The {FinancialYear(year).label} report is already published; "
                               "a published report never changes.")
    report = live(session.connection(), year)
    row = PublishedReport(year=year, as_at=report["as_at"], computed_at=report["computed_at"],
                          published_by_id=actor.id if actor else None, data=report["figures"])
    try:
        # Published at the same moment by someone else: the unique year refuses the second, which is
        # told so (not a server error). The savepoint keeps the caller's transaction usable.
        with session.begin_nested():
            session.add(row)
    except IntegrityError as error:
        raise AlreadyPublished(f"The {FinancialYear(year).label} report is already published; "
                               "a published report never changes.") from error
    audit.record("report_published", subject_type="published_report", subject_id=row.id, actor=actor,
                 year=FinancialYear(year).label, as_at=report["as_at"].isoformat())
    return row


def published_years(conn: Any) -> list[Any]:
    table = PublishedReport.__table__
    return list(conn.execute(select(table.c.year, table.c.as_at).order_by(table.c.year)))
