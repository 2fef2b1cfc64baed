"""Read-side queries for staff pages: always built on the scoped queries in ``portal.access``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext
from sqlalchemy import Select, and_, case, func, or_, select
from sqlalchemy.orm import aliased, selectinload

from portal.access import live_work, owned_messages, visible_cases, visible_submissions
from portal.db import db
from portal.i18n import LANGUAGES
from portal.models import AuditEvent, Case, Message, Person, Submission, Team, User
from portal.procedure import CaseStatus, working_day_ordinal
from portal.procedure.state import OPEN_STATUSES, STAGE2_STATUSES, STAGE3_STATUSES
from portal.rendering import labels

AGE_BANDS = {
    "0-10": (0, 10),
    "11-13": (11, 13),
    "14-15": (14, 15),
    "16-17": (16, 17),
    "18+": (18, 200),
}


@dataclass
class QueueFilters:
    kind: str = ""
    language: str = ""
    who: str = ""  # young_person | adult
    age: str = ""
    uas: str = ""  # yes
    interpreter: str = ""  # yes
    advocacy: str = ""  # yes
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> QueueFilters:
        """Only values the filters offer; anything else (a NUL byte, "²", a 20-digit page) is ignored."""

        def one_of(name: str, allowed: Any) -> str:
            value = args.get(name, "")
            return value if value in allowed else ""

        page = args.get("page", "1")
        return cls(
            kind=one_of("kind", labels.SUBMISSION_KINDS), language=one_of("language", [*LANGUAGES, "other"]),
            who=one_of("who", ("young_person", "adult")), age=one_of("age", AGE_BANDS),
            uas=one_of("uas", ("yes",)), interpreter=one_of("interpreter", ("yes",)),
            advocacy=one_of("advocacy", ("yes",)),
            page=max(1, int(page)) if re.fullmatch(r"[0-9]{1,5}", page) else 1,
        )

    def active(self) -> dict[str, str]:
        return {key: value for key, value in vars(self).items() if value and key != "page"}


def triage_queue(user: User, filters: QueueFilters, page_size: int) -> tuple[list[Submission], int]:
    """New submissions, by the day they were received (so the ones whose "read by" date has passed come
    first), narrowed by the filters a triage officer chose. Advocacy requests are not triaged: they wait
    in the advocacy queue."""
    query: Select[Any] = visible_submissions(user).where(Submission.status == "new",
                                                         Submission.kind != "advocacy_request")
    person = _YOUNG_PERSON
    query = query.outerjoin(person, Submission.young_person_id == person.id)
    if filters.kind:
        query = query.where(Submission.kind == filters.kind)
    if filters.language:
        query = query.where(Submission.language == filters.language)
    if filters.who == "young_person":
        query = query.where(Submission.who_is_telling == "young_person")
    elif filters.who == "adult":
        query = query.where(Submission.who_is_telling != "young_person")
    if filters.age:
        low, high = AGE_BANDS[filters.age]
        query = query.where(person.age_when_received.between(low, high))
    if filters.uas == "yes":
        query = query.where(person.uas_child.is_(True))
    if filters.interpreter == "yes":
        query = query.where(Submission.answers["interpreter_needed"].as_string() == "yes")
    if filters.advocacy == "yes":
        query = query.where(Submission.answers["advocate"].as_string().in_(
            ["independent", "crs", "own_choice", "not_sure"]))
    total = db.session.scalar(query.with_only_columns(func.count(Submission.id)).order_by(None)) or 0
    rows = db.session.scalars(
        query.order_by(Submission.received_on, Submission.submitted_at, Submission.reference)
        .offset((filters.page - 1) * page_size).limit(page_size)
        .options(selectinload(Submission.claimed_by))
    ).all()
    return list(rows), total


def page_numbers(current: int, pages: int) -> list[int | None]:
    """The page links GOV.UK's pagination shows: the first, the last, the current one and its
    neighbours, with None where numbers are left out ("⋯"), so 400 pages make 7 links, not 400."""
    shown = sorted({1, pages, current - 1, current, current + 1} & set(range(1, pages + 1)))
    numbers: list[int | None] = []
    for number in shown:
        if numbers and number - numbers[-1] > 1:  # type: ignore[operator]
            numbers.append(None)
        numbers.append(number)
    return numbers


def _same_person(person: Person) -> list[Any]:
    """Conditions that find other records of this person: name and date of birth, email, or phone."""
    conditions: list[Any] = []
    if person.name and person.date_of_birth:
        conditions.append(and_(func.lower(Person.name) == person.name.lower(),
                               Person.date_of_birth == person.date_of_birth))
    if person.email:
        conditions.append(func.lower(Person.email) == person.email.lower())
    if person.phone and sum(ch.isdigit() for ch in person.phone) >= 7:
        conditions.append(func.replace(Person.phone, " ", "") == person.phone.replace(" ", ""))
    return conditions


def possible_matches(viewer: User, submission: Submission) -> list[Case | Submission]:
    """Cases and other submissions about the same young person or from the same complainant, so a
    duplicate is linked and a known complainant is noticed: only those the viewer may see (a member of
    staff named in a complaint never learns of it here)."""
    people = [p for p in (submission.young_person, submission.submitter) if p is not None]
    conditions = [condition for person in people for condition in _same_person(person)]
    if not conditions:
        return []
    matched = select(Person.id).where(or_(*conditions), Person.id.not_in([p.id for p in people]))
    cases = db.session.scalars(
        visible_cases(viewer).where(or_(Case.young_person_id.in_(matched), Case.complainant_id.in_(matched)))
        .order_by(Case.received_on.desc()).limit(20)
    ).all()
    submissions = db.session.scalars(
        visible_submissions(viewer).where(
            or_(Submission.young_person_id.in_(matched), Submission.submitter_id.in_(matched)),
            Submission.id != submission.id, Submission.status == "new",
        ).order_by(Submission.received_on.desc()).limit(20)
    ).all()
    return [*cases, *submissions]


# --- what young people wrote on the tracking page -----------------------------------------------------


def words_about_case(case: Case) -> list[Message]:
    """The thread with the young person about this case: what they wrote about its own matter or the
    whole submission, and what staff wrote to them (the case itself was found through ``visible_cases``)."""
    if case.submission_id is None:
        return []
    return list(db.session.scalars(
        select(Message).where(Message.submission_id == case.submission_id,
                              or_(Message.case_id.is_(None), Message.case_id == case.id))
        .options(selectinload(Message.read_by), selectinload(Message.case), selectinload(Message.author))
        .order_by(Message.sent_at)
    ))


def words_on_submission(submission: Submission) -> list[Message]:
    """The whole thread with the young person after sending the submission (found through
    ``visible_submissions``), whichever matter it is about: what they wrote, and what staff wrote."""
    return list(db.session.scalars(
        select(Message).where(Message.submission_id == submission.id)
        .options(selectinload(Message.read_by), selectinload(Message.case), selectinload(Message.author))
        .order_by(Message.sent_at)
    ))


def owned_unread(user: User, messages: list[Message]) -> set[Any]:
    """The ids of those messages this user owns and nobody has marked read: theirs to mark."""
    unread = [message.id for message in messages if message.read_at is None
              and message.direction == "from_young_person"]
    if not unread:
        return set()
    return set(db.session.scalars(owned_messages(user).where(Message.id.in_(unread)).with_only_columns(Message.id)))


@dataclass
class UnreadPlace:
    """Where to read unread words: a case page, or (no case answers them yet) the submission page."""

    endpoint: str  # "staff.case" or "staff.submission"
    id: Any
    reference: str
    count: int


@dataclass
class UnreadWords:
    total: int
    places: list[UnreadPlace]


def unread_words(user: User, *, limit: int = 100) -> UnreadWords:
    """What young people wrote that this user owns and nobody has read: counted in SQL, and (for the
    oldest ``limit``) where to read it: the matter's case page, or the case this user answers, or else
    the submission page."""
    unread = owned_messages(user).where(Message.read_at.is_(None))
    total = db.session.scalar(unread.with_only_columns(func.count(Message.id)).order_by(None)) or 0
    if not total:
        return UnreadWords(0, [])
    messages = db.session.scalars(
        unread.order_by(Message.sent_at).limit(limit).options(selectinload(Message.case))
    ).all()
    answered = {case.submission_id: case for case in db.session.scalars(
        visible_cases(user).where(Case.responding_manager_id == user.id,
                                  Case.submission_id.in_({m.submission_id for m in messages}))
        .order_by(Case.reference.desc()))}
    unanswered = {m.submission_id for m in messages if m.case is None and m.submission_id not in answered}
    references = dict(db.session.execute(
        select(Submission.id, Submission.reference).where(Submission.id.in_(unanswered))
    ).all()) if unanswered else {}
    places: dict[tuple[str, Any], UnreadPlace] = {}
    for message in messages:
        case = message.case or answered.get(message.submission_id)
        if case is not None:
            key, reference = ("staff.case", case.id), case.reference
        else:
            key = ("staff.submission", message.submission_id)
            reference = references[message.submission_id]
        place = places.setdefault(key, UnreadPlace(key[0], key[1], reference, 0))
        place.count += 1
    return UnreadWords(total, list(places.values()))


def audit_trail(case: Case) -> list[AuditEvent]:
    subjects = [case.id] + ([case.submission_id] if case.submission_id else [])
    return list(db.session.scalars(
        select(AuditEvent).where(AuditEvent.subject_id.in_(subjects)).order_by(AuditEvent.occurred_at)
    ).all())


# --- dashboards (SQL over the calendar table: no case is loaded into Python to count it) ----------------


def days_left(today: date) -> Any:
    """Working days from ``today`` to each case's current deadline, as SQL: the stored ordinal of the
    deadline (``Case.due_ordinal``, kept by ``Case.store_procedure`` from ``ProcedureState.current_deadline``)
    minus today's. The same arithmetic as ``portal.procedure.working_days_left``, with no calendar join,
    so lists filter and sort on the ``(status, due_ordinal)`` index."""
    return Case.due_ordinal - working_day_ordinal(today)


@dataclass
class DeadlineList:
    rows: list[tuple[Case, int]]  # (case, working days left), the most urgent first
    total: int


STAGE1_LISTS = ("overdue", "due-soon")


def stage1_deadline_list(
    user: User, today: date, which: str, *, within: int = 5, limit: int = 50, offset: int = 0
) -> DeadlineList:
    """One of the stage 1 lists (``"overdue"`` or ``"due-soon"``: due in the next ``within`` working
    days), the most urgent first, with working days left: counted in SQL, ``limit`` rows loaded from
    ``offset``. The deadline shown is the one stored on the case (``Case.due_on``, which at stage 1 is
    the stage 1 deadline): no case's procedure is rebuilt to show it."""
    today_ordinal = working_day_ordinal(today)
    # Written as ranges of the stored ordinal (not of an expression) so the index serves them.
    condition = (Case.due_ordinal < today_ordinal if which == "overdue"
                 else Case.due_ordinal.between(today_ordinal, today_ordinal + within))
    filtered = visible_cases(user).where(Case.status == CaseStatus.STAGE1, live_work(), condition)
    total = db.session.scalar(filtered.with_only_columns(func.count(Case.id)).order_by(None)) or 0
    if not total:
        return DeadlineList([], 0)
    rows = db.session.execute(
        filtered.options(selectinload(Case.team)).add_columns(days_left(today).label("days_left"))
        .order_by(Case.due_ordinal, Case.reference).limit(limit).offset(offset)
    ).all()
    return DeadlineList([(row[0], row[1]) for row in rows], total)


def stage1_deadlines(
    user: User, today: date, *, within: int = 5, limit: int = 50
) -> tuple[DeadlineList, DeadlineList]:
    """(due in the next ``within`` working days, overdue), each with working days left.

    Counted in SQL; only the ``limit`` most urgent cases of each list are loaded.
    """
    return (stage1_deadline_list(user, today, "due-soon", within=within, limit=limit),
            stage1_deadline_list(user, today, "overdue", limit=limit))


def open_cases_by_team_and_status(user: User) -> list[tuple[str | None, str, int]]:
    """Cases in which the service still owes something (``portal.procedure``'s one meaning of open)."""
    rows = db.session.execute(
        visible_cases(user)
        .outerjoin(Team, Case.team_id == Team.id)
        .where(Case.status.in_(sorted(OPEN_STATUSES)), live_work())
        .with_only_columns(Team.name, Case.status, func.count(Case.id))
        .group_by(Team.name, Case.status)
        .order_by(Team.name, Case.status)
    ).all()
    return [(team, status, count) for team, status, count in rows]


# Aliases made once (SQLAlchemy memoises an alias's adapted columns on the alias itself).
_REQUESTED, _REISSUED = aliased(AuditEvent), aliased(AuditEvent)
_YOUNG_PERSON = aliased(Person)


def tracking_code_requests(user: User) -> list[tuple[Submission, AuditEvent]]:
    """Young people who asked for a new code and gave no email: a task until staff re-issue it."""
    requested, reissued = _REQUESTED, _REISSUED
    later_reissue = (
        select(reissued.id)
        .where(reissued.subject_id == requested.subject_id, reissued.action == "tracking_code_reissued",
               reissued.occurred_at >= requested.occurred_at)
        .exists()
    )
    rows = db.session.execute(
        visible_submissions(user)
        .join(requested, requested.subject_id == Submission.id)
        .where(requested.action == "tracking_code_requested", ~later_reissue)
        .add_columns(requested)
        .order_by(requested.occurred_at)
    ).all()
    return [(row[0], row[1]) for row in rows]


# --- the complaints manager's home --------------------------------------------------------------------


@dataclass
class DecisionsWaiting:
    """What waits for a complaints manager's decision, oldest first (at most ``limit`` of each)."""

    late_requests: list[Case]  # a stage 2 or review panel request made after the 20 working days
    stage2_how: list[Case]  # a stage 2 request to answer: investigation, management review or mediation
    panels: list[Case]  # a review panel to appoint
    deferral_reviews: list[Case]  # a deferral whose review date has come

    @property
    def total(self) -> int:
        return len(self.late_requests) + len(self.stage2_how) + len(self.panels) + len(self.deferral_reviews)


def decisions_waiting(user: User, today: date, *, limit: int = 50) -> DecisionsWaiting:
    cases = visible_cases(user).where(live_work()).options(selectinload(Case.team))
    late = or_(
        and_(Case.status == CaseStatus.STAGE2_REQUESTED, Case.stage2_request_late.is_(True),
             Case.stage2_late_accepted.is_(None)),
        and_(Case.status == CaseStatus.STAGE3_REQUESTED, Case.stage3_request_late.is_(True),
             Case.stage3_late_accepted.is_(None)),
    )

    def may_proceed(late_flag: Any, accepted: Any) -> Any:
        return or_(late_flag.is_(False), accepted.is_(True))

    def listing(condition: Any, order: Any) -> list[Case]:
        return list(db.session.scalars(cases.where(condition).order_by(order, Case.reference).limit(limit)))

    return DecisionsWaiting(
        late_requests=listing(late, Case.last_event_on),
        stage2_how=listing(and_(Case.status == CaseStatus.STAGE2_REQUESTED,
                                may_proceed(Case.stage2_request_late, Case.stage2_late_accepted)),
                           Case.stage2_requested),
        panels=listing(and_(Case.status == CaseStatus.STAGE3_REQUESTED,
                            may_proceed(Case.stage3_request_late, Case.stage3_late_accepted)),
                       Case.stage3_requested),
        deferral_reviews=listing(and_(Case.status == CaseStatus.DEFERRED, Case.deferral_review_date <= today),
                                 Case.deferral_review_date),
    )


def overdue_by_team_and_stage(user: User, today: date) -> list[tuple[str, int, int, int]]:
    """(team, overdue at stage 1, at stage 2, at stage 3), teams with none left out.

    Counted in SQL on the stored current deadline, which the procedure's own rules computed: there is
    no second definition of any stage's clock in SQL.
    """
    counts: dict[str, list[int]] = {}
    no_team = str(lazy_gettext("No team"))
    stage = case(
        (Case.status == CaseStatus.STAGE1, 0), (Case.status.in_(sorted(STAGE2_STATUSES)), 1), else_=2
    ).label("stage")
    for team, stage_index, count in db.session.execute(
        visible_cases(user).outerjoin(Team, Case.team_id == Team.id)
        .where(Case.status.in_(sorted({CaseStatus.STAGE1} | STAGE2_STATUSES | STAGE3_STATUSES)),
               Case.due_ordinal < working_day_ordinal(today), live_work())
        .with_only_columns(Team.name, stage, func.count(Case.id)).group_by(Team.name, stage)
    ):
        counts.setdefault(team or no_team, [0, 0, 0])[stage_index] += count
    return sorted(((team, *numbers) for team, numbers in counts.items()), key=lambda row: (-sum(row[1:]), row[0]))

