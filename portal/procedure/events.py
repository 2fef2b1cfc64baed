"""The things that happen to a submission, as small immutable values.

Each event checks its own payload when it is made (a blank reason, a datetime where a UK date belongs,
an extension beyond 65 working days) and raises :class:`InvalidEvent`; whether it may happen *now* is
for :func:`portal.procedure.transitions.apply` to say. Enum fields accept their string values, so a
form's data can be passed straight in.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import Enum
from typing import ClassVar

from portal.procedure.deadlines import STAGE2_LIMIT, STAGE2_MAX_LIMIT
from portal.procedure.vocabulary import Outcome, Route, Stage2Method

__all__ = [
    "AgreeStatement",
    "Close",
    "CorrectTriage",
    "DecideLateRequest",
    "Defer",
    "Event",
    "ExtendStage1",
    "ExtendStage2",
    "HoldPanel",
    "InvalidEvent",
    "MarkNotApplicable",
    "ProcedureError",
    "ReceivePanelReport",
    "ReferBack",
    "RequestStage2",
    "RequestStage3",
    "RespondStage1",
    "RespondStage2",
    "RespondStage3",
    "Resume",
    "ReviewDeferral",
    "StartStage2",
    "StartStage3",
    "Triage",
    "Withdraw",
]


class ProcedureError(ValueError):
    """Base of every error the procedure rules raise."""


class InvalidEvent(ProcedureError):
    """The event itself is malformed (whatever the state); ``field`` names the payload field at fault,
    so a screen can put the message beside it."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


def _check_date(event: str, name: str, value: object) -> None:
    # datetime is a subclass of date: refuse it, a moment is not a UK date (see calendar.uk_local_date).
    if not isinstance(value, date) or isinstance(value, datetime):
        raise InvalidEvent(f"{event}.{name} must be a date (a UK local date), not {value!r}", field=name)


@dataclass(frozen=True, slots=True)
class Event:
    """Base class: every event happens ``on`` a UK local date."""

    on: date
    #: One line for messages and audit logs.
    description: ClassVar[str] = "an event"
    #: Fields that must hold non-blank text (stored stripped).
    _reasons: ClassVar[tuple[str, ...]] = ()
    #: Fields holding enums, converted from their string values.
    _enums: ClassVar[dict[str, type[Enum]]] = {}

    def __post_init__(self) -> None:
        name = type(self).__name__
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name in self._enums:
                try:
                    value = self._enums[f.name](value)
                except ValueError:
                    raise InvalidEvent(f"{name}.{f.name}: {value!r} is not a known value", field=f.name) from None
                object.__setattr__(self, f.name, value)
            elif f.name in self._reasons:
                if not isinstance(value, str) or not value.strip():
                    raise InvalidEvent(f"{name} needs a {f.name.replace('_', ' ')} (it is recorded)", field=f.name)
                object.__setattr__(self, f.name, value.strip())
            elif f.type == "date":
                _check_date(name, f.name, value)
        self._validate()

    def _validate(self) -> None:
        """Event-specific payload checks (overridden where needed)."""


@dataclass(frozen=True, slots=True)
class Triage(Event):
    """The Children's Rights Service decides where a submission goes."""

    route: Route
    description: ClassVar[str] = "triage"
    _enums: ClassVar[dict[str, type[Enum]]] = {"route": Route}


@dataclass(frozen=True, slots=True)
class CorrectTriage(Event):
    """A recorded correction of the route: the only way to change it, and only before any stage 1
    response. The stage 1 clock still runs from the day the complaint was received; a young person who
    later *chooses* to make a complaint makes a new submission with its own received date."""

    route: Route
    reason: str
    description: ClassVar[str] = "correct the triage route"
    _enums: ClassVar[dict[str, type[Enum]]] = {"route": Route}
    _reasons: ClassVar[tuple[str, ...]] = ("reason",)


@dataclass(frozen=True, slots=True)
class Defer(Event):
    """Reg 8: consideration deferred because it would prejudice court proceedings or a criminal
    investigation; paused with a review date."""

    review_date: date
    reason: str
    description: ClassVar[str] = "defer consideration"
    _reasons: ClassVar[tuple[str, ...]] = ("reason",)

    def _validate(self) -> None:
        if self.review_date < self.on:
            raise InvalidEvent("The review date cannot be before the day of deferral.", field="review_date")


@dataclass(frozen=True, slots=True)
class ReviewDeferral(Event):
    """A deferral reviewed and kept: a new review date."""

    review_date: date
    description: ClassVar[str] = "review the deferral"

    def _validate(self) -> None:
        if self.review_date < self.on:
            raise InvalidEvent("The next review date cannot be before the review.", field="review_date")


@dataclass(frozen=True, slots=True)
class Resume(Event):
    """Consideration resumes: back to the status deferred from; its clock restarts (day 0 = today)."""

    description: ClassVar[str] = "resume consideration"


@dataclass(frozen=True, slots=True)
class ExtendStage1(Event):
    """Reg 14: stage 1 extended once, to 20 working days, for a complex case, with a recorded reason."""

    reason: str
    description: ClassVar[str] = "extend stage 1"
    _reasons: ClassVar[tuple[str, ...]] = ("reason",)


@dataclass(frozen=True, slots=True)
class RespondStage1(Event):
    """The manager's stage 1 (local resolution) response is sent."""

    outcome: Outcome
    description: ClassVar[str] = "record the stage 1 response"
    _enums: ClassVar[dict[str, type[Enum]]] = {"outcome": Outcome}


@dataclass(frozen=True, slots=True)
class Withdraw(Event):
    """The complainant withdraws (possible at any time while something is under consideration)."""

    description: ClassVar[str] = "withdraw"


@dataclass(frozen=True, slots=True)
class MarkNotApplicable(Event):
    """Ended another way (an alternative route, or resolved otherwise): outcome not applicable."""

    reason: str
    description: ClassVar[str] = "mark not applicable"
    _reasons: ClassVar[tuple[str, ...]] = ("reason",)


@dataclass(frozen=True, slots=True)
class RequestStage2(Event):
    """The complainant asks for stage 2; late if after 20 working days from the stage 1 response."""

    description: ClassVar[str] = "record a stage 2 request"


@dataclass(frozen=True, slots=True)
class DecideLateRequest(Event):
    """Staff decide whether to accept a late stage 2 or stage 3 request (refused: the case closes)."""

    accept: bool
    description: ClassVar[str] = "decide on a late request"

    def _validate(self) -> None:
        if not isinstance(self.accept, bool):
            raise InvalidEvent(f"DecideLateRequest.accept must be True or False, not {self.accept!r}")


@dataclass(frozen=True, slots=True)
class ReferBack(Event):
    """Instead of stage 2, the complaint goes back to the service for a fuller stage 1 response (table 12
    counts these "referred back"). The complainant may ask for stage 2 again after that response."""

    reason: str
    description: ClassVar[str] = "refer back for a fuller stage 1 response"
    _reasons: ClassVar[tuple[str, ...]] = ("reason",)


@dataclass(frozen=True, slots=True)
class StartStage2(Event):
    """Stage 2 begins: by independent investigation, management review or mediation."""

    method: Stage2Method
    description: ClassVar[str] = "start stage 2"
    _enums: ClassVar[dict[str, type[Enum]]] = {"method": Stage2Method}


@dataclass(frozen=True, slots=True)
class AgreeStatement(Event):
    """The statement of complaint is agreed: the guidance's stage 2 clock starts (day 0)."""

    description: ClassVar[str] = "record the agreed statement of complaint"


@dataclass(frozen=True, slots=True)
class ExtendStage2(Event):
    """Reg 17: stage 2 extended to ``to`` working days (at most 65), with reasons; a new date is given to
    the complainant. May be extended again, further, up to 65."""

    to: int
    reason: str
    description: ClassVar[str] = "extend stage 2"
    _reasons: ClassVar[tuple[str, ...]] = ("reason",)

    def _validate(self) -> None:
        if isinstance(self.to, bool) or not isinstance(self.to, int):
            raise InvalidEvent(f"ExtendStage2.to must be a whole number of working days, not {self.to!r}", field="to")
        if not STAGE2_LIMIT < self.to <= STAGE2_MAX_LIMIT:
            raise InvalidEvent(
                f"ExtendStage2.to must be more than {STAGE2_LIMIT} and at most {STAGE2_MAX_LIMIT} "
                f"working days, not {self.to}", field="to"
            )


@dataclass(frozen=True, slots=True)
class RespondStage2(Event):
    """The senior manager's adjudication on the stage 2 findings is sent."""

    outcome: Outcome
    description: ClassVar[str] = "record the stage 2 adjudication"
    _enums: ClassVar[dict[str, type[Enum]]] = {"outcome": Outcome}


@dataclass(frozen=True, slots=True)
class RequestStage3(Event):
    """The complainant asks for a review panel; late if after 20 working days from the adjudication."""

    description: ClassVar[str] = "record a review panel request"


@dataclass(frozen=True, slots=True)
class StartStage3(Event):
    """Reg 19(1): the review panel is appointed."""

    description: ClassVar[str] = "appoint the review panel"


@dataclass(frozen=True, slots=True)
class HoldPanel(Event):
    """The review panel meets."""

    description: ClassVar[str] = "record the panel meeting"


@dataclass(frozen=True, slots=True)
class ReceivePanelReport(Event):
    """The panel's report is sent to the complainant, the advocate and the stage 2 independent person."""

    description: ClassVar[str] = "record the panel report"


@dataclass(frozen=True, slots=True)
class RespondStage3(Event):
    """The deputy director's response to the panel (it tells the complainant about the Ombudsman)."""

    outcome: Outcome
    description: ClassVar[str] = "record the council's response to the panel"
    _enums: ClassVar[dict[str, type[Enum]]] = {"outcome": Outcome}


@dataclass(frozen=True, slots=True)
class Close(Event):
    """The case is closed after a response. Closing does not take away the complainant's right to go on:
    a later request to the next stage reopens it (late if out of time)."""

    description: ClassVar[str] = "close"
