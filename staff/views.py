from __future__ import annotations

from flask import render_template
from flask_login import current_user
from sqlalchemy import func

from portal.access import visible_cases, visible_submissions
from portal.db import db
from portal.models import Case, Submission
from portal.permissions import STAFF_AREA, SUBMISSIONS_VIEW, requires
from staff import bp

PAGE_SIZE = 50


@bp.get("/")
@requires(STAFF_AREA)
def home() -> str:
    new_submissions = db.session.scalar(
        visible_submissions(current_user).where(Submission.status == "new").with_only_columns(func.count())
    )
    cases_by_status = db.session.execute(
        visible_cases(current_user)
        .with_only_columns(Case.status, func.count())
        .group_by(Case.status)
        .order_by(Case.status)
    ).all()
    return render_template("staff/home.html", new_submissions=new_submissions, cases_by_status=cases_by_status)


@bp.get("/submissions")
@requires(SUBMISSIONS_VIEW)
def submissions() -> str:
    rows = db.session.scalars(
        visible_submissions(current_user)
        .where(Submission.status == "new")
        .order_by(Submission.submitted_at, Submission.reference)
        .limit(PAGE_SIZE)
    ).all()
    total = db.session.scalar(
        visible_submissions(current_user).where(Submission.status == "new").with_only_columns(func.count())
    )
    return render_template("staff/submissions.html", submissions=rows, total=total, page_size=PAGE_SIZE)



