from __future__ import annotations

from flask import abort, render_template, request
from flask_login import current_user
from sqlalchemy import func

from portal.access import visible_cases, visible_submissions
from portal.casework import documents
from portal.db import db
from portal.models import Case, Submission
from portal.permissions import STAFF_AREA, TRIAGE, has_permission, requires
from portal.procedure import uk_today
from staff import queries
from staff.blueprint import bp

# The staff home shows the few most urgent rows of each deadline list, with "see all" beside them.
HOME_ROWS = 10
DEADLINES_PAGE_SIZE = 50


@bp.get("/")
@requires(STAFF_AREA)
def home() -> str:
    today = uk_today()
    new_submissions = db.session.scalar(
        visible_submissions(current_user).where(Submission.status == "new", Submission.kind != "advocacy_request")
        .with_only_columns(func.count(Submission.id))
    )
    due_soon, overdue = queries.stage1_deadlines(current_user, today, limit=HOME_ROWS)
    by_team = queries.open_cases_by_team_and_status(current_user)
    code_requests = queries.tracking_code_requests(current_user) if has_permission(current_user, TRIAGE) else []
    # Files young people sent that nobody has opened yet (they may be a safeguarding disclosure).
    new_files = documents.unseen_from_young_people(visible_submissions(current_user).with_only_columns(
        Submission.id)) if has_permission(current_user, TRIAGE) else []
    # A responding manager: files on the cases they answer, linked to the case's documents.
    answering = {case.submission_id: case for case in db.session.scalars(
        visible_cases(current_user).where(Case.responding_manager_id == current_user.id,
                                          Case.submission_id.is_not(None)))}
    new_case_files = [(answering[submission.id], count) for submission, count in documents.unseen_from_young_people(
        list(answering))] if answering and not has_permission(current_user, TRIAGE) else []
    # A complaints manager's home leads with what waits for their decision and where the service is late.
    managing = "complaints_manager" in current_user.role_names
    return render_template(
        "staff/home.html", today=today, new_submissions=new_submissions, due_soon=due_soon, overdue=overdue,
        by_team=by_team, code_requests=code_requests, new_files=new_files,
        new_case_files=new_case_files, managing=managing,
        unread=queries.unread_words(current_user),
        decisions=queries.decisions_waiting(current_user, today) if managing else None,
        overdue_by_team=queries.overdue_by_team_and_stage(current_user, today) if managing else [],
    )


@bp.get("/stage-1/overdue")
@requires(STAFF_AREA)
def stage1_overdue() -> str:
    """Every case overdue at stage 1, the most overdue first, a page at a time."""
    return _stage1_deadlines("overdue")


@bp.get("/stage-1/due-soon")
@requires(STAFF_AREA)
def stage1_due_soon() -> str:
    """Every case due at stage 1 in the next 5 working days, the soonest first, a page at a time."""
    return _stage1_deadlines("due-soon")


def _stage1_deadlines(which: str) -> str:
    today = uk_today()
    page = request.args.get("page", 1, type=int)
    if page < 1:
        abort(404)
    listing = queries.stage1_deadline_list(current_user, today, which, limit=DEADLINES_PAGE_SIZE,
                                           offset=(page - 1) * DEADLINES_PAGE_SIZE)
    pages = max(1, -(-listing.total // DEADLINES_PAGE_SIZE))
    if page > pages:
        abort(404)
    return render_template("staff/stage1_deadlines.html", which=which, listing=listing, today=today, page=page,
                           pages=pages, page_numbers=queries.page_numbers(page, pages))
