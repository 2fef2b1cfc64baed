"""Events' own checks, the vocabulary, deadline reading, and the package's purity."""

import ast
from datetime import date, datetime
from pathlib import Path

import pytest

from portal.procedure import (
    CaseStatus,
    CorrectTriage,
    DecideLateRequest,
    Defer,
    ExtendStage1,
    ExtendStage2,
    Finding,
    InvalidEvent,
    Kind,
    MarkNotApplicable,
    Outcome,
    ProcedureError,
    RespondStage1,
    ReviewDeferral,
    Route,
    Stage2Method,
    StartStage2,
    Triage,
    Withdraw,
    is_overdue,
    overall_outcome,
    status_for_route,
    working_days_left,
)

ON = date(2024, 3, 5)


# --- events ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda r: ExtendStage1(ON, r),
        lambda r: MarkNotApplicable(ON, r),
        lambda r: CorrectTriage(ON, Route.INFORMAL, r),
        lambda r: Defer(ON, ON, r),
        lambda r: ExtendStage2(ON, 40, r),
    ],
)
@pytest.mark.parametrize("reason", ["", "   ", None, 42])
def test_reasons_are_required(make, reason):
    with pytest.raises(InvalidEvent, match="needs a reason"):
        make(reason)


def test_reasons_are_stripped():
    assert ExtendStage1(ON, "  Complex case \n").reason == "Complex case"


def test_invalid_event_is_a_value_error():
    assert issubclass(InvalidEvent, ProcedureError) and issubclass(InvalidEvent, ValueError)


@pytest.mark.parametrize("on", [datetime(2024, 3, 5, 9, 0), "2024-03-05", None])
def test_dates_must_be_dates(on):
    with pytest.raises(InvalidEvent, match="must be a date"):
        Withdraw(on)


def test_other_date_fields_are_checked_too():
    with pytest.raises(InvalidEvent, match="review_date must be a date"):
        ReviewDeferral(ON, datetime(2024, 4, 1, 12, 0))


def test_enum_fields_accept_their_values_and_refuse_others():
    assert Triage(ON, "enquiry").route is Route.ENQUIRY
    assert RespondStage1(ON, "partly_upheld").outcome is Outcome.PARTLY_UPHELD
    assert StartStage2(ON, "management_review").method is Stage2Method.MANAGEMENT_REVIEW
    with pytest.raises(InvalidEvent, match="'maybe' is not a known value"):
        RespondStage1(ON, "maybe")
    with pytest.raises(InvalidEvent, match="Triage.route"):
        Triage(ON, "stage9")


def test_review_dates_cannot_precede_the_event():
    with pytest.raises(InvalidEvent, match="review date cannot be before"):
        Defer(ON, date(2024, 3, 4), "Court")
    with pytest.raises(InvalidEvent, match="next review date cannot be before"):
        ReviewDeferral(ON, date(2024, 3, 4))
    assert Defer(ON, ON, "Court").review_date == ON


def test_decide_late_request_needs_a_boolean():
    with pytest.raises(InvalidEvent, match="True or False"):
        DecideLateRequest(ON, "yes")


@pytest.mark.parametrize("to", [25, 66, 0, -1])
def test_stage2_extension_range(to):
    with pytest.raises(InvalidEvent, match="more than 25 and at most 65"):
        ExtendStage2(ON, to, "Reason")


@pytest.mark.parametrize("to", [True, "40", 40.0])
def test_stage2_extension_is_a_whole_number(to):
    with pytest.raises(InvalidEvent, match="whole number"):
        ExtendStage2(ON, to, "Reason")


def test_stage2_extension_bounds_accepted():
    assert ExtendStage2(ON, 26, "r").to == 26
    assert ExtendStage2(ON, 65, "r").to == 65


def test_events_are_frozen_values():
    assert Withdraw(ON) == Withdraw(ON)
    with pytest.raises(AttributeError):
        Withdraw(ON).on = date(2024, 3, 6)


# --- vocabulary -----------------------------------------------------------------------------------


def test_enum_values_are_exact():
    assert [r.value for r in Route] == [
        "statutory", "safeguarding", "not_children_act", "informal", "enquiry", "duplicate",
    ]  # fmt: skip
    assert [k.value for k in Kind] == [
        "complaint", "wishes_and_feelings", "advocacy_request", "mp_enquiry", "councillor_enquiry",
    ]  # fmt: skip
    assert [o.value for o in Outcome] == ["upheld", "partly_upheld", "not_upheld", "not_applicable"]
    assert [f.value for f in Finding] == ["upheld", "partly_upheld", "not_upheld"]
    assert [m.value for m in Stage2Method] == ["investigation", "management_review", "mediation"]
    assert {s.value for s in CaseStatus} == {
        "awaiting_triage", "deferred", "stage1", "stage1_responded", "stage2_requested", "stage2",
        "stage2_responded", "stage3_requested", "stage3", "stage3_responded", "closed", "withdrawn",
        "not_applicable", "not_children_act", "referred", "resolved_informally", "linked", "enquiry",
    }  # fmt: skip
    assert CaseStatus.STAGE1 == "stage1"  # str enums compare with their stored values


@pytest.mark.parametrize(
    ("findings", "expected"),
    [
        ([], None),
        ([Finding.UPHELD], Outcome.UPHELD),
        ([Finding.UPHELD, Finding.UPHELD], Outcome.UPHELD),
        ([Finding.NOT_UPHELD, Finding.NOT_UPHELD], Outcome.NOT_UPHELD),
        ([Finding.UPHELD, Finding.NOT_UPHELD], Outcome.PARTLY_UPHELD),
        ([Finding.PARTLY_UPHELD], Outcome.PARTLY_UPHELD),
        ([Finding.NOT_UPHELD, Finding.PARTLY_UPHELD], Outcome.PARTLY_UPHELD),
        (["upheld", "upheld"], Outcome.UPHELD),
        (iter([Finding.NOT_UPHELD]), Outcome.NOT_UPHELD),
    ],
)
def test_overall_outcome(findings, expected):
    assert overall_outcome(findings) is expected


def test_overall_outcome_refuses_unknown_findings():
    with pytest.raises(ValueError):
        overall_outcome(["not_applicable"])


def test_status_for_route():
    assert status_for_route("duplicate") is CaseStatus.LINKED
    assert status_for_route(Route.STATUTORY) is CaseStatus.STAGE1


# --- reading a deadline against today -------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "left", "overdue"),
    [
        (date(2024, 3, 1), 5, False),  # the Friday before
        (date(2024, 3, 7), 1, False),
        (date(2024, 3, 8), 0, False),  # the due day itself
        (date(2024, 3, 9), 0, False),  # the Saturday after: still within n working days
        (date(2024, 3, 10), 0, False),
        (date(2024, 3, 11), -1, True),  # the first working day late
        (date(2024, 3, 15), -5, True),
    ],
)
def test_working_days_left(today, left, overdue):
    due = date(2024, 3, 8)  # a Friday
    assert working_days_left(due, today) == left
    assert is_overdue(due, today) is overdue


def test_working_days_left_over_easter():
    assert working_days_left(date(2024, 4, 2), date(2024, 3, 28)) == 1


# --- purity ---------------------------------------------------------------------------------------

PACKAGE = Path(__file__).resolve().parents[3] / "portal" / "procedure"
ALLOWED_TOP = {"__future__", "bisect", "collections", "dataclasses", "datetime", "enum", "functools",
               "typing", "zoneinfo", "holidays", "dateutil", "portal", "re", "unicodedata"}  # fmt: skip


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_the_package_imports_no_flask_or_database(path):
    """Pure rules: stdlib, holidays/dateutil, and only portal.procedure itself."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            names = [node.module or ""]
        else:
            continue
        for name in names:
            assert name.split(".")[0] in ALLOWED_TOP, f"{path.name} imports {name}"
            if name.startswith("portal"):
                assert name.startswith("portal.procedure"), f"{path.name} imports {name}"
