"""Whatever arrives in a form (any script, control characters, huge or missing values, wrong types),
the front door answers with a page or a redirect, never a server error, and keeps nothing half-done.

``make test`` runs a small profile; ``make test-all`` runs the thorough one (HYPOTHESIS_PROFILE).
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from portal_testing import CheckingClient
from public_helpers import STEP_DATA, Journey, reference_from, text_of

from portal.public.journey import STEPS

# Each example is a whole request: a few per step in make test, many in make test-all.
EXAMPLES = 300 if os.environ.get("HYPOTHESIS_PROFILE") == "thorough" else 12

ANY_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=400),
    st.sampled_from(["", " ", "\r\n", "0", "-1", "99999", "2026-02-30", "<script>x</script>", "%(x)s",
                     "\u202e\u2066", "😢" * 50, "ሰላም", "سلام", "x" * 6000]),
)


def _fields(slug: str) -> list[str]:
    step = next(step for step in STEPS if step.slug == slug)
    form = step.form(meta={"csrf": False})
    return [name for name in form._fields if name not in ("csrf_token", "submit")]


@pytest.mark.parametrize("slug", [step.slug for step in STEPS])
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=EXAMPLES)
@given(data=st.data())
def test_any_answer_to_any_step_gets_a_page_never_an_error(app, slug, data):
    from portal.extensions import limiter

    limiter.reset()  # hundreds of journeys from one address in a minute is the test, not a person
    journey = Journey(CheckingClient(app, app.response_class, use_cookies=True))
    journey.step("start", {"kind": "complaint"})
    values = {name: data.draw(ANY_TEXT, label=name) for name in _fields(slug)
              if data.draw(st.booleans(), label=f"send {name}")}
    response = journey.step(slug, values)
    assert response.status_code in (200, 303, 400, 413), response.status_code
    assert "Sorry, there is a problem with the service" not in response.get_data(as_text=True)


@pytest.mark.slow
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow], max_examples=150)
@given(data=st.data())
def test_a_whole_journey_of_odd_but_valid_text_is_stored_exactly(app, session, data):
    """Free text in any script survives the round trip exactly (line endings normalised to LF)."""
    from sqlalchemy import select

    from portal.extensions import limiter
    from portal.models import Submission

    text = data.draw(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
                             min_size=1, max_size=300).filter(lambda t: t.strip()))
    limiter.reset()  # one person sending many times an hour is what the limit stops; here it is the test
    journey = Journey(CheckingClient(app, app.response_class, use_cookies=True))
    journey.fill(details={**STEP_DATA["details"], "what_happened": text})
    journey.send()
    reference = reference_from(text_of(journey.client.get("/tell-us/thank-you")))
    stored = session.scalar(select(Submission).where(Submission.reference == reference))
    assert stored.answers["what_happened"] == text.replace("\r\n", "\n")
