"""The front door's answers: which questions there are, which apply, and what is sent. No Flask.

Below both the web layer (``portal.public``, which asks the questions one page at a time) and the
operations (``portal.intake.submissions``, which stores what was sent), so an operation never reaches up into a
view module. ``portal.public.journey`` pairs each question here with its form, and a test holds the
two to the same answer keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

DONE = "_done"  # bookkeeping in a draft: the questions answered so far
REACHED_CHECK = "_reached_check"  # the draft has been to "Check your answers" once
CHECK = "check"


def _always(_answers: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Question:
    slug: str
    keys: tuple[str, ...]  # the answer keys this question's page sets
    applies: Callable[[dict[str, Any]], bool] = _always
    # Answer keys that only count when another answer has a given value (dropped otherwise).
    conditional: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)


def _kind(*kinds: str) -> Callable[[dict[str, Any]], bool]:
    """The question belongs to these kinds' journeys only (a draft without a kind yet: a complaint)."""
    return lambda a: a.get("kind", "complaint") in kinds


def _not_self(a: dict[str, Any]) -> bool:
    return a.get("who_is_telling") not in (None, "young_person")


COMPLAINT, WISHES, ADVOCACY = "complaint", "wishes_and_feelings", "advocacy_request"

# Each kind has its own journey and words. What they share (who is telling us, the young person, how to
# contact them safely, an interpreter, monitoring) has the same keys, so staff read every kind alike.
# A complaint keeps "what_happened" and "advocate" (with "No"); wishes and feelings asks what the young
# person wants people to know ("wishes", "who_should_know"); an advocacy request asks what help is
# wanted ("help_wanted") and which advocate ("advocate", never "none", so the staff queue's advocacy
# filter finds it, with "advocate_gender" and "advocate_language" as preferences).
QUESTIONS: tuple[Question, ...] = (
    Question("start", ("kind",)),
    Question("who", ("who_is_telling",)),
    Question("you", ("your_name", "your_relationship", "young_person_knows"), applies=_not_self),
    Question("name", ("young_person_name", "name_withheld")),
    Question("age", ("dob_day", "dob_month", "dob_year", "age")),
    Question("where", ("where_they_live", "service_or_worker")),
    Question("details", ("what_happened",), applies=_kind(COMPLAINT)),
    Question("hopes", ("what_would_help",), applies=_kind(COMPLAINT)),
    Question("wishes", ("wishes", "who_should_know"), applies=_kind(WISHES)),
    Question("help", ("help_wanted",), applies=_kind(ADVOCACY)),
    Question("advocate", ("advocate", "advocate_name", "advocate_relationship"), applies=_kind(COMPLAINT),
             conditional={
                 "advocate_name": ("advocate", ("own_choice",)),
                 "advocate_relationship": ("advocate", ("own_choice",)),
             }),
    Question("advocate-choice", ("advocate", "advocate_name", "advocate_relationship", "advocate_gender",
                                 "advocate_language"), applies=_kind(ADVOCACY), conditional={
        "advocate_name": ("advocate", ("own_choice",)),
        "advocate_relationship": ("advocate", ("own_choice",)),
        "advocate_gender": ("advocate", ("independent", "crs", "not_sure")),
        "advocate_language": ("advocate", ("independent", "crs", "not_sure")),
    }),
    Question("contact", ("contact_method", "contact_phone", "contact_text", "contact_email", "contact_address",
                         "contact_worker_name", "contact_worker_how"), conditional={
        "contact_phone": ("contact_method", ("phone",)),
        "contact_text": ("contact_method", ("text",)),
        "contact_email": ("contact_method", ("email",)),
        "contact_address": ("contact_method", ("post",)),
        "contact_worker_name": ("contact_method", ("worker",)),
        "contact_worker_how": ("contact_method", ("worker",)),
    }),
    Question("contact-safety", ("may_leave_message", "safe_times"),
             applies=lambda a: a.get("contact_method") not in (None, "none")),
    Question("interpreter", ("interpreter_needed", "interpreter_language"), conditional={
        "interpreter_language": ("interpreter_needed", ("yes",)),
    }),
    Question("about-you", ("gender", "ethnicity", "uas_child")),
)
ORDER = [question.slug for question in QUESTIONS]


def applicable(answers: dict[str, Any]) -> list[Question]:
    return [question for question in QUESTIONS if question.applies(answers)]


def next_slug(answers: dict[str, Any], slug: str) -> str:
    """After the first visit to "Check your answers", every page goes back there, unless a changed
    answer makes a question apply that has not been answered yet."""
    questions = applicable(answers)
    done = set(answers.get(DONE, []))
    if answers.get(REACHED_CHECK):
        missing = [question.slug for question in questions if question.slug not in done]
        return missing[0] if missing else CHECK
    position = ORDER.index(slug) if slug in ORDER else -1
    later = [question.slug for question in questions if ORDER.index(question.slug) > position]
    return later[0] if later else CHECK


def previous_slug(answers: dict[str, Any], slug: str) -> str | None:
    slugs = [question.slug for question in applicable(answers)]
    if slug == CHECK:
        return slugs[-1]
    if slug in slugs and slugs.index(slug) > 0:
        return slugs[slugs.index(slug) - 1]
    return None


def first_missing(answers: dict[str, Any]) -> str | None:
    done = set(answers.get(DONE, []))
    return next((question.slug for question in applicable(answers) if question.slug not in done), None)


def is_complete(answers: dict[str, Any]) -> bool:
    return first_missing(answers) is None


def public_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """What is sent: the answers of the questions that apply, without bookkeeping or answers to
    follow-up questions of a choice that was changed (an email typed, then "phone" chosen)."""
    result: dict[str, Any] = {}
    for question in applicable(answers):
        for name in question.keys:
            if name not in answers:
                continue
            condition = question.conditional.get(name)
            if condition and answers.get(condition[0]) not in condition[1]:
                continue
            result[name] = answers[name]
    if result.get("name_withheld"):
        result.pop("young_person_name", None)
    return result


def date_of_birth(answers: dict[str, Any]) -> date | None:
    try:
        return date(*(int(str(answers.get(key) or "").strip()) for key in ("dob_year", "dob_month", "dob_day")))
    except ValueError:
        return None
