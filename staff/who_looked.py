"""Who looked: the trail of staff reads (portal.audit.note_read), per case and per member of staff, for a
complaints manager, on screen and as a CSV file (itself recorded as an export)."""

from __future__ import annotations

import csv
import io
import uuid
from typing import Any

from flask import Response, abort, render_template, request
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, or_, select

from portal.access import visible_case, visible_cases
from portal.audit import note_read
from portal.db import db
from portal.intake import codes
from portal.models import Case, ReadRecord, User
from portal.permissions import READS_VIEW, requires
from portal.procedure import uk_today
from staff.blueprint import bp

SHOWN = 500  # the newest on screen; the CSV file holds them all

WHAT = {
    "case": "Case",
    "submission": "Submission",
    "young_persons_words": "Young person's words",
    "document": "Document",
    "thread": "Message thread",
    "letter": "Response letter",
    "advocacy_case": "Advocacy case",
    "safeguarding_concern": "Safeguarding concern",
    "enquiry": "MP or councillor enquiry",
    "export": "Export",
}


def _chosen() -> tuple[Case | None, User | None, str]:
    """The case (by id from a link, or by a typed reference) or the member of staff asked for."""
    case = user = None
    typed = (request.args.get("reference") or "")[:40]
    try:
        case_id = uuid.UUID(request.args["case_id"]) if request.args.get("case_id") else None
        user_id = uuid.UUID(request.args["user_id"]) if request.args.get("user_id") else None
    except ValueError:
        abort(404)
    if case_id is not None:
        case = visible_case(current_user, case_id) or abort(404)
    elif typed.strip():
        case = db.session.scalar(visible_cases(current_user)
                                 .where(func.replace(Case.reference, "-", "") == codes.normalise(typed)))
    if user_id is not None:
        user = db.session.get(User, user_id) or abort(404)
    return case, user, typed


def _records(case: Case | None, user: User | None) -> Any:
    query = select(ReadRecord).order_by(ReadRecord.occurred_at.desc())
    if case is not None:
        subjects = [case.id] + ([case.submission_id] if case.submission_id else [])
        query = query.where(or_(ReadRecord.case_id == case.id, ReadRecord.subject_id.in_(subjects)))
    if user is not None:
        query = query.where(ReadRecord.user_id == user.id)
    return query


def _staff() -> list[User]:
    return list(db.session.scalars(select(User).order_by(User.name)))


@bp.get("/who-looked")
@requires(READS_VIEW)
def who_looked() -> str:
    case, user, typed = _chosen()
    rows = []
    if case is not None or user is not None:
        rows = db.session.scalars(_records(case, user).limit(SHOWN + 1)).all()
    return render_template("staff/who_looked.html", case=case, user=user, typed=typed, staff=_staff(),
                           heading=_heading(case, user),
                           rows=rows[:SHOWN], more=len(rows) > SHOWN, what=WHAT,
                           not_found=bool(typed.strip()) and case is None)


@bp.get("/who-looked.csv")
@requires(READS_VIEW)
def who_looked_csv() -> Response:
    case, user, _typed = _chosen()
    if case is None and user is None:
        abort(404)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["when (UTC)", "member of staff", "email", "looked at", "case", "item id", "detail"])
    references = {}
    for record in db.session.scalars(_records(case, user)):
        if record.case_id is not None and record.case_id not in references:
            references[record.case_id] = db.session.scalar(select(Case.reference).where(Case.id == record.case_id))
        writer.writerow([record.occurred_at.isoformat(timespec="seconds"), record.user.name, record.user.email,
                         WHAT.get(record.what, record.what), references.get(record.case_id) or "",
                         str(record.subject_id or ""), record.detail or ""])
    name = f"who-looked-{case.reference if case is not None else 'staff'}-{uk_today().isoformat()}.csv"
    note_read("export", case.id if case is not None else None, case_id=case.id if case is not None else None,
              detail=f"who looked ({'case' if case is not None else 'member of staff'})")
    return Response(out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


def _heading(case: Case | None, user: User | None) -> str:
    if case is not None:
        return _("Who looked at %(reference)s", reference=case.reference)
    if user is not None:
        return _("What %(name)s looked at", name=user.name)
    return _("Who looked")
