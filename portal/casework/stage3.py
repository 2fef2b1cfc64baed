"""Stage 3, the review panel: the panel meeting, its report, and the council's response."""

from __future__ import annotations

from datetime import date

from portal.casework.appointments import stage2_independent_person
from portal.casework.common import CaseworkError, make_event, record_event
from portal.casework.responses import StageResponse, record_response
from portal.db import db
from portal.models import Case, User
from portal.permissions import STAGE3_RESPOND, has_permission
from portal.procedure import HoldPanel, ProcedureState, ReceivePanelReport, RespondStage3


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
    """The council's response (reg 20): the deputy director, with the stage 2 independent person where
    there was one, telling the complainant about the Ombudsman."""
    if response.responded_by is None or not has_permission(response.responded_by, STAGE3_RESPOND):
        raise CaseworkError("Choose the deputy director who made the response.", field="responded_by")
    if response.with_independent_person and stage2_independent_person(case) is None:
        raise CaseworkError("There was no stage 2 independent person on this case (no investigation), so the "
                            "response cannot be made with one.", field="with_independent_person")
    event = make_event(RespondStage3, on=response.on, outcome=response.outcome)
    state = record_response(case, 3, response, event, actor)
    case.stage3_responded_by_id = response.responded_by.id
    case.stage3_with_independent_person = response.with_independent_person
    db.session.commit()
    return state
