"""The front-door journey as pages: each question of ``portal.intake.answers`` with the form that asks it.

One question per page. Each kind (a complaint, wishes and feelings, an advocacy request) has its own
short journey: the steps they share, and a few of its own. Which questions apply, where each leads and what is sent
are ``portal.intake.answers``' rules (below this module, so the operations can use them too); they are
re-exported here for the views.
"""

from __future__ import annotations

from dataclasses import dataclass

from portal.intake.answers import (  # noqa: F401 - the views' names for the answer rules
    CHECK,
    DONE,
    QUESTIONS,
    REACHED_CHECK,
    Question,
    date_of_birth,
    first_missing,
    is_complete,
    next_slug,
    previous_slug,
    public_answers,
)
from portal.intake.answers import applicable as _applicable_questions
from portal.public import forms

# Each question's form (its fields are the question's answer keys: a test holds them equal).
FORMS: dict[str, type[forms.StepForm]] = {
    "start": forms.KindForm,
    "who": forms.WhoForm,
    "you": forms.YouForm,
    "name": forms.NameForm,
    "age": forms.AgeForm,
    "where": forms.WhereForm,
    "details": forms.DetailsForm,
    "hopes": forms.HopesForm,
    "wishes": forms.WishesForm,
    "help": forms.HelpForm,
    "advocate": forms.AdvocateForm,
    "advocate-choice": forms.AdvocateChoiceForm,
    "contact": forms.ContactForm,
    "contact-safety": forms.ContactSafetyForm,
    "interpreter": forms.InterpreterForm,
    "about-you": forms.AboutYouForm,
}


@dataclass(frozen=True)
class Step:
    question: Question
    form: type[forms.StepForm]

    @property
    def slug(self) -> str:
        return self.question.slug

    @property
    def template(self) -> str:
        return f"public/steps/{self.slug}.html"


STEPS: tuple[Step, ...] = tuple(Step(question, FORMS[question.slug]) for question in QUESTIONS)
STEP_BY_SLUG = {step.slug: step for step in STEPS}


def field_names(step: Step) -> list[str]:
    return [name for name, unbound in vars(step.form).items()
            if hasattr(unbound, "field_class") and name != "csrf_token"]


# The questions whose pages are kept per language and filled in for each visitor
# (portal.public.page_cache): every answer on them is a radio without a revealed follow-up question or
# a text box. Not kept: "name" (a checkbox), and the four whose radios reveal a follow-up question.
KEPT_STEPS = frozenset({"start", "who", "you", "age", "where", "details", "hopes", "wishes", "help",
                        "contact-safety", "about-you"})


def text_field_names(step: Step) -> list[str]:
    return [name for name in field_names(step)
            if getattr(step.form, name).field_class.__name__ in {"StringField", "TextAreaField"}]


def applicable(answers: dict) -> list[Step]:
    return [STEP_BY_SLUG[question.slug] for question in _applicable_questions(answers)]
