"""The front door's answers sit below both the web layer and the operations."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from portal import answers

ROOT = Path(__file__).resolve().parents[2]


def test_each_question_has_a_form_with_exactly_its_answer_keys():
    from portal.public import journey

    for question in answers.QUESTIONS:
        step = journey.STEP_BY_SLUG[question.slug]
        assert set(journey.field_names(step)) == set(question.keys), question.slug


@pytest.mark.parametrize("module", ["portal/intake.py", "portal/casework.py", "portal/answers.py"])
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
