"""The steps of the front-door journey, which apply when, and where each one leads. No database.

One question per page. The same steps serve the three kinds (a complaint, wishes and feelings, an
advocacy request); only some words change. After the first visit to "Check your answers", every step
goes back there, unless a changed answer makes a step apply that has not been answered yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from portal.public import forms

DONE = "_done"
REACHED_CHECK = "_reached_check"
CHECK = "check"


def _always(_answers: dict[str, Any]) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    slug: str
    form: type[forms.StepForm]
    applies: Callable[[dict[str, Any]], bool] = _always
    # Answer keys that only count when another answer has a given value (dropped otherwise).
    conditional: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def template(self) -> str:
        return f"public/steps/{self.slug}.html"


STEPS: tuple[Step, ...] = (
    Step("start", forms.KindForm),
    Step("who", forms.WhoForm),
    Step("you", forms.YouForm, applies=lambda a: a.get("who_is_telling") not in (None, "young_person")),
    Step("name", forms.NameForm),
    Step("age", forms.AgeForm),
    Step("where", forms.WhereForm),
    Step("details", forms.DetailsForm),
    Step("hopes", forms.HopesForm),
    Step("advocate", forms.AdvocateForm, conditional={
        "advocate_name": ("advocate", ("own_choice",)),
        "advocate_relationship": ("advocate", ("own_choice",)),
    }),
    Step("contact", forms.ContactForm, conditional={
        "contact_phone": ("contact_method", ("phone",)),
        "contact_text": ("contact_method", ("text",)),
        "contact_email": ("contact_method", ("email",)),
        "contact_address": ("contact_method", ("post",)),
        "contact_worker_name": ("contact_method", ("worker",)),
        "contact_worker_how": ("contact_method", ("worker",)),
    }),
    Step("contact-safety", forms.ContactSafetyForm,
         applies=lambda a: a.get("contact_method") not in (None, "none")),
    Step("interpreter", forms.InterpreterForm, conditional={
        "interpreter_language": ("interpreter_needed", ("yes",)),
    }),
    Step("about-you", forms.AboutYouForm),
)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def field_names(step: Step) -> list[str]:
    return [name for name, unbound in vars(step.form).items()
            if hasattr(unbound, "field_class") and name != "csrf_token"]


def applicable(answers: dict[str, Any]) -> list[Step]:
    return [step for step in STEPS if step.applies(answers)]


def next_slug(answers: dict[str, Any], slug: str) -> str:
    steps = applicable(answers)
    done = set(answers.get(DONE, []))
    if answers.get(REACHED_CHECK):
        missing = [step.slug for step in steps if step.slug not in done]
        return missing[0] if missing else CHECK
    order = [step.slug for step in STEPS]
    position = order.index(slug) if slug in order else -1
    later = [step.slug for step in steps if order.index(step.slug) > position]
    return later[0] if later else CHECK


def previous_slug(answers: dict[str, Any], slug: str) -> str | None:
    slugs = [step.slug for step in applicable(answers)]
    if slug == CHECK:
        return slugs[-1]
    if slug in slugs and slugs.index(slug) > 0:
        return slugs[slugs.index(slug) - 1]
    return None


def first_missing(answers: dict[str, Any]) -> str | None:
    done = set(answers.get(DONE, []))
    return next((step.slug for step in applicable(answers) if step.slug not in done), None)


def is_complete(answers: dict[str, Any]) -> bool:
    return first_missing(answers) is None


def public_answers(answers: dict[str, Any]) -> dict[str, Any]:
    """What is sent: the answers of the steps that apply, without bookkeeping or answers to
    follow-up questions of a choice that was changed (an email typed, then "phone" chosen)."""
    result: dict[str, Any] = {}
    for step in applicable(answers):
        for name in field_names(step):
            if name not in answers:
                continue
            condition = step.conditional.get(name)
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
