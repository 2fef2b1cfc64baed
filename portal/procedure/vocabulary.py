"""The procedure's words: routes, kinds of submission, outcomes, findings, statuses.

String enums, so the Flask side stores the ``.value`` in a plain column and gets the member back with
``Route(value)``. The words are the service's own (see DOMAIN.md, "Words that matter").
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

__all__ = [
    "CaseStatus",
    "Finding",
    "Kind",
    "Outcome",
    "Route",
    "Stage2Method",
    "Standing",
    "needs_sufficient_interest",
    "outcome_contradicts",
    "overall_outcome",
    "status_for_route",
]


class Route(StrEnum):
    """Where triage sends a submission (every submission is triaged by the Children's Rights Service)."""

    STATUTORY = "statutory"  # a Children Act complaint: stage 1, the responsible team's manager
    SAFEGUARDING = "safeguarding"  # a concern about a child's safety: referred, not a complaint
    NOT_CHILDREN_ACT = "not_children_act"  # e.g. private court proceedings: told the right route
    INFORMAL = "informal"  # wishes and feelings / help without a formal complaint: advocacy helpdesk
    ENQUIRY = "enquiry"  # MP or Councillor enquiry: the enquiry process
    DUPLICATE = "duplicate"  # the same matter as an existing case: linked, not counted twice


class Kind(StrEnum):
    """What came through the front door (before triage decides what it is)."""

    COMPLAINT = "complaint"
    WISHES_AND_FEELINGS = "wishes_and_feelings"
    ADVOCACY_REQUEST = "advocacy_request"
    MP_ENQUIRY = "mp_enquiry"
    COUNCILLOR_ENQUIRY = "councillor_enquiry"


class Outcome(StrEnum):
    """The outcome recorded for a stage. "Unknown" is the absence of one (``None``), never a value:
    the annual report must show unknowns, not hide them behind a default."""

    UPHELD = "upheld"  # fault found
    PARTLY_UPHELD = "partly_upheld"  # some fault found
    NOT_UPHELD = "not_upheld"  # no fault found
    NOT_APPLICABLE = "not_applicable"  # resolved another way, alternative route, or withdrawn


class Finding(StrEnum):
    """The finding on one point of a complaint."""

    UPHELD = "upheld"
    PARTLY_UPHELD = "partly_upheld"
    NOT_UPHELD = "not_upheld"


class Standing(StrEnum):
    """Who the complainant is to the child. Under s26(3) Children Act 1989 the child, a parent, a person
    with parental responsibility and a local authority foster parent may complain as of right; so do the
    people in s3(1) of the Adoption and Children Act 2002 (such as prospective adopters) about adoption
    support and related functions (s26(3B)), and a child under a special guardianship order, a special
    guardian or a parent of such a child about special guardianship support (s26(3C)). Anyone else needs
    the council's decision that they have sufficient interest in the child's welfare."""

    CHILD = "child"
    PARENT = "parent"
    PARENTAL_RESPONSIBILITY = "parental_responsibility"
    FOSTER_CARER = "foster_carer"  # a local authority foster parent
    ADOPTION = "adoption"  # s3(1) ACA 2002 (adopters, prospective adopters, adopted people, birth families)
    SPECIAL_GUARDIANSHIP = "special_guardianship"  # special guardian, a parent of the child, or the child
    OTHER = "other"


def needs_sufficient_interest(standing: Standing) -> bool:
    """Only someone who does not complain as of right needs a sufficient-interest decision."""
    return Standing(standing) is Standing.OTHER


class Stage2Method(StrEnum):
    """How a stage 2 request is answered (table 12 counts each)."""

    INVESTIGATION = "investigation"  # independent investigator + independent person (reg 17)
    MANAGEMENT_REVIEW = "management_review"
    MEDIATION = "mediation"


class CaseStatus(StrEnum):
    """Where a submission stands. Deadlines are never stored; they are derived from the dates."""

    AWAITING_TRIAGE = "awaiting_triage"
    DEFERRED = "deferred"  # consideration paused under reg 8; the stage clock stops
    STAGE1 = "stage1"  # local resolution in progress
    STAGE1_RESPONDED = "stage1_responded"
    STAGE2_REQUESTED = "stage2_requested"  # awaiting a decision on a late request, or on how to answer
    STAGE2 = "stage2"  # investigation, management review or mediation in progress
    STAGE2_RESPONDED = "stage2_responded"  # adjudication sent
    STAGE3_REQUESTED = "stage3_requested"
    STAGE3 = "stage3"  # review panel appointed (held, report, council's response)
    STAGE3_RESPONDED = "stage3_responded"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"
    NOT_APPLICABLE = "not_applicable"  # ended by an alternative route or resolved another way
    NOT_CHILDREN_ACT = "not_children_act"  # triaged out, still recorded as a complaint in the report
    REFERRED = "referred"  # safeguarding referral, not a complaint
    RESOLVED_INFORMALLY = "resolved_informally"  # advocacy helpdesk
    LINKED = "linked"  # duplicate of an existing case
    ENQUIRY = "enquiry"  # MP / Councillor enquiry process


_ROUTE_STATUS = {
    Route.STATUTORY: CaseStatus.STAGE1,
    Route.SAFEGUARDING: CaseStatus.REFERRED,
    Route.NOT_CHILDREN_ACT: CaseStatus.NOT_CHILDREN_ACT,
    Route.INFORMAL: CaseStatus.RESOLVED_INFORMALLY,
    Route.ENQUIRY: CaseStatus.ENQUIRY,
    Route.DUPLICATE: CaseStatus.LINKED,
}

def status_for_route(route: Route) -> CaseStatus:
    """The status a triage (or a recorded correction) to ``route`` leads to."""
    return _ROUTE_STATUS[Route(route)]


def overall_outcome(findings: Iterable[Finding]) -> Outcome | None:
    """Suggest a stage outcome from the per-point findings.

    All upheld -> upheld; none upheld (even partly) -> not upheld; anything else -> partly upheld;
    no findings -> None (the outcome stays unknown until someone records one).
    """
    found = {Finding(f) for f in findings}
    if not found:
        return None
    if found == {Finding.UPHELD}:
        return Outcome.UPHELD
    if found == {Finding.NOT_UPHELD}:
        return Outcome.NOT_UPHELD
    return Outcome.PARTLY_UPHELD


def outcome_contradicts(outcome: Outcome, findings: Iterable[Finding]) -> bool:
    """True when a stage outcome says something the per-point findings do not: every point upheld is
    "upheld", none upheld (even partly) is "not upheld", anything between is "partly upheld"; with no
    findings there is nothing to contradict."""
    expected = overall_outcome(findings)
    return expected is not None and Outcome(outcome) is not expected
