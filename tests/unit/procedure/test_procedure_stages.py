"""Stage 2 referral back, and who may be appointed independent (reg 2, 17(2), 19(2)-(3))."""

from __future__ import annotations

from datetime import date

import pytest

from portal.procedure import (
    CaseStatus,
    CorrectTriage,
    DecideLateRequest,
    ExtendStage1,
    IllegalTransition,
    InvalidEvent,
    Outcome,
    ProcedureState,
    ReferBack,
    RequestStage2,
    RespondStage1,
    Route,
    Triage,
    add_working_days,
    apply,
)
from portal.procedure.independence import Declaration, independence_refusal, panel_refusal

TODAY = date(2026, 11, 30)


def _responded() -> ProcedureState:
    state = ProcedureState.submitted(date(2026, 3, 2))
    state = apply(state, Triage(on=date(2026, 3, 2), route=Route.STATUTORY), today=TODAY)
    return apply(state, RespondStage1(on=date(2026, 3, 10), outcome=Outcome.NOT_UPHELD), today=TODAY)


def test_referred_back_returns_to_stage1_and_may_be_asked_again_after_the_fuller_response():
    state = apply(_responded(), RequestStage2(on=date(2026, 3, 12)), today=TODAY)
    state = apply(state, ReferBack(on=date(2026, 3, 13), reason="The response did not answer point 2"), today=TODAY)
    assert state.status is CaseStatus.STAGE1 and state.stage2_referred_back == date(2026, 3, 13)
    assert state.stage2_requested == date(2026, 3, 12)  # the request stays recorded (table 12)
    with pytest.raises(IllegalTransition):  # nothing to ask about until the fuller response
        apply(state, RequestStage2(on=date(2026, 3, 16)), today=TODAY)
    state = apply(state, RespondStage1(on=date(2026, 3, 20), outcome=Outcome.PARTLY_UPHELD), today=TODAY)
    state = apply(state, RequestStage2(on=date(2026, 3, 23)), today=TODAY)
    assert state.status is CaseStatus.STAGE2_REQUESTED and not state.stage2_request_late
    assert state.stage2_request_deadline == add_working_days(date(2026, 3, 20), 20)


def test_a_referral_back_keeps_the_first_response_and_gives_the_fuller_one_its_own_clock():
    # The example: received 1 Apr 2025, answered 10 Apr (7 working days, not upheld), stage 2
    # asked 22 Apr, referred back 1 May, fuller answer 2 Jun (upheld).
    state = ProcedureState.submitted(date(2025, 4, 1))
    state = apply(state, Triage(on=date(2025, 4, 1), route=Route.STATUTORY), today=TODAY)
    state = apply(state, ExtendStage1(on=date(2025, 4, 2), reason="Complex"), today=TODAY)
    state = apply(state, RespondStage1(on=date(2025, 4, 10), outcome=Outcome.NOT_UPHELD), today=TODAY)
    state = apply(state, RequestStage2(on=date(2025, 4, 22)), today=TODAY)
    state = apply(state, ReferBack(on=date(2025, 5, 1), reason="Point 2 was not answered"), today=TODAY)
    assert (state.stage1_first_responded, state.stage1_first_outcome) == (date(2025, 4, 10), Outcome.NOT_UPHELD)
    assert state.stage1_first_extended_on == date(2025, 4, 2) and not state.stage1_extended
    assert state.stage1_working_days == 7 and state.stage1_responded is None
    assert state.stage1_outcome is Outcome.NOT_UPHELD  # the latest outcome until the fuller response
    # Its own time limit from the referral back: not overdue from the moment it is referred back.
    assert state.stage1_clock_start == date(2025, 5, 1)
    assert state.stage1_due == state.current_deadline == add_working_days(date(2025, 5, 1), 10)
    assert state.escalation_deadline is None and state.stage1_fuller_responded is None
    with pytest.raises(IllegalTransition, match="before a stage 1 response"):
        apply(state, CorrectTriage(on=date(2025, 5, 2), route=Route.NOT_CHILDREN_ACT, reason="x"), today=TODAY)
    # Extendable as stage 1 is, before its own deadline.
    state = apply(state, ExtendStage1(on=date(2025, 5, 9), reason="Needs the records"), today=TODAY)
    assert state.stage1_due == add_working_days(date(2025, 5, 1), 20)
    state = apply(state, RespondStage1(on=date(2025, 6, 2), outcome=Outcome.UPHELD), today=TODAY)
    assert state.stage1_working_days == 7 and state.stage1_first_response_on == date(2025, 4, 10)
    assert state.stage1_first_response_outcome is Outcome.NOT_UPHELD
    assert (state.stage1_outcome, state.stage1_fuller_responded) == (Outcome.UPHELD, date(2025, 6, 2))
    assert state.stage1_fuller_working_days == 20 and state.stage1_working_days_excluding_deferral == 7
    assert state.stage2_request_deadline == add_working_days(date(2025, 6, 2), 20)
    state = apply(state, RequestStage2(on=date(2025, 6, 5)), today=TODAY)
    # A second referral back keeps the first response as it was.
    state = apply(state, ReferBack(on=date(2025, 6, 6), reason="Still not answered"), today=TODAY)
    assert (state.stage1_first_responded, state.stage1_first_outcome) == (date(2025, 4, 10), Outcome.NOT_UPHELD)
    assert state.stage1_outcome is Outcome.UPHELD and state.stage1_due == add_working_days(date(2025, 6, 6), 10)


def test_without_a_referral_back_the_first_response_is_the_only_one():
    state = _responded()
    assert state.stage1_first_response_on == date(2026, 3, 10) and state.stage1_fuller_responded is None
    assert state.stage1_first_response_outcome is Outcome.NOT_UPHELD and state.stage1_fuller_working_days is None
    assert ProcedureState.submitted(date(2026, 3, 2)).stage1_working_days_excluding_deferral is None


def test_stage2_may_be_asked_for_once_stage1_runs_out_without_a_response():
    # The example: a case at day 40 with no response.
    state = ProcedureState.submitted(date(2026, 3, 2))
    state = apply(state, Triage(on=date(2026, 3, 2), route=Route.STATUTORY), today=TODAY)
    with pytest.raises(IllegalTransition, match="only once that time limit has passed"):
        apply(state, RequestStage2(on=state.stage1_due), today=TODAY)  # the last day is still in time
    day40 = add_working_days(date(2026, 3, 2), 40)
    asked = apply(state, RequestStage2(on=day40), today=TODAY)
    assert asked.status is CaseStatus.STAGE2_REQUESTED and asked.stage2_requested == day40
    assert not asked.stage2_request_late and asked.stage1_responded is None
    assert asked.stage2_due == add_working_days(day40, 25)
    # A stage 1 with no running clock (off the statutory route, as an odd record may be) never runs out.
    odd = ProcedureState(status=CaseStatus.STAGE1, received=date(2026, 3, 2))
    with pytest.raises(IllegalTransition, match="no running time limit"):
        apply(odd, RequestStage2(on=day40), today=TODAY)


def test_a_late_decision_does_not_carry_over_to_a_new_request():
    state = apply(_responded(), RequestStage2(on=date(2026, 5, 1)), today=TODAY)
    state = apply(state, DecideLateRequest(on=date(2026, 5, 4), accept=True), today=TODAY)
    state = apply(state, ReferBack(on=date(2026, 5, 5), reason="Fuller answer"), today=TODAY)
    state = apply(state, RespondStage1(on=date(2026, 5, 6), outcome=Outcome.UPHELD), today=TODAY)
    state = apply(state, RequestStage2(on=date(2026, 9, 1)), today=TODAY)
    assert state.stage2_request_late and state.stage2_late_accepted is None


def test_refer_back_needs_a_reason_and_a_decided_late_request():
    with pytest.raises(InvalidEvent):
        ReferBack(on=date(2026, 3, 13), reason=" ")
    late = apply(_responded(), RequestStage2(on=date(2026, 5, 1)), today=TODAY)
    with pytest.raises(IllegalTransition):
        apply(late, ReferBack(on=date(2026, 5, 2), reason="Fuller answer"), today=TODAY)


YES, NO = True, False


@pytest.mark.parametrize(("declaration", "council_role", "refused"), [
    (Declaration(NO, NO, NO), False, None),
    (Declaration(NO, NO, NO), True, "council officer"),
    (Declaration(YES, NO, NO), False, "council member"),
    (Declaration(NO, YES, NO), False, "council officer"),
    (Declaration(NO, NO, YES), False, "spouse or civil partner"),
    (Declaration(NO, None, NO), False, "each part"),
])
def test_independence(declaration, council_role, refused):
    refusal = independence_refusal(declaration, holds_council_role=council_role)
    assert (refusal is None) if refused is None else (refused in refusal)


def test_panel_has_three_different_people_and_not_the_stage2_independent_person():
    assert panel_refusal(["a", "b", "c"], stage2_independent_person="d") is None
    assert panel_refusal(["a", "b", "c"], stage2_independent_person=None) is None
    assert "three" in panel_refusal(["a", "b"], stage2_independent_person=None)
    assert "three" in panel_refusal(["a", "a", "b"], stage2_independent_person=None)
    assert "reg 19(3)" in panel_refusal(["a", "b", "c"], stage2_independent_person="b")
