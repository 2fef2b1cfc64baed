"""Extensions, dates and outcomes: extensions before the deadline, no future dates,
"not applicable" recorded rather than inferred, the plain-count timeliness, one stage 1 clock."""

from datetime import date

import pytest

from portal.procedure import (
    AgreeStatement,
    CorrectTriage,
    ExtendStage1,
    ExtendStage2,
    Finding,
    IllegalTransition,
    InvalidDate,
    InvalidEvent,
    MarkNotApplicable,
    Outcome,
    ProcedureState,
    RequestStage2,
    RespondStage1,
    Route,
    Stage2Method,
    StartStage2,
    Triage,
    Withdraw,
    add_working_days,
    apply,
    needs_sufficient_interest,
    outcome_contradicts,
    working_day_ordinal,
)
from portal.procedure.state import stage1_clock_days

RECEIVED = date(2024, 3, 4)  # a Monday; stage 1 is due on Monday 18 March
base = ProcedureState.submitted(RECEIVED)
s1 = apply(base, Triage(RECEIVED, Route.STATUTORY))


# --- extensions are decided before the deadline ---------------------------------------------------


def test_stage1_extension_on_the_due_date_is_accepted():
    assert s1.stage1_due == date(2024, 3, 18)
    extended = apply(s1, ExtendStage1(date(2024, 3, 18), "Three teams involved"))
    assert extended.stage1_due == date(2024, 4, 3)


def test_stage1_extension_after_the_due_date_is_refused():
    # The review's case: recorded on day 18, it moved the due date from 18 March to 3 April.
    with pytest.raises(IllegalTransition, match="due on 2024-03-18.*late, not extended"):
        apply(s1, ExtendStage1(add_working_days(RECEIVED, 18), "Three teams involved"))
    with pytest.raises(IllegalTransition, match="late, not extended"):
        apply(s1, ExtendStage1(date(2024, 3, 19), "One day late"))


def _stage2(statement: bool = True) -> ProcedureState:
    state = apply(s1, RespondStage1(date(2024, 3, 15), Outcome.NOT_UPHELD))
    state = apply(state, RequestStage2(date(2024, 3, 20)))
    state = apply(state, StartStage2(date(2024, 3, 21), Stage2Method.INVESTIGATION))
    if statement:
        state = apply(state, AgreeStatement(date(2024, 3, 25)))
    return state


@pytest.mark.parametrize("to", [26, 40, 65])
def test_stage2_extension_to_any_limit_from_26_to_65(to):
    state = _stage2()
    extended = apply(state, ExtendStage2(date(2024, 4, 2), to, "More interviews needed"))
    assert extended.stage2_limit == to
    assert extended.stage2_due == add_working_days(date(2024, 3, 25), to)


@pytest.mark.parametrize("to", [25, 66, 0])
def test_stage2_extension_outside_26_to_65_is_refused(to):
    with pytest.raises(InvalidEvent):
        ExtendStage2(date(2024, 4, 2), to, "More interviews needed")


def test_stage2_extension_after_the_due_date_is_refused():
    state = _stage2()
    due = state.stage2_due
    assert due == state.stage2_due_from_statement == add_working_days(date(2024, 3, 25), 25)
    assert apply(state, ExtendStage2(due, 40, "Decided on the last day")).stage2_limit == 40
    with pytest.raises(IllegalTransition, match="late, not extended"):
        apply(state, ExtendStage2(add_working_days(due, 1), 40, "Too late"))


def test_stage2_extension_before_the_statement_is_judged_on_the_request_clock():
    state = _stage2(statement=False)
    assert state.stage2_due == state.stage2_due_from_request
    with pytest.raises(IllegalTransition, match="late, not extended"):
        apply(state, ExtendStage2(add_working_days(state.stage2_due, 1), 40, "Too late"))


# --- no event after today -------------------------------------------------------------------------


def test_an_event_dated_after_today_is_refused():
    with pytest.raises(InvalidDate, match="after today"):
        apply(base, Triage(date(2025, 3, 5), Route.STATUTORY), today=date(2024, 3, 5))
    # A mistyped year: refused against the real UK date too.
    with pytest.raises(InvalidDate, match="after today"):
        apply(base, Triage(date(2124, 3, 5), Route.STATUTORY))


def test_an_event_dated_today_is_accepted():
    state = apply(base, Triage(date(2024, 3, 5), Route.STATUTORY), today=date(2024, 3, 5))
    assert state.triaged_on == date(2024, 3, 5)


# --- "not applicable" is recorded, not inferred ---------------------------------------------------


def test_triage_to_not_a_children_act_matter_records_not_applicable():
    state = apply(base, Triage(RECEIVED, Route.NOT_CHILDREN_ACT))
    assert state.stage1_outcome is Outcome.NOT_APPLICABLE


def test_correcting_the_route_corrects_the_recorded_outcome():
    out = apply(base, Triage(RECEIVED, Route.NOT_CHILDREN_ACT))
    back = apply(out, CorrectTriage(date(2024, 3, 6), Route.STATUTORY, "It is about the care plan"))
    assert back.stage1_outcome is None
    again = apply(s1, CorrectTriage(date(2024, 3, 6), Route.NOT_CHILDREN_ACT, "Private court proceedings"))
    assert again.stage1_outcome is Outcome.NOT_APPLICABLE


@pytest.mark.parametrize("event", [Withdraw(date(2024, 3, 6)), MarkNotApplicable(date(2024, 3, 6), "Tribunal")])
def test_ending_before_a_response_records_not_applicable(event):
    assert apply(s1, event).stage1_outcome is Outcome.NOT_APPLICABLE


def test_withdrawing_before_triage_records_not_applicable():
    assert apply(base, Withdraw(date(2024, 3, 6))).stage1_outcome is Outcome.NOT_APPLICABLE


def test_ending_after_a_response_keeps_the_recorded_outcome():
    state = _stage2()
    assert apply(state, Withdraw(date(2024, 4, 2))).stage1_outcome is Outcome.NOT_UPHELD


def test_other_routes_record_no_outcome():
    for route in (Route.SAFEGUARDING, Route.INFORMAL, Route.ENQUIRY, Route.DUPLICATE, Route.STATUTORY):
        assert apply(base, Triage(RECEIVED, route)).stage1_outcome is None


# --- the stage 1 outcome and the per-point findings ------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "findings", "contradicts"),
    [
        (Outcome.UPHELD, [Finding.UPHELD, Finding.UPHELD], False),
        (Outcome.NOT_UPHELD, [Finding.UPHELD], True),
        (Outcome.PARTLY_UPHELD, [Finding.UPHELD, Finding.NOT_UPHELD], False),
        (Outcome.UPHELD, [Finding.UPHELD, Finding.NOT_UPHELD], True),
        (Outcome.NOT_UPHELD, [Finding.NOT_UPHELD], False),
        (Outcome.PARTLY_UPHELD, [Finding.NOT_UPHELD], True),
        (Outcome.NOT_APPLICABLE, [Finding.UPHELD], True),
        (Outcome.UPHELD, [], False),  # no points to judge by
    ],
)
def test_outcome_contradicts_findings(outcome, findings, contradicts):
    assert outcome_contradicts(outcome, findings) is contradicts


# --- timeliness and the one stage 1 clock ---------------------------------------------------------


def test_timeliness_is_the_plain_count_from_receipt():
    state = apply(s1, RespondStage1(date(2024, 3, 15), Outcome.UPHELD))
    assert state.stage1_working_days == 9 == state.stage1_working_days_excluding_deferral
    assert ProcedureState.submitted(RECEIVED).stage1_working_days_excluding_deferral is None


@pytest.mark.parametrize(("extended", "paused", "days"), [(False, 0, 10), (True, 0, 20), (False, 7, 17), (True, 3, 23)])
def test_stage1_clock_days(extended, paused, days):
    assert stage1_clock_days(extended, paused) == days
    due = add_working_days(RECEIVED, days)
    assert working_day_ordinal(due) == working_day_ordinal(RECEIVED) + stage1_clock_days(extended, paused)


# --- who may complain as of right (s26(3)) --------------------------------------------------------


@pytest.mark.parametrize(
    ("standing", "needed"),
    [("child", False), ("parent", False), ("parental_responsibility", False), ("foster_carer", False),
     ("other", True)],
)
def test_only_someone_else_needs_a_sufficient_interest_decision(standing, needed):
    assert needs_sufficient_interest(standing) is needed


def test_the_one_year_limit_a_year_to_the_day_is_in_time_and_29_february_runs_to_1_march():
    """Reg 9(1): a complaint received more than one year after the matter (issue 20, decision 0017)."""
    from portal.procedure import made_over_a_year_later, one_year_after

    assert not made_over_a_year_later(date(2026, 11, 20), date(2025, 11, 20))
    assert made_over_a_year_later(date(2026, 11, 20), date(2025, 11, 19))
    assert not made_over_a_year_later(date(2026, 11, 20), None)  # not known: the officer decides
    assert one_year_after(date(2024, 2, 29)) == date(2025, 3, 1)
    assert one_year_after(date(2025, 3, 1)) == date(2026, 3, 1)


def test_adoption_support_and_special_guardianship_complain_as_of_right():
    from portal.procedure import Standing, needs_sufficient_interest

    assert not needs_sufficient_interest(Standing.ADOPTION)
    assert not needs_sufficient_interest(Standing.SPECIAL_GUARDIANSHIP)
    assert needs_sufficient_interest(Standing.OTHER)
