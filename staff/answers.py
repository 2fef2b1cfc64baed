"""What a young person (or someone for them) answered, in staff's plain words.

Stored answers are language-neutral keys (``foster_care``, ``yes``, ``True``); staff read the words.
The choices' words come from the front door's own forms, so a new choice there is never shown here as
a bare key; the questions' staff wording is below, and a test fails on an answer key without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from portal.public import journey

# The staff wording of each question (the front door's is written for the young person).
LABELS: dict[str, Any] = {
    "kind": _l("What they want to do"),
    "who_is_telling": _l("Who told us"),
    "your_name": _l("Name of the person telling us"),
    "your_relationship": _l("How they know the young person"),
    "young_person_knows": _l("Does the young person know, and agree"),
    "young_person_name": _l("Young person's name"),
    "where_they_live": _l("Where the young person lives, or who supports them"),
    "service_or_worker": _l("Service or worker"),
    "what_happened": _l("What happened"),
    "what_would_help": _l("What would help"),
    "wishes": _l("What they want people to know"),
    "who_should_know": _l("Who should know it"),
    "help_wanted": _l("What help they want from an advocate"),
    "advocate_gender": _l("Advocate's gender they would like"),
    "advocate_language": _l("Language they would like their advocate to speak"),
    "advocate": _l("Advocate asked for"),
    "advocate_name": _l("Advocate of their choosing"),
    "advocate_relationship": _l("Their advocate's relationship to them"),
    "contact_method": _l("How to contact them"),
    "contact_phone": _l("Phone number"),
    "contact_text": _l("Number for texts"),
    "contact_email": _l("Email address"),
    "contact_address": _l("Postal address"),
    "contact_worker_name": _l("Worker to contact them through"),
    "contact_worker_how": _l("How to reach that worker"),
    "may_leave_message": _l("May we leave a message"),
    "safe_times": _l("Safe times to contact them"),
    "interpreter_needed": _l("Interpreter needed"),
    "interpreter_language": _l("Interpreter's language"),
    "gender": _l("Gender"),
    "ethnicity": _l("Ethnicity"),
    "uas_child": _l("Unaccompanied asylum-seeking child"),
    "safe_contact": _l("How to contact them safely"),  # recorded by staff from a phone call or letter
    # A complaint an advocate made for the young person from their caseload (portal.casework.advocacy).
    "made_by_advocate": _l("Made for them by their advocate"),
    "advocacy_reference": _l("Their advocacy case"),
}
# Shown in the young person's row instead (name withheld, date of birth, age).
SHOWN_ELSEWHERE = frozenset({"name_withheld", "dob_day", "dob_month", "dob_year", "age"})


@dataclass(frozen=True)
class Answer:
    key: str
    label: str
    text: str
    in_their_words: bool  # free text: shown with their language and direction, line breaks kept


@cache
def _fields() -> dict[str, Any]:
    """Each answer key's unbound field in the front door's forms (for its kind and choices)."""
    found: dict[str, Any] = {}
    for step in journey.STEPS:
        for name, unbound in vars(step.form).items():
            if hasattr(unbound, "field_class") and name != "csrf_token":
                found.setdefault(name, unbound)
    return found


@cache
def _all_choice_words() -> dict[str, dict[str, Any]]:
    """Each answer key's choices, merged over every step that asks it: the complaint's "advocate" question
    offers "No, I do not want an advocate" ("none"), the advocacy request's does not, and both are stored
    under one key."""
    merged: dict[str, dict[str, Any]] = {}
    for step in journey.STEPS:
        for name, unbound in vars(step.form).items():
            if hasattr(unbound, "field_class") and name != "csrf_token":
                merged.setdefault(name, {}).update(
                    {k: v for k, v in _choice_words(unbound).items() if k not in merged.get(name, {})})
    return merged


def _choice_words(unbound: Any) -> dict[str, Any]:
    pairs = unbound.kwargs.get("choices") or []
    words = {}
    for choice in pairs:
        value, label = (choice.value, choice.label) if hasattr(choice, "value") else (choice[0], choice[1])
        words[value] = label
    return words


def plain_answers(answers: dict[str, Any]) -> list[Answer]:
    """Every answer that says something, as (label, words); nothing empty, no stored keys."""
    result = []
    for key, value in answers.items():
        if key in SHOWN_ELSEWHERE or key.startswith("_") or value in (None, "", [], False) and key != "uas_child":
            continue
        unbound = _fields().get(key)
        label = str(LABELS.get(key) or (unbound.args[0] if unbound is not None and unbound.args else
                                        key.replace("_", " ").capitalize()))
        words = _all_choice_words().get(key, {})
        if isinstance(value, bool) or (unbound is not None and unbound.field_class is BooleanField):
            text, free = str(_l("Yes") if value else _l("No")), False
        elif words:
            values = value if isinstance(value, list) else [value]
            text, free = ", ".join(str(words.get(v, v)) for v in values), False
        else:
            text, free = str(value), True
        result.append(Answer(key, label, text, free))
    return result
