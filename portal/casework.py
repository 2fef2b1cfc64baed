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

from portal import audit, sanitise
from portal.db import db
from portal.models import (
    Case,
    CaseCategory,
    Category,
    ComplaintPoint,
    CorrectiveAction,
    CorrectiveActionType,
    Letter,
    Message,
    ResolutionCategory,
    StageExtension,
    Submission,
    Team,
    User,
)
from portal.models.base import utcnow
from portal.permissions import STAGE1_RESPOND, has_permission
from portal.procedure import (
    Close,
    CorrectTriage,
    DecideLateRequest,
    Defer,
    Event,
    ExtendStage1,
    ExtendStage2,
    Finding,
    InvalidDate,
    InvalidEvent,
    MarkNotApplicable,
    Outcome,
    ProcedureError,
    ProcedureState,
    RequestStage2,
    RequestStage3,
    RespondStage1,
    Resume,
    ReviewDeferral,
    Route,
    Standing,
    Triage,
    Withdraw,
    allowed_events,
    apply,
    needs_sufficient_interest,
    outcome_contradicts,
    uk_today,
)

# How a contact or a request reaches staff other than through the website (portal.labels.CHANNELS).
STAFF_CHANNELS = ("phone", "email", "letter", "in_person", "mp_cllr")


class CaseworkError(ValueError):
    """An operation refused: the message says why, in staff's words.

    ``problems`` maps a form field's name to what is wrong with it, so a screen can put each message
    on its field; ``field`` is a shorthand for one problem.
    """

    def __init__(self, message: str = "", *, field: str | None = None,
                 problems: dict[str, str] | None = None) -> None:
        self.problems = dict(problems or {})
        if field is not None:
            self.problems[field] = message
        super().__init__(message or " ".join(self.problems.values()))


def make_event(event_type: type[Event], **payload: Any) -> Event:
    """Build an event from what staff entered; a malformed one is refused in their words."""
    try:
        return event_type(**payload)
    except InvalidEvent as error:
        raise CaseworkError(str(error), field=error.field) from error


def _apply(case: Case, event: Event) -> ProcedureState:
    try:
        state = apply(case.procedure, event, today=uk_today())
    except InvalidDate as error:
        raise CaseworkError(str(error), field="on") from error
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
    # Who the complainant is to the child (s26(3)); the young person complaining is the child.
    standing: Standing | None = None
    sufficient_interest: bool | None = None
    sufficient_interest_reason: str | None = None
    child_views: str | None = None
    subject_staff: list[User] = field(default_factory=list)
    late_complaint_reason: str | None = None
    advocacy_given: str | None = None
    # A submission raising several separate matters: triage one matter now, more to follow.
    more_to_come: bool = False


def _by_id(model: Any, raw: Any) -> Any:
    if not raw:
        return None
    try:
        return db.session.get(model, uuid.UUID(str(raw)))
    except ValueError:
        return None


def _enum_or_none(kind: Any, raw: Any) -> Any:
    try:
        return kind(raw) if raw else None
    except ValueError:
        return None


def triage_decision_from(data: dict[str, Any], *, viewer: User) -> TriageDecision:
    """The triage form's data as a decision: ids become records (only ones that exist; a duplicate's
    case only among the cases the viewer may see). Unknown values become None, and the checks in
    :func:`triage` then say what is missing."""
    from portal.access import visible_cases

    linked = None
    reference = (data.get("linked_case_reference") or "").strip().upper()
    if reference:
        linked = db.session.scalar(visible_cases(viewer).where(Case.reference == reference))
    route = _enum_or_none(Route, data.get("route"))
    if route is None:
        raise CaseworkError("Choose a route.", field="route")
    return TriageDecision(
        route=route,
        on=data.get("on"),
        reason=data.get("reason") or "",
        team=_by_id(Team, data.get("team")),
        categories=[c for c in (_by_id(Category, raw) for raw in data.get("categories") or []) if c is not None],
        main_category=_by_id(Category, data.get("main_category")),
        points=(data.get("points") or "").replace("\r\n", "\n").split("\n"),
        responding_manager=_by_id(User, data.get("responding_manager")),
        referred_to_team=_by_id(Team, data.get("referred_to_team")),
        alternative_route=data.get("alternative_route"),
        linked_case=linked,
        standing=_enum_or_none(Standing, data.get("standing")),
        sufficient_interest={"yes": True, "no": False}.get(data.get("sufficient_interest") or ""),
        sufficient_interest_reason=data.get("sufficient_interest_reason"),
        child_views=data.get("child_views"),
        subject_staff=[u for u in (_by_id(User, raw) for raw in data.get("subject_staff") or []) if u is not None],
        late_complaint_reason=data.get("late_complaint_reason"),
        advocacy_given=data.get("advocacy_given") or None,
        more_to_come=bool(data.get("more_to_come")),
    )


def _standing(submission: Submission, decision: TriageDecision) -> Standing | None:
    if submission.who_is_telling in (None, "young_person"):
        return Standing.CHILD
    return decision.standing


def _effective_route(submission: Submission, decision: TriageDecision) -> Route:
    """A "no" on sufficient interest keeps a complaint off the statutory route: it goes to an
    alternative route, with the reason, which the person is told."""
    standing = _standing(submission, decision)
    if (decision.route == Route.STATUTORY and standing is not None and needs_sufficient_interest(standing)
            and decision.sufficient_interest is False):
        return Route.NOT_CHILDREN_ACT
    return decision.route


def _check_decision(submission: Submission, decision: TriageDecision) -> None:
    problems: dict[str, str] = {}
    if not decision.reason.strip():
        problems["reason"] = "Say why you chose this route."
    if decision.on is None:
        problems["on"] = "Enter the date of the triage decision."
    elif decision.on > uk_today():
        problems["on"] = "The date of the triage decision cannot be in the future."
    route = _effective_route(submission, decision)
    standing = _standing(submission, decision)
    if decision.route == Route.STATUTORY:
        if standing is None:
            problems["standing"] = "Someone is complaining for a child: say who they are to the child."
        elif needs_sufficient_interest(standing):
            if decision.sufficient_interest is None:
                problems["sufficient_interest"] = "Decide whether they have sufficient interest in the child's welfare."
            elif decision.sufficient_interest is False and not (decision.sufficient_interest_reason or "").strip():
                problems["sufficient_interest_reason"] = "Give the reason they do not have sufficient interest."
    if route == Route.STATUTORY:
        if decision.team is None:
            problems["team"] = "Choose the team the complaint is about."
        if not decision.categories:
            problems["categories"] = "Choose the complaint's categories."
        if decision.main_category is None or decision.main_category not in decision.categories:
            problems["main_category"] = "Choose the main category, one of the categories ticked."
        if not [p for p in decision.points if p.strip()]:
            problems["points"] = "Write at least one point of complaint."
        manager = decision.responding_manager
        if manager is None:
            problems["responding_manager"] = "Choose the manager who will write the stage 1 response."
        elif manager in decision.subject_staff:
            problems["responding_manager"] = "The responding manager is named in the complaint: choose another manager."
        elif not has_permission(manager, STAGE1_RESPOND) or manager.team_id != getattr(decision.team, "id", None):
            problems["responding_manager"] = (
                "The responding manager must be an operational manager of the team complained about.")
    elif route == Route.SAFEGUARDING and decision.referred_to_team is None:
        problems["referred_to_team"] = "Choose the operational team the safeguarding concern is referred to."
    elif route == Route.NOT_CHILDREN_ACT and not (decision.alternative_route or "").strip():
        problems["alternative_route"] = "Say which route the person was told about (for example legal advice)."
    elif route == Route.DUPLICATE and decision.linked_case is None:
        problems["linked_case_reference"] = "Give the reference of a case you can see that this duplicates."
    if problems:
        raise CaseworkError(problems=problems)


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
    route = _effective_route(submission, decision)
    standing = _standing(submission, decision)
    # The sufficient-interest decision is asked of, and recorded for, only those who need one.
    interest_asked = decision.route == Route.STATUTORY and standing is not None and needs_sufficient_interest(standing)
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
        team=decision.team if route == Route.STATUTORY else None,
        responding_manager=decision.responding_manager if route == Route.STATUTORY else None,
        referred_to_team=decision.referred_to_team if route == Route.SAFEGUARDING else None,
        alternative_route=(decision.alternative_route or "").strip() or None,
        linked_case=decision.linked_case if route == Route.DUPLICATE else None,
        complainant_standing=str(standing) if standing is not None and submission.kind == "complaint" else None,
        sufficient_interest=decision.sufficient_interest if interest_asked else None,
        sufficient_interest_reason=((decision.sufficient_interest_reason or "").strip() or None) if interest_asked
        else None,
        child_views=(decision.child_views or "").strip() or None,
        late_complaint_reason=(decision.late_complaint_reason or "").strip() or None,
        advocacy_given=decision.advocacy_given,
        subject_staff=list(decision.subject_staff),
        is_demo=submission.is_demo,
    )
    case.store_procedure(ProcedureState.submitted(submission.received_on))
    if route == Route.STATUTORY:
        case.categories = [CaseCategory(category=c, is_main=c == decision.main_category) for c in decision.categories]
        case.points = [ComplaintPoint(position=i, summary=text.strip())
                       for i, text in enumerate((p for p in decision.points if p.strip()), start=1)]
    db.session.add(case)
    db.session.flush()
    record_event(case, Triage(on=decision.on, route=route), actor=actor, commit=False,
                 submission_id=str(submission.id), route=str(route),
                 team_id=str(case.team_id) if case.team_id else None)
    if not decision.more_to_come:
        submission.status = "triaged"
        submission.claimed_by_id = None
        submission.claimed_at = None
    db.session.commit()
    return case


def correct_triage(case: Case, *, route: Route, on: date, reason: str, actor: User) -> ProcedureState:
    """The only way to change a route afterwards: a recorded correction (before any stage 1 response)."""
    return record_event(case, make_event(CorrectTriage, on=on, route=route, reason=reason), actor=actor,
                        route=str(route))


def referral_waiting(case: Case) -> bool:
    """A safeguarding referral the operational team has not yet picked up."""
    return case.route == Route.SAFEGUARDING and case.referral_acknowledged_on is None


def acknowledge_referral(case: Case, *, on: date, actor: User) -> None:
    """The operational team has picked up the safeguarding referral (it is tracked, not a complaint)."""
    if on > uk_today():
        raise CaseworkError("The date cannot be in the future.", field="on")
    if on < case.received_on:
        raise CaseworkError("The date cannot be before the concern was received.", field="on")
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
    # The response letter as staff typed it (portal.sanitise.from_plain_text makes it HTML), and the
    # language it is written in. Required: the young person's tracking page shows it.
    letter: str
    actions: list[NewAction] = field(default_factory=list)
    letter_language: str = "en"


# Long enough for any stage 1 letter; a limit keeps a pasted document from filling the database.
LETTER_MAX = 20000


def finding_field(point: ComplaintPoint) -> str:
    """The form field that carries one point's finding."""
    return f"finding-{point.id}"


def stage1_response_from(case: Case, data: dict[str, Any], findings: dict[str, Any]) -> Stage1Response:
    """The stage 1 response form as a response, or every problem with it, each on its field.

    ``data`` is the form's data (actions as a list of dicts); ``findings`` maps each point's field name
    (:func:`finding_field`) to the finding chosen.
    """
    problems: dict[str, str] = {}
    chosen: dict[uuid.UUID, Finding] = {}
    for point in case.points:
        finding = _enum_or_none(Finding, findings.get(finding_field(point)))
        if finding is None:
            problems[finding_field(point)] = "Choose a finding for this point."
        else:
            chosen[point.id] = finding
    outcome = _enum_or_none(Outcome, data.get("outcome"))
    if outcome is None:
        problems["outcome"] = "Choose the overall outcome."
    resolution = None
    if data.get("resolution"):
        resolution = _by_id(ResolutionCategory, data["resolution"])
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
            action_type = _by_id(CorrectiveActionType, entry["action_type"])
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
    letter_problem = _letter_problem(letter)
    if letter_problem:
        problems["letter"] = letter_problem
    if problems:
        raise CaseworkError(problems=problems)
    return Stage1Response(on=data["on"], findings=chosen, outcome=outcome, resolution=resolution,
                          learning=bool(learning), actions=actions, letter=letter,
                          letter_language=data.get("letter_language") or "en")


def _letter_problem(letter: str) -> str | None:
    if not letter.strip():
        return "Write the response letter: the young person reads it on their tracking page."
    if len(letter) > LETTER_MAX:
        return f"The letter must be {LETTER_MAX:,} characters or fewer."
    return None


def respond_stage1(case: Case, response: Stage1Response, *, actor: User) -> ProcedureState:
    """Record the stage 1 response: findings per point, the outcome, how it was put right, the learning."""
    if actor in case.subject_staff:
        raise CaseworkError("You are named in this complaint, so you cannot answer it.")
    point_ids = {point.id for point in case.points}
    if set(response.findings) != point_ids:
        raise CaseworkError("Record a finding for every point of the complaint.")
    if outcome_contradicts(response.outcome, response.findings.values()):
        raise CaseworkError(
            "The overall outcome must agree with the findings: upheld when every point is upheld, not upheld "
            "when none is, partly upheld otherwise.", field="outcome")
    if response.learning and not response.actions:
        raise CaseworkError("Add at least one corrective action, or record that there is none.", field="learning")
    if not response.learning and response.actions:
        raise CaseworkError("You recorded no learning but added actions: choose one.", field="learning")
    letter_problem = _letter_problem(response.letter)
    if letter_problem:
        raise CaseworkError(letter_problem, field="letter")
    from portal.i18n import LANGUAGES

    if response.letter_language not in LANGUAGES:
        raise CaseworkError("Choose the language the letter is written in.", field="letter_language")
    for action in response.actions:
        if not action.description.strip() or not action.owner.strip():
            raise CaseworkError("Each corrective action needs a description and an owner.", field="learning")
        if action.due_on < response.on:
            raise CaseworkError("A corrective action cannot be due before the response date.", field="learning")
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
    # The letter as sent: kept as HTML made once from what was typed (and cleaned again when shown).
    letter = case.letter(1)
    if letter is None:
        letter = Letter(stage=1)
        case.letters.append(letter)
    letter.language, letter.source, letter.written_by_id = response.letter_language, response.letter, actor.id
    letter.html = str(sanitise.from_plain_text(response.letter))
    db.session.commit()
    return state


# --- what young people write on the tracking page -------------------------------------------------------


def mark_words_read(messages: list[Message], *, actor: User) -> int:
    """The member of staff who owns these messages from a young person has read them.

    Only messages ``actor`` owns and that are still unread are marked (the caller passes the ones on
    the page; ``portal.access.owned_messages`` decides ownership), each with who read it and when,
    with one audit event per submission naming the messages (ids only, never their words).
    """
    from portal.access import owned_messages

    wanted = [message.id for message in messages if message.read_at is None]
    if not wanted:
        return 0
    owned = set(db.session.scalars(
        owned_messages(actor).where(Message.id.in_(wanted)).with_only_columns(Message.id)
    ))
    if not owned:
        return 0
    moment = utcnow()
    marked: dict[uuid.UUID, list[str]] = {}
    for message in messages:
        if message.id in owned:
            message.read_at, message.read_by_id = moment, actor.id
            marked.setdefault(message.submission_id, []).append(str(message.id))
    for submission_id, ids in marked.items():
        audit.record("young_person_words_read", subject_type="submission", subject_id=submission_id,
                     actor=actor, message_ids=ids)
    db.session.commit()
    return len(owned)


# --- extensions: every one kept, with its reason and the new date the complainant was told -------------


def _check_told(told_on: date | None, on: date) -> None:
    if told_on is None:
        raise CaseworkError("Enter the date the complainant was told the new date.", field="complainant_told_on")
    if told_on < on or told_on > uk_today():
        raise CaseworkError("The complainant is told on or after the day the extension is decided, and not "
                            "later than today.", field="complainant_told_on")


def extend_stage1(case: Case, *, on: date, reason: str, complainant_told_on: date | None,
                  actor: User) -> ProcedureState:
    """Reg 14: once, to 20 working days, decided before the 10 run out."""
    _check_told(complainant_told_on, on)
    state = record_event(case, make_event(ExtendStage1, on=on, reason=reason), actor=actor, commit=False)
    case.extensions.append(StageExtension(
        stage=1, decided_on=on, working_days=state.stage1_limit, new_due_on=state.stage1_due,
        complainant_told_on=complainant_told_on, reason=state.stage1_extension_reason, recorded_by_id=actor.id,
    ))
    db.session.commit()
    return state


def extend_stage2(case: Case, *, on: date, to: int, reason: str, complainant_told_on: date | None,
                  actor: User) -> ProcedureState:
    """Reg 17: to any limit from 26 to 65 working days, with reasons and a new date the complainant is
    told; it may be extended again, further."""
    _check_told(complainant_told_on, on)
    state = record_event(case, make_event(ExtendStage2, on=on, to=to, reason=reason), actor=actor, commit=False,
                         working_days=to)
    case.extensions.append(StageExtension(
        stage=2, decided_on=on, working_days=state.stage2_limit, new_due_on=state.stage2_due,
        complainant_told_on=complainant_told_on, reason=state.stage2_extension_reason, recorded_by_id=actor.id,
    ))
    db.session.commit()
    return state


# --- the other case actions -----------------------------------------------------------------------------


def mark_not_applicable(case: Case, *, on: date, reason: str, actor: User) -> ProcedureState:
    return record_event(case, make_event(MarkNotApplicable, on=on, reason=reason), actor=actor)


def defer(case: Case, *, on: date, review_date: date, reason: str, actor: User) -> ProcedureState:
    return record_event(case, make_event(Defer, on=on, review_date=review_date, reason=reason), actor=actor,
                        review_date=review_date.isoformat() if review_date else None)


def review_deferral(case: Case, *, on: date, review_date: date, actor: User) -> ProcedureState:
    """The deferral is reviewed and kept: a new review date."""
    return record_event(case, make_event(ReviewDeferral, on=on, review_date=review_date), actor=actor,
                        review_date=review_date.isoformat() if review_date else None)


def resume(case: Case, *, on: date, actor: User) -> ProcedureState:
    return record_event(case, make_event(Resume, on=on), actor=actor)


def decide_late_request(case: Case, *, on: date, accept: bool, actor: User) -> ProcedureState:
    return record_event(case, make_event(DecideLateRequest, on=on, accept=accept), actor=actor, accept=accept)


def record_next_stage_request(case: Case, *, on: date, channel: str, actor: User) -> ProcedureState:
    """A stage 2 or review panel request that came by letter, phone, email or in person, recorded by
    staff on the day it was received (a late one waits for a staff decision, as from the tracking page)."""
    if channel not in STAFF_CHANNELS:
        raise CaseworkError("Choose how the request came.", field="channel")
    event_type = next_stage_event(case)
    if event_type is None:
        raise CaseworkError("There is no response still open to a request for the next stage.")
    return record_event(case, make_event(event_type, on=on), actor=actor, channel=channel)


def close(case: Case, *, on: date, actor: User) -> ProcedureState:
    """Close after a response; a later request for the next stage reopens it (late if out of time)."""
    return record_event(case, make_event(Close, on=on), actor=actor)


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
