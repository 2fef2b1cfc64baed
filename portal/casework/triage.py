"""Triage: every submission claimed by one officer, then put on its route with who, when and why; a
recorded correction the only way to change a route; a safeguarding referral tracked until the
operational team picks it up; contacts that came another way put into the same queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update

from portal import audit
from portal.casework import enquiries
from portal.casework.checks import EARLY, FUTURE, MISSING, check_date, date_error
from portal.casework.common import CaseworkError, by_id, enum_or_none, make_event, record_event
from portal.db import db
from portal.models import Case, CaseCategory, Category, ComplaintPoint, Submission, Team, User
from portal.models.base import utcnow
from portal.models.enquiries import MEMBER_KINDS
from portal.permissions import STAGE1_RESPOND, has_permission
from portal.procedure import (
    CorrectTriage,
    ProcedureState,
    Route,
    Standing,
    Triage,
    made_over_a_year_later,
    needs_sufficient_interest,
)

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
    # Reg 9: when the matter happened, or that it is not known; for one received more than a year
    # later, both reg 9(2) conditions: (a) not reasonable to expect it in time, (b) still possible to
    # consider it effectively and fairly.
    matter_happened_on: date | None = None
    matter_date_not_known: bool = False
    late_not_reasonable_in_time: bool = False
    late_still_fair: bool = False
    advocacy_given: str | None = None
    # A submission raising several separate matters: triage one matter now, more to follow.
    more_to_come: bool = False
    # A wishes-and-feelings contact (issue 21): passed on to whom (WISHES_ACTIONS), which team, who will
    # act, by when.
    wishes_action: str | None = None
    wishes_team: Team | None = None
    wishes_acted_by: str | None = None
    wishes_act_by: date | None = None
    # An MP's or County Councillor's enquiry that came in through the front door: who enquired.
    member_name: str | None = None
    member_kind: str | None = None


# What triage may do with a wishes-and-feelings contact besides a safeguarding referral: pass it on to
# the person who can act (with who and by when), or help sort it out informally. Becoming a complaint
# is its own step (:func:`make_complaint_of_wishes`), with the young person's agreement.
WISHES_ACTIONS = ("social_worker", "team", "iro", "informal")
PASSED_ON = frozenset({"social_worker", "team", "iro"})
# The routes a wishes-and-feelings contact can take at triage.
WISHES_ROUTES = frozenset({Route.INFORMAL, Route.SAFEGUARDING, Route.DUPLICATE})


def triage_decision_from(data: dict[str, Any], *, viewer: User) -> TriageDecision:
    """The triage form's data as a decision: ids become records (only ones that exist; a duplicate's
    case only among the cases the viewer may see). Unknown values become None, and the checks in
    :func:`triage` then say what is missing."""
    from portal.access import visible_cases

    linked = None
    reference = (data.get("linked_case_reference") or "").strip().upper()
    if reference:
        linked = db.session.scalar(visible_cases(viewer).where(Case.reference == reference))
    route = enum_or_none(Route, data.get("route"))
    if route is None:
        raise CaseworkError("Choose a route.", field="route")
    return TriageDecision(
        route=route,
        on=data.get("on"),
        reason=data.get("reason") or "",
        team=by_id(Team, data.get("team")),
        categories=[c for c in (by_id(Category, raw) for raw in data.get("categories") or []) if c is not None],
        main_category=by_id(Category, data.get("main_category")),
        points=(data.get("points") or "").replace("\r\n", "\n").split("\n"),
        responding_manager=by_id(User, data.get("responding_manager")),
        referred_to_team=by_id(Team, data.get("referred_to_team")),
        alternative_route=data.get("alternative_route"),
        linked_case=linked,
        standing=enum_or_none(Standing, data.get("standing")),
        sufficient_interest={"yes": True, "no": False}.get(data.get("sufficient_interest") or ""),
        sufficient_interest_reason=data.get("sufficient_interest_reason"),
        child_views=data.get("child_views"),
        subject_staff=[u for u in (by_id(User, raw) for raw in data.get("subject_staff") or []) if u is not None],
        late_complaint_reason=data.get("late_complaint_reason"),
        matter_happened_on=data.get("matter_happened_on"),
        matter_date_not_known=bool(data.get("matter_date_not_known")),
        late_not_reasonable_in_time=bool(data.get("late_not_reasonable_in_time")),
        late_still_fair=bool(data.get("late_still_fair")),
        advocacy_given=data.get("advocacy_given") or None,
        more_to_come=bool(data.get("more_to_come")),
        wishes_action=data.get("wishes_action") or None,
        wishes_team=by_id(Team, data.get("wishes_team")),
        wishes_acted_by=data.get("wishes_acted_by"),
        wishes_act_by=data.get("wishes_act_by"),
        member_name=data.get("member_name"),
        member_kind=data.get("member_kind") or None,
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


def _active_with_role(*roles: str) -> Any:
    from portal.models import UserRole

    return (select(User).join(UserRole).where(UserRole.role.in_(roles), User.active.is_(True))
            .order_by(User.name).distinct())


def team_has_no_manager(team: Team) -> bool:
    """No active operational manager in the team: someone else must write the stage 1 response."""
    return db.session.scalar(_active_with_role("operational_manager").where(User.team_id == team.id).limit(1)) is None


def stage1_responders(team: Team | None) -> list[User]:
    """Who may be chosen to write a complaint's stage 1 response: the team's operational managers (every
    team's until a team is chosen); when the team has none, the Children's Rights Service's complaints
    managers and officers, who see every case and may respond at stage 1."""
    if team is not None and team_has_no_manager(team):
        return list(db.session.scalars(_active_with_role("complaints_manager", "crs_officer")))
    query = _active_with_role("operational_manager")
    return list(db.session.scalars(query.where(User.team_id == team.id) if team is not None else query))


def council_staff() -> list[User]:
    """The council's own officers (a complaint can be about them): not advocates, nor the independent
    people appointed at stages 2 and 3."""
    from portal.permissions import COUNCIL_ROLES

    return list(db.session.scalars(_active_with_role(*COUNCIL_ROLES)))


def _check_wishes(decision: TriageDecision, problems: dict[str, str]) -> None:
    """A wishes-and-feelings contact goes to someone who will act (who, and by when), or is sorted out
    informally; it is never put on the complaint route here."""
    if decision.route not in WISHES_ROUTES:
        problems["route"] = ("Wishes and feelings are passed on, sorted out informally, referred for "
                             "safeguarding, or linked: to make a complaint of them, the young person must agree first.")
        return
    if decision.route != Route.INFORMAL:
        return
    if decision.wishes_action not in WISHES_ACTIONS:
        problems["wishes_action"] = "Choose what happens with what they told us."
        return
    if decision.wishes_action in PASSED_ON:
        if decision.wishes_action == "team" and decision.wishes_team is None:
            problems["wishes_team"] = "Choose the team it is passed to."
        if not (decision.wishes_acted_by or "").strip():
            problems["wishes_acted_by"] = "Say who will act on it (a name or a role)."
        error = date_error(decision.wishes_act_by, {MISSING: "Enter the date they will act by.",
                                                    EARLY: "The date they will act by cannot be before the decision."},
                           not_before=decision.on if isinstance(decision.on, date) else None, future_allowed=True)
        if error:
            problems["wishes_act_by"] = error


def over_a_year_late(submission: Submission, happened: date | None) -> bool:
    """Reg 9(1): received more than one year after the matter complained about (flagged at triage)."""
    return made_over_a_year_later(submission.received_on, happened)


def _check_one_year_limit(submission: Submission, decision: TriageDecision, problems: dict[str, str]) -> None:
    happened = decision.matter_happened_on
    if happened is None and not decision.matter_date_not_known:
        problems["matter_happened_on"] = ("Enter when the matter complained about happened, or tick that it is "
                                          "not known (the one-year limit, reg 9).")
        return
    if happened is not None and decision.matter_date_not_known:
        problems["matter_happened_on"] = "Enter the date, or tick that it is not known: not both."
        return
    if happened is not None and happened > submission.received_on:
        problems["matter_happened_on"] = "The matter cannot have happened after the complaint was received."
        return
    if over_a_year_late(submission, happened):
        if not (decision.late_not_reasonable_in_time and decision.late_still_fair):
            problems["late_not_reasonable_in_time"] = (
                "Received more than a year after the matter (reg 9): accept it only when it was not reasonable "
                "to expect it in time and it can still be considered effectively and fairly. Tick both, or "
                "choose another route.")
        elif not (decision.late_complaint_reason or "").strip():
            problems["late_complaint_reason"] = "Say why the complaint is accepted after a year."


def _check_decision(submission: Submission, decision: TriageDecision) -> None:
    problems: dict[str, str] = {}
    if submission.kind == "wishes_and_feelings":
        _check_wishes(decision, problems)
    if not decision.reason.strip():
        problems["reason"] = "Say why you chose this route."
    on_error = date_error(decision.on, {MISSING: "Enter the date of the triage decision.",
                                        FUTURE: "The date of the triage decision cannot be in the future."})
    if on_error:
        problems["on"] = on_error
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
    if route == Route.STATUTORY and submission.kind == "complaint":
        _check_one_year_limit(submission, decision, problems)
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
        elif decision.team is not None and manager not in stage1_responders(decision.team):
            problems["responding_manager"] = (
                "The team has no manager in the portal: choose a complaints manager or Children's Rights officer."
                if team_has_no_manager(decision.team) else
                "The responding manager must be an operational manager of the team complained about.")
        elif not has_permission(manager, STAGE1_RESPOND):
            problems["responding_manager"] = "This person cannot write a stage 1 response."
    elif route == Route.SAFEGUARDING and decision.referred_to_team is None:
        problems["referred_to_team"] = "Choose the operational team the safeguarding concern is referred to."
    elif route == Route.NOT_CHILDREN_ACT and not (decision.alternative_route or "").strip():
        problems["alternative_route"] = "Say which route the person was told about (for example legal advice)."
    elif route == Route.DUPLICATE and decision.linked_case is None:
        problems["linked_case_reference"] = "Give the reference of a case you can see that this duplicates."
    elif route == Route.ENQUIRY:
        if not (decision.member_name or "").strip():
            problems["member_name"] = "Enter the name of the MP or councillor who enquired."
        if decision.member_kind not in MEMBER_KINDS:
            problems["member_kind"] = "Choose whether they are an MP or a County Councillor."
    if problems:
        raise CaseworkError(problems=problems)


def _one_year_limit(submission: Submission, decision: TriageDecision, route: Route, actor: User) -> dict[str, Any]:
    """What reg 9 records on a statutory complaint: when the matter happened (or not known), and for a
    late one, both conditions as decided and who decided."""
    if route != Route.STATUTORY or submission.kind != "complaint":
        return {}
    late = over_a_year_late(submission, decision.matter_happened_on)
    return {"matter_happened_on": decision.matter_happened_on,
            "matter_date_not_known": decision.matter_date_not_known,
            "late_not_reasonable_in_time": decision.late_not_reasonable_in_time if late else None,
            "late_still_fair": decision.late_still_fair if late else None,
            "late_decided_by_id": actor.id if late else None}


def triage(submission: Submission, decision: TriageDecision, *, actor: User) -> Case:
    """Record the triage decision: a new case on its route, with who, when and why.

    A submission that raises several matters gives one case per matter (``more_to_come``); it leaves
    the queue when the last one is triaged.
    """
    if submission.status != "new":
        raise CaseworkError("This submission has already been triaged.")
    if submission.kind == "advocacy_request":
        raise CaseworkError("An advocacy request is matched with an advocate in the advocacy queue, not triaged.")
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
        **_one_year_limit(submission, decision, route, actor),
        subject_staff=list(decision.subject_staff),
        is_demo=submission.is_demo,
    )
    if submission.kind == "wishes_and_feelings" and route == Route.INFORMAL:
        passed_on = decision.wishes_action in PASSED_ON
        case.wishes_action = decision.wishes_action
        case.wishes_team = decision.wishes_team if passed_on else None
        case.wishes_acted_by = (decision.wishes_acted_by or "").strip()[:200] or None if passed_on else None
        case.wishes_act_by = decision.wishes_act_by if passed_on else None
    case.store_procedure(ProcedureState.submitted(submission.received_on))
    if route == Route.STATUTORY:
        case.categories = [CaseCategory(category=c, is_main=c == decision.main_category) for c in decision.categories]
        case.points = [ComplaintPoint(position=i, summary=text.strip())
                       for i, text in enumerate((p for p in decision.points if p.strip()), start=1)]
    db.session.add(case)
    db.session.flush()
    if route == Route.ENQUIRY:
        enquiries.record_from_front_door(case, member_name=decision.member_name or "",
                                         member_kind=decision.member_kind or "", actor=actor)
    record_event(case, Triage(on=decision.on, route=route), actor=actor, commit=False,
                 submission_id=str(submission.id), route=str(route),
                 team_id=str(case.team_id) if case.team_id else None)
    if not decision.more_to_come:
        submission.status = "triaged"
        submission.claimed_by_id = None
        submission.claimed_at = None
    db.session.commit()
    return case


def make_complaint_of_wishes(submission: Submission, *, agreed: bool, actor: User) -> None:
    """A wishes-and-feelings contact becomes a complaint because the young person agreed to it: it is
    then triaged as a complaint (the statutory route with its team, points and manager). Recorded
    with who and when; the young person's tracking page then says they made a complaint."""
    if submission.kind != "wishes_and_feelings" or submission.status != "new":
        raise CaseworkError("Only wishes and feelings waiting for triage can become a complaint here.")
    if submission.claimed_by_id != actor.id:
        raise CaseworkError("Claim the submission before you triage it.")
    if not agreed:
        raise CaseworkError(problems={"agreed": "A complaint is made only with the young person's agreement: "
                                                "confirm they agreed."})
    submission.kind = "complaint"
    audit.record("wishes_became_complaint", subject_type="submission", subject_id=submission.id, actor=actor,
                 young_person_agreed=True)
    db.session.commit()


def correct_triage(case: Case, *, route: Route, on: date, reason: str, actor: User) -> ProcedureState:
    """The only way to change a route afterwards: a recorded correction (before any stage 1 response)."""
    return record_event(case, make_event(CorrectTriage, on=on, route=route, reason=reason), actor=actor,
                        route=str(route))


def referral_waiting(case: Case) -> bool:
    """A safeguarding referral the operational team has not yet picked up."""
    return case.route == Route.SAFEGUARDING and case.referral_acknowledged_on is None


def acknowledge_referral(case: Case, *, on: date, actor: User) -> None:
    """The operational team has picked up the safeguarding referral (it is tracked, not a complaint)."""
    check_date(on, {MISSING: "Enter the date.", FUTURE: "The date cannot be in the future.",
                    EARLY: "The date cannot be before the concern was received."}, field="on",
               not_before=case.received_on)
    if case.route != Route.SAFEGUARDING:
        raise CaseworkError("Only a safeguarding referral can be acknowledged.")
    if case.referral_acknowledged_on is not None:
        raise CaseworkError("The referral is already acknowledged.")
    case.referral_acknowledged_on = on
    audit.record("referral_acknowledged", subject_type="case", subject_id=case.id, actor=actor, on=on.isoformat())
    db.session.commit()


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
    from portal.intake.codes import new_reference
    from portal.models import Person

    received_error = date_error(contact.received_on, {MISSING: "Enter the date received.",
                                                      FUTURE: "The date received cannot be in the future."})
    if received_error:
        raise CaseworkError(received_error)
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
