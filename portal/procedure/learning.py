"""Learning: where a corrective action stands, and which actions make a team's corrective action plan.

Pure rules. An action is open until completed; overdue when open after its due date; its impact is
assessed later, after completion. From stage 2 on a complaint's actions form a corrective action plan
(CAP) for the team, with a debrief date.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

PLAN_FROM_STAGE = 2


class ActionState(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"
    COMPLETED = "completed"  # done; impact not yet assessed
    ASSESSED = "assessed"  # done, and its impact assessed


def action_state(due: date, completed: date | None, impact_assessed: date | None, today: date) -> ActionState:
    if completed is None:
        return ActionState.OVERDUE if today > due else ActionState.OPEN
    return ActionState.ASSESSED if impact_assessed is not None else ActionState.COMPLETED


def in_plan(stage: int) -> bool:
    """Actions from stage 2 and beyond belong to the team's corrective action plan."""
    return stage >= PLAN_FROM_STAGE


def check_action_dates(*, recorded: date, due: date) -> str | None:
    """What is wrong with a new action's due date, if anything (in staff's words)."""
    if due < recorded:
        return "The due date cannot be before the day the action is recorded."
    return None


def check_completion(*, created: date, completed: date, today: date) -> str | None:
    if completed > today:
        return "The completion date cannot be in the future."
    if completed < created:
        return "The completion date cannot be before the action was recorded."
    return None


def check_impact(*, completed: date | None, assessed: date, today: date) -> str | None:
    """Impact is assessed later: only once the action is complete, on or after completion."""
    if completed is None:
        return "Record that the action is complete before assessing its impact."
    if assessed > today:
        return "The assessment date cannot be in the future."
    if assessed < completed:
        return "The impact cannot be assessed before the action was completed."
    return None
