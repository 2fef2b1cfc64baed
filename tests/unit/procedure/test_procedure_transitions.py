"""The procedure state machine: the whole status x event matrix, then each rule's details."""

import dataclasses
from datetime import date, timedelta

import pytest

from portal.procedure import (
    AgreeStatement,
    CaseStatus,
    Close,
    CorrectTriage,
    DecideLateRequest,
    Defer,
    ExtendStage1,
    ExtendStage2,
    HoldPanel,
    IllegalTransition,
    InvalidDate,
    MarkNotApplicable,
    Outcome,
    ProcedureError,
    ProcedureState,
    ReceivePanelReport,
    ReferBack,
    RequestStage2,
    RequestStage3,
    RespondStage1,
    RespondStage2,
    RespondStage3,
    Resume,
    ReviewDeferral,
    Route,
    Stage2Method,
    StartStage2,
    StartStage3,
    Triage,
    Withdraw,
    add_working_days,
    allowed_events,
    apply,
    working_days_between,
)
from portal.procedure.transitions import RULES

RECEIVED = date(2024, 3, 4)  # a Monday


def nxt(state, gap=1):
    return add_working_days(state.latest_date, gap)


def go(state, cls, *args, gap=1):
    return apply(state, cls(nxt(state, gap), *args))


def defer(state, gap=1):
    on = nxt(state, gap)
    return apply(state, Defer(on, on + timedelta(days=28), "Police investigation under way"))


# --- one or more representative states for every status, reached only through legal events ---------

base = ProcedureState.submitted(RECEIVED)
s1 = go(base, Triage, Route.STATUTORY)
s1x = go(s1, ExtendStage1, "Three teams involved")
r1 = go(s1, RespondStage1, Outcome.PARTLY_UPHELD, gap=8)
s2req = go(r1, RequestStage2, gap=5)
s2req_late = go(r1, RequestStage2, gap=21)
s2req_late_ok = go(s2req_late, DecideLateRequest, True)
s2 = go(s2req, StartStage2, Stage2Method.INVESTIGATION)
s2stmt = go(s2, AgreeStatement, gap=3)
s2ext = go(s2stmt, ExtendStage2, 40, "More interviews needed")
r2 = go(s2stmt, RespondStage2, Outcome.NOT_UPHELD, gap=20)
s3req = go(r2, RequestStage3, gap=4)
s3req_late = go(r2, RequestStage3, gap=25)
s3req_late_ok = go(s3req_late, DecideLateRequest, True)
s3 = go(s3req, StartStage3)
s3panel = go(s3, HoldPanel, gap=20)
s3report = go(s3panel, ReceivePanelReport, gap=4)
r3 = go(s3report, RespondStage3, Outcome.UPHELD, gap=10)

ALL = frozenset(RULES)
IN_PROGRESS = {Defer, MarkNotApplicable, Withdraw}
DEFERRED = {ReviewDeferral, Resume, MarkNotApplicable, Withdraw}

# label -> (state, the event types legal in it): the specification, written out independently of RULES
STATES = {
    "awaiting_triage": (base, {Triage, Withdraw}),
    # RequestStage2 at stage 1: once its time limit has passed without a response (the date is checked
    # when it is applied).
    "stage1": (s1, {CorrectTriage, ExtendStage1, RespondStage1, RequestStage2} | IN_PROGRESS),
    "stage1 extended": (s1x, {CorrectTriage, RespondStage1, RequestStage2} | IN_PROGRESS),
    "stage1_responded": (r1, {RequestStage2, Close}),
    "stage2_requested": (s2req, {StartStage2, ReferBack} | IN_PROGRESS),
    "stage2_requested late": (s2req_late, {DecideLateRequest} | IN_PROGRESS),
    "stage2_requested late accepted": (s2req_late_ok, {StartStage2, ReferBack} | IN_PROGRESS),
    "stage2": (s2, {AgreeStatement, ExtendStage2, RespondStage2} | IN_PROGRESS),
    "stage2 statement agreed": (s2stmt, {ExtendStage2, RespondStage2} | IN_PROGRESS),
    "stage2 extended": (s2ext, {ExtendStage2, RespondStage2} | IN_PROGRESS),
    "stage2_responded": (r2, {RequestStage3, Close}),
    "stage3_requested": (s3req, {StartStage3} | IN_PROGRESS),
    "stage3_requested late": (s3req_late, {DecideLateRequest} | IN_PROGRESS),
    "stage3_requested late accepted": (s3req_late_ok, {StartStage3} | IN_PROGRESS),
    "stage3": (s3, {HoldPanel} | IN_PROGRESS),
    "stage3 panel held": (s3panel, {ReceivePanelReport} | IN_PROGRESS),
    "stage3 panel report": (s3report, {RespondStage3} | IN_PROGRESS),
    "stage3_responded": (r3, {Close}),
    "closed after stage 1": (go(r1, Close, gap=21), {RequestStage2}),
    "closed after stage 2": (go(r2, Close), {RequestStage3}),
    "closed after stage 3": (go(r3, Close), set()),
    "closed: late stage 2 refused": (go(s2req_late, DecideLateRequest, False), set()),
    "closed: late stage 3 refused": (go(s3req_late, DecideLateRequest, False), set()),
    "deferred at stage1": (defer(s1), {CorrectTriage} | DEFERRED),
    "deferred at stage2_requested": (defer(s2req), DEFERRED),
    "deferred at stage2": (defer(s2), DEFERRED),
    "deferred at stage2 after statement": (defer(s2stmt), DEFERRED),
    "deferred at stage3_requested": (defer(s3req), DEFERRED),
    "deferred at stage3": (defer(s3panel), DEFERRED),
    "withdrawn before triage": (go(base, Withdraw), set()),
    "withdrawn": (go(s1, Withdraw), set()),
    "not_applicable": (go(s2req, MarkNotApplicable, "Tribunal is the right route"), set()),
    **{
        f"triaged {route}": (go(base, Triage, route), {CorrectTriage})
        for route in Route
        if route is not Route.STATUTORY
    },
}


def sample(event_type, state):
    """A well-formed event of ``event_type`` dated the next working day."""
    on = nxt(state)
    other_route = Route.INFORMAL if state.route is Route.STATUTORY else Route.STATUTORY
    return {
        Triage: lambda: Triage(on, Route.STATUTORY),
        CorrectTriage: lambda: CorrectTriage(on, other_route, "Misread at triage"),
        Defer: lambda: Defer(on, on + timedelta(days=14), "Care proceedings"),
        ReviewDeferral: lambda: ReviewDeferral(on, on + timedelta(days=28)),
        Resume: lambda: Resume(on),
        ExtendStage1: lambda: ExtendStage1(on, "Complex"),
        RespondStage1: lambda: RespondStage1(on, Outcome.UPHELD),
        Withdraw: lambda: Withdraw(on),
        MarkNotApplicable: lambda: MarkNotApplicable(on, "Resolved another way"),
        # At stage 1 (no response yet): the day after its time limit ran out.
        RequestStage2: lambda: RequestStage2(add_working_days(state.stage1_due, 1)
                                             if state.status is CaseStatus.STAGE1 else on),
        DecideLateRequest: lambda: DecideLateRequest(on, True),
        StartStage2: lambda: StartStage2(on, Stage2Method.MEDIATION),
        AgreeStatement: lambda: AgreeStatement(on),
        ExtendStage2: lambda: ExtendStage2(on, 65, "More time"),
        RespondStage2: lambda: RespondStage2(on, Outcome.NOT_UPHELD),
        RequestStage3: lambda: RequestStage3(on),
        StartStage3: lambda: StartStage3(on),
        ReferBack: lambda: ReferBack(on, "Fuller stage 1 answer needed"),
        HoldPanel: lambda: HoldPanel(on),
        ReceivePanelReport: lambda: ReceivePanelReport(on),
        RespondStage3: lambda: RespondStage3(on, Outcome.PARTLY_UPHELD),
        Close: lambda: Close(on),
    }[event_type]()


def test_every_status_is_represented():
    assert {state.status for state, _ in STATES.values()} == set(CaseStatus)


@pytest.mark.parametrize("label", STATES)
def test_allowed_events_matches_the_specification(label):
    state, legal = STATES[label]
    assert set(allowed_events(state)) == legal
    assert allowed_events(state) == [t for t in RULES if t in legal]  # the table's order


MATRIX = [(label, t) for label in STATES for t in RULES]


@pytest.mark.parametrize(("label", "event_type"), MATRIX, ids=[f"{lb}-{t.__name__}" for lb, t in MATRIX])
def test_matrix(label, event_type):
    state, legal = STATES[label]
    event = sample(event_type, state)
    snapshot = dataclasses.asdict(state)
    if event_type in legal:
        new = apply(state, event)
        assert new is not state
        assert new.last_event_on == event.on
        assert isinstance(new.status, CaseStatus)
        allowed_events(new)  # always answerable
    else:
        with pytest.raises(IllegalTransition) as raised:
            apply(state, event)
        message = str(raised.value)
        assert f"'{state.status.value}'" in message
        assert event_type.__name__ in message
        assert not isinstance(raised.value, InvalidDate)
    assert dataclasses.asdict(state) == snapshot  # never mutated


def test_states_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        s1.status = CaseStatus.CLOSED


def test_illegal_transition_is_a_value_error():
    assert issubclass(IllegalTransition, ProcedureError)
    assert issubclass(ProcedureError, ValueError)
    assert issubclass(InvalidDate, IllegalTransition)


def test_apply_refuses_what_is_not_an_event():
    with pytest.raises(TypeError):
        apply(s1, "RespondStage1")


def test_message_says_where_it_is_allowed():
    with pytest.raises(
        IllegalTransition, match=r"RespondStage1.*'awaiting_triage'.*allowed only when .* stage1"
    ):
        apply(base, RespondStage1(RECEIVED, Outcome.UPHELD))


# --- dates ----------------------------------------------------------------------------------------


def test_event_before_received_is_refused():
    with pytest.raises(InvalidDate, match="received 2024-03-04"):
        apply(base, Triage(RECEIVED - timedelta(days=1), Route.STATUTORY))


def test_event_before_the_last_event_is_refused():
    with pytest.raises(InvalidDate, match="last recorded date"):
        apply(r1, RequestStage2(r1.stage1_responded - timedelta(days=1)))


def test_same_day_events_are_fine():
    state = apply(base, Triage(RECEIVED, Route.STATUTORY))
    state = apply(state, RespondStage1(RECEIVED, Outcome.NOT_UPHELD))
    assert state.stage1_working_days == 0


def test_status_is_checked_before_the_date():
    with pytest.raises(IllegalTransition) as raised:
        apply(r1, Triage(RECEIVED - timedelta(days=1), Route.STATUTORY))
    assert not isinstance(raised.value, InvalidDate)


# --- triage ---------------------------------------------------------------------------------------

ROUTE_STATUS = {
    Route.STATUTORY: CaseStatus.STAGE1,
    Route.SAFEGUARDING: CaseStatus.REFERRED,
    Route.NOT_CHILDREN_ACT: CaseStatus.NOT_CHILDREN_ACT,
    Route.INFORMAL: CaseStatus.RESOLVED_INFORMALLY,
    Route.ENQUIRY: CaseStatus.ENQUIRY,
    Route.DUPLICATE: CaseStatus.LINKED,
}


@pytest.mark.parametrize("route", list(Route))
def test_triage_routes(route):
    state = apply(base, Triage(date(2024, 3, 5), route))
    assert state.status is ROUTE_STATUS[route]
    assert state.route is route
    assert state.triaged_on == date(2024, 3, 5)
    if route is Route.STATUTORY:
        assert state.stage1_started == date(2024, 3, 5)
        assert state.stage1_due == date(2024, 3, 18)  # from receipt (day 0), not from triage
    else:
        assert state.stage1_started is None
        assert state.stage1_due is None


def test_triage_accepts_the_route_as_text():
    assert apply(base, Triage(RECEIVED, "safeguarding")).status is CaseStatus.REFERRED


def test_correct_triage_to_the_same_route_is_refused():
    with pytest.raises(IllegalTransition, match="already 'statutory'.*'stage1'"):
        apply(s1, CorrectTriage(nxt(s1), Route.STATUTORY, "No change"))


def test_correct_triage_from_stage1():
    state = apply(s1, CorrectTriage(nxt(s1), Route.SAFEGUARDING, "It is a safety concern"))
    assert state.status is CaseStatus.REFERRED
    assert state.route is Route.SAFEGUARDING
    assert state.route_corrected_on == nxt(s1)
    assert state.route_correction_reason == "It is a safety concern"
    assert state.stage1_due is None
    assert state.triaged_on == s1.triaged_on  # the original decision stays on record


def test_correct_triage_into_the_statutory_route_keeps_the_clock_from_receipt():
    informal = go(base, Triage, Route.INFORMAL)
    on = nxt(informal, 3)
    state = apply(informal, CorrectTriage(on, Route.STATUTORY, "She wants it handled as a complaint"))
    assert state.status is CaseStatus.STAGE1
    assert state.stage1_started == on
    assert state.stage1_due == add_working_days(RECEIVED, 10)


def test_correct_triage_while_deferred_ends_the_deferral():
    deferred = defer(s1)
    on = nxt(deferred, 5)
    state = apply(deferred, CorrectTriage(on, Route.NOT_CHILDREN_ACT, "Private law proceedings"))
    assert state.status is CaseStatus.NOT_CHILDREN_ACT
    assert state.deferred_from is None and state.deferred_status is None
    assert state.stage1_paused_days == 5


def test_correct_triage_refused_when_deferred_after_stage1():
    with pytest.raises(IllegalTransition, match="only before a stage 1 response"):
        apply(defer(s2), CorrectTriage(nxt(s2, 2), Route.INFORMAL, "Too late"))


# --- stage 1 --------------------------------------------------------------------------------------


def test_stage1_due_is_ten_then_twenty_working_days_from_receipt():
    assert s1.stage1_limit == 10
    assert s1.stage1_due == date(2024, 3, 18)
    assert not s1.stage1_extended
    assert s1x.stage1_extended
    assert s1x.stage1_limit == 20
    assert s1x.stage1_extension_reason == "Three teams involved"
    assert s1x.stage1_due == date(2024, 4, 3)  # over Good Friday and Easter Monday 2024


def test_stage1_extension_only_once():
    with pytest.raises(IllegalTransition, match="already been extended once"):
        apply(s1x, ExtendStage1(nxt(s1x), "Again"))


def test_stage1_response():
    assert r1.status is CaseStatus.STAGE1_RESPONDED
    assert r1.stage1_outcome is Outcome.PARTLY_UPHELD
    assert r1.stage1_working_days == 9
    assert s1.stage1_working_days is None


# --- deferral (reg 8) -----------------------------------------------------------------------------


def test_deferral_pauses_and_moves_the_stage1_due_date():
    on = date(2024, 3, 6)  # 2 working days after receipt
    deferred = apply(s1, Defer(on, date(2024, 4, 3), "Criminal investigation"))
    assert deferred.status is CaseStatus.DEFERRED
    assert deferred.deferred_status is CaseStatus.STAGE1
    assert deferred.deferred_from == on
    assert deferred.deferral_reason == "Criminal investigation"
    assert deferred.stage1_due is None  # no due date while the clock is stopped
    assert deferred.current_deadline == date(2024, 4, 3)  # the review date instead

    reviewed = apply(deferred, ReviewDeferral(date(2024, 4, 3), date(2024, 5, 1)))
    assert reviewed.deferral_review_date == date(2024, 5, 1)
    assert reviewed.status is CaseStatus.DEFERRED

    back = apply(reviewed, Resume(date(2024, 4, 10)))
    paused = working_days_between(on, date(2024, 4, 10))
    assert paused == 23  # Easter Friday and Monday don't count
    assert back.status is CaseStatus.STAGE1
    assert back.stage1_paused_days == paused
    assert back.deferred_from is None and back.deferral_review_date is None and back.deferral_reason is None
    # 2 working days ran before the deferral, 8 are left from the day of resumption (day 0)
    assert (
        back.stage1_due == add_working_days(date(2024, 4, 10), 8) == add_working_days(RECEIVED, 10 + paused)
    )

    answered = apply(back, RespondStage1(back.stage1_due, Outcome.NOT_UPHELD))
    # The report's plain count includes the deferral; the case page may show the adjusted figure.
    assert answered.stage1_working_days == 10 + paused
    assert answered.stage1_working_days_excluding_deferral == 10


def test_two_deferrals_add_up():
    state = s1
    for _ in range(2):
        state = defer(state, gap=1)
        state = go(state, Resume, gap=3)
    assert state.stage1_paused_days == 6
    assert state.stage1_due == add_working_days(RECEIVED, 16)


def test_deferral_at_stage2_before_the_statement_pauses_only_the_request_clock():
    state = go(defer(s2), Resume, gap=4)
    assert state.status is CaseStatus.STAGE2
    assert state.stage2_request_paused_days == 4
    assert state.stage2_statement_paused_days == 0
    state = go(state, AgreeStatement)
    assert state.stage2_due_from_statement == add_working_days(state.statement_agreed, 25)
    assert state.stage2_due_from_request == add_working_days(state.stage2_requested, 29)


def test_deferral_at_stage2_after_the_statement_pauses_both_clocks():
    deferred = defer(s2stmt)
    assert deferred.stage2_due_from_statement is None
    assert deferred.stage2_due_from_request is None
    state = go(deferred, Resume, gap=5)
    assert state.stage2_statement_paused_days == 5 == state.stage2_request_paused_days
    assert state.stage2_due_from_statement == add_working_days(s2stmt.statement_agreed, 30)


def test_deferral_at_stage2_requested_resumes_there():
    state = go(defer(s2req), Resume, gap=2)
    assert state.status is CaseStatus.STAGE2_REQUESTED
    assert state.stage2_request_paused_days == 2
    assert state.stage1_paused_days == 0


def test_deferral_at_stage3_pauses_the_panel_clock():
    deferred = defer(s3req)
    assert deferred.panel_due is None
    state = go(deferred, Resume, gap=7)
    assert state.status is CaseStatus.STAGE3_REQUESTED
    assert state.stage3_paused_days == 7
    assert state.panel_due == add_working_days(s3req.stage3_requested, 37)


def test_withdrawal_while_deferred_ends_the_deferral():
    state = go(defer(s1), Withdraw, gap=3)
    assert state.status is CaseStatus.WITHDRAWN
    assert state.deferred_status is None
    assert state.stage1_paused_days == 3
    assert state.ended_on == state.last_event_on
    assert state.stage1_outcome is Outcome.NOT_APPLICABLE


def test_not_applicable_while_deferred():
    state = go(defer(s1), MarkNotApplicable, "Dealt with in court", gap=2)
    assert state.status is CaseStatus.NOT_APPLICABLE
    assert state.ended_reason == "Dealt with in court"
    assert state.stage1_paused_days == 2
    assert state.stage1_outcome is Outcome.NOT_APPLICABLE


# --- escalation -----------------------------------------------------------------------------------


def test_stage2_request_on_the_20th_working_day_is_in_time():
    state = apply(r1, RequestStage2(r1.stage2_request_deadline))
    assert not state.stage2_request_late
    assert StartStage2 in allowed_events(state)


def test_stage2_request_on_the_21st_working_day_is_late():
    state = apply(r1, RequestStage2(add_working_days(r1.stage1_responded, 21)))
    assert state.stage2_request_late
    assert state.stage2_late_accepted is None
    assert allowed_events(state)[0] is DecideLateRequest
    with pytest.raises(IllegalTransition, match="decide whether to accept it first"):
        apply(state, StartStage2(nxt(state), Stage2Method.INVESTIGATION))


def test_a_weekend_request_after_a_friday_deadline_is_in_time():
    responded = apply(s1, RespondStage1(date(2024, 6, 7), Outcome.UPHELD))  # a Friday
    assert responded.stage2_request_deadline == date(2024, 7, 5)  # a Friday
    assert not apply(responded, RequestStage2(date(2024, 7, 6))).stage2_request_late  # Saturday
    assert not apply(responded, RequestStage2(date(2024, 7, 7))).stage2_request_late  # Sunday
    assert apply(responded, RequestStage2(date(2024, 7, 8))).stage2_request_late  # Monday


def test_accepting_a_late_request():
    assert s2req_late_ok.stage2_late_accepted is True
    assert s2req_late_ok.stage2_late_decided_on == s2req_late_ok.last_event_on
    with pytest.raises(IllegalTransition, match="already been decided"):
        apply(s2req_late_ok, DecideLateRequest(nxt(s2req_late_ok), False))


def test_refusing_a_late_request_closes_the_case():
    state = go(s2req_late, DecideLateRequest, False)
    assert state.status is CaseStatus.CLOSED
    assert state.stage2_late_accepted is False
    assert state.ended_on == state.last_event_on
    with pytest.raises(IllegalTransition, match="no stage 1 response still open"):
        apply(state, RequestStage2(nxt(state)))


def test_nothing_to_decide_for_an_in_time_request():
    with pytest.raises(IllegalTransition, match="in time, so there is nothing to decide"):
        apply(s2req, DecideLateRequest(nxt(s2req), True))


def test_a_request_after_closing_reopens_the_case():
    closed = go(r1, Close, gap=3)
    assert closed.status is CaseStatus.CLOSED and closed.ended_on is not None
    state = go(closed, RequestStage2, gap=2)
    assert state.status is CaseStatus.STAGE2_REQUESTED
    assert state.ended_on is None
    assert not state.stage2_request_late
    late = apply(closed, RequestStage2(add_working_days(r1.stage1_responded, 30)))
    assert late.stage2_request_late


def test_escalation_deadlines():
    assert s1.escalation_deadline is None
    assert r1.escalation_deadline == add_working_days(r1.stage1_responded, 20) == r1.stage2_request_deadline
    assert r2.escalation_deadline == add_working_days(r2.stage2_responded, 20) == r2.stage3_request_deadline
    assert r3.escalation_deadline is None
    assert s1.stage2_request_deadline is None and s1.stage3_request_deadline is None


# --- stage 2 --------------------------------------------------------------------------------------


def test_stage2_start_and_both_clocks():
    assert s2.status is CaseStatus.STAGE2
    assert s2.stage2_method is Stage2Method.INVESTIGATION
    assert s2.stage2_started == s2.last_event_on
    assert s2.stage2_due_from_statement is None  # no agreed statement yet
    assert s2.stage2_due_from_request == add_working_days(s2.stage2_requested, 25)
    assert s2stmt.stage2_due_from_statement == add_working_days(s2stmt.statement_agreed, 25)
    assert s2stmt.current_deadline == min(s2stmt.stage2_due_from_request, s2stmt.stage2_due_from_statement)
    assert s2.current_deadline == s2.stage2_due_from_request


def test_statement_agreed_once():
    with pytest.raises(IllegalTransition, match="already been agreed"):
        apply(s2stmt, AgreeStatement(nxt(s2stmt)))


def test_stage2_extension():
    assert s2ext.stage2_limit == 40
    assert s2ext.stage2_extended_on == s2ext.last_event_on
    assert s2ext.stage2_extension_reason == "More interviews needed"
    assert s2ext.stage2_due_from_statement == add_working_days(s2ext.statement_agreed, 40)
    further = apply(s2ext, ExtendStage2(nxt(s2ext), 65, "Key witness abroad"))
    assert further.stage2_limit == 65
    with pytest.raises(IllegalTransition, match="already has 40 working days.*'stage2'"):
        apply(s2ext, ExtendStage2(nxt(s2ext), 40, "Same again"))
    with pytest.raises(IllegalTransition, match="already has 40"):
        apply(s2ext, ExtendStage2(nxt(s2ext), 30, "Shorter"))


def test_stage2_adjudication():
    assert r2.status is CaseStatus.STAGE2_RESPONDED
    assert r2.stage2_outcome is Outcome.NOT_UPHELD
    assert r2.stage1_outcome is Outcome.PARTLY_UPHELD  # stage 1's outcome is kept


# --- stage 3 --------------------------------------------------------------------------------------


def test_review_panel_timeline():
    assert s3req.panel_due == add_working_days(s3req.stage3_requested, 30)
    assert s3req.current_deadline == s3req.panel_due
    assert s3.stage3_started == s3.last_event_on
    assert s3.panel_report_due is None and s3.stage3_response_due is None
    assert s3panel.panel_report_due == add_working_days(s3panel.panel_held, 5)
    assert s3panel.current_deadline == s3panel.panel_report_due
    assert s3report.stage3_response_due == add_working_days(s3report.panel_report_sent, 15)
    assert s3report.current_deadline == s3report.stage3_response_due
    assert r3.status is CaseStatus.STAGE3_RESPONDED and r3.stage3_outcome is Outcome.UPHELD


def test_panel_steps_in_order():
    with pytest.raises(IllegalTransition, match="not met yet"):
        apply(s3, ReceivePanelReport(nxt(s3)))
    with pytest.raises(IllegalTransition, match="report has not been recorded"):
        apply(s3panel, RespondStage3(nxt(s3panel), Outcome.UPHELD))
    with pytest.raises(IllegalTransition, match="already met"):
        apply(s3panel, HoldPanel(nxt(s3panel)))
    with pytest.raises(IllegalTransition, match="report has already been recorded"):
        apply(s3report, ReceivePanelReport(nxt(s3report)))


def test_late_stage3_request():
    assert s3req_late.stage3_request_late
    assert s3req_late_ok.stage3_late_accepted is True
    refused = go(s3req_late, DecideLateRequest, False)
    assert refused.status is CaseStatus.CLOSED and refused.stage3_late_accepted is False
    assert not s3req.stage3_request_late


def test_request_stage3_after_closing_at_stage2():
    closed = go(r2, Close)
    assert go(closed, RequestStage3).status is CaseStatus.STAGE3_REQUESTED


# --- current deadline and report outcome ----------------------------------------------------------


def test_current_deadline_per_status():
    assert base.current_deadline is None
    assert s1.current_deadline == s1.stage1_due
    assert r1.current_deadline == r1.stage2_request_deadline
    assert r2.current_deadline == r2.stage3_request_deadline
    assert s2req.current_deadline == s2req.stage2_due_from_request
    assert STATES["closed after stage 3"][0].current_deadline is None


def test_stage1_outcome_is_unknown_until_recorded():
    assert s1.stage1_outcome is None
    assert go(base, Triage, Route.NOT_CHILDREN_ACT).stage1_outcome is Outcome.NOT_APPLICABLE
    assert go(base, Triage, Route.SAFEGUARDING).stage1_outcome is None  # not a complaint at all
    # Ended after a stage 1 response: the recorded outcome stands.
    assert STATES["not_applicable"][0].stage1_outcome is Outcome.PARTLY_UPHELD


def test_open_statuses():
    from portal.procedure.state import OPEN_STATUSES

    for state in (base, s1, r1, defer(s1)):
        assert state.status in OPEN_STATUSES
    for label in ("closed after stage 1", "triaged safeguarding"):
        assert STATES[label][0].status not in OPEN_STATUSES


def test_state_rebuilt_from_plain_columns():
    row = {f.name: getattr(s2ext, f.name) for f in dataclasses.fields(ProcedureState)}
    plain = {k: (v.value if hasattr(v, "value") else v) for k, v in row.items()}
    assert isinstance(plain["status"], str)
    rebuilt = ProcedureState(**plain)
    assert rebuilt == s2ext
    assert rebuilt.status is CaseStatus.STAGE2 and rebuilt.stage2_method is Stage2Method.INVESTIGATION
    assert allowed_events(rebuilt) == allowed_events(s2ext)


def test_submitted_state():
    assert base.status is CaseStatus.AWAITING_TRIAGE
    assert base.latest_date == RECEIVED
    assert base.last_event_on is None
    assert not base.is_deferred
