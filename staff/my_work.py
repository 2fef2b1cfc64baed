"""My work: for the signed-in person, what is theirs across the stages and when it is due.

Each list is one function in :data:`WORK_LISTS` (``(user, today) -> WorkList | None``; None when the
list is not this person's job). Another module adds its own lists by appending to it (enquiries,
corrective actions, restriction reviews). Every list is counted in SQL over the calendar table, from
the cases the person may see (``portal.access``), with the limits from ``portal.procedure``; a test
holds each due date equal to the procedure's own.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import aliased, selectinload

from portal import audit
from portal.access import live_work, visible_cases
from portal.db import db
from portal.models import Appointment, CalendarDay, Case, OmbudsmanEnquiry, User
from portal.permissions import (
    CASES_APPOINTED,
    CASES_MANAGE,
    OMBUDSMAN,
    STAFF_AREA,
    STAGE2_ADJUDICATE,
    STAGE2_INVESTIGATE,
    STAGE3_PANEL,
    STAGE3_RESPOND,
    has_permission,
    requires,
)
from portal.procedure import CaseStatus, working_day_ordinal
from portal.procedure.deadlines import PANEL_LIMIT, PANEL_REPORT_LIMIT, STAGE2_LIMIT, STAGE3_RESPONSE_LIMIT
from staff.blueprint import bp
from staff.forms import ButtonForm


@dataclass
class WorkRow:
    case: Case
    due: date
    days_left: int
    note: str = ""


@dataclass
class WorkList:
    key: str
    title: Any
    rows: list[WorkRow]  # the most urgent first (at most LIMIT)
    total: int


LIMIT = 50
WorkQuery = Callable[[User, date], WorkList | None]
WORK_LISTS: list[WorkQuery] = []


def work_list(permission: str) -> Callable[[WorkQuery], WorkQuery]:
    """Register a list, shown only to people with ``permission``."""

    def decorate(query: WorkQuery) -> WorkQuery:
        def guarded(user: User, today: date) -> WorkList | None:
            return query(user, today) if has_permission(user, permission) else None

        WORK_LISTS.append(guarded)
        return guarded

    return decorate


def _listing(key: str, title: Any, query: Any, due_ordinal: Any, today: date) -> WorkList:
    """Rows of ``query`` (already joined to the calendar) with their due ordinal, most urgent first."""
    today_ordinal = working_day_ordinal(today)
    days_left = due_ordinal - today_ordinal
    total = db.session.scalar(query.with_only_columns(func.count(Case.id)).order_by(None)) or 0
    rows = db.session.execute(
        query.add_columns(days_left.label("days_left"), due_ordinal.label("due_ordinal"))
        .order_by(days_left, Case.reference).limit(LIMIT)
    ).all()
    ordinals = {row[2] for row in rows}
    due_days = _days_for(ordinals)
    return WorkList(key, title, [WorkRow(row[0], due_days[row[2]], row[1]) for row in rows], total)


def _days_for(ordinals: set[int]) -> dict[int, date]:
    """The date each due ordinal falls on: the working day with that ordinal (the first, if a
    weekend shares it)."""
    if not ordinals:
        return {}
    found = db.session.execute(
        select(CalendarDay.ordinal, func.min(CalendarDay.day)).where(
            CalendarDay.ordinal.in_(ordinals), CalendarDay.is_working.is_(True)).group_by(CalendarDay.ordinal)
    ).all()
    return dict(found)


def _cases(user: User) -> Any:
    # Imported history is never work to do (decision 0017).
    return visible_cases(user).where(live_work()).options(selectinload(Case.team))


def _stage2_limit() -> Any:
    return func.coalesce(Case.stage2_extended_to, STAGE2_LIMIT)


@work_list(STAGE2_INVESTIGATE)
def statements_to_agree(user: User, today: date) -> WorkList:
    """Investigations whose statement of complaint is not yet agreed: the request's clock runs."""
    requested = aliased(CalendarDay)
    query = (_cases(user).join(requested, requested.day == Case.stage2_requested)
             .where(Case.status == CaseStatus.STAGE2, Case.stage2_method == "investigation",
                    Case.statement_agreed.is_(None)))
    due = requested.ordinal + _stage2_limit() + Case.stage2_request_paused_days
    return _listing("statements", _l("Stage 2 statements of complaint to agree"), query, due, today)


@work_list(STAGE2_ADJUDICATE)
def adjudications_due(user: User, today: date) -> WorkList:
    """Stage 2 responses due: the earlier of the two clocks (ProcedureState.current_deadline)."""
    requested, agreed = aliased(CalendarDay), aliased(CalendarDay)
    query = (_cases(user).join(requested, requested.day == Case.stage2_requested)
             .outerjoin(agreed, agreed.day == Case.statement_agreed)
             .where(Case.status == CaseStatus.STAGE2))
    from_request = requested.ordinal + _stage2_limit() + Case.stage2_request_paused_days
    from_statement = agreed.ordinal + _stage2_limit() + Case.stage2_statement_paused_days
    due = case((and_(agreed.ordinal.is_not(None), from_statement < from_request), from_statement),
               else_=from_request)
    return _listing("adjudications", _l("Stage 2 adjudications due"), query, due, today)


@work_list(CASES_MANAGE)
def panels_to_convene(user: User, today: date) -> WorkList:
    requested = aliased(CalendarDay)
    query = (_cases(user).join(requested, requested.day == Case.stage3_requested)
             .where(Case.status.in_([CaseStatus.STAGE3_REQUESTED, CaseStatus.STAGE3]), Case.panel_held.is_(None)))
    due = requested.ordinal + PANEL_LIMIT + Case.stage3_paused_days
    return _listing("panels", _l("Review panels to convene (to meet within 30 working days)"), query, due, today)


@work_list(STAGE3_PANEL)
def panel_reports_due(user: User, today: date) -> WorkList:
    held = aliased(CalendarDay)
    query = (_cases(user).join(held, held.day == Case.panel_held)
             .where(Case.status == CaseStatus.STAGE3, Case.panel_report_sent.is_(None)))
    return _listing("panel_reports", _l("Review panel reports due"), query, held.ordinal + PANEL_REPORT_LIMIT,
                    today)


@work_list(STAGE3_RESPOND)
def stage3_responses_due(user: User, today: date) -> WorkList:
    sent = aliased(CalendarDay)
    query = (_cases(user).join(sent, sent.day == Case.panel_report_sent)
             .where(Case.status == CaseStatus.STAGE3, Case.stage3_responded.is_(None)))
    return _listing("stage3_responses", _l("The council's responses to review panels due"), query,
                    sent.ordinal + STAGE3_RESPONSE_LIMIT, today)


@work_list(OMBUDSMAN)
def ombudsman_information_due(user: User, today: date) -> WorkList:
    due_day = aliased(CalendarDay)
    query = (_cases(user).join(OmbudsmanEnquiry, OmbudsmanEnquiry.case_id == Case.id)
             .join(due_day, due_day.day == OmbudsmanEnquiry.information_due_on)
             .where(OmbudsmanEnquiry.information_sent_on.is_(None)))
    listing = _listing("ombudsman", _l("Information due to the Ombudsman"), query, due_day.ordinal, today)
    # The Ombudsman sets a calendar date, which may fall on a weekend: show that date itself.
    dates = dict(db.session.execute(
        query.with_only_columns(Case.id, OmbudsmanEnquiry.information_due_on)).all())
    for row in listing.rows:
        row.due = dates.get(row.case.id, row.due)
    return listing


@work_list(CASES_APPOINTED)
def my_appointments(user: User, today: date) -> WorkList:
    """The cases this person is appointed to while their stage is open, by the day their access ends."""
    ends = aliased(CalendarDay)
    query = (_cases(user).join(Appointment, and_(Appointment.case_id == Case.id, Appointment.user_id == user.id,
                                                 Appointment.appointed_on <= today, Appointment.ends_on >= today))
             .join(ends, ends.day == Appointment.ends_on))
    listing = _listing("appointments", _l("Cases you are appointed to (until your access ends)"), query,
                       ends.ordinal, today)
    # The day access ends is a calendar date (it may be a weekend): show that date itself.
    dates = dict(db.session.execute(query.with_only_columns(Case.id, Appointment.ends_on)).all())
    for row in listing.rows:
        row.due = dates.get(row.case.id, row.due)
    return listing


@bp.get("/my-work")
@requires(STAFF_AREA)
def my_work() -> str:
    from portal.procedure import uk_today

    today = uk_today()
    lists = [found for query in WORK_LISTS if (found := query(current_user, today)) is not None]
    return render_template("staff/my_work.html", lists=lists, today=today, digest_form=ButtonForm())


@bp.post("/my-work/daily-email")
@requires(STAFF_AREA)
def daily_email() -> Any:
    """Switch the daily email of what is theirs and new (portal.notifications.reminders) off, or on again."""
    if ButtonForm().validate_on_submit():
        current_user.daily_digest = not current_user.daily_digest
        audit.record("daily_digest_switched", subject_type="user", subject_id=current_user.id, actor=current_user,
                     on=current_user.daily_digest)
        db.session.commit()
        flash(_("You will get the daily email.") if current_user.daily_digest else _("The daily email is off."))
    return redirect(url_for("staff.my_work"), code=303)
