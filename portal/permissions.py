"""Named permissions, the roles that grant them, and deny-by-default view marking.

Every view in the app is either marked ``@public`` or names the permission it needs with
``@requires(...)``; a request to a view marked neither is refused (see ``enforce_view_marking``),
and ``tests/security/test_routes_have_permissions.py`` fails on any such view.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user

F = TypeVar("F", bound=Callable[..., Any])

# Named permissions (the only strings views may ask for).
STAFF_AREA = "staff.area"
SUBMISSIONS_VIEW = "submissions.view"
TRIAGE = "triage"
CASES_VIEW_ALL = "cases.view_all"
CASES_VIEW_TEAM = "cases.view_team"
STAGE1_RESPOND = "stage1.respond"
CASES_MANAGE = "cases.manage"  # defer, withdraw, not applicable, late requests, triage corrections
REPORTS_VIEW = "reports.view"
REPORTS_PUBLISH = "reports.publish"  # freeze a year's annual report (complaints managers)
USERS_MANAGE = "users.manage"
# Issue 22: user administration in the staff area (accounts, roles, teams, expiry, second factor, locks).
USERS_ADMINISTER = "users.administer"
ADVOCACY_AREA = "advocacy.area"
ADVOCACY_CASELOAD = "advocacy.caseload"
ACCOUNT = "account"  # signed in as anyone: own account pages, sign out
# Issue 11 (casework beyond the stages): MP/Councillor enquiries, learning, contact restrictions.
ENQUIRIES_MANAGE = "enquiries.manage"
LEARNING_MANAGE = "learning.manage"  # corrective actions and plans on the cases the user may see
RESTRICTIONS_MANAGE = "restrictions.manage"
CASES_APPOINTED = "cases.appointed"  # see the cases one is appointed to, while the appointment lasts
STAGE2_INVESTIGATE = "stage2.investigate"  # agree the statement of complaint, record the report
STAGE2_ADJUDICATE = "stage2.adjudicate"  # record the stage 2 adjudication
STAGE3_PANEL = "stage3.panel"  # record the panel meeting and its report
STAGE3_RESPOND = "stage3.respond"  # record the council's response to the panel
OMBUDSMAN = "ombudsman"  # record the Ombudsman's enquiries and decisions
# Issue 21: write to the young person on their tracking page (the thread), from a case they may see.
YOUNG_PERSON_WRITE = "young_person.write"
# Issue 23: who looked at what (the trail of staff reads, per case and per member of staff), and its export.
READS_VIEW = "reads.view"
# Issue 23: a subject access request: the redaction review and what is supplied (complaints managers).
SUBJECT_ACCESS = "subject_access"
# Issue 23: legal holds and erasure on request (portal.casework.retention), complaints managers.
RETENTION_MANAGE = "retention.manage"

ALL_PERMISSIONS = frozenset(
    {
        STAFF_AREA,
        SUBMISSIONS_VIEW,
        TRIAGE,
        CASES_VIEW_ALL,
        CASES_VIEW_TEAM,
        STAGE1_RESPOND,
        CASES_MANAGE,
        REPORTS_VIEW,
        REPORTS_PUBLISH,
        USERS_MANAGE,
        USERS_ADMINISTER,
        ADVOCACY_AREA,
        ADVOCACY_CASELOAD,
        ACCOUNT,
        ENQUIRIES_MANAGE,
        LEARNING_MANAGE,
        RESTRICTIONS_MANAGE,
        CASES_APPOINTED,
        STAGE2_INVESTIGATE,
        STAGE2_ADJUDICATE,
        STAGE3_PANEL,
        STAGE3_RESPOND,
        OMBUDSMAN,
        YOUNG_PERSON_WRITE,
        READS_VIEW,
        SUBJECT_ACCESS,
        RETENTION_MANAGE,
    }
)

_CRS_OFFICER = {ACCOUNT, STAFF_AREA, SUBMISSIONS_VIEW, TRIAGE, CASES_VIEW_ALL, CASES_MANAGE, STAGE1_RESPOND,
                REPORTS_VIEW, ENQUIRIES_MANAGE, LEARNING_MANAGE, RESTRICTIONS_MANAGE,
                STAGE2_INVESTIGATE, STAGE3_PANEL, STAGE3_RESPOND, OMBUDSMAN, YOUNG_PERSON_WRITE}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    # Children's Rights Service triage officer: triages every submission, follows every case.
    "crs_officer": frozenset(_CRS_OFFICER),
    # Complaints manager: everything a triage officer does, plus managing users and seeing who looked.
    "complaints_manager": frozenset(_CRS_OFFICER | {USERS_MANAGE, REPORTS_PUBLISH, READS_VIEW, SUBJECT_ACCESS,
                                                    RETENTION_MANAGE}),
    # Operational (team) manager: sees and answers only their own team's complaints at stage 1.
    "operational_manager": frozenset({ACCOUNT, STAFF_AREA, CASES_VIEW_TEAM, STAGE1_RESPOND, LEARNING_MANAGE,
                                      YOUNG_PERSON_WRITE}),
    # Advocate: sees only the advocacy cases assigned to them.
    "advocate": frozenset({ACCOUNT, ADVOCACY_AREA, ADVOCACY_CASELOAD}),
    # Deputy director: answers the review panel's findings (with the stage 2 independent person).
    "deputy_director": frozenset({ACCOUNT, STAFF_AREA, CASES_VIEW_ALL, STAGE2_ADJUDICATE, STAGE3_RESPOND}),
    # People appointed from outside the council: they see only the cases they are appointed to, and
    # only until the appointment ends (portal.access.visible_cases).
    "investigator": frozenset({ACCOUNT, STAFF_AREA, CASES_APPOINTED, STAGE2_INVESTIGATE}),
    "independent_person": frozenset({ACCOUNT, STAFF_AREA, CASES_APPOINTED}),
    "panel_member": frozenset({ACCOUNT, STAFF_AREA, CASES_APPOINTED, STAGE3_PANEL}),
    # Administrator (the ninth role): staff and advocate accounts only, never a case or a submission.
    "administrator": frozenset({ACCOUNT, STAFF_AREA, USERS_ADMINISTER}),
}

# Roles held by the council's own officers: someone with one of these is never independent (reg 2).
COUNCIL_ROLES = frozenset({"crs_officer", "complaints_manager", "operational_manager", "deputy_director"})

ROLE_LABELS = {
    "crs_officer": "Children's Rights Service triage officer",
    "complaints_manager": "Complaints manager",
    "operational_manager": "Operational manager",
    "advocate": "Advocate",
    "deputy_director": "Deputy director",
    "investigator": "Independent investigator",
    "independent_person": "Independent person",
    "panel_member": "Review panel member",
    "administrator": "Administrator",
}


def _adjudication_delegated() -> bool:
    """The council's setting: the complaints manager adjudicates at stage 2 (decision 0017)."""
    from flask import current_app, has_app_context

    return has_app_context() and bool(current_app.config.get("STAGE2_ADJUDICATION_DELEGATED"))


def permissions_for(roles: set[str] | frozenset[str]) -> frozenset[str]:
    granted: set[str] = set()
    for role in roles:
        granted |= ROLE_PERMISSIONS.get(role, frozenset())
    # The stage 2 adjudication is the senior manager's (the deputy director's), not a Children's Rights
    # officer's; a council may delegate it to its complaints manager by a setting.
    if "complaints_manager" in roles and _adjudication_delegated():
        granted.add(STAGE2_ADJUDICATE)
    return frozenset(granted)


def has_permission(user: Any, permission: str) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return permission in permissions_for(user.role_names)


def public(view: F) -> F:
    """Mark a view as open to everyone (the public front door, sign-in, static pages)."""
    view._access = "public"  # type: ignore[attr-defined]
    return view


def requires(permission: str) -> Callable[[F], F]:
    """Mark a view as needing a named permission; checked before the view runs."""
    if permission not in ALL_PERMISSIONS:
        raise ValueError(f"Unknown permission {permission!r}")

    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            if not current_user.is_authenticated:
                return redirect(url_for("auth.sign_in", next=request.full_path.rstrip("?")))
            if not has_permission(current_user, permission):
                abort(403)
            return view(*args, **kwargs)

        wrapper._access = permission  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


def view_access(endpoint: str) -> str | None:
    view = current_app.view_functions.get(endpoint)
    if endpoint == "static":
        return "public"
    return getattr(view, "_access", None)


def enforce_view_marking() -> Any:
    """App-wide ``before_request``: a view with no marking is refused, whoever asks."""
    if request.endpoint is None:
        return None  # 404 / 405 are produced by Flask itself
    if view_access(request.endpoint) is None:
        current_app.logger.error("View %s has no access marking; refused", request.endpoint)
        abort(403)
    return None
