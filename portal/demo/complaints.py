"""Demo complaints and contacts through the front door: areas, teams, the demo staff, and thirty
submissions drawn from what people actually bring, some waiting for triage, some walked through stage 1."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from flask import current_app
from sqlalchemy import select

from portal import audit, sanitise
from portal.auth import accounts
from portal.casework import common
from portal.db import db
from portal.demo.common import DEMO_LETTERS, DEMO_PASSWORD, DEMO_USERS
from portal.intake.codes import hash_tracking_code, new_reference, new_tracking_code
from portal.models import (
    Area,
    Case,
    CaseCategory,
    Category,
    ComplaintPoint,
    Letter,
    Person,
    Submission,
    Team,
    User,
)
from portal.procedure import (
    Defer,
    ExtendStage1,
    ProcedureState,
    RequestStage2,
    RespondStage1,
    Triage,
    Withdraw,
    add_working_days,
)

AREAS = ["North West", "North East", "South West", "South East", "Countywide"]
TEAMS = [
    ("Referral Assessment and Intervention", "North West"),
    ("Child Protection and Court Proceedings", "North East"),
    ("Looked After Children", "South West"),
    ("Care Leavers", "Countywide"),
    ("Adoption and Permanency", "Countywide"),
    ("Children with Disabilities", "South East"),
    ("Unaccompanied Asylum Seeking Children", "Countywide"),
]

# (kind, who_is_telling, language, what happened, what would help, team)
STORIES = [
    ("complaint", "young_person", "en",
     "My leaving care money was stopped and nobody told me why. I can't pay for my bus to college.",
     "I want the money sorted and someone to explain the finance policy to me.", "Care Leavers"),
    ("complaint", "young_person", "ar",
     "لا يوجد مترجم في اجتماعاتي مع الأخصائية الاجتماعية ولا أفهم ما يقال.",
     "أريد مترجماً عربياً في كل اجتماع.", "Unaccompanied Asylum Seeking Children"),
    ("complaint", "parent_carer", "en",
     "The social worker has not returned my calls for three weeks and nobody explained why they are involved.",
     "Regular updates and a meeting to explain the reasons for the assessment.",
     "Referral Assessment and Intervention"),
    ("complaint", "parent_carer", "en",
     "A letter from the child protection unit came in an envelope that showed who it was from. My neighbours saw it.",
     "Letters should not show where they come from.", "Child Protection and Court Proceedings"),
    ("wishes_and_feelings", "young_person", "en",
     "I want to see my little brother more. Contact keeps getting cancelled.",
     "Contact every week like we agreed.", "Looked After Children"),
    ("advocacy_request", "young_person", "en",
     "I am moving placement again and I want someone on my side at the meeting.",
     "An advocate to come to my review.", "Looked After Children"),
    ("complaint", "helper", "en",
     "My foster child was not told why her placement is ending. She is upset and has nowhere confirmed to go.",
     "A plan she understands, made with her.", "Looked After Children"),
    ("complaint", "parent_carer", "en",
     "We were not told clearly why our application to adopt did not go ahead.",
     "A clear written explanation.", "Adoption and Permanency"),
    ("wishes_and_feelings", "young_person", "ti",
     "ኣብ ቤት ትምህርቲ ክመሃር ደልየ። ሓገዝ የድልየኒ እዩ።",
     "ናብ ኮለጅ ክኸይድ ሓገዝ።", "Unaccompanied Asylum Seeking Children"),
    ("complaint", "young_person", "en",
     "I asked who referred my family and nobody will tell me. They want to assess my little sisters too.",
     "To understand what is happening. 😟", "Referral Assessment and Intervention"),
]



# How far each demo case has gone: a list of (working days after receipt, event factory).
SCENARIOS: list[list[tuple[int, Any]]] = [
    [(1, lambda on: Triage(on=on, route="statutory"))],
    [(1, lambda on: Triage(on=on, route="statutory")),
     (4, lambda on: ExtendStage1(on=on, reason="Several teams involved; the manager needs the case records."))],
    [(1, lambda on: Triage(on=on, route="statutory")), (8, lambda on: RespondStage1(on=on, outcome="partly_upheld"))],
    [(1, lambda on: Triage(on=on, route="statutory")), (9, lambda on: RespondStage1(on=on, outcome="not_upheld")),
     (14, lambda on: RequestStage2(on=on))],
    [(1, lambda on: Triage(on=on, route="statutory")),
     (2, lambda on: Defer(on=on, review_date=add_working_days(on, 20), reason="Care proceedings are under way."))],
    [(0, lambda on: Triage(on=on, route="safeguarding"))],
    [(1, lambda on: Triage(on=on, route="not_children_act"))],
    [(1, lambda on: Triage(on=on, route="informal"))],
    [(1, lambda on: Triage(on=on, route="statutory")), (3, lambda on: Withdraw(on=on))],
    [(1, lambda on: Triage(on=on, route="statutory"))],
]


INFORMAL: list[tuple[int, Any]] = [(1, lambda on: Triage(on=on, route="informal"))]


def _walk(case: Case, steps: list[tuple[int, Any]], received: date, today: date) -> None:
    for days, make_event in steps:
        on = min(add_working_days(received, days), today)
        if on < (case.procedure.latest_date):
            break
        try:
            common.record_event(case, make_event(on), actor=None, actor_kind="system", commit=False, demo=True)
        except common.CaseworkError:
            break


def _moment(day: date, rng: random.Random) -> datetime:
    return datetime.combine(day, time(rng.randint(8, 20), rng.randint(0, 59)), tzinfo=UTC)


def load(today: date) -> list[str]:
    """Areas, teams, the demo staff, and thirty front-door submissions: ten waiting for triage, the rest
    walked through the procedure. Returns the lines to print."""
    rng = random.Random(2015)  # the same demo every time
    areas = {name: Area(name=name) for name in AREAS}
    teams = {name: Team(name=name, area=areas[area]) for name, area in TEAMS}
    db.session.add_all([*areas.values(), *teams.values()])
    db.session.commit()

    lines = ["Demo data loaded (everything is marked as demo).", "", "Demo sign-in (password for all):",
             f"  password: {DEMO_PASSWORD}"]
    for email, name, roles, team, secret in DEMO_USERS:
        accounts.create_user(email=email, name=name, roles=roles, password=DEMO_PASSWORD, team_name=team,
                             is_demo=True, totp_secret=secret)
        lines.append(f"  {email:32} {', '.join(sorted(roles)):22} authenticator key {secret}")
    lines.append("  Current code for a demo account: flask users demo-code EMAIL")

    key = current_app.config["TRACKING_CODE_KEY"]
    names = ["Jordan", "Aliyah", "Kieran", "Mariam", "Tyler", "Chloe", "Yonas", "Ellie", "Dawit", "Maisie"]
    submissions = 0
    cases = 0
    complaints = 0
    categories = db.session.scalars(select(Category).where(Category.name.in_(
        ["Quality of Service", "Communication and Consultation", "Decision Making"])).order_by(Category.name)).all()
    managers = {user.team.name: user for user in db.session.scalars(select(User).where(User.is_demo.is_(True)))
                if user.team is not None}
    for index in range(30):
        kind, who, language, happened, wanted, team_name = STORIES[index % len(STORIES)]
        received = today - timedelta(days=rng.randint(0, 60))
        young_person = Person(
            name=f"{names[index % len(names)]} (demo)",
            age_when_received=rng.randint(11, 21),
            gender=rng.choice(["female", "male", "other", None]),
            ethnicity=rng.choice(["WBRI", "BAFR", "AOTH", "MWBC", "OOTH", "REFU", None]),
            uas_child=team_name == "Unaccompanied Asylum Seeking Children",
            is_demo=True,
        )
        submission = Submission(
            reference=new_reference(),
            kind=kind,
            channel="web" if index % 4 else rng.choice(["phone", "email", "letter"]),
            language=language,
            submitted_at=_moment(received, rng),
            received_on=received,
            who_is_telling=who,
            young_person=young_person,
            answers={"what_happened": happened, "what_would_help": wanted},
            tracking_code_hash=hash_tracking_code(new_tracking_code(), key),
            is_demo=True,
        )
        db.session.add_all([young_person, submission])
        submissions += 1
        db.session.flush()
        audit.record("submission_received", subject_type="submission", subject_id=submission.id,
                     actor_kind="public", kind=kind, channel=submission.channel)
        if index >= 10:  # the first ten wait in the triage queue
            submission.status = "triaged"
            case = Case(
                reference=submission.reference,
                submission=submission,
                kind=kind,
                channel=submission.channel,
                team=teams[team_name],
                young_person=young_person,
                complainant=young_person if who == "young_person" else None,
                from_young_person=who == "young_person",
                is_demo=True,
            )
            case.store_procedure(ProcedureState.submitted(received))
            if kind == "complaint":
                # s26(3): the young person and a parent complain as of right; anyone else was found to
                # have sufficient interest.
                case.complainant_standing = {"young_person": "child", "parent_carer": "parent"}.get(who, "other")
                case.sufficient_interest = True if case.complainant_standing == "other" else None
                main = categories[complaints % len(categories)]
                case.categories = [CaseCategory(category=main, is_main=True)]
                case.points = [ComplaintPoint(position=1, summary=happened)]
                case.responding_manager = managers.get(team_name)
                steps = SCENARIOS[complaints % len(SCENARIOS)]
                complaints += 1
            else:
                # Wishes and feelings and advocacy requests go to the advocacy helpdesk, not the stages.
                steps = INFORMAL
            db.session.add(case)
            db.session.flush()
            _walk(case, steps, received, today)
            if case.stage1_responded is not None:
                written_in = "ar" if language == "ar" else "en"
                source = DEMO_LETTERS[written_in]
                case.letters.append(Letter(stage=1, language=written_in, source=source,
                                           html=str(sanitise.from_plain_text(source)),
                                           written_by_id=case.responding_manager.id if case.responding_manager
                                           else None))
            if case.route == "safeguarding":
                case.referred_to_team = teams["Child Protection and Court Proceedings"]
            elif case.route == "not_children_act":
                case.alternative_route = ("Private court proceedings: told to raise it with the court "
                                          "or take legal advice.")
            cases += 1
    db.session.flush()
    lines.insert(1, f"{len(AREAS)} areas, {len(TEAMS)} teams, {submissions} submissions, {cases} cases.")
    return lines
