from __future__ import annotations

from flask import render_template
from flask_login import current_user

from advocacy import bp
from portal.access import visible_cases
from portal.db import db
from portal.models import Case
from portal.permissions import ADVOCACY_CASELOAD, requires


@bp.get("/")
@requires(ADVOCACY_CASELOAD)
def caseload() -> str:
    cases = db.session.scalars(
        visible_cases(current_user).where(Case.advocate_id == current_user.id).order_by(Case.received_on)
    ).all()
    return render_template("advocacy/caseload.html", cases=cases)
