"""The case page's and the staff home's panels for enquiries, restrictions, documents and learning.

Two template globals keep the shared case page and dashboard to one ``include`` line each:
``case_panels(case)`` (enquiries about the family, restrictions on the people, documents, learning) and
``home_panels()`` (enquiries due, open actions, restriction reviews), each a few SQL queries.
"""

from __future__ import annotations

from typing import Any

from flask_login import current_user

from portal.casework import documents, enquiries, learning, restrictions
from portal.db import db
from portal.permissions import ENQUIRIES_MANAGE, LEARNING_MANAGE, RESTRICTIONS_MANAGE, has_permission
from portal.procedure import uk_today
from staff.blueprint import bp


@bp.app_template_global()
def case_panels(case: Any) -> dict[str, Any]:
    today = uk_today()
    return {
        "today": today,
        "enquiries": enquiries.for_case(case),
        "may_see_enquiries": has_permission(current_user, ENQUIRIES_MANAGE),
        "learning": has_permission(current_user, LEARNING_MANAGE),
        "open_actions": sum(1 for action in case.corrective_actions if action.completed_on is None),
        "restrictions": restrictions.for_case(case),
        "may_restrict": has_permission(current_user, RESTRICTIONS_MANAGE),
        "documents": len(kept := documents.for_case(case)),
        "documents_waiting": sum(1 for document in kept if document.scan_status == "waiting"),
    }


@bp.app_template_global()
def home_panels() -> dict[str, Any]:
    today = uk_today()
    panels: dict[str, Any] = {"today": today}
    if has_permission(current_user, ENQUIRIES_MANAGE):
        panels["enquiries_open"], panels["enquiries_overdue"] = enquiries.counts(today)
    if has_permission(current_user, LEARNING_MANAGE):
        panels["actions_open"], panels["actions_overdue"] = learning.counts(current_user, today)
    if has_permission(current_user, RESTRICTIONS_MANAGE):
        due = db.session.scalars(restrictions.reviews_due(today).limit(50)).unique().all()
        cases = restrictions.latest_cases(current_user, {row.person_id for row in due})
        panels["reviews_due"] = [(row, cases[row.person_id]) for row in due if row.person_id in cases]
    return panels
