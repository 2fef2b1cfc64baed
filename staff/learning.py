"""Learning: a case's corrective actions and plan, and the dashboard of open and overdue actions by team.

Every page is scoped through ``portal.access``: an operational manager sees their own team's cases'
actions, the Children's Rights Service sees all.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from portal.access import visible_case
from portal.casework import learning
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, CorrectiveAction, CorrectiveActionType
from portal.permissions import LEARNING_MANAGE, requires
from portal.procedure import uk_today
from portal.procedure.learning import action_state, in_plan
from staff.blueprint import bp
from staff.forms import choices, put_errors
from staff.forms.learning import CompleteActionForm, CorrectiveActionForm, ImpactForm, PlanForm
from staff.lookup import case_or_404


def _action_or_404(action_id: uuid.UUID) -> tuple[CorrectiveAction, Case]:
    action = db.session.get(CorrectiveAction, action_id)
    case = visible_case(current_user, action.case_id) if action is not None else None
    if action is None or case is None:
        abort(404)  # not there, or on a case this user may not see: the same answer
    return action, case


@bp.get("/learning")
@requires(LEARNING_MANAGE)
def learning_dashboard() -> str:
    today = uk_today()
    return render_template("staff/learning/dashboard.html", today=today,
                           by_team=learning.by_team(current_user, today),
                           overdue=learning.overdue(current_user, today))


@bp.get("/cases/<uuid:case_id>/learning")
@requires(LEARNING_MANAGE)
def case_learning(case_id: uuid.UUID) -> str:
    case = case_or_404(case_id)
    today = uk_today()
    actions = list(case.corrective_actions)
    return render_template("staff/learning/case.html", case=case, today=today, plan=learning.plan_for(case),
                           actions=[(action, action_state(action.due_on, action.completed_on,
                                                          action.impact_assessed_on, today))
                                    for action in actions],
                           plan_actions=[action for action in actions if in_plan(action.stage)])


@bp.route("/cases/<uuid:case_id>/learning/new", methods=["GET", "POST"])
@requires(LEARNING_MANAGE)
def new_corrective_action(case_id: uuid.UUID) -> Any:
    case = case_or_404(case_id)
    form = CorrectiveActionForm()
    types = db.session.scalars(select(CorrectiveActionType).where(CorrectiveActionType.active.is_(True))
                               .order_by(CorrectiveActionType.name == "Other", CorrectiveActionType.name)).all()
    form.action_type.choices = choices([("", _("Choose a type"))] + [(str(t.id), t.name) for t in types])
    if not form.is_submitted():
        form.stage.data = str(learning.current_stage(case))
    if form.validate_on_submit():
        chosen = next((t for t in types if str(t.id) == form.action_type.data), None)
        try:
            learning.add_action(case, learning.NewAction(
                action_type=chosen, description=form.description.data or "", owner=form.owner.data or "",
                stage=int(form.stage.data), due_on=form.due_on.data), actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Corrective action added."))
            return redirect(url_for("staff.case_learning", case_id=case.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Add a corrective action"),
                           caption=_("Case %(reference)s", reference=case.reference),
                           back_url=url_for("staff.case_learning", case_id=case.id), back_text=_("Learning"),
                           intro=_("Actions from stage 2 and beyond form the team's corrective action plan."))


@bp.route("/learning/actions/<uuid:action_id>/complete", methods=["GET", "POST"])
@requires(LEARNING_MANAGE)
def complete_corrective_action(action_id: uuid.UUID) -> Any:
    action, case = _action_or_404(action_id)
    form = CompleteActionForm()
    if form.validate_on_submit():
        try:
            learning.complete(action, on=form.on.data, actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Recorded as complete."))
            return redirect(url_for("staff.case_learning", case_id=case.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Record that the action is complete"),
                           caption=action.description[:80],
                           back_url=url_for("staff.case_learning", case_id=case.id), back_text=_("Learning"))


@bp.route("/learning/actions/<uuid:action_id>/impact", methods=["GET", "POST"])
@requires(LEARNING_MANAGE)
def assess_corrective_action(action_id: uuid.UUID) -> Any:
    action, case = _action_or_404(action_id)
    form = ImpactForm(data={"impact": action.impact} if action.impact else None)
    if form.validate_on_submit():
        try:
            learning.assess_impact(action, on=form.on.data, impact=form.impact.data, actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Impact recorded."))
            return redirect(url_for("staff.case_learning", case_id=case.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Assess the action's impact"),
                           caption=action.description[:80],
                           back_url=url_for("staff.case_learning", case_id=case.id), back_text=_("Learning"))


@bp.route("/cases/<uuid:case_id>/learning/plan", methods=["GET", "POST"])
@requires(LEARNING_MANAGE)
def corrective_action_plan(case_id: uuid.UUID) -> Any:
    case = case_or_404(case_id)
    plan = learning.plan_for(case)
    form = PlanForm(obj=plan)
    if plan is None and not form.is_submitted():
        form.debrief_on.data = None
    if form.validate_on_submit():
        try:
            learning.save_plan(case, debrief_on=form.debrief_on.data, notes=form.notes.data, actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Corrective action plan saved."))
            return redirect(url_for("staff.case_learning", case_id=case.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Corrective action plan"),
                           caption=_("Case %(reference)s", reference=case.reference),
                           back_url=url_for("staff.case_learning", case_id=case.id), back_text=_("Learning"),
                           intro=_("Record when the team was debriefed on the actions from stage 2 and beyond."))
