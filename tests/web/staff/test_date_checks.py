"""The date check the casework shares (``portal.casework.checks``) answers as each operation's own copy did.

Before the layout issue each operation wrote its own "not in the future, not before X" test. Each case
below runs the real operation with the dates around its limits, and holds its answer (the message on the
date's field, or none) to the rule its copy wrote, kept here as it was written.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest

from portal.casework import (
    advocacy,
    checks,
    common,
    enquiries,
    language_support,
    ombudsman,
    restrictions,
    stage2,
    triage,
)
from portal.procedure import AgreeStatement, RequestStage2, RespondStage1, StartStage2, uk_today
from portal.procedure.vocabulary import Outcome, Stage2Method

TODAY = uk_today()
LIMIT = TODAY - timedelta(days=10)  # the date an operation's date may not come before


def _grid(with_limit: bool) -> list[date]:
    days = [LIMIT - timedelta(days=1), LIMIT, TODAY - timedelta(days=1), TODAY, TODAY + timedelta(days=1),
            TODAY + timedelta(days=400)]
    return days if with_limit else [d for d in days if d != LIMIT - timedelta(days=1)]


def _message(run: Callable[[], Any], field: str | None) -> str | None:
    try:
        run()
    except common.CaseworkError as error:
        if field is None:
            return str(error)
        return error.problems.get(field)
    return None


# --- each copy's rule, as it was written -------------------------------------------------------------------

def _old_ombudsman_enquiry(on: date) -> str | None:
    return "Enter the date the Ombudsman enquired (not in the future)." if on is None or on > TODAY else None


def _old_after_enquiry(message: str) -> Callable[[date], str | None]:
    return lambda on: message if on is None or on < LIMIT or on > TODAY else None


def _old_report(on: date) -> str | None:
    if on is None or on < LIMIT or on > TODAY:
        return "The report is received on or after the statement was agreed, and not later than today."
    return None


def _old_told(told_on: date) -> str | None:
    if told_on < LIMIT or told_on > TODAY:
        return "The complainant is told on or after the day the extension is decided, and not later than today."
    return None


def _old_acknowledge(on: date) -> str | None:
    if on > TODAY:
        return "The date cannot be in the future."
    if on < LIMIT:
        return "The date cannot be before the concern was received."
    return None


def _old_future(message: str) -> Callable[[date], str | None]:
    return lambda on: message if on > TODAY else None


def _old_enquiry_response(on: date) -> str | None:
    if on > TODAY:
        return "The response date cannot be in the future."
    if on < LIMIT:
        return "The response date cannot be before the enquiry was received."
    return None


def _old_restriction_review(on: date) -> str | None:
    if on > TODAY:
        return "The review date cannot be in the future."
    if on < LIMIT:
        return "The review cannot be before the restriction started."
    return None


# --- each operation, run with one date -----------------------------------------------------------------------

@pytest.fixture
def officer(make_user):
    return make_user("crs_officer")


@pytest.fixture
def statutory_case(make_case, make_team):
    return lambda **kw: make_case(team=make_team(), received=LIMIT, **kw)


def _enquiry(statutory_case, officer, decided: bool = False):
    case = statutory_case()
    enquiry = ombudsman.record_ombudsman_enquiry(case, enquired_on=LIMIT, reference="", information_requested="",
                                                 information_due_on=None, actor=officer)
    if decided:
        ombudsman.record_ombudsman_decision(enquiry, decision="fault_injustice", decided_on=LIMIT, remedy="Apology",
                                            remedy_due_on=TODAY, public_report=False, actor=officer)
    return enquiry


def run_ombudsman_enquiry(on, *, statutory_case, officer, **_):
    return lambda: ombudsman.record_ombudsman_enquiry(statutory_case(), enquired_on=on, reference="",
                                                      information_requested="", information_due_on=None,
                                                      actor=officer)


def run_information_sent(on, *, statutory_case, officer, **_):
    enquiry = _enquiry(statutory_case, officer)
    return lambda: ombudsman.record_information_sent(enquiry, on=on, actor=officer)


def run_decision(on, *, statutory_case, officer, **_):
    enquiry = _enquiry(statutory_case, officer)
    return lambda: ombudsman.record_ombudsman_decision(enquiry, decision="no_fault", decided_on=on, remedy="",
                                                       remedy_due_on=None, public_report=False, actor=officer)


def run_remedy(on, *, statutory_case, officer, **_):
    enquiry = _enquiry(statutory_case, officer, decided=True)
    return lambda: ombudsman.record_remedy_completed(enquiry, on=on, actor=officer)


def run_report(on, *, statutory_case, officer, **_):
    case = statutory_case(events=(RespondStage1(on=LIMIT, outcome=Outcome.NOT_UPHELD), RequestStage2(on=LIMIT),
                                  StartStage2(on=LIMIT, method=Stage2Method.INVESTIGATION), AgreeStatement(on=LIMIT)))
    from portal.models import Appointment

    # Reg 17: the report waits for the investigating officer and the independent person (both appointed here).
    case.appointments += [Appointment(user_id=officer.id, role=role, stage=2, appointed_on=LIMIT, ends_on=TODAY)
                          for role in ("investigator", "independent_person")]
    return lambda: stage2.investigation_report_received(case, on=on, actor=officer)


def run_told(on, **_):
    return lambda: checks.check_told(on, LIMIT)


def run_acknowledge(on, *, make_case, officer, **_):
    case = make_case(route="safeguarding", received=LIMIT)
    return lambda: triage.acknowledge_referral(case, on=on, actor=officer)


def run_triage(on, *, make_submission, officer, **_):
    submission = make_submission(received=LIMIT)
    triage.claim(submission, actor=officer)
    decision = triage.TriageDecision(route=triage.Route.INFORMAL, on=on, reason="Wants help informally")
    return lambda: triage.triage(submission, decision, actor=officer)


def run_record_contact(on, *, officer, **_):
    contact = triage.RecordedContact(kind="complaint", channel="phone", received_on=on, who_is_telling="young_person",
                                     language="en", what_happened="My contact was cancelled.")
    return lambda: triage.record_contact(contact, actor=officer)


def run_enquiry_record(on, *, officer, **_):
    details = enquiries.EnquiryDetails(member_name="A Member", member_kind="mp", received_on=on,
                                       person_name="Sam Example", person_date_of_birth=None, about="Contact")
    return lambda: enquiries.record(details, actor=officer)


def run_enquiry_response(on, *, officer, **_):
    details = enquiries.EnquiryDetails(member_name="A Member", member_kind="mp", received_on=LIMIT,
                                       person_name="Sam Example", person_date_of_birth=None, about="Contact")
    enquiry = enquiries.record(details, actor=officer)
    return lambda: enquiries.respond(enquiry, on=on, response="We replied.", actor=officer)


def run_restriction_review(on, *, statutory_case, officer, **_):
    case = statutory_case()
    restriction = restrictions.record(case.complainant, restrictions.NewRestriction(
        restriction="One phone call a week", reason="Many calls a day", approved_by="Head of service",
        starts_on=LIMIT, review_on=TODAY + timedelta(days=30)), actor=officer)
    return lambda: restrictions.review(restriction, on=on, keep=False, next_review=None, reason="Calmer now",
                                       actor=officer)


def run_helpline(on, *, officer, **_):
    return lambda: advocacy.record_helpline(on=on, caller="young_person", method="phone", summary="Asked about money",
                                            outcome="advice_given", outcome_note=None, actor=officer)


def run_translation(on, *, make_submission, officer, **_):
    submission = make_submission()
    return lambda: language_support.record_support(submission, kind="translation", language="Arabic", on=on,
                                                   actor=officer)


def run_interpreter(on, *, make_submission, officer, **_):
    submission = make_submission()
    return lambda: language_support.record_support(submission, kind="interpreter_booked", language="Arabic", on=on,
                                                   actor=officer)


SITES = [
    # (operation, its field, does it take a "not before" date, its copy's rule)
    (run_ombudsman_enquiry, "enquired_on", False, _old_ombudsman_enquiry),
    (run_information_sent, "on", True,
     _old_after_enquiry("The information is sent on or after the enquiry, and not later than today.")),
    (run_decision, "decided_on", True,
     _old_after_enquiry("The decision is dated on or after the enquiry, and not later than today.")),
    (run_remedy, "on", True,
     _old_after_enquiry("The remedy is completed on or after the decision, and not later than today.")),
    (run_report, "on", True, _old_report),
    (run_told, "complainant_told_on", True, _old_told),
    (run_acknowledge, "on", True, _old_acknowledge),
    (run_triage, "on", False, _old_future("The date of the triage decision cannot be in the future.")),
    (run_record_contact, None, False, _old_future("The date received cannot be in the future.")),
    (run_enquiry_record, "received_on", False, _old_future("The date received cannot be in the future.")),
    (run_enquiry_response, "on", True, _old_enquiry_response),
    (run_restriction_review, "on", True, _old_restriction_review),
    (run_helpline, "on", False, _old_future("The date of the contact cannot be in the future.")),
    (run_translation, "on", False,
     _old_future("A translation cannot be made in the future: enter today's date or an earlier one.")),
    (run_interpreter, "on", False, lambda on: None),  # an interpreter is booked ahead: any date
]


@pytest.mark.parametrize(("run", "field", "with_limit", "old_rule"), SITES, ids=lambda v: getattr(v, "__name__", ""))
def test_the_shared_check_answers_as_each_copy_did(run, field, with_limit, old_rule, session, officer,
                                                   statutory_case, make_case, make_submission):
    for on in _grid(with_limit):
        operation = run(on, statutory_case=statutory_case, make_case=make_case, make_submission=make_submission,
                        officer=officer)
        assert _message(operation, field) == old_rule(on), (run.__name__, on)
        session.rollback()


def test_a_missing_date_is_named_before_anything_else():
    assert checks.date_problem(None, not_before=LIMIT) == checks.MISSING
    assert checks.date_problem(TODAY + timedelta(days=1), not_before=TODAY + timedelta(days=5)) == checks.FUTURE
    assert checks.date_problem(LIMIT - timedelta(days=1), not_before=LIMIT) == checks.EARLY
    assert checks.date_problem(TODAY + timedelta(days=3), future_allowed=True) is None
    assert checks.date_error(None, {checks.MISSING: "Enter it.", checks.FUTURE: "Not tomorrow."}) == "Enter it."
    assert checks.date_error(LIMIT - timedelta(days=1), {checks.MISSING: "Enter it."}, not_before=LIMIT) == "Enter it."
