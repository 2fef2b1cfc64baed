"""Demonstration data for the advocacy service (called once from ``portal.demo.load``): the advocate
pool, advocacy requests waiting, advocacy cases with messages and contacts, and helpline contacts.
Every person is invented and every row is marked demo."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta

from flask import current_app
from sqlalchemy import select

from portal.auth import accounts
from portal.casework import advocacy as work
from portal.db import db
from portal.demo.common import DEMO_PASSWORD
from portal.intake.codes import hash_tracking_code, new_reference, new_tracking_code
from portal.models import (
    AdvocacyCase,
    AdvocacyContact,
    AdvocacyMessage,
    HelplineContact,
    Person,
    Submission,
    User,
)

# More advocates for the pool (the demo advocate, Amina Haddad, is in portal.demo.common.DEMO_USERS).
DEMO_ADVOCATES = [
    ("yonas.advocate@demo.example", "Yonas Tesfaye", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXK"),
    ("ruth.advocate@demo.example", "Ruth Bramley", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXL"),
]
POOL = {
    "advocate@demo.example": ("crs", "Arabic", "woman", "Countywide", 6),
    "yonas.advocate@demo.example": ("independent", "Tigrinya, Amharic", "man", "North West, North East", 4),
    "ruth.advocate@demo.example": ("independent", "", "woman", "South West, South East", 5),
}
# (language, help wanted, advocate asked for, gender, language asked for, own choice (name, relationship))
REQUESTS = [
    ("ar", "أريد شخصاً يساعدني في اجتماع المراجعة الخاص بي.", "crs", "woman", "Arabic", None),
    ("en", "I want someone to come with me to my review and help me say I want to stay at my placement.",
     "independent", "no_preference", "", None),
    ("en", "Help me ask for my leaving care money to be sorted.", "own_choice", None, None,
     ("Mr Patel (demo)", "my old teacher")),
    ("en", "I want help to tell my social worker I want more contact with my sister.", "not_sure", "man", "", None),
    ("en", "I need an advocate for my child protection conference.", "independent", "woman", "", None),
    ("ar", "لا أحد يشرح لي ما يحدث في قضيتي.", "crs", "no_preference", "Arabic", None),
]
HELPLINE = [
    ("young_person", "phone", "Wanted to know how to ask for a new placement closer to college.", "advice_given"),
    ("staff", "email", "A foster carer's social worker asked how to refer a young person for an advocate.",
     "advocacy_offered"),
    ("young_person", "text", "Upset that family time was cancelled again; wanted it sorted without a complaint.",
     "resolved_informally"),
    ("staff", "phone", "A residential worker asked what the complaints procedure's time limits are.", "advice_given"),
    ("young_person", "phone", "Wanted help to complain about not having an interpreter at meetings.",
     "complaint_made"),
    ("staff", "video", "An independent reviewing officer asked about a young person's right to an advocate.",
     "advice_given"),
    ("young_person", "email", "Housing worry after leaving care; told about the housing options team.",
     "referred_on"),
]


def _moment(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 15), tzinfo=UTC)


def load(today: date, lines: list[str]) -> None:

    rng = random.Random(2016)
    for email, name, secret in DEMO_ADVOCATES:
        accounts.create_user(email=email, name=name, roles={"advocate"}, password=DEMO_PASSWORD,
                             is_demo=True, totp_secret=secret)
        lines.append(f"  {email:32} {'advocate':22} authenticator key {secret}")
    officer = db.session.scalar(select(User).where(User.email == "officer@demo.example"))
    advocates = {}
    for email, (kind, languages, gender, areas, capacity) in POOL.items():
        user = db.session.scalar(select(User).where(User.email == email))
        work.save_pool_entry(user, work.PoolEntry(kind=kind, languages=languages, gender=gender, areas=areas,
                                                  capacity=capacity, active=True), actor=officer)
        advocates[email] = user
    key = current_app.config["TRACKING_CODE_KEY"]
    names = ["Hana", "Rhys", "Noor", "Callum", "Sara", "Liam"]
    submissions = []
    for index, (language, help_wanted, kind, gender, wanted_language, own) in enumerate(REQUESTS):
        received = today - timedelta(days=3 + index * 9)
        person = Person(name=f"{names[index]} (demo)", age_when_received=rng.randint(12, 19), is_demo=True)
        answers = {"help_wanted": help_wanted, "advocate": kind, "contact_method": "none"}
        if own:
            answers |= {"advocate_name": own[0], "advocate_relationship": own[1]}
        else:
            answers |= {"advocate_gender": gender, "advocate_language": wanted_language}
        if language == "ar":
            answers |= {"interpreter_needed": "yes", "interpreter_language": "Arabic"}
        submission = Submission(reference=new_reference(), kind="advocacy_request", language=language,
                                submitted_at=_moment(received, 10 + index), received_on=received,
                                who_is_telling="young_person", young_person=person, answers=answers,
                                tracking_code_hash=hash_tracking_code(new_tracking_code(), key), is_demo=True)
        db.session.add_all([person, submission])
        submissions.append(submission)
    db.session.commit()
    # The first two wait in the queue; the rest have an advocate (or their own choice).
    assigned = []
    for submission, email in zip(submissions[2:], [None, "yonas.advocate@demo.example",
                                                   "ruth.advocate@demo.example", "advocate@demo.example"],
                                 strict=True):
        case = work.assign(submission, advocate=advocates.get(email) if email else None, actor=officer,
                           on=submission.received_on + timedelta(days=2))
        assigned.append(case)
    _, yonas_case, ruth_case, amina_case = assigned
    for case, overdue in ((yonas_case, False), (ruth_case, True), (amina_case, False)):
        first = case.assigned_on + timedelta(days=1)
        db.session.add(AdvocacyContact(advocacy_case_id=case.id, contact_on=first, method="visit", minutes=50,
                                       note="First visit: talked about what they want from the review.",
                                       recorded_by_id=case.advocate_id))
        case.next_contact_due = today - timedelta(days=4) if overdue else today + timedelta(days=7)
        db.session.add(AdvocacyMessage(advocacy_case_id=case.id, direction="to_young_person",
                                       body="Hello, I'm your advocate. I'll visit you next week.",
                                       sent_at=_moment(first, 16), author_id=case.advocate_id,
                                       author_role="advocate", read_at=_moment(first, 19)))
    db.session.add(AdvocacyMessage(advocacy_case_id=amina_case.id, direction="from_young_person",
                                   body="شكراً. هل يمكنك أن تأتي يوم الخميس؟", sent_at=_moment(today, 9)))
    # One closed last month, with its outcome.
    yonas_case.status, yonas_case.outcome = "closed", "informal_resolution"
    yonas_case.closed_on = min(today, yonas_case.assigned_on + timedelta(days=10))
    yonas_case.next_contact_due = None
    for case in assigned:
        case.is_demo = True
    for index, (caller, method, summary, outcome) in enumerate(HELPLINE * 2):
        db.session.add(HelplineContact(contact_on=today - timedelta(days=5 + index * 23), caller=caller,
                                       method=method, summary=summary, outcome=outcome,
                                       recorded_by_id=advocates["advocate@demo.example"].id, is_demo=True))
    db.session.commit()
    count = db.session.query(AdvocacyCase).count()
    lines.append(f"Advocacy: {len(POOL)} advocates in the pool, {len(REQUESTS)} requests ({count} with an "
                 f"advocacy case), {len(HELPLINE) * 2} helpline contacts.")
