"""What the responses at every stage share: a finding per point of complaint, an outcome that agrees
with them, and the letter as sent, which the young person reads on their tracking page."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal import sanitise
from portal.casework.appointments import stage2_independent_person
from portal.casework.common import CaseworkError, enum_or_none, record_event
from portal.db import db
from portal.models import Case, ComplaintPoint, Letter, User
from portal.procedure import Finding, Outcome, ProcedureState, outcome_contradicts

# Long enough for any stage 1 letter; a limit keeps a pasted document from filling the database.
LETTER_MAX = 20000


def finding_field(point: ComplaintPoint) -> str:
    """The form field that carries one point's finding."""
    return f"finding-{point.id}"


def letter_problem(letter: str) -> str | None:
    if not letter.strip():
        return "Write the response letter: the young person reads it on their tracking page."
    if len(letter) > LETTER_MAX:
        return f"The letter must be {LETTER_MAX:,} characters or fewer."
    return None


def findings_and_outcome(case: Case, data: dict[str, Any], findings: dict[str, Any],
                         problems: dict[str, str]) -> tuple[dict[uuid.UUID, Finding], Outcome | None]:
    """A response form's finding for each point and its outcome; what is missing goes into ``problems``."""
    chosen: dict[uuid.UUID, Finding] = {}
    for point in case.points:
        finding = enum_or_none(Finding, findings.get(finding_field(point)))
        if finding is None:
            problems[finding_field(point)] = "Choose a finding for this point."
        else:
            chosen[point.id] = finding
    outcome = enum_or_none(Outcome, data.get("outcome"))
    if outcome is None:
        problems["outcome"] = "Choose the overall outcome."
    return chosen, outcome


def check_answer(case: Case, findings: dict[uuid.UUID, Finding], outcome: Outcome, actor: User) -> None:
    """Whoever answers is not named in the complaint; every point has a finding; the outcome agrees."""
    if actor in case.subject_staff:
        raise CaseworkError("You are named in this complaint, so you cannot answer it.")
    if set(findings) != {point.id for point in case.points}:
        raise CaseworkError("Record a finding for every point of the complaint.")
    if outcome_contradicts(outcome, findings.values()):
        raise CaseworkError(
            "The overall outcome must agree with the findings: upheld when every point is upheld, not upheld "
            "when none is, partly upheld otherwise.", field="outcome")


def check_letter_language(language: str) -> None:
    from portal.i18n import LANGUAGES

    if language not in LANGUAGES:
        raise CaseworkError("Choose the language the letter is written in.", field="letter_language")


def keep_findings(case: Case, stage: int, findings: dict[uuid.UUID, Finding]) -> None:
    for point in case.points:
        setattr(point, f"stage{stage}_finding", str(findings[point.id]))


def keep_letter(case: Case, stage: int, source: str, language: str, actor: User, *, new: bool = False) -> None:
    """The letter as sent: kept as HTML made once from what was typed (and cleaned again when shown).
    ``new``: a fuller stage 1 response after a referral back, whose letter is kept beside the first."""
    letter = case.letter(stage)
    if letter is None or new:
        letter = Letter(stage=stage, response=letter.response + 1 if letter is not None else 1)
        case.letters.append(letter)
    letter.language, letter.source, letter.written_by_id = language, source, actor.id
    letter.html = str(sanitise.from_plain_text(source))


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
    chosen, outcome = findings_and_outcome(case, data, findings, problems)
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
        # Reg 20: together with the stage 2 independent person, only where there was one (not after
        # a management review or mediation, which have none).
        had_one = stage2_independent_person(case) is not None
        if had_one and not data.get("with_independent_person"):
            problems["with_independent_person"] = ("The council responds together with the stage 2 independent "
                                                   "person (reg 20): confirm that they took part.")
        elif not had_one and data.get("with_independent_person"):
            problems["with_independent_person"] = ("There was no stage 2 independent person on this case (no "
                                                   "investigation), so the response cannot be made with one.")
        if not data.get("ombudsman_told"):
            problems["ombudsman_told"] = ("The response must tell the complainant they can go to the Local "
                                          "Government and Social Care Ombudsman.")
    if problems:
        raise CaseworkError(problems=problems)
    return StageResponse(on=data["on"], findings=chosen, outcome=outcome, letter=letter,
                         letter_language=data.get("letter_language") or "en", responded_by=responded_by,
                         with_independent_person=bool(data.get("with_independent_person")),
                         ombudsman_told=bool(data.get("ombudsman_told")))


def record_response(case: Case, stage: int, response: StageResponse, event: Any, actor: User) -> ProcedureState:
    check_answer(case, response.findings, response.outcome, actor)
    check_letter_language(response.letter_language)
    state = record_event(case, event, actor=actor, commit=False, outcome=str(response.outcome))
    keep_findings(case, stage, response.findings)
    keep_letter(case, stage, response.letter, response.letter_language, actor)
    return state
