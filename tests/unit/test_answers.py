"""The front door's answers sit below both the web layer and the operations."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from portal.intake import answers

ROOT = Path(__file__).resolve().parents[2]


def test_each_question_has_a_form_with_exactly_its_answer_keys():
    from portal.public import journey

    for question in answers.QUESTIONS:
        step = journey.STEP_BY_SLUG[question.slug]
        assert set(journey.field_names(step)) == set(question.keys), question.slug


OPERATIONS = sorted(str(p.relative_to(ROOT)) for folder in ("portal/intake", "portal/casework")
                    for p in (ROOT / folder).glob("*.py"))


@pytest.mark.parametrize("module", OPERATIONS)
def test_operations_never_import_the_web_layer(module):
    for node in ast.walk(ast.parse((ROOT / module).read_text())):
        names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
            [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            if isinstance(node, ast.ImportFrom) else [])
        for name in names:
            assert not name.startswith(("portal.public", "staff", "advocacy")), f"{module} imports {name}"


def test_what_is_sent_drops_follow_ups_of_a_changed_choice():
    sent = answers.public_answers({"contact_method": "phone", "contact_email": "a@b.c", "contact_phone": "0123",
                                   "kind": "complaint", answers.DONE: ["start", "contact"]})
    assert sent == {"kind": "complaint", "contact_method": "phone", "contact_phone": "0123"}


@pytest.mark.parametrize(("kind", "own", "not_asked"), [
    ("complaint", {"details", "hopes", "advocate"}, {"wishes", "help", "advocate-choice"}),
    ("wishes_and_feelings", {"wishes"}, {"details", "hopes", "advocate", "help", "advocate-choice"}),
    ("advocacy_request", {"help", "advocate-choice"}, {"details", "hopes", "advocate", "wishes"}),
])
def test_each_kind_has_its_own_journey(kind, own, not_asked):
    slugs = {question.slug for question in answers.applicable({"kind": kind, "who_is_telling": "young_person"})}
    assert own <= slugs and not (not_asked & slugs)
    assert {"who", "name", "age", "contact", "interpreter", "about-you"} <= slugs


def test_an_advocacy_request_sends_preferences_only_for_an_advocate_we_find():
    base = {"kind": "advocacy_request", "advocate_gender": "woman", "advocate_language": "Arabic",
            "advocate_name": "Gran", "advocate_relationship": "my gran", answers.DONE: ["advocate-choice"]}
    sent = answers.public_answers({**base, "advocate": "independent"})
    assert sent["advocate_gender"] == "woman" and "advocate_name" not in sent
    sent = answers.public_answers({**base, "advocate": "own_choice"})
    assert sent["advocate_name"] == "Gran" and "advocate_gender" not in sent


def test_changing_the_kind_drops_the_other_journeys_answers():
    draft = {"kind": "advocacy_request", "what_happened": "x", "help_wanted": "y", answers.DONE: ["start"]}
    assert answers.public_answers(draft) == {"kind": "advocacy_request", "help_wanted": "y"}
