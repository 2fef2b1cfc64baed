"""Appointments: the stage 2 investigator and independent person (reg 17(2)) and the review panel
(reg 19); each person sees the case only while appointed. Independence is decided by
``portal.procedure.independence``; this module only gathers the facts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal import audit
from portal.casework.common import CaseworkError, make_event, record_event
from portal.db import db
from portal.models import Case, User
from portal.models.stages import INDEPENDENT_PERSON, INVESTIGATOR, PANEL_MEMBER, Appointment
from portal.permissions import COUNCIL_ROLES
from portal.procedure import ProcedureState, Stage2Method, StartStage3
from portal.procedure.independence import Declaration, independence_refusal, panel_refusal


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
    """Bring an appointment's end forward: from ``on`` the person no longer sees the case (``ends_on``,
    their last day, becomes the day before), so an appointment can be ended today, at once. When it was
    their last appointment (current or to come), their account has expired with it: their session token
    changes, so every session and every copy of their cookie ends, and being appointed again later does
    not bring an old cookie back to life."""
    from portal.auth.accounts import appointments_ended
    from portal.models.users import new_session_token

    if on < appointment.appointed_on:
        raise CaseworkError("An appointment cannot end before it started.", field="on")
    appointment.ends_on = min(appointment.ends_on, on - timedelta(days=1))
    db.session.flush()
    user = appointment.user
    last = appointments_ended(user)
    if last:
        user.session_token = new_session_token()
    audit.record("appointment_ended", subject_type="case", subject_id=appointment.case_id, actor=actor,
                 role=appointment.role, user_id=str(appointment.user_id), ends_on=appointment.ends_on.isoformat(),
                 access_ends=on.isoformat(), **({"sessions_ended": True} if last else {}))
    db.session.commit()
