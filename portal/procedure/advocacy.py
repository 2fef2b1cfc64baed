"""The advocacy service's pure rules: matching an advocate to a young person's wishes, what heads a
caseload, and which outcomes close an advocacy. No Flask, no database."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

OUTCOMES = ("informal_resolution", "formal_complaint", "withdrawn", "other")
NO_PREFERENCE = ("", "no_preference", "not_sure", None)


@dataclass(frozen=True)
class Wishes:
    """What the young person asked for: a kind of advocate, a gender, a language (each may be unset)."""

    kind: str | None = None  # independent | crs | own_choice | not_sure
    gender: str | None = None  # woman | man | no_preference
    language: str | None = None  # as typed: "Arabic"


@dataclass(frozen=True)
class Advocate:
    """What matching needs to know about an advocate in the pool."""

    kind: str
    gender: str | None
    languages: tuple[str, ...]
    capacity: int
    open_cases: int
    available: bool
    active: bool


@dataclass(frozen=True)
class Match:
    kind: bool | None  # None: no wish to match
    gender: bool | None
    language: bool | None
    has_room: bool

    @property
    def offerable(self) -> bool:
        """Taking new cases and under capacity."""
        return self.has_room

    @property
    def score(self) -> int:
        return sum(1 for wish in (self.kind, self.gender, self.language) if wish)


def _same(a: str, b: str) -> bool:
    return a.strip().casefold() == b.strip().casefold()


def match(advocate: Advocate, wishes: Wishes) -> Match:
    kind = None if wishes.kind in NO_PREFERENCE or wishes.kind == "own_choice" else advocate.kind == wishes.kind
    gender = None if wishes.gender in NO_PREFERENCE else advocate.gender == wishes.gender
    wanted = (wishes.language or "").strip()
    language = None if not wanted else any(_same(wanted, spoken) for spoken in advocate.languages)
    has_room = advocate.active and advocate.available and advocate.open_cases < advocate.capacity
    return Match(kind=kind, gender=gender, language=language, has_room=has_room)


def rank_key(found: Match, name: str) -> tuple[int, int, str]:
    """Best first: advocates with room, then the most wishes met, then by name."""
    return (0 if found.has_room else 1, -found.score, name.casefold())


def contact_overdue(next_contact_due: date | None, today: date) -> bool:
    return next_contact_due is not None and next_contact_due < today


def caseload_key(*, unread: int, next_contact_due: date | None, today: date,
                 requested_on: date) -> tuple[int, int, date, date]:
    """Unread messages first, then overdue contacts (most overdue first), then the oldest requests."""
    overdue = contact_overdue(next_contact_due, today)
    return (0 if unread else 1, 0 if overdue else 1, next_contact_due if overdue else date.max, requested_on)


class AdvocacyRuleError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def check_close(*, status: str, outcome: str | None, on: date | None, opened_on: date, today: date,
                note: str | None) -> None:
    """An advocacy closes once, on a date from its opening to today, with one of the outcomes; "other"
    says what happened."""
    if status != "open":
        raise AdvocacyRuleError("outcome", "This advocacy is already closed.")
    if outcome not in OUTCOMES:
        raise AdvocacyRuleError("outcome", "Choose the outcome of the advocacy.")
    if outcome == "other" and not (note or "").strip():
        raise AdvocacyRuleError("note", "Say what the outcome was.")
    if on is None:
        raise AdvocacyRuleError("on", "Enter the date the advocacy ended, like 2026-11-26.")
    if on > today:
        raise AdvocacyRuleError("on", "The date the advocacy ended cannot be in the future.")
    if on < opened_on:
        raise AdvocacyRuleError("on", "The date the advocacy ended cannot be before the advocate was assigned.")


def check_contact(*, on: date | None, minutes: int | None, today: date, next_due: date | None) -> None:
    if on is None:
        raise AdvocacyRuleError("on", "Enter the date of the contact, like 2026-11-26.")
    if on > today:
        raise AdvocacyRuleError("on", "The date of the contact cannot be in the future.")
    if minutes is None or not 1 <= minutes <= 600:
        raise AdvocacyRuleError("minutes", "Enter how long the contact took in minutes, from 1 to 600.")
    if next_due is not None and next_due < on:
        raise AdvocacyRuleError("next_due", "The next contact cannot be before this one.")
