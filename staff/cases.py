"""The case page and the stage 1 actions, each offered only when the procedure allows it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal import casework
from portal.access import visible_case
from portal.db import db
from portal.models import Case, CorrectiveActionType, ResolutionCategory
from portal.permissions import CASES_MANAGE, STAFF_AREA, STAGE1_RESPOND, has_permission, requires
from portal.procedure import (
    CorrectTriage,
    DecideLateRequest,
    Defer,
    Event,
    ExtendStage1,
    Finding,
    MarkNotApplicable,
    Outcome,
    RespondStage1,
    Resume,
    Route,
    Withdraw,
    allowed_events,
    is_overdue,
    uk_today,
    working_days_left,
)
from staff import bp, queries
from staff.forms import (
    FINDINGS,
    CorrectTriageForm,
    DateOnlyForm,
    DeferForm,
    LateRequestForm,
    ReasonForm,
    Stage1ResponseForm,
    choices,
)

# What the case page offers for each legal event: (endpoint, button text, permission).
ACTIONS: dict[type[Event], tuple[str, Any, str]] = {
    RespondStage1: ("staff.respond_stage1", _l("Record the stage 1 response"), STAGE1_RESPOND),
    ExtendStage1: ("staff.extend_stage1", _l("Extend to 20 working days"), STAGE1_RESPOND),
    Defer: ("staff.defer", _l("Defer (court proceedings or criminal investigation)"), CASES_MANAGE),
    Resume: ("staff.resume", _l("Resume consideration"), CASES_MANAGE),
    DecideLateRequest: ("staff.late_request", _l("Decide on the late request"), CASES_MANAGE),
    MarkNotApplicable: ("staff.not_applicable", _l("Mark not applicable (alternative route)"), CASES_MANAGE),
    CorrectTriage: ("staff.correct_triage", _l("Correct the triage route"), CASES_MANAGE),
    Withdraw: ("staff.withdraw", _l("Record that it was withdrawn"), CASES_MANAGE),
}


def _case_or_404(case_id: uuid.UUID) -> Case:
    case = visible_case(current_user, case_id)
    if case is None:
        abort(404)  # not there, or not for this user: the same answer, so nothing is revealed
    return case


def _offered(case: Case) -> list[tuple[str, Any]]:
    legal = allowed_events(case.procedure)
    offered = [
        (url_for(endpoint, case_id=case.id), label)
        for event_type, (endpoint, label, permission) in ACTIONS.items()
        if event_type in legal and has_permission(current_user, permission)
    ]
    if (case.route == "safeguarding" and case.referral_acknowledged_on is None
            and has_permission(current_user, CASES_MANAGE)):
        offered.append((url_for("staff.acknowledge_referral", case_id=case.id),
                        _l("Record that the team has picked up the referral")))
    return offered


@bp.get("/cases/<uuid:case_id>")
@requires(STAFF_AREA)
def case(case_id: uuid.UUID) -> str:
    case = _case_or_404(case_id)
    state = case.procedure
    today = uk_today()
    due = state.stage1_due if case.status == "stage1" else None
    return render_template(
        "staff/case.html", case=case, state=state, today=today, due=due,
        days_left=working_days_left(due, today) if due else None,
        overdue=is_overdue(due, today) if due else False,
        actions=_offered(case), trail=queries.audit_trail(case),
    )


def _action(case_id: uuid.UUID, event_type: type[Event], form: Any, title: Any,
            perform: Callable[[Case, Any], object]) -> Any:
    case = _case_or_404(case_id)
    if event_type not in allowed_events(case.procedure):
        flash(_("That action is not possible at this point in the procedure."))
        return redirect(url_for("staff.case", case_id=case.id), code=303)
    if form.validate_on_submit():
        try:
            perform(case, form)
        except casework.CaseworkError as error:
            first = next(iter(form._fields.values()))
            first.errors = [*first.errors, str(error)]
        else:
            flash(_("Saved."))
            return redirect(url_for("staff.case", case_id=case.id), code=303)
    return render_template("staff/case_action.html", case=case, form=form, title=title)


@bp.route("/cases/<uuid:case_id>/extend", methods=["GET", "POST"])
@requires(STAGE1_RESPOND)
def extend_stage1(case_id: uuid.UUID) -> Any:
    return _action(case_id, ExtendStage1, ReasonForm(), _l("Extend stage 1 to 20 working days"),
                   lambda case, form: casework.extend_stage1(case, on=form.on.data, reason=form.reason.data,
                                                             actor=current_user))


@bp.route("/cases/<uuid:case_id>/not-applicable", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def not_applicable(case_id: uuid.UUID) -> Any:
    return _action(case_id, MarkNotApplicable, ReasonForm(), _l("Mark not applicable (alternative route)"),
                   lambda case, form: casework.mark_not_applicable(case, on=form.on.data, reason=form.reason.data,
                                                                   actor=current_user))


@bp.route("/cases/<uuid:case_id>/withdraw", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def withdraw(case_id: uuid.UUID) -> Any:
    return _action(case_id, Withdraw, DateOnlyForm(), _l("Record that the complaint was withdrawn"),
                   lambda case, form: casework.withdraw(case, on=form.on.data, actor=current_user))


@bp.route("/cases/<uuid:case_id>/defer", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def defer(case_id: uuid.UUID) -> Any:
    return _action(case_id, Defer, DeferForm(), _l("Defer consideration"),
                   lambda case, form: casework.defer(case, on=form.on.data, review_date=form.review_date.data,
                                                     reason=form.reason.data, actor=current_user))


@bp.route("/cases/<uuid:case_id>/resume", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def resume(case_id: uuid.UUID) -> Any:
    return _action(case_id, Resume, DateOnlyForm(), _l("Resume consideration"),
                   lambda case, form: casework.resume(case, on=form.on.data, actor=current_user))


@bp.route("/cases/<uuid:case_id>/late-request", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def late_request(case_id: uuid.UUID) -> Any:
    return _action(case_id, DecideLateRequest, LateRequestForm(), _l("Decide on the late request"),
                   lambda case, form: casework.decide_late_request(case, on=form.on.data,
                                                                   accept=form.accept.data == "yes",
                                                                   actor=current_user))


@bp.route("/cases/<uuid:case_id>/respond", methods=["GET", "POST"])
@requires(STAGE1_RESPOND)
def respond_stage1(case_id: uuid.UUID) -> Any:
    case = _case_or_404(case_id)
    if RespondStage1 not in allowed_events(case.procedure):
        flash(_("That action is not possible at this point in the procedure."))
        return redirect(url_for("staff.case", case_id=case.id), code=303)
    form = Stage1ResponseForm()
    resolutions = db.session.scalars(
        select(ResolutionCategory).where(ResolutionCategory.active.is_(True)).order_by(ResolutionCategory.name)
    ).all()
    form.resolution.choices = choices([("", _("Choose how it was resolved"))] +
                                      [(str(r.id), r.name) for r in resolutions])
    action_types = db.session.scalars(
        select(CorrectiveActionType).where(CorrectiveActionType.active.is_(True)).order_by(CorrectiveActionType.name)
    ).all()
    for entry in form.actions:
        entry.form.action_type.choices = choices([("", _("Choose a type"))] +
                                                 [(str(t.id), t.name) for t in action_types])
    finding_errors: dict[str, str] = {}
    findings: dict[uuid.UUID, Finding] = {}
    if request.method == "POST":
        for point in case.points:
            raw = request.form.get(f"finding-{point.id}", "")
            if raw in {value for value, _label in FINDINGS}:
                findings[point.id] = Finding(raw)
            else:
                finding_errors[str(point.id)] = _("Choose a finding for this point")
    if form.validate_on_submit() and not finding_errors:
        actions = [
            casework.NewAction(
                description=entry.form.description.data or "", owner=entry.form.owner.data or "",
                due_on=entry.form.due_on.data,
                action_type=db.session.get(CorrectiveActionType, uuid.UUID(entry.form.action_type.data))
                if entry.form.action_type.data else None,
            )
            for entry in form.actions
            if (entry.form.description.data or "").strip() or (entry.form.owner.data or "").strip()
        ]
        incomplete = [a for a in actions if a.due_on is None]
        if incomplete:
            form.learning.errors = [_("Give each corrective action a due date.")]
        else:
            response = casework.Stage1Response(
                on=form.on.data, findings=findings, outcome=Outcome(form.outcome.data),
                resolution=db.session.get(ResolutionCategory, uuid.UUID(form.resolution.data))
                if form.resolution.data else None,
                learning=form.learning.data == "yes", actions=actions,
            )
            try:
                casework.respond_stage1(case, response, actor=current_user)
            except casework.CaseworkError as error:
                form.outcome.errors = [*form.outcome.errors, str(error)]
            else:
                flash(_("Stage 1 response recorded."))
                return redirect(url_for("staff.case", case_id=case.id), code=303)
    return render_template("staff/respond_stage1.html", case=case, form=form, findings=FINDINGS,
                           finding_errors=finding_errors, chosen={str(k): v.value for k, v in findings.items()},
                           posted=request.form if request.method == "POST" else {})


@bp.route("/cases/<uuid:case_id>/correct-triage", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def correct_triage(case_id: uuid.UUID) -> Any:
    return _action(case_id, CorrectTriage, CorrectTriageForm(), _l("Correct the triage route"),
                   lambda case, form: casework.correct_triage(case, route=Route(form.route.data), on=form.on.data,
                                                              reason=form.reason.data, actor=current_user))


@bp.route("/cases/<uuid:case_id>/referral-picked-up", methods=["GET", "POST"])
@requires(CASES_MANAGE)
def acknowledge_referral(case_id: uuid.UUID) -> Any:
    case = _case_or_404(case_id)
    form = DateOnlyForm()
    if form.validate_on_submit():
        try:
            casework.acknowledge_referral(case, on=form.on.data, actor=current_user)
        except casework.CaseworkError as error:
            form.on.errors = [str(error)]
        else:
            flash(_("Saved."))
            return redirect(url_for("staff.case", case_id=case.id), code=303)
    return render_template("staff/case_action.html", case=case, form=form,
                           title=_l("Record that the team has picked up the referral"))

