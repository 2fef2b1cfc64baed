"""Demo data for the casework beside the stages: MP and Councillor enquiries (one about a family with an
open case), corrective actions open, overdue and complete (and a team's plan), a restriction due for
review, and documents. Called once from ``portal.demo.load``; everything hangs off demo cases and demo
people, or is marked demo."""

from __future__ import annotations

import io
from datetime import date, timedelta

from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from portal.casework import documents, enquiries
from portal.db import db
from portal.models import (
    Case,
    ContactRestriction,
    CorrectiveAction,
    CorrectiveActionPlan,
    CorrectiveActionType,
    MemberEnquiry,
    Team,
    User,
)
from portal.procedure import add_working_days
from portal.procedure.state import OPEN_STATUSES

# A one-page PDF and a 1×1 PNG: enough to show the download, nothing in them.
DEMO_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>"
            b"endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 100]>>endobj\ntrailer<</Root 1 0 R>>\n"
            b"%%EOF\n")
DEMO_PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                         "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")


def _types() -> dict[str, CorrectiveActionType]:
    return {row.name: row for row in db.session.scalars(select(CorrectiveActionType))}


def load(today: date) -> list[str]:
    officer = db.session.scalar(select(User).where(User.email == "officer@demo.example"))
    team = db.session.scalar(select(Team).where(Team.name == "Referral Assessment and Intervention"))
    open_cases = db.session.scalars(
        select(Case).where(Case.is_demo.is_(True), Case.kind == "complaint", Case.status.in_(OPEN_STATUSES),
                           Case.young_person_id.is_not(None))
        .order_by(Case.team_id == (team.id if team else None), Case.received_on.desc())
    ).all()
    if not open_cases or officer is None:
        return []
    # The team manager's own team first, so every demo account sees some of it.
    known = open_cases[-1]
    other = open_cases[0] if len(open_cases) > 1 else known

    # --- MP and Councillor enquiries ----------------------------------------------------------------
    about_known = MemberEnquiry(
        member_name="Alex Morgan MP (demo)", member_kind="mp", received_on=today - timedelta(days=3),
        person_name=known.young_person.name or "", about="Asks why the family has not heard back about contact.",
        due_on=add_working_days(today - timedelta(days=3), 10), recorded_by_id=officer.id, is_demo=True)
    overdue = MemberEnquiry(
        member_name="Cllr Jo Bennett (demo)", member_kind="councillor", received_on=today - timedelta(days=30),
        person_name="Casey Example (demo)", about="A resident asks how to complain about a placement move.",
        due_on=add_working_days(today - timedelta(days=30), 10), recorded_by_id=officer.id, is_demo=True)
    answered = MemberEnquiry(
        member_name="Sam Patel MP (demo)", member_kind="mp", received_on=today - timedelta(days=45),
        person_name="Riley Example (demo)", about="Leaving-care finance.",
        due_on=add_working_days(today - timedelta(days=45), 10), responded_on=today - timedelta(days=35),
        response="Explained the leaving-care finance policy and the route to complain.", recorded_by_id=officer.id,
        is_demo=True)
    db.session.add_all([about_known, overdue, answered])
    for enquiry in (about_known, overdue, answered):
        enquiries.link(enquiry)

    # --- learning --------------------------------------------------------------------------------------
    types = _types()
    for case, stage, kind, text, owner, due, completed, impact in (
        (known, 1, "Service/Team Briefing", "Brief the team on telling families when contact changes.",
         "Team manager", today + timedelta(days=10), None, None),
        (known, 1, "Apology", "Write to apologise for the missed calls.", "Social worker",
         today - timedelta(days=5), None, None),
        (other, 1, "Training", "Refresher on recording decisions.", "Practice lead", today - timedelta(days=20),
         today - timedelta(days=12), "Decisions now recorded with reasons in every review seen since."),
        (other, 2, "Policy or Procedure Review", "Review the leaving-care finance policy's wording.",
         "Head of Service", today + timedelta(days=30), None, None),
    ):
        db.session.add(CorrectiveAction(
            case_id=case.id, stage=stage, action_type_id=types[kind].id if kind in types else None,
            description=text, owner=owner, due_on=due, completed_on=completed, impact=impact,
            impact_assessed_on=today - timedelta(days=2) if impact else None, team_id=case.team_id))
    db.session.add(CorrectiveActionPlan(case_id=other.id, team_id=other.team_id))

    # --- a restriction due for review ------------------------------------------------------------------
    db.session.add(ContactRestriction(
        person_id=other.young_person_id, restriction="Contact by email only, to the named complaints officer.",
        reason="Many calls a day to several teams; staff told to expect the same answer each time.",
        approved_by="Head of Children's Rights (demo)", starts_on=today - timedelta(days=80),
        review_on=today + timedelta(days=5), recorded_by_id=officer.id, is_demo=True))
    db.session.commit()

    # --- documents ----------------------------------------------------------------------------------
    documents.store(FileStorage(io.BytesIO(DEMO_PDF), filename="stage-1-notes.pdf"), case=known,
                    description="Notes of the call with the family (demo)", actor=officer)
    if known.submission is not None:
        documents.store(FileStorage(io.BytesIO(DEMO_PNG), filename="IMG_0042.png"), submission=known.submission,
                        description="Photo of the letter (demo)")
    return [f"Issue 11: 3 MP/Councillor enquiries (one about the family of case {known.reference}), "
            "4 corrective actions, 1 restriction due for review, documents on that case."]
