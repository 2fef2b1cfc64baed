"""The procedure state of one submission: its status and the dates that matter, nothing derived.

Every field is a plain value (date, str, bool, int, enum) so the Flask side can persist it as a column
and rebuild the state with ``ProcedureState(**row)``. Deadlines are properties computed from the dates
and the calendar, never stored: a corrected bank holiday list or a corrected date moves them for free.

Deferral (reg 8): while consideration is deferred the clock of the stage it was deferred from stops.
The day of deferral still counts; the day of resumption is a new day 0 (like the day of receipt), so
on resuming, the stage's due date moves on by ``working_days_between(deferred_from, resumed_on)``.
Those working days are added up per clock (``*_paused_days``). While deferred, the paused clock's due
date is ``None`` (there is none until consideration resumes); ``deferral_review_date`` is the date to
watch instead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from portal.procedure.calendar import add_working_days, working_days_between
from portal.procedure.deadlines import (
    ESCALATION_WINDOW,
    PANEL_LIMIT,
    PANEL_REPORT_LIMIT,
    STAGE1_EXTENDED_LIMIT,
    STAGE1_LIMIT,
    STAGE2_LIMIT,
    STAGE3_RESPONSE_LIMIT,
)
from portal.procedure.vocabulary import CaseStatus, Outcome, Route, Stage2Method

__all__ = [
    "OPEN_STATUSES",
    "STAGE1_STATUSES",
    "STAGE2_STATUSES",
    "STAGE3_STATUSES",
    "ProcedureState",
    "stage1_clock_days",
]

#: Statuses whose consideration belongs to each stage's clock (deferral pauses that clock).
STAGE1_STATUSES = frozenset({CaseStatus.STAGE1})
STAGE2_STATUSES = frozenset({CaseStatus.STAGE2_REQUESTED, CaseStatus.STAGE2})
STAGE3_STATUSES = frozenset({CaseStatus.STAGE3_REQUESTED, CaseStatus.STAGE3})
#: Statuses in which the Children's Rights Service still owes something (for work queues, reminders).
OPEN_STATUSES = frozenset(
    {
        CaseStatus.AWAITING_TRIAGE,
        CaseStatus.DEFERRED,
        CaseStatus.STAGE1_RESPONDED,
        CaseStatus.STAGE2_RESPONDED,
    }
    | STAGE1_STATUSES
    | STAGE2_STATUSES
    | STAGE3_STATUSES
)



def stage1_clock_days(extended: bool, paused_days: int) -> int:
    """Working days from receipt (day 0) to the stage 1 due date: 10, or 20 once extended, plus the
    working days consideration was deferred. The one definition: ``ProcedureState.stage1_due`` adds it
    to the received date, and the staff dashboards add it to the received date's calendar ordinal in
    SQL (``ordinal(due) == ordinal(received) + stage1_clock_days(...)``)."""
    return (STAGE1_EXTENDED_LIMIT if extended else STAGE1_LIMIT) + paused_days


_ENUM_FIELDS = (
    ("status", CaseStatus),
    ("deferred_status", CaseStatus),
    ("route", Route),
    ("stage1_outcome", Outcome),
    ("stage1_first_outcome", Outcome),
    ("stage2_outcome", Outcome),
    ("stage3_outcome", Outcome),
    ("stage2_method", Stage2Method),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ProcedureState:
    status: CaseStatus = CaseStatus.AWAITING_TRIAGE
    received: date  # day 0 of stage 1 (statutory guidance: the clock starts at receipt)
    last_event_on: date | None = None  # no event may be dated earlier; None means "received"

    route: Route | None = None
    triaged_on: date | None = None
    route_corrected_on: date | None = None
    route_correction_reason: str | None = None

    stage1_started: date | None = None  # the triage (or correction) that put it on the statutory route
    stage1_extended_on: date | None = None
    stage1_extension_reason: str | None = None
    stage1_responded: date | None = None  # the latest stage 1 response (after a referral back, the fuller one)
    stage1_outcome: Outcome | None = None  # the latest stage 1 outcome (table 10)
    # The first stage 1 response, kept when the case is referred back for a fuller one (set by
    # ReferBack, never changed after): its date (table 9 counts it), outcome, extension and paused days.
    stage1_first_responded: date | None = None
    stage1_first_outcome: Outcome | None = None
    stage1_first_extended_on: date | None = None
    stage1_first_paused_days: int = 0

    deferred_from: date | None = None
    deferral_review_date: date | None = None
    deferral_reason: str | None = None
    deferred_status: CaseStatus | None = None  # the status to resume to
    stage1_paused_days: int = 0
    stage2_request_paused_days: int = 0
    stage2_statement_paused_days: int = 0
    stage3_paused_days: int = 0

    stage2_requested: date | None = None
    stage2_request_late: bool = False
    stage2_late_decided_on: date | None = None
    stage2_late_accepted: bool | None = None
    stage2_referred_back: date | None = None  # sent back for a fuller stage 1 response instead
    stage2_started: date | None = None
    stage2_method: Stage2Method | None = None
    statement_agreed: date | None = None
    stage2_extended_to: int | None = None
    stage2_extended_on: date | None = None
    stage2_extension_reason: str | None = None
    stage2_responded: date | None = None
    stage2_outcome: Outcome | None = None

    stage3_requested: date | None = None
    stage3_request_late: bool = False
    stage3_late_decided_on: date | None = None
    stage3_late_accepted: bool | None = None
    stage3_started: date | None = None
    panel_held: date | None = None
    panel_report_sent: date | None = None
    stage3_responded: date | None = None
    stage3_outcome: Outcome | None = None

    ended_on: date | None = None  # closed, withdrawn or not applicable
    ended_reason: str | None = None

    def __post_init__(self) -> None:
        # Rows come back from the database as plain strings: give them their enum types again.
        for name, kind in _ENUM_FIELDS:
            value = getattr(self, name)
            if value is not None and not isinstance(value, kind):
                object.__setattr__(self, name, kind(value))

    @classmethod
    def submitted(cls, received: date) -> ProcedureState:
        """A new submission, awaiting triage."""
        return cls(received=received)

    # --- status ------------------------------------------------------------------------------------

    @property
    def latest_date(self) -> date:
        """The earliest date the next event may carry."""
        return self.last_event_on or self.received

    @property
    def is_deferred(self) -> bool:
        return self.status is CaseStatus.DEFERRED

    def _paused(self, statuses: frozenset[CaseStatus]) -> bool:
        return self.is_deferred and self.deferred_status in statuses

    # --- stage 1 -----------------------------------------------------------------------------------

    @property
    def stage1_extended(self) -> bool:
        return self.stage1_extended_on is not None

    @property
    def stage1_limit(self) -> int:
        return STAGE1_EXTENDED_LIMIT if self.stage1_extended else STAGE1_LIMIT

    @property
    def stage1_clock_start(self) -> date:
        """Day 0 of the stage 1 clock: the received date, or the latest referral back (the fuller
        response has its own time limit from the referral, extendable once as stage 1 is; decision 0017)."""
        return self.stage2_referred_back or self.received

    @property
    def stage1_due(self) -> date | None:
        """Day 0 (received, or referred back) + 10 (or 20 once extended) working days, plus any
        deferral; None off the statutory route or while the stage 1 clock is paused."""
        if self.route is not Route.STATUTORY or self._paused(STAGE1_STATUSES):
            return None
        return add_working_days(self.stage1_clock_start,
                                stage1_clock_days(self.stage1_extended, self.stage1_paused_days))

    @property
    def referred_back_for_fuller_response(self) -> bool:
        return self.stage1_first_responded is not None

    @property
    def stage1_first_response_on(self) -> date | None:
        """The date of the first stage 1 response (kept after a referral back)."""
        return self.stage1_first_responded or self.stage1_responded

    @property
    def stage1_first_response_outcome(self) -> Outcome | None:
        return self.stage1_first_outcome if self.referred_back_for_fuller_response else self.stage1_outcome

    @property
    def stage1_fuller_responded(self) -> date | None:
        """The fuller stage 1 response after the latest referral back, once given."""
        return self.stage1_responded if self.referred_back_for_fuller_response else None

    @property
    def stage1_working_days(self) -> int | None:
        """Working days from receipt (day 0) to the first stage 1 response, a plain count whether or not
        consideration was deferred: the annual report's table 9 (REPORT.md, decision 0007). A fuller
        response after a referral back does not replace it (decision 0017)."""
        first = self.stage1_first_response_on
        if first is None:
            return None
        return working_days_between(self.received, first)

    @property
    def stage1_working_days_excluding_deferral(self) -> int | None:
        """The same, less the working days consideration was deferred (reg 8): shown on the case page,
        labelled, when there was a deferral; never counted in the report."""
        days = self.stage1_working_days
        if days is None:
            return None
        paused = self.stage1_first_paused_days if self.referred_back_for_fuller_response else self.stage1_paused_days
        return days - paused

    @property
    def stage1_fuller_working_days(self) -> int | None:
        """Working days from the referral back (day 0) to the fuller response."""
        fuller = self.stage1_fuller_responded
        if fuller is None:
            return None
        return working_days_between(self.stage2_referred_back, fuller)

    # --- escalation --------------------------------------------------------------------------------

    @property
    def stage2_request_deadline(self) -> date | None:
        """The complainant may ask for stage 2 within 20 working days of the stage 1 response."""
        if self.stage1_responded is None:
            return None
        return add_working_days(self.stage1_responded, ESCALATION_WINDOW)

    @property
    def stage3_request_deadline(self) -> date | None:
        """The complainant may ask for a review panel within 20 working days of the adjudication."""
        if self.stage2_responded is None:
            return None
        return add_working_days(self.stage2_responded, ESCALATION_WINDOW)

    @property
    def escalation_deadline(self) -> date | None:
        """The complainant's deadline to go on to the next stage after the latest response, if any."""
        if self.stage3_responded is not None:
            return None
        return self.stage3_request_deadline or self.stage2_request_deadline

    # --- stage 2 -----------------------------------------------------------------------------------

    @property
    def stage2_limit(self) -> int:
        return self.stage2_extended_to or STAGE2_LIMIT

    @property
    def stage2_due_from_statement(self) -> date | None:
        """The guidance's clock: 25 (or up to 65) working days from the agreed statement of complaint."""
        if self.statement_agreed is None or self._paused(frozenset({CaseStatus.STAGE2})):
            return None
        return add_working_days(self.statement_agreed, self.stage2_limit + self.stage2_statement_paused_days)

    @property
    def stage2_due_from_request(self) -> date | None:
        """The Ombudsman's clock: the same limit counted from the stage 2 request."""
        if self.stage2_requested is None or self._paused(STAGE2_STATUSES):
            return None
        return add_working_days(self.stage2_requested, self.stage2_limit + self.stage2_request_paused_days)

    @property
    def stage2_due(self) -> date | None:
        """The stage 2 due date an extension is judged against: the guidance's clock from the agreed
        statement of complaint, or the request's clock until a statement is agreed."""
        if self.statement_agreed is not None:
            return self.stage2_due_from_statement
        return self.stage2_due_from_request

    # --- stage 3 -----------------------------------------------------------------------------------

    @property
    def panel_due(self) -> date | None:
        """Reg 19(4): the panel meets within 30 working days of the request."""
        if self.stage3_requested is None or self._paused(STAGE3_STATUSES):
            return None
        return add_working_days(self.stage3_requested, PANEL_LIMIT + self.stage3_paused_days)

    @property
    def panel_report_due(self) -> date | None:
        """The panel's report within 5 working days of the panel."""
        if self.panel_held is None:
            return None
        return add_working_days(self.panel_held, PANEL_REPORT_LIMIT)

    @property
    def stage3_response_due(self) -> date | None:
        """The council's response within 15 working days of the panel report."""
        if self.panel_report_sent is None:
            return None
        return add_working_days(self.panel_report_sent, STAGE3_RESPONSE_LIMIT)

    # --- the one date a work queue shows -----------------------------------------------------------

    @property
    def current_deadline(self) -> date | None:
        """The deadline that matters in the current status (for queues and reminders), else None.

        At stage 2 it is the earlier of the two clocks; while deferred, the deferral review date.
        """
        s = self.status
        if s is CaseStatus.STAGE1:
            return self.stage1_due
        if s is CaseStatus.DEFERRED:
            return self.deferral_review_date
        if s in (CaseStatus.STAGE1_RESPONDED, CaseStatus.STAGE2_RESPONDED):
            return self.escalation_deadline
        if s in STAGE2_STATUSES:
            clocks = [d for d in (self.stage2_due_from_request, self.stage2_due_from_statement) if d]
            return min(clocks)
        if s in STAGE3_STATUSES:
            if self.panel_held is None:
                return self.panel_due
            if self.panel_report_sent is None:
                return self.panel_report_due
            return self.stage3_response_due
        return None
