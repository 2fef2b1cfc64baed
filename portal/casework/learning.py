"""Learning: corrective actions from any stage, their completion and impact, and the team's corrective
action plan (CAP) from stage 2 on. Each operation writes its change and audit event in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy import case as when
from sqlalchemy.orm import joinedload

from portal import audit
from portal.access import live_work, visible_case_condition
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, CorrectiveAction, CorrectiveActionPlan, CorrectiveActionType, Team, User
from portal.procedure import uk_today
from portal.procedure.learning import check_action_dates, check_completion, check_impact, in_plan

_STAGE_OF_STATUS = {"stage2_requested": 2, "stage2": 2, "stage2_responded": 2,
                    "stage3_requested": 3, "stage3": 3, "stage3_responded": 3}


def current_stage(case: Case) -> int:
    """The stage a new action most likely comes from (staff can choose another)."""
    return _STAGE_OF_STATUS.get(case.status, 1)


@dataclass
class NewAction:
    action_type: CorrectiveActionType | None
    description: str
    owner: str
    stage: int
    due_on: date


def plan_for(case: Case) -> CorrectiveActionPlan | None:
    return db.session.scalar(select(CorrectiveActionPlan).where(CorrectiveActionPlan.case_id == case.id))


def _ensure_plan(case: Case, actor: User) -> CorrectiveActionPlan:
    plan = plan_for(case)
    if plan is None:
        plan = CorrectiveActionPlan(case_id=case.id, team_id=case.team_id)
        db.session.add(plan)
        db.session.flush()
        audit.record("action_plan_started", subject_type="case", subject_id=case.id, actor=actor)
    return plan


def add_action(case: Case, new: NewAction, *, actor: User) -> CorrectiveAction:
    problems = {}
    if new.action_type is None:
        problems["action_type"] = "Choose a type of action."
    if not new.description.strip():
        problems["description"] = "Say what will be done."
    if not new.owner.strip():
        problems["owner"] = "Enter who owns the action."
    if new.stage not in (1, 2, 3):
        problems["stage"] = "Choose the stage."
    problem = check_action_dates(recorded=uk_today(), due=new.due_on)
    if problem:
        problems["due_on"] = problem
    if problems:
        raise CaseworkError(problems=problems)
    action = CorrectiveAction(case_id=case.id, stage=new.stage, action_type_id=new.action_type.id,
                              description=new.description.strip(), owner=new.owner.strip(), due_on=new.due_on,
                              team_id=case.team_id)
    db.session.add(action)
    if case.stage1_learning is None and new.stage == 1:
        case.stage1_learning = True
    db.session.flush()
    if in_plan(new.stage):
        _ensure_plan(case, actor)
    audit.record("corrective_action_added", subject_type="case", subject_id=case.id, actor=actor,
                 action_id=str(action.id), stage=new.stage, due_on=new.due_on.isoformat())
    db.session.commit()
    return action


def complete(action: CorrectiveAction, *, on: date, actor: User) -> None:
    problem = check_completion(created=action.created_at.date(), completed=on, today=uk_today())
    if problem:
        raise CaseworkError(problem, field="on")
    action.completed_on = on
    audit.record("corrective_action_completed", subject_type="case", subject_id=action.case_id, actor=actor,
                 action_id=str(action.id), on=on.isoformat(), late=on > action.due_on)
    db.session.commit()


def assess_impact(action: CorrectiveAction, *, on: date, impact: str, actor: User) -> None:
    problems = {}
    problem = check_impact(completed=action.completed_on, assessed=on, today=uk_today())
    if problem:
        problems["on"] = problem
    if not impact.strip():
        problems["impact"] = "Describe the impact."
    if problems:
        raise CaseworkError(problems=problems)
    action.impact = impact.strip()
    action.impact_assessed_on = on
    audit.record("corrective_action_impact", subject_type="case", subject_id=action.case_id, actor=actor,
                 action_id=str(action.id), on=on.isoformat())
    db.session.commit()


def save_plan(case: Case, *, debrief_on: date | None, notes: str | None, actor: User) -> CorrectiveActionPlan:
    if debrief_on is not None and debrief_on < case.received_on:
        raise CaseworkError("The debrief cannot be before the complaint was received.", field="debrief_on")
    plan = _ensure_plan(case, actor)
    plan.debrief_on = debrief_on
    plan.notes = (notes or "").strip() or None
    audit.record("action_plan_saved", subject_type="case", subject_id=case.id, actor=actor,
                 debrief_on=debrief_on.isoformat() if debrief_on else None)
    db.session.commit()
    return plan


# --- reading (scoped to what the user may see, counted in SQL) ----------------------------------------


def visible_actions(user: User) -> Any:
    """Corrective actions on the cases this user may see."""
    return (select(CorrectiveAction).join(Case, Case.id == CorrectiveAction.case_id)
            .where(visible_case_condition(user)))


def by_team(user: User, today: date) -> list[Any]:
    """Per team: open actions, overdue ones, completed ones awaiting an impact assessment, and plans
    waiting for a debrief. Two grouped queries, whatever the number of rows."""
    # Imported history is history: its actions and plans are never open or overdue work (decision 0017).
    visible = and_(visible_case_condition(user), live_work())
    team_id = func.coalesce(CorrectiveAction.team_id, Case.team_id)
    open_ = CorrectiveAction.completed_on.is_(None)
    rows = db.session.execute(
        select(Team.name,
               func.count(CorrectiveAction.id).filter(open_),
               func.count(CorrectiveAction.id).filter(open_, CorrectiveAction.due_on < today),
               func.count(CorrectiveAction.id).filter(CorrectiveAction.completed_on.is_not(None),
                                                      CorrectiveAction.impact_assessed_on.is_(None)))
        .select_from(CorrectiveAction)
        .join(Case, Case.id == CorrectiveAction.case_id)
        .outerjoin(Team, Team.id == team_id)
        .where(visible)
        .group_by(Team.name)
        .order_by(func.count(CorrectiveAction.id).filter(open_, CorrectiveAction.due_on < today).desc(),
                  when((Team.name.is_(None), 1), else_=0), Team.name)
    ).all()
    debriefs = dict(db.session.execute(
        select(Team.name, func.count(CorrectiveActionPlan.id))
        .select_from(CorrectiveActionPlan)
        .join(Case, Case.id == CorrectiveActionPlan.case_id)
        .outerjoin(Team, Team.id == CorrectiveActionPlan.team_id)
        .where(visible, CorrectiveActionPlan.debrief_on.is_(None))
        .group_by(Team.name)
    ).all())
    result = [(name, open_count, overdue, to_assess, debriefs.pop(name, 0))
              for name, open_count, overdue, to_assess in rows if open_count or to_assess or debriefs.get(name)]
    result += [(name, 0, 0, 0, count) for name, count in debriefs.items()]
    return result


def overdue(user: User, today: date, limit: int = 50) -> list[CorrectiveAction]:
    return list(db.session.scalars(
        visible_actions(user).where(CorrectiveAction.completed_on.is_(None), CorrectiveAction.due_on < today,
                                    live_work())
        .options(joinedload(CorrectiveAction.case), joinedload(CorrectiveAction.action_type))
        .order_by(CorrectiveAction.due_on).limit(limit)
    ))


def counts(user: User, today: date) -> tuple[int, int]:
    """(open, overdue) actions this user may see."""
    # From the open actions (a partial index holds only them), each case looked up by key: joined from
    # the cases, every live case (100,000) was walked to find the few with an action.
    visible_case = select(Case.id).where(Case.id == CorrectiveAction.case_id, visible_case_condition(user), live_work())
    return tuple(db.session.execute(
        select(func.count(CorrectiveAction.id), func.count(CorrectiveAction.id).filter(CorrectiveAction.due_on < today))
        .where(CorrectiveAction.completed_on.is_(None), visible_case.exists())
    ).one())  # type: ignore[return-value]
