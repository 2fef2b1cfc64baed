"""The front door's answers: which questions there are, which apply, and what is sent. No Flask.

Below both the web layer (``portal.public``, which asks the questions one page at a time) and the
operations (``portal.intake``, which stores what was sent), so an operation never reaches up into a
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


QUESTIONS: tuple[Question, ...] = (
    Question("start", ("kind",)),
    Question("who", ("who_is_telling",)),
    Question("you", ("your_name", "your_relationship", "young_person_knows"),
             applies=lambda a: a.get("who_is_telling") not in (None, "young_person")),
    Question("name", ("young_person_name", "name_withheld")),
    Question("age", ("dob_day", "dob_month", "dob_year", "age")),
    Question("where", ("where_they_live", "service_or_worker")),
    Question("details", ("what_happened",)),
    Question("hopes", ("what_would_help",)),
    Question("advocate", ("advocate", "advocate_name", "advocate_relationship"), conditional={
        "advocate_name": ("advocate", ("own_choice",)),
        "advocate_relationship": ("advocate", ("own_choice",)),
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
