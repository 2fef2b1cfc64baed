"""Stage 1, local resolution: the team manager's response (a finding per point, the outcome, how it
was put right, the learning, the letter as sent) and the one extension to 20 working days."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.casework.checks import check_told
from portal.casework.common import CaseworkError, by_id, make_event, record_event
from portal.casework.responses import (
    check_answer,
    check_letter_language,
    findings_and_outcome,
    keep_findings,
    keep_letter,
    letter_problem,
)
from portal.db import db
from portal.models import Case, CorrectiveAction, CorrectiveActionType, ResolutionCategory, StageExtension, User
from portal.procedure import ExtendStage1, Finding, Outcome, ProcedureState, RespondStage1


@dataclass
class NewAction:
    description: str
    owner: str
    due_on: date
    action_type: CorrectiveActionType | None = None


@dataclass
class Stage1Response:
    on: date
    findings: dict[uuid.UUID, Finding]  # point id -> finding
    outcome: Outcome
    resolution: ResolutionCategory | None
    learning: bool  # True: corrective actions below; False: explicitly none
    # The response letter as staff typed it (portal.sanitise.from_plain_text makes it HTML), and the
    # language it is written in. Required: the young person's tracking page shows it.
    letter: str
    actions: list[NewAction] = field(default_factory=list)
    letter_language: str = "en"


def stage1_response_from(case: Case, data: dict[str, Any], findings: dict[str, Any]) -> Stage1Response:
    """The stage 1 response form as a response, or every problem with it, each on its field.

    ``data`` is the form's data (actions as a list of dicts); ``findings`` maps each point's field name
    (:func:`finding_field`) to the finding chosen.
    """
    problems: dict[str, str] = {}
    chosen, outcome = findings_and_outcome(case, data, findings, problems)
    resolution = None
    if data.get("resolution"):
        resolution = by_id(ResolutionCategory, data["resolution"])
        if resolution is None or not resolution.active:
            problems["resolution"] = "Choose a resolution category from the list."
    learning = {"yes": True, "no": False}.get(data.get("learning") or "")
    if learning is None:
        problems["learning"] = "Say whether there was learning."
    actions: list[NewAction] = []
    for index, entry in enumerate(data.get("actions") or []):
        description, owner = (entry.get("description") or "").strip(), (entry.get("owner") or "").strip()
        if not description and not owner:
            continue
        action_type = None
        if entry.get("action_type"):
            action_type = by_id(CorrectiveActionType, entry["action_type"])
            if action_type is None or not action_type.active:
                problems[f"actions-{index}-action_type"] = "Choose an action type from the list."
        if not description or not owner:
            problems[f"actions-{index}-description"] = "Each corrective action needs a description and an owner."
        if entry.get("due_on") is None:
            problems[f"actions-{index}-due_on"] = "Give each corrective action a due date."
        actions.append(NewAction(description=description, owner=owner, due_on=entry.get("due_on"),
                                 action_type=action_type))
    if data.get("on") is None:
        problems["on"] = "Enter the date of the stage 1 response."
    letter = data.get("letter") or ""
    problem = letter_problem(letter)
    if problem:
        problems["letter"] = problem
    if problems:
        raise CaseworkError(problems=problems)
    return Stage1Response(on=data["on"], findings=chosen, outcome=outcome, resolution=resolution,
                          learning=bool(learning), actions=actions, letter=letter,
                          letter_language=data.get("letter_language") or "en")


def respond_stage1(case: Case, response: Stage1Response, *, actor: User) -> ProcedureState:
    """Record the stage 1 response: findings per point, the outcome, how it was put right, the learning."""
    check_answer(case, response.findings, response.outcome, actor)
    if response.learning and not response.actions:
        raise CaseworkError("Add at least one corrective action, or record that there is none.", field="learning")
    if not response.learning and response.actions:
        raise CaseworkError("You recorded no learning but added actions: choose one.", field="learning")
    problem = letter_problem(response.letter)
    if problem:
        raise CaseworkError(problem, field="letter")
    check_letter_language(response.letter_language)
    for action in response.actions:
        if not action.description.strip() or not action.owner.strip():
            raise CaseworkError("Each corrective action needs a description and an owner.", field="learning")
        if action.due_on < response.on:
            raise CaseworkError("A corrective action cannot be due before the response date.", field="learning")
    fuller = case.stage1_first_responded is not None  # after a referral back: the first stays as sent
    state = record_event(case, RespondStage1(on=response.on, outcome=response.outcome), actor=actor,
                         commit=False, outcome=str(response.outcome), **({"fuller_response": True} if fuller else {}))
    keep_findings(case, 1, response.findings)
    case.resolution = response.resolution
    case.stage1_learning = response.learning
    for action in response.actions:
        case.corrective_actions.append(CorrectiveAction(
            stage=1, description=action.description.strip(), owner=action.owner.strip(),
            due_on=action.due_on, action_type_id=action.action_type.id if action.action_type else None,
        ))
    keep_letter(case, 1, response.letter, response.letter_language, actor, new=fuller)
    db.session.commit()
    return state


def extend_stage1(case: Case, *, on: date, reason: str, complainant_told_on: date | None,
                  actor: User) -> ProcedureState:
    """Reg 14: once, to 20 working days, decided before the 10 run out."""
    check_told(complainant_told_on, on)
    state = record_event(case, make_event(ExtendStage1, on=on, reason=reason), actor=actor, commit=False)
    case.extensions.append(StageExtension(
        stage=1, decided_on=on, working_days=state.stage1_limit, new_due_on=state.stage1_due,
        complainant_told_on=complainant_told_on, reason=state.stage1_extension_reason, recorded_by_id=actor.id,
    ))
    db.session.commit()
    return state
