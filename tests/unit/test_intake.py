"""The pure parts of the front door: the journey's steps and the derived first tracking code."""

from __future__ import annotations

import math

import pytest

from portal.intake import codes
from portal.public import journey


def test_steps_that_apply_depend_on_the_answers():
    slugs = [step.slug for step in journey.applicable({"who_is_telling": "young_person", "contact_method": "none"})]
    assert "you" not in slugs and "contact-safety" not in slugs
    slugs = [step.slug for step in journey.applicable({"who_is_telling": "professional", "contact_method": "text"})]
    assert "you" in slugs and "contact-safety" in slugs


def test_next_step_goes_back_to_check_once_reached():
    answers = {"who_is_telling": "young_person", journey.DONE: [s.slug for s in journey.STEPS],
               journey.REACHED_CHECK: True}
    assert journey.next_slug(answers, "details") == journey.CHECK
    assert journey.next_slug({**answers, "who_is_telling": "helper", journey.DONE: ["start", "who"]}, "who") \
        == "you"


def test_public_answers_drop_bookkeeping_and_stale_follow_ups():
    answers = {"kind": "complaint", "contact_method": "phone", "contact_phone": "07700 900982",
               "contact_email": "old@example.com", journey.DONE: ["start"], "young_person_name": "Sam",
               "name_withheld": True}
    result = journey.public_answers(answers)
    assert result == {"kind": "complaint", "contact_method": "phone", "contact_phone": "07700 900982",
                      "name_withheld": True}


@pytest.fixture
def app_context(app):
    with app.app_context():
        yield


def test_the_first_code_is_derived_from_the_journey_key(app_context):
    from portal.intake import submissions

    first = submissions.tracking_code_for("key-one")
    assert first == submissions.tracking_code_for("key-one") != submissions.tracking_code_for("key-two")
    assert len(codes.normalise(first)) == codes.TRACKING_CODE_LENGTH == 12
    assert codes.normalise(first).isdigit()  # digits: the same in every script (decision 0009)
    assert first.count("-") == 2  # shown in three groups of four
    assert codes.TRACKING_CODE_LENGTH * math.log2(len(codes.DIGITS)) > 39.8


def test_random_codes_look_random(app_context):
    from portal.intake import submissions

    seen = {submissions.tracking_code_for(str(n)) for n in range(2000)}
    assert len(seen) == 2000
    letters = "".join(codes.normalise(code) for code in seen)
    # every digit is used, none wildly more than another
    counts = [letters.count(ch) for ch in codes.DIGITS]
    assert min(counts) > 0.85 * len(letters) / len(codes.DIGITS)
