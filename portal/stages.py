"""Stage 2, stage 3 and Ombudsman casework: the operations that change them (a sibling of casework.py).

Each operation applies the rule from ``portal.procedure`` (through ``casework.record_event``), writes
its own details and the audit event, and commits them in one transaction. Independence (reg 2,
17(2), 19(3)) is decided by ``portal.procedure.independence``; this module only gathers the facts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from portal import audit, sanitise
from portal.casework import (
    LETTER_MAX,
    CaseworkError,
    _enum_or_none,
    finding_field,
    make_event,
    record_event,
)
from portal.db import db
from portal.models import Case, Letter, OmbudsmanEnquiry, User
from portal.models.ombudsman import OMBUDSMAN_DECISIONS
from portal.models.stages import INDEPENDENT_PERSON, INVESTIGATOR, PANEL_MEMBER, Appointment
from portal.permissions import COUNCIL_ROLES, STAGE3_RESPOND, has_permission
from portal.procedure import (
    AgreeStatement,
    Finding,
    HoldPanel,
    MarkNotApplicable,
    Outcome,
    ProcedureState,
    ReceivePanelReport,
    ReferBack,
    RespondStage2,
    RespondStage3,
    Stage2Method,
    StartStage2,
    StartStage3,
    Withdraw,
    outcome_contradicts,
    uk_today,
)
from portal.procedure.independence import Declaration, independence_refusal, panel_refusal

# How a stage 2 request is answered (table 12): the three methods, or not progressed, or referred back.
STAGE2_DECISIONS = ("investigation", "management_review", "mediation", "alternative_route", "withdrawn",
                    "referred_back")


def decide_stage2(case: Case, *, decision: str, on: date, reason: str | None, actor: User) -> ProcedureState:
    """How the stage 2 request is answered. ``reason``: the alternative route given, or why it is
    referred back (required for those two)."""
    if decision not in STAGE2_DECISIONS:
        raise CaseworkError("Choose how the stage 2 request is answered.", field="decision")
    if decision in (m.value for m in Stage2Method):
        event = make_event(StartStage2, on=on, method=decision)
    elif decision == "alternative_route":
        event = make_event(MarkNotApplicable, on=on, reason=reason or "")
    elif decision == "referred_back":
        event = make_event(ReferBack, on=on, reason=reason or "")
    else:
        event = make_event(Withdraw, on=on)
    state = record_event(case, event, actor=actor, commit=False, decision=decision)
    case.stage2_decision = decision
    if decision == "alternative_route":
        case.alternative_route = reason
    db.session.commit()
    return state


# --- appointments -------------------------------------------------------------------------------------


def _council_officer(user: User) -> bool:
    return bool(user.role_names & COUNCIL_ROLES)


@dataclass
class NewAppointment:
    user: User | None
    appointed_on: date
    ends_on: date | None
    declaration: Declaration | None = None  # for an independent person or panel member
    chair: bool = False


def _check_dates(appointment: NewAppointment, field: str = "ends_on") -> None:
    if appointment.appointed_on is None:
        raise CaseworkError("Enter the date of appointment.", field="appointed_on")
    if appointment.ends_on is None or appointment.ends_on < appointment.appointed_on:
        raise CaseworkError("Enter the date the appointment ends: on or after the date of appointment (their "
                            "access to the case ends after that day).", field=field)


def _check_independent(user: User, declaration: Declaration | None, field: str) -> None:
    refusal = independence_refusal(declaration or Declaration(None, None, None),
                                   holds_council_role=_council_officer(user))
    if refusal:
        raise CaseworkError(refusal, field=field)


def _add(case: Case, appointment: NewAppointment, *, role: str, stage: int, actor: User) -> Appointment:
    declaration = appointment.declaration
    row = Appointment(
        user_id=appointment.user.id, role=role, stage=stage, appointed_on=appointment.appointed_on,
        ends_on=appointment.ends_on, chair=appointment.chair, appointed_by_id=actor.id,
        declared_council_member=declaration.council_member if declaration else None,
        declared_council_officer=declaration.council_officer if declaration else None,
        declared_spouse_or_partner=declaration.spouse_or_partner_of_one if declaration else None,
    )
    case.appointments.append(row)
    db.session.flush()
    audit.record("appointed", subject_type="case", subject_id=case.id, actor=actor, role=role, stage=stage,
                 user_id=str(appointment.user.id), ends_on=appointment.ends_on.isoformat())
    return row


def current(case: Case, role: str, stage: int | None = None) -> list[Appointment]:
    return [a for a in case.appointments if a.role == role and (stage is None or a.stage == stage)]


def stage2_independent_person(case: Case) -> Appointment | None:
    found = current(case, INDEPENDENT_PERSON, 2)
    return found[-1] if found else None


def appoint_investigation(case: Case, *, investigator: NewAppointment, independent_person: NewAppointment,
                          actor: User) -> None:
    """Reg 17(2): an investigator and an independent person for a stage 2 investigation."""
    if case.status != "stage2" or case.stage2_method != Stage2Method.INVESTIGATION:
        raise CaseworkError("Appoint them once the stage 2 request is answered by an investigation.")
    if investigator.user is None or "investigator" not in investigator.user.role_names:
        raise CaseworkError("Choose an independent investigator (someone with that role).", field="investigator")
    person = independent_person.user
    if person is None or "independent_person" not in person.role_names:
        raise CaseworkError("Choose an independent person (someone with that role).", field="independent_person")
    if person.id == investigator.user.id:
        raise CaseworkError("The independent person cannot also be the investigator.", field="independent_person")
    _check_dates(investigator)
    _check_dates(independent_person)
    _check_independent(person, independent_person.declaration, "council_member")
    _add(case, investigator, role=INVESTIGATOR, stage=2, actor=actor)
    _add(case, independent_person, role=INDEPENDENT_PERSON, stage=2, actor=actor)
    db.session.commit()


def appoint_panel(case: Case, *, members: list[NewAppointment], declared_independent: bool, actor: User,
                  on: date) -> ProcedureState:
    """Reg 19: three independent people, one the chair; never the stage 2 independent person."""
    users = [m.user for m in members]
    if any(user is None or "panel_member" not in user.role_names for user in users):
        raise CaseworkError("Choose three review panel members (people with that role).", field="member_1")
    ip = stage2_independent_person(case)
    refusal = panel_refusal([u.id for u in users], stage2_independent_person=ip.user_id if ip else None)
    if refusal:
        raise CaseworkError(refusal, field="member_1")
    if not declared_independent:
        raise CaseworkError("Each member must have declared that they are independent.", field="declared")
    for number, member in enumerate(members, start=1):
        _check_dates(member)
        _check_independent(member.user, member.declaration, f"member_{number}")
    state = record_event(case, make_event(StartStage3, on=on), actor=actor, commit=False)
    for member in members:
        _add(case, member, role=PANEL_MEMBER, stage=3, actor=actor)
    db.session.commit()
    return state


def end_appointment(appointment: Appointment, *, on: date, actor: User) -> None:
    """Bring an appointment's end forward: from the day after ``on`` the person no longer sees the case."""
    if on < appointment.appointed_on:
        raise CaseworkError("An appointment cannot end before it started.", field="on")
    appointment.ends_on = min(appointment.ends_on, on)
    audit.record("appointment_ended", subject_type="case", subject_id=appointment.case_id, actor=actor,
                 role=appointment.role, user_id=str(appointment.user_id), ends_on=appointment.ends_on.isoformat())
    db.session.commit()


# --- stage 2 ------------------------------------------------------------------------------------------


def agree_statement(case: Case, *, on: date, actor: User) -> ProcedureState:
    """The statement of complaint is agreed: day 0 of the guidance's 25 working days."""
    return record_event(case, make_event(AgreeStatement, on=on), actor=actor)


def investigation_report_received(case: Case, *, on: date, actor: User) -> None:
    if case.status != "stage2" or case.statement_agreed is None:
        raise CaseworkError("Record the report once the statement of complaint is agreed.")
    if on is None or on < case.statement_agreed or on > uk_today():
        raise CaseworkError("The report is received on or after the statement was agreed, and not later than "
                            "today.", field="on")
    case.investigation_report_on = on
    audit.record("investigation_report_received", subject_type="case", subject_id=case.id, actor=actor,
                 on=on.isoformat())
    db.session.commit()


@dataclass
class StageResponse:
    """A stage 2 adjudication or the council's stage 3 response, as the form gives it."""

    on: date
    findings: dict[uuid.UUID, Finding]
    outcome: Outcome
    letter: str
    letter_language: str = "en"
    responded_by: User | None = None  # stage 3: the deputy director
    with_independent_person: bool = False  # stage 3: together with the stage 2 independent person
    ombudsman_told: bool = False  # stage 3: the letter tells the complainant about the Ombudsman


def stage_response_from(case: Case, stage: int, data: dict[str, Any], findings: dict[str, Any]) -> StageResponse:
    """The response form as a response, or every problem with it, each on its field."""
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
    if data.get("on") is None:
        problems["on"] = "Enter the date of the response."
    letter = data.get("letter") or ""
    if not letter.strip():
        problems["letter"] = "Write the response letter: the young person reads it on their tracking page."
    elif len(letter) > LETTER_MAX:
        problems["letter"] = f"The letter must be {LETTER_MAX:,} characters or fewer."
    responded_by = None
    if stage == 3:
        raw = data.get("responded_by") or ""
        try:
            responded_by = db.session.get(User, uuid.UUID(raw)) if raw else None
        except ValueError:
            responded_by = None
        if responded_by is None or "deputy_director" not in responded_by.role_names:
            problems["responded_by"] = "Choose the deputy director who made the response."
        if not data.get("with_independent_person"):
            problems["with_independent_person"] = ("The council responds together with the stage 2 independent "
                                                   "person (reg 20): confirm that they took part.")
        if not data.get("ombudsman_told"):
            problems["ombudsman_told"] = ("The response must tell the complainant they can go to the Local "
                                          "Government and Social Care Ombudsman.")
    if problems:
        raise CaseworkError(problems=problems)
    return StageResponse(on=data["on"], findings=chosen, outcome=outcome, letter=letter,
                         letter_language=data.get("letter_language") or "en", responded_by=responded_by,
                         with_independent_person=bool(data.get("with_independent_person")),
                         ombudsman_told=bool(data.get("ombudsman_told")))


def _respond(case: Case, stage: int, response: StageResponse, event: Any, actor: User) -> ProcedureState:
    from portal.i18n import LANGUAGES

    if actor in case.subject_staff:
        raise CaseworkError("You are named in this complaint, so you cannot answer it.")
    if set(response.findings) != {point.id for point in case.points}:
        raise CaseworkError("Record a finding for every point of the complaint.")
    if outcome_contradicts(response.outcome, response.findings.values()):
        raise CaseworkError(
            "The overall outcome must agree with the findings: upheld when every point is upheld, not upheld "
            "when none is, partly upheld otherwise.", field="outcome")
    if response.letter_language not in LANGUAGES:
        raise CaseworkError("Choose the language the letter is written in.", field="letter_language")
    state = record_event(case, event, actor=actor, commit=False, outcome=str(response.outcome))
    for point in case.points:
        setattr(point, f"stage{stage}_finding", str(response.findings[point.id]))
    letter = case.letter(stage)
    if letter is None:
        letter = Letter(stage=stage)
        case.letters.append(letter)
    letter.language, letter.source, letter.written_by_id = response.letter_language, response.letter, actor.id
    letter.html = str(sanitise.from_plain_text(response.letter))
    return state


def respond_stage2(case: Case, response: StageResponse, *, actor: User) -> ProcedureState:
    """The adjudication, inside the stage 2 time limit: a finding per point and an outcome."""
    if case.stage2_method == Stage2Method.INVESTIGATION and case.investigation_report_on is None:
        raise CaseworkError("Record that the investigation report was received before the adjudication.",
                            field="on")
    state = _respond(case, 2, response, make_event(RespondStage2, on=response.on, outcome=response.outcome), actor)
    db.session.commit()
    return state


def hold_panel(case: Case, *, on: date, advocate_attended: bool | None, actor: User) -> ProcedureState:
    state = record_event(case, make_event(HoldPanel, on=on), actor=actor, commit=False)
    case.panel_advocate_attended = advocate_attended
    db.session.commit()
    return state


def send_panel_report(case: Case, *, on: date, to_complainant: bool, to_advocate: bool,
                      to_independent_person: bool, actor: User) -> ProcedureState:
    """Reg 20: the report goes to the complainant, their advocate (if any) and the stage 2 independent
    person (if there was one)."""
    if not to_complainant:
        raise CaseworkError("The panel's report goes to the complainant.", field="to_complainant")
    if case.advocate_id and not to_advocate:
        raise CaseworkError("The young person has an advocate: the report goes to them too.", field="to_advocate")
    if stage2_independent_person(case) and not to_independent_person:
        raise CaseworkError("The report goes to the stage 2 independent person too.",
                            field="to_independent_person")
    state = record_event(case, make_event(ReceivePanelReport, on=on), actor=actor, commit=False)
    case.panel_report_to_advocate = to_advocate
    case.panel_report_to_independent_person = to_independent_person
    db.session.commit()
    return state


def respond_stage3(case: Case, response: StageResponse, *, actor: User) -> ProcedureState:
    """The council's response (reg 20): the deputy director, with the stage 2 independent person,
    telling the complainant about the Ombudsman."""
    if response.responded_by is None or not has_permission(response.responded_by, STAGE3_RESPOND):
        raise CaseworkError("Choose the deputy director who made the response.", field="responded_by")
    state = _respond(case, 3, response, make_event(RespondStage3, on=response.on, outcome=response.outcome), actor)
    case.stage3_responded_by_id = response.responded_by.id
    case.stage3_with_independent_person = response.with_independent_person
    db.session.commit()
    return state


# --- the Ombudsman -------------------------------------------------------------------------------------


def record_ombudsman_enquiry(case: Case, *, enquired_on: date, reference: str, information_requested: str,
                             information_due_on: date | None, actor: User) -> OmbudsmanEnquiry:
    if enquired_on is None or enquired_on > uk_today():
        raise CaseworkError("Enter the date the Ombudsman enquired (not in the future).", field="enquired_on")
    if information_requested.strip() and information_due_on is None:
        raise CaseworkError("Enter the date the information is due.", field="information_due_on")
    if information_due_on is not None and information_due_on < enquired_on:
        raise CaseworkError("The information cannot be due before the enquiry.", field="information_due_on")
    enquiry = OmbudsmanEnquiry(case_id=case.id, enquired_on=enquired_on,
                               ombudsman_reference=reference.strip() or None,
                               information_requested=information_requested.strip() or None,
                               information_due_on=information_due_on)
    db.session.add(enquiry)
    db.session.flush()
    audit.record("ombudsman_enquiry", subject_type="case", subject_id=case.id, actor=actor,
                 enquiry_id=str(enquiry.id), enquired_on=enquired_on.isoformat())
    db.session.commit()
    return enquiry


def enquiry_of(case: Case, enquiry_id: Any) -> OmbudsmanEnquiry | None:
    try:
        wanted = uuid.UUID(str(enquiry_id))
    except ValueError:
        return None
    return db.session.scalar(select(OmbudsmanEnquiry).where(OmbudsmanEnquiry.id == wanted,
                                                            OmbudsmanEnquiry.case_id == case.id))


def record_information_sent(enquiry: OmbudsmanEnquiry, *, on: date, actor: User) -> None:
    if on is None or on < enquiry.enquired_on or on > uk_today():
        raise CaseworkError("The information is sent on or after the enquiry, and not later than today.", field="on")
    enquiry.information_sent_on = on
    audit.record("ombudsman_information_sent", subject_type="case", subject_id=enquiry.case_id, actor=actor,
                 enquiry_id=str(enquiry.id), on=on.isoformat())
    db.session.commit()


def record_ombudsman_decision(enquiry: OmbudsmanEnquiry, *, decision: str, decided_on: date, remedy: str,
                              remedy_due_on: date | None, public_report: bool, actor: User) -> None:
    """Not investigated, or investigated: no fault, fault without injustice, fault causing injustice."""
    if decision not in OMBUDSMAN_DECISIONS:
        raise CaseworkError("Choose the Ombudsman's decision.", field="decision")
    if decided_on is None or decided_on < enquiry.enquired_on or decided_on > uk_today():
        raise CaseworkError("The decision is dated on or after the enquiry, and not later than today.",
                            field="decided_on")
    if decision == "fault_injustice" and not remedy.strip():
        raise CaseworkError("Fault causing injustice: record the remedy the Ombudsman asked for.", field="remedy")
    if remedy.strip() and remedy_due_on is None:
        raise CaseworkError("Enter the date the remedy is due.", field="remedy_due_on")
    if public_report and decision == "not_investigated":
        raise CaseworkError("A public report follows an investigation: choose the decision it reported.",
                            field="public_report")
    enquiry.decision, enquiry.decided_on = decision, decided_on
    enquiry.investigated = decision != "not_investigated"
    enquiry.remedy, enquiry.remedy_due_on = remedy.strip() or None, remedy_due_on
    enquiry.public_report = public_report
    audit.record("ombudsman_decision", subject_type="case", subject_id=enquiry.case_id, actor=actor,
                 enquiry_id=str(enquiry.id), decision=decision, public_report=public_report)
    db.session.commit()


def record_remedy_completed(enquiry: OmbudsmanEnquiry, *, on: date, actor: User) -> None:
    if not enquiry.remedy:
        raise CaseworkError("There is no remedy to complete.", field="on")
    if on is None or on < (enquiry.decided_on or enquiry.enquired_on) or on > uk_today():
        raise CaseworkError("The remedy is completed on or after the decision, and not later than today.",
                            field="on")
    enquiry.remedy_completed_on = on
    audit.record("ombudsman_remedy_completed", subject_type="case", subject_id=enquiry.case_id, actor=actor,
                 enquiry_id=str(enquiry.id), on=on.isoformat())
    db.session.commit()
