"""Demo data for stages 2 and 3 and the Ombudsman: a case at every step, so a newcomer sees each
screen, the people appointed to them (who can sign in), and Ombudsman enquiries over five financial
years for the annual report's table 13. Everything is marked demo and every name is invented.

Called once from ``portal.demo.load`` after the stage 1 demo data; every change goes through the
same operations as the screens (``portal.casework``), so the demo obeys the rules.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from portal import sanitise
from portal.auth import accounts
from portal.casework import appointments, common, ombudsman, responses, stage2, stage3
from portal.db import db
from portal.demo.common import DEMO_LETTERS
from portal.intake.codes import hash_tracking_code, new_reference, new_tracking_code
from portal.models import Case, CaseCategory, Category, ComplaintPoint, Letter, Person, Submission, Team, User
from portal.procedure import (
    ProcedureState,
    RequestStage2,
    RequestStage3,
    RespondStage1,
    Triage,
    add_working_days,
)
from portal.procedure.independence import Declaration

# Appointed people and the deputy director: (email, name, role, TOTP key). Same password as the rest.
STAGE_USERS = [
    ("investigator@demo.example", "Helen Marsh", "investigator", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXE"),
    ("independent.person@demo.example", "Olu Adebayo", "independent_person", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXF"),
    ("panel.chair@demo.example", "Ruth Kaplan", "panel_member", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXG"),
    ("panel.member@demo.example", "Tom Ellery", "panel_member", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXH"),
    ("panel.member2@demo.example", "Nadia Petrova", "panel_member", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXI"),
    ("deputy.director@demo.example", "Graham Whitfield", "deputy_director", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXJ"),
]

LETTER_2 = ("Dear young person,\n\nThe independent investigator has finished looking into your complaint, "
            "and an independent person checked how it was done.\n\nWhat we found:\n"
            "- your contact was cancelled without a good reason\n- nobody explained it to you\n\n"
            "**We are sorry.** If you are still not happy, you can ask for a review panel.\n\n"
            "Yours sincerely,\nHead of service (demo)")
LETTER_3 = ("Dear young person,\n\nThe review panel has sent us its report. We agree with what it says.\n\n"
            "If you are still not happy, you can ask the Local Government and Social Care Ombudsman to look at "
            "it.\n\nYours sincerely,\nDeputy director (demo)")

# Each step of a walk: (working days after receipt, what to do). What to do gets (case, day, people).
Step = tuple[int, Callable[[Case, date, dict[str, Any]], Any]]


def _event(factory: Callable[[date], Any]) -> Callable[[Case, date, dict[str, Any]], Any]:
    return lambda case, on, people: common.record_event(case, factory(on), actor=people["manager"],
                                                          demo=True)


def _new(person: Any, on: date, end: date, chair: bool = False) -> appointments.NewAppointment:
    return appointments.NewAppointment(person, on, end, declaration=Declaration(False, False, False), chair=chair)


def _appoint(case: Case, on: date, people: dict[str, Any]) -> None:
    end = add_working_days(on, 130)
    appointments.appoint_investigation(case, investigator=_new(people["investigator"], on, end),
                                 independent_person=_new(people["independent_person"], on, end),
                                 actor=people["manager"])


def _respond(stage: int) -> Callable[[Case, date, dict[str, Any]], Any]:
    def respond(case: Case, on: date, people: dict[str, Any]) -> Any:
        findings = {point.id: "upheld" for point in case.points}
        if stage == 2:
            return stage2.respond_stage2(case, responses.StageResponse(on=on, findings=findings, outcome="upheld",
                                                                    letter=LETTER_2),
                                         actor=people["deputy_director"])  # the senior manager adjudicates
        return stage3.respond_stage3(case, responses.StageResponse(
            on=on, findings=findings, outcome="upheld", letter=LETTER_3, responded_by=people["deputy_director"],
            with_independent_person=True, ombudsman_told=True), actor=people["manager"])

    return respond


def _panel(case: Case, on: date, people: dict[str, Any]) -> Any:
    end = add_working_days(on, 60)
    members = [_new(people["panel"][0], on, end, chair=True), _new(people["panel"][1], on, end),
               _new(people["panel"][2], on, end)]
    return appointments.appoint_panel(case, members=members, declared_independent=True, actor=people["manager"], on=on)


STAGE1: list[Step] = [
    (1, _event(lambda on: Triage(on=on, route="statutory"))),
    (9, _event(lambda on: RespondStage1(on=on, outcome="not_upheld"))),
    (14, _event(lambda on: RequestStage2(on=on))),
]
INVESTIGATING: list[Step] = [
    *STAGE1,
    (16, lambda case, on, p: stage2.decide_stage2(case, decision="investigation", on=on, reason=None,
                                                  actor=p["manager"])),
    (16, _appoint),
]
STATEMENT: list[Step] = [*INVESTIGATING, (20, lambda case, on, p: stage2.agree_statement(case, on=on,
                                                                                         actor=p["manager"]))]
EXTENDED: list[Step] = [*STATEMENT, (35, lambda case, on, p: stage2.extend_stage2(
    case, on=on, to=45, reason="The investigator needs records held by three teams.", complainant_told_on=on,
    actor=p["manager"]))]
REPORTED: list[Step] = [*EXTENDED, (55, lambda case, on, p: stage2.investigation_report_received(
    case, on=on, actor=p["manager"]))]
ADJUDICATED: list[Step] = [*REPORTED, (60, _respond(2))]
PANEL_ASKED: list[Step] = [*ADJUDICATED, (70, _event(lambda on: RequestStage3(on=on)))]
PANEL_APPOINTED: list[Step] = [*PANEL_ASKED, (73, _panel)]
PANEL_HELD: list[Step] = [*PANEL_APPOINTED, (95, lambda case, on, p: stage3.hold_panel(
    case, on=on, advocate_attended=True, actor=p["manager"]))]
PANEL_REPORTED: list[Step] = [*PANEL_HELD, (99, lambda case, on, p: stage3.send_panel_report(
    case, on=on, to_complainant=True, to_advocate=True, to_independent_person=True, actor=p["manager"]))]
ANSWERED: list[Step] = [*PANEL_REPORTED, (112, _respond(3))]

# (what the case shows, its steps, working days from receipt to today)
WALKS: list[tuple[str, list[Step], int]] = [
    ("Stage 2 asked for: decide how to answer it", STAGE1, 16),
    ("Investigation decided: appoint the investigator and independent person", INVESTIGATING[:-1], 17),
    ("Investigation: investigator and independent person appointed", INVESTIGATING, 18),
    ("Investigation: statement of complaint agreed", STATEMENT, 30),
    ("Investigation: extended to 45 working days", EXTENDED, 45),
    ("Investigation: report received, adjudication due", REPORTED, 58),
    ("Management review", [*STAGE1, (16, lambda case, on, p: stage2.decide_stage2(
        case, decision="management_review", on=on, reason=None, actor=p["manager"]))], 25),
    ("Referred back for a fuller stage 1 response", [*STAGE1, (16, lambda case, on, p: stage2.decide_stage2(
        case, decision="referred_back", on=on, reason="The stage 1 response did not answer the second point.",
        actor=p["manager"]))], 20),
    ("Stage 2 adjudication sent", ADJUDICATED, 64),
    ("Review panel asked for", PANEL_ASKED, 72),
    ("Review panel appointed", PANEL_APPOINTED, 80),
    ("Review panel held", PANEL_HELD, 97),
    ("Panel report sent", PANEL_REPORTED, 104),
    ("The council's response to the panel sent", ANSWERED, 118),
]

STORY = ("My contact with my brother was cancelled three times and nobody told me why.",
         "Looked After Children")

# Ombudsman enquiries over five financial years: (years back, month, decision, public report, remedy).
OMBUDSMAN_HISTORY = [
    (4, 6, "not_investigated", False, None), (4, 11, "no_fault", False, None),
    (3, 5, "not_investigated", False, None), (3, 9, "fault_injustice", True, "An apology and £300"),
    (3, 2, "not_investigated", False, None),
    (2, 7, "fault_no_injustice", False, None), (2, 12, "not_investigated", False, None),
    (1, 4, "fault_injustice", False, "A new assessment within six weeks"), (1, 8, "no_fault", False, None),
    (1, 1, "not_investigated", False, None),
    (0, 0, None, False, None),
]


def _submission_case(received: date, team: Team, category: Category | None, name: str) -> Case:
    happened, _team = STORY
    key = current_app.config["TRACKING_CODE_KEY"]
    person = Person(name=f"{name} (demo)", age_when_received=15, is_demo=True)
    submission = Submission(
        reference=new_reference(), kind="complaint", channel="web", language="en",
        submitted_at=datetime(received.year, received.month, received.day, 10, 0, tzinfo=UTC),
        received_on=received, who_is_telling="young_person", young_person=person,
        answers={"what_happened": happened, "what_would_help": "Regular contact, as agreed."},
        tracking_code_hash=hash_tracking_code(new_tracking_code(), key), status="triaged", is_demo=True,
    )
    case = Case(reference=submission.reference, submission=submission, kind="complaint", channel="web", team=team,
                young_person=person, complainant=person, from_young_person=True, complainant_standing="child",
                is_demo=True)
    if category is not None:
        case.categories = [CaseCategory(category=category, is_main=True)]
    case.points = [ComplaintPoint(position=1, summary="Contact was cancelled without a reason"),
                   ComplaintPoint(position=2, summary="Nobody explained why")]
    case.store_procedure(ProcedureState.submitted(received))
    db.session.add_all([person, submission, case])
    db.session.flush()
    return case


def _walk(case: Case, steps: list[Step], received: date, people: dict[str, Any]) -> None:

    for days, act in steps:
        act(case, add_working_days(received, days), people)
        if case.stage1_responded is not None and case.letter(1) is None:
            source = DEMO_LETTERS["en"]
            case.letters.append(Letter(stage=1, language="en", source=source,
                                       html=str(sanitise.from_plain_text(source))))
            db.session.commit()


def _received_for(working_days: int, today: date) -> date:
    """A receipt date so that ``working_days`` later is no later than today."""
    received = today - timedelta(days=working_days * 7 // 5 + 3)
    while add_working_days(received, working_days) > today:
        received -= timedelta(days=1)
    return received


def load(today: date, password: str) -> list[str]:
    lines = ["", "Stage 2 and 3 people (same password):"]
    people: dict[str, Any] = {"panel": []}
    for email, name, role, secret in STAGE_USERS:
        user = accounts.create_user(email=email, name=name, roles={role}, password=password, is_demo=True,
                                    totp_secret=secret)
        if role == "panel_member":
            people["panel"].append(user)
        else:
            people[role] = user
        lines.append(f"  {email:32} {role:22} authenticator key {secret}")
    people["manager"] = db.session.scalar(select(User).where(User.email == "manager@demo.example"))
    team = db.session.scalar(select(Team).where(Team.name == STORY[1]))
    category = db.session.scalar(select(Category).where(Category.name == "Quality of Service"))
    names = ["Reece", "Amara", "Bilal", "Sophie", "Kofi", "Lena", "Ryan", "Zara", "Owen", "Isla", "Jamal", "Mia",
             "Theo"]
    for index, (_label, steps, span) in enumerate(WALKS):
        received = _received_for(span, today)
        case = _submission_case(received, team, category, names[index % len(names)])
        _walk(case, steps, received, people)

    # Ombudsman enquiries over five financial years (April to March), on closed stage 1 cases.
    year_start = today.year if today.month >= 4 else today.year - 1
    count = 0
    for years_back, month, decision, public_report, remedy in OMBUDSMAN_HISTORY:
        fy = year_start - years_back
        if month == 0:  # this year: information still due
            enquired = today - timedelta(days=10)
        else:
            enquired = date(fy + (1 if month < 4 else 0), month, 12)
        received = enquired - timedelta(days=120)
        case = _submission_case(received, team, category, "Ombudsman")
        _walk(case, STAGE1[:2], received, people)
        enquiry = ombudsman.record_ombudsman_enquiry(
            case, enquired_on=enquired, reference=f"{str(fy)[2:]} {count:03d} {100 + count:03d}",
            information_requested="The complaint file and the stage 1 response.",
            information_due_on=enquired + timedelta(days=28), actor=people["manager"])
        if decision is not None:
            ombudsman.record_information_sent(enquiry, on=enquired + timedelta(days=20), actor=people["manager"])
            ombudsman.record_ombudsman_decision(
                enquiry, decision=decision, decided_on=enquired + timedelta(days=60), remedy=remedy or "",
                remedy_due_on=enquired + timedelta(days=100) if remedy else None, public_report=public_report,
                actor=people["manager"])
            if remedy and enquired + timedelta(days=90) <= today:
                ombudsman.record_remedy_completed(enquiry, on=enquired + timedelta(days=90), actor=people["manager"])
        count += 1
    lines.append(f"  {len(WALKS)} cases at stages 2 and 3, {count} Ombudsman enquiries over five years.")
    return lines
