"""Casework operations: the only writers of case state.

Each operation checks the rule in ``portal.procedure`` (which refuses illegal moves and changes
nothing), writes the change and its audit event, and commits them in one transaction, so nothing is
half-done after a crash. Views call these; they never set case columns themselves.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update

from portal import audit
from portal.db import db
from portal.models import (
    Case,
    CaseCategory,
    Category,
    ComplaintPoint,
    CorrectiveAction,
    CorrectiveActionType,
    ResolutionCategory,
    Submission,
    Team,
    User,
)
from portal.models.base import utcnow
from portal.permissions import STAGE1_RESPOND, has_permission
from portal.procedure import (
    CorrectTriage,
    DecideLateRequest,
    Defer,
    Event,
    ExtendStage1,
    Finding,
    MarkNotApplicable,
    Outcome,
    ProcedureError,
    ProcedureState,
    RequestStage2,
    RequestStage3,
    RespondStage1,
    Resume,
    Route,
    Triage,
    Withdraw,
    allowed_events,
    apply,
    uk_today,
)


class CaseworkError(ValueError):
    """An operation refused: the message says why, in staff's words."""


def _apply(case: Case, event: Event) -> ProcedureState:
    try:
        state = apply(case.procedure, event)
    except ProcedureError as error:
        raise CaseworkError(str(error)) from error
    case.store_procedure(state)
    return state


def record_event(
    case: Case,
    event: Event,
    *,
    actor: User | None,
    actor_kind: str | None = None,
    commit: bool = True,
    **details: Any,
) -> ProcedureState:
    """Apply one procedure event to a case and audit it (details: ids, codes and dates only)."""
    before = case.status
    state = _apply(case, event)
    audit.record(
        type(event).__name__,
        subject_type="case",
        subject_id=case.id,
        actor=actor,
        actor_kind=actor_kind,
        on=event.on.isoformat(),
        status_before=before,
        status_after=case.status,
        **details,
    )
    if commit:
        db.session.commit()
    return state


def can(case: Case, event_type: type[Event]) -> bool:
    return event_type in allowed_events(case.procedure)


# --- what a young person can do from the tracking page ----------------------------------------------


def next_stage_event(case: Case) -> type[Event] | None:
    """Which request "I'm not happy with the answer" makes now, if any."""
    for event_type in (RequestStage2, RequestStage3):
        if can(case, event_type):
            return event_type
    return None


def ask_for_next_stage(case: Case, *, on: date | None = None) -> ProcedureState:
    """The young person (or whoever complained) is not happy with the answer: ask for the next stage.

    A request after the 20 working days is still recorded, flagged late, for staff to decide.
    """
    event_type = next_stage_event(case)
    if event_type is None:
        raise CaseworkError("There is no answer to ask about yet, or the next stage is already asked for.")
    return record_event(case, event_type(on=on or uk_today()), actor=None, actor_kind="public")


def withdraw(case: Case, *, on: date | None = None, actor: User | None = None) -> ProcedureState:
    return record_event(case, Withdraw(on=on or uk_today()), actor=actor,
                        actor_kind="staff" if actor else "public")


# --- triage ---------------------------------------------------------------------------------------------

# A claim older than this is stale: another officer may take the submission over.
CLAIM_MINUTES = 60


def claim(submission: Submission, *, actor: User) -> None:
    """Take a submission for triage so two officers never triage the same one.

    The claim is one conditional UPDATE, so two officers pressing at the same moment cannot both win.
    """
    now = utcnow()
    stale = now - timedelta(minutes=CLAIM_MINUTES)
    result = db.session.execute(
        update(Submission)
        .where(
            Submission.id == submission.id,
            Submission.status == "new",
            or_(Submission.claimed_by_id.is_(None), Submission.claimed_by_id == actor.id,
                Submission.claimed_at < stale),
        )
        .values(claimed_by_id=actor.id, claimed_at=now)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        db.session.refresh(submission)
        who = submission.claimed_by.name if submission.claimed_by else "someone else"
        raise CaseworkError(f"{who} is already triaging this submission.")
    audit.record("submission_claimed", subject_type="submission", subject_id=submission.id, actor=actor)
    db.session.commit()
    db.session.refresh(submission)


def release(submission: Submission, *, actor: User) -> None:
    if submission.claimed_by_id != actor.id:
        raise CaseworkError("Only the officer triaging a submission can release it.")
    submission.claimed_by_id = None
    submission.claimed_at = None
    audit.record("submission_released", subject_type="submission", subject_id=submission.id, actor=actor)
    db.session.commit()


@dataclass
class TriageDecision:
    """What a triage officer decided, as the triage form gives it."""

    route: Route
    on: date
    reason: str
    team: Team | None = None
    categories: list[Category] = field(default_factory=list)
    main_category: Category | None = None
    points: list[str] = field(default_factory=list)
    responding_manager: User | None = None
    referred_to_team: Team | None = None
    alternative_route: str | None = None
    linked_case: Case | None = None
    sufficient_interest: bool | None = None
    sufficient_interest_reason: str | None = None
    child_views: str | None = None
    subject_staff: list[User] = field(default_factory=list)
    late_complaint_reason: str | None = None
    advocacy_given: str | None = None
    # A submission raising several separate matters: triage one matter now, more to follow.
    more_to_come: bool = False


def _check_decision(submission: Submission, decision: TriageDecision) -> None:
    problems = []
    if not decision.reason.strip():
        problems.append("Say why you chose this route.")
    if decision.route == Route.STATUTORY:
        if decision.team is None:
            problems.append("Choose the team the complaint is about.")
        if not decision.categories or decision.main_category not in decision.categories:
            problems.append("Choose the complaint's categories and its main one.")
        if not [p for p in decision.points if p.strip()]:
            problems.append("Write at least one point of complaint.")
        manager = decision.responding_manager
        if manager is None:
            problems.append("Choose the manager who will write the stage 1 response.")
        elif manager in decision.subject_staff:
            problems.append("The responding manager is named in the complaint: choose another manager.")
        elif not has_permission(manager, STAGE1_RESPOND) or manager.team_id != getattr(decision.team, "id", None):
            problems.append("The responding manager must be an operational manager of the team complained about.")
        if submission.who_is_telling not in (None, "young_person") and decision.sufficient_interest is None:
            problems.append("Someone is complaining for a child: decide whether they have sufficient interest.")
        if decision.sufficient_interest is False and not (decision.sufficient_interest_reason or "").strip():
            problems.append("Give the reason they do not have sufficient interest.")
    elif decision.route == Route.SAFEGUARDING and decision.referred_to_team is None:
        problems.append("Choose the operational team the safeguarding concern is referred to.")
    elif decision.route == Route.NOT_CHILDREN_ACT and not (decision.alternative_route or "").strip():
        problems.append("Say which route the person was told about (for example legal advice).")
    elif decision.route == Route.DUPLICATE and decision.linked_case is None:
        problems.append("Give the reference of the case this duplicates.")
    if problems:
        raise CaseworkError(" ".join(problems))


def triage(submission: Submission, decision: TriageDecision, *, actor: User) -> Case:
    """Record the triage decision: a new case on its route, with who, when and why.

    A submission that raises several matters gives one case per matter (``more_to_come``); it leaves
    the queue when the last one is triaged.
    """
    if submission.status != "new":
        raise CaseworkError("This submission has already been triaged.")
    if submission.claimed_by_id != actor.id:
        raise CaseworkError("Claim the submission before you triage it.")
    _check_decision(submission, decision)
    existing = db.session.scalar(select(func.count()).select_from(Case).where(Case.submission_id == submission.id))
    reference = submission.reference if not existing else f"{submission.reference}-{existing + 1}"
    from_young_person = submission.who_is_telling in (None, "young_person")
    case = Case(
        reference=reference,
        submission=submission,
        kind=submission.kind,
        channel=submission.channel,
        young_person_id=submission.young_person_id,
        complainant_id=submission.young_person_id if from_young_person else submission.submitter_id,
        from_young_person=from_young_person,
        triaged_by=actor,
        triage_reason=decision.reason.strip(),
        team=decision.team,
        responding_manager=decision.responding_manager if decision.route == Route.STATUTORY else None,
        referred_to_team=decision.referred_to_team if decision.route == Route.SAFEGUARDING else None,
        alternative_route=(decision.alternative_route or "").strip() or None,
        linked_case=decision.linked_case if decision.route == Route.DUPLICATE else None,
        sufficient_interest=decision.sufficient_interest,
        sufficient_interest_reason=(decision.sufficient_interest_reason or "").strip() or None,
        child_views=(decision.child_views or "").strip() or None,
        late_complaint_reason=(decision.late_complaint_reason or "").strip() or None,
        advocacy_given=decision.advocacy_given,
        subject_staff=list(decision.subject_staff),
        is_demo=submission.is_demo,
    )
    case.store_procedure(ProcedureState.submitted(submission.received_on))
    if decision.route == Route.STATUTORY:
        case.categories = [CaseCategory(category=c, is_main=c == decision.main_category) for c in decision.categories]
        case.points = [ComplaintPoint(position=i, summary=text.strip())
                       for i, text in enumerate((p for p in decision.points if p.strip()), start=1)]
    db.session.add(case)
    db.session.flush()
    record_event(case, Triage(on=decision.on, route=decision.route), actor=actor, commit=False,
                 submission_id=str(submission.id), route=str(decision.route),
                 team_id=str(case.team_id) if case.team_id else None)
    if not decision.more_to_come:
        submission.status = "triaged"
        submission.claimed_by_id = None
        submission.claimed_at = None
    db.session.commit()
    return case


def correct_triage(case: Case, *, route: Route, on: date, reason: str, actor: User) -> ProcedureState:
    """The only way to change a route afterwards: a recorded correction (before any stage 1 response)."""
    return record_event(case, CorrectTriage(on=on, route=route, reason=reason), actor=actor,
                        route=str(route))


def acknowledge_referral(case: Case, *, on: date, actor: User) -> None:
    """The operational team has picked up the safeguarding referral (it is tracked, not a complaint)."""
    if case.route != Route.SAFEGUARDING:
        raise CaseworkError("Only a safeguarding referral can be acknowledged.")
    if case.referral_acknowledged_on is not None:
        raise CaseworkError("The referral is already acknowledged.")
    case.referral_acknowledged_on = on
    audit.record("referral_acknowledged", subject_type="case", subject_id=case.id, actor=actor, on=on.isoformat())
    db.session.commit()


# --- stage 1 ------------------------------------------------------------------------------------------


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
    actions: list[NewAction] = field(default_factory=list)


def respond_stage1(case: Case, response: Stage1Response, *, actor: User) -> ProcedureState:
    """Record the stage 1 response: findings per point, the outcome, how it was put right, the learning."""
    if actor in case.subject_staff:
        raise CaseworkError("You are named in this complaint, so you cannot answer it.")
    point_ids = {point.id for point in case.points}
    if set(response.findings) != point_ids:
        raise CaseworkError("Record a finding for every point of the complaint.")
    if response.learning and not response.actions:
        raise CaseworkError("Add at least one corrective action, or record that there is none.")
    if not response.learning and response.actions:
        raise CaseworkError("You recorded no learning but added actions: choose one.")
    for action in response.actions:
        if not action.description.strip() or not action.owner.strip():
            raise CaseworkError("Each corrective action needs a description and an owner.")
        if action.due_on < response.on:
            raise CaseworkError("A corrective action cannot be due before the response date.")
    state = record_event(case, RespondStage1(on=response.on, outcome=response.outcome), actor=actor,
                         commit=False, outcome=str(response.outcome))
    for point in case.points:
        point.stage1_finding = str(response.findings[point.id])
    case.resolution = response.resolution
    case.stage1_learning = response.learning
    for action in response.actions:
        case.corrective_actions.append(CorrectiveAction(
            stage=1, description=action.description.strip(), owner=action.owner.strip(),
            due_on=action.due_on, action_type_id=action.action_type.id if action.action_type else None,
        ))
    db.session.commit()
    return state


def extend_stage1(case: Case, *, on: date, reason: str, actor: User) -> ProcedureState:
    return record_event(case, ExtendStage1(on=on, reason=reason), actor=actor)


def mark_not_applicable(case: Case, *, on: date, reason: str, actor: User) -> ProcedureState:
    return record_event(case, MarkNotApplicable(on=on, reason=reason), actor=actor)


def defer(case: Case, *, on: date, review_date: date, reason: str, actor: User) -> ProcedureState:
    return record_event(case, Defer(on=on, review_date=review_date, reason=reason), actor=actor,
                        review_date=review_date.isoformat())


def resume(case: Case, *, on: date, actor: User) -> ProcedureState:
    return record_event(case, Resume(on=on), actor=actor)


def decide_late_request(case: Case, *, on: date, accept: bool, actor: User) -> ProcedureState:
    return record_event(case, DecideLateRequest(on=on, accept=accept), actor=actor, accept=accept)


# --- contacts recorded by staff (phone, letter, email, MP or Councillor) ---------------------------------


@dataclass
class RecordedContact:
    kind: str
    channel: str
    received_on: date
    who_is_telling: str
    language: str
    what_happened: str
    what_would_help: str = ""
    young_person_name: str | None = None
    young_person_dob: date | None = None
    young_person_age: int | None = None
    submitter_name: str | None = None
    contact: str | None = None


def record_contact(contact: RecordedContact, *, actor: User) -> Submission:
    """Put a contact that came another way into the triage queue, like a web submission.

    The day it was received (not the day it was typed in) is day 0 of every clock.
    """
    from portal.codes import new_reference
    from portal.models import Person

    if contact.received_on > uk_today():
        raise CaseworkError("The date received cannot be in the future.")
    if contact.young_person_age is not None and not 0 <= contact.young_person_age <= 25:
        raise CaseworkError("Give an age from 0 to 25.")
    young_person = Person(name=(contact.young_person_name or "").strip() or None,
                          date_of_birth=contact.young_person_dob, age_when_received=contact.young_person_age)
    submitter = None
    if contact.who_is_telling != "young_person" and (contact.submitter_name or "").strip():
        submitter = Person(name=contact.submitter_name.strip())
    answers = {"what_happened": contact.what_happened.replace("\r\n", "\n"),
               "what_would_help": contact.what_would_help.replace("\r\n", "\n")}
    if (contact.contact or "").strip():
        answers["safe_contact"] = contact.contact.strip()
    submission = Submission(
        reference=new_reference(), kind=contact.kind, channel=contact.channel, language=contact.language,
        submitted_at=utcnow(), received_on=contact.received_on, who_is_telling=contact.who_is_telling,
        young_person=young_person, submitter=submitter, answers=answers, recorded_by_id=actor.id,
    )
    db.session.add_all([p for p in (young_person, submitter, submission) if p is not None])
    db.session.flush()
    audit.record("submission_recorded", subject_type="submission", subject_id=submission.id, actor=actor,
                 kind=contact.kind, channel=contact.channel, received_on=contact.received_on.isoformat())
    db.session.commit()
    return submission
