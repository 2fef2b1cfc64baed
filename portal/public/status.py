"""A submission's status in plain words, with the dates that matter, for the tracking page."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from portal.intake import submissions
from portal.models import Case, Submission
from portal.procedure import CaseStatus, uk_today
from portal.templating import plain_date


@dataclass
class Status:
    heading: str
    lines: list[str] = field(default_factory=list)
    finished: bool = False
    escalation_deadline: date | None = None
    escalation_late: bool = False
    # The council's final answer has been given: the page says how to go to the Ombudsman.
    ombudsman: bool = False


# What they sent, in their language and in words about them ("You made a complaint"): the staff
# area's labels (portal.rendering.labels) are English and in the staff domain.
SENT = {
    "complaint": _l("You made a complaint"),
    "wishes_and_feelings": _l("You told us how you feel or what you want"),
    "advocacy_request": _l("You asked for an advocate"),
}


def what_was_sent(kind: str) -> str:
    return str(SENT.get(kind, SENT["complaint"]))


# A wishes-and-feelings contact passed on at triage (Case.wishes_action): who has it now.
_PASSED_TO = {
    "social_worker": _l("We gave what you told us to your social worker."),
    "team": _l("We gave what you told us to the team that can do something about it."),
    "iro": _l("We gave what you told us to your independent reviewing officer (the person who checks your "
              "care plan)."),
}


# Statuses whose words depend on no date: (heading, lines, finished).
_FIXED = {
    CaseStatus.STAGE3_RESPONDED: (_l("You have had the council's final answer"), [
        _l("If you are still not happy, you can ask the Local Government and Social Care Ombudsman to look at it."),
    ], True),
    CaseStatus.WITHDRAWN: (_l("You withdrew this"), [
        _l("We will not do anything more with it. If you change your mind, you can tell us again at any time."),
    ], True),
    CaseStatus.REFERRED: (_l("We passed this on to keep you safe"), [
        _l("A team whose job is to keep children safe is dealing with it. Someone will be in touch."),
    ], False),
    CaseStatus.NOT_CHILDREN_ACT: (_l("We cannot deal with this as a complaint here"), [
        _l("We will tell you, or have told you, who can help with it."),
    ], True),
    CaseStatus.RESOLVED_INFORMALLY: (_l("We are helping to sort this out"), [
        _l("Our advocacy team is helping with this, without a formal complaint."),
    ], False),
    CaseStatus.LINKED: (_l("We are dealing with this together with something else"), [
        _l("It is about the same thing as something we already have, so we are dealing with them together."),
    ], False),
    CaseStatus.ENQUIRY: (_l("We are dealing with this"), [], False),
}


# Who looks at a complaint at stage 2, by how the request is answered.
_STAGE2_WHO = {
    None: _l("Someone independent is looking into your complaint."),
    "investigation": _l("Someone independent is looking into your complaint."),
    "management_review": _l("A senior manager is looking at your complaint again."),
    "mediation": _l("Someone independent will help you and the council talk it through."),
}


def _fixed(status: CaseStatus) -> Status:
    heading, lines, finished = _FIXED[status]
    return Status(str(heading), [str(line) for line in lines], finished=finished,
                  ombudsman=status is CaseStatus.STAGE3_RESPONDED)


def _wishes(case: Case) -> Status:
    """A wishes-and-feelings contact (or a complaint sorted out informally): words that match what
    triage did with it."""
    if case.wishes_action in _PASSED_TO:
        lines = [str(_PASSED_TO[case.wishes_action])]
        if case.wishes_act_by:
            lines.append(_("They should do something about it by %(date)s. If they do not, tell us here.",
                           date=plain_date(case.wishes_act_by)))
        else:
            lines.append(_("They will be in touch with you."))
        return Status(_("We passed on what you told us"), lines)
    if case.kind == "wishes_and_feelings":
        return Status(_("We are helping to sort this out"), [
            _("We are helping to sort this out with you, without a formal complaint."),
        ])
    return _fixed(CaseStatus.RESOLVED_INFORMALLY)


def describe(submission: Submission, case: Case | None) -> Status:
    if case is None:
        if submission.status == "withdrawn":
            return _fixed(CaseStatus.WITHDRAWN)
        by = plain_date(submissions.first_contact_by(submission))
        if submission.answers.get("contact_method") == "none":
            # They asked not to be contacted: no "in the way you chose".
            return Status(_("We have received it"), [
                _("Someone will read it by %(date)s. You asked us not to contact you, so check here for our "
                  "messages.", date=by),
            ])
        return Status(_("We have received it"), [
            _("Someone will read it and get in touch by %(date)s, in the way you chose.", date=by),
        ])
    state = case.procedure
    status = CaseStatus(case.status)
    if status is CaseStatus.AWAITING_TRIAGE:
        return describe(submission, None)
    if status is CaseStatus.RESOLVED_INFORMALLY:
        return _wishes(case)
    if status is CaseStatus.STAGE1 and state.stage2_referred_back:
        return Status(_("We are looking into your complaint"), [
            _("We asked the manager to give you a fuller answer. We will tell you when it is ready."),
        ])
    if status is CaseStatus.STAGE1:
        lines = [_("A manager is looking into your complaint.")]
        if state.stage1_due:
            lines.append(_("They should answer by %(date)s.", date=plain_date(state.stage1_due)))
        return Status(_("We are looking into your complaint"), lines)
    if status is CaseStatus.DEFERRED:
        return Status(_("We have had to pause your complaint"), [
            _("Something else has to happen first, for example in a court. We will tell you when we start "
              "again."),
        ])
    if status in (CaseStatus.STAGE1_RESPONDED, CaseStatus.STAGE2_RESPONDED):
        deadline = state.escalation_deadline
        late = deadline is not None and uk_today() > deadline
        # A letter written in the portal is on the tracking page, under this; one sent another way
        # (recorded before letters were, or imported) is not.
        answered_stage = 1 if status is CaseStatus.STAGE1_RESPONDED else 2
        lines = [_("Our answer is below.") if case.letter(answered_stage) else _("We have sent you our answer.")]
        if deadline and not late:
            lines.append(_("If you are not happy with it, you can ask us to look at it again. Ask by %(date)s.",
                           date=plain_date(deadline)))
        elif deadline:
            lines.append(_("The time to ask us to look at it again ended on %(date)s. You can still ask: we "
                           "will decide if we can, and tell you.", date=plain_date(deadline)))
        return Status(_("We have answered"), lines, escalation_deadline=deadline, escalation_late=late)
    if status is CaseStatus.STAGE2_REQUESTED:
        lines = [_("We will tell you what happens next.")]
        # The Ombudsman's clock runs from the request: the date the answer is due unless a late request
        # is still being decided.
        if state.stage2_due and not (state.stage2_request_late and state.stage2_late_accepted is None):
            lines.append(_("You should have an answer by %(date)s. If it takes longer, we will tell you why.",
                           date=plain_date(state.stage2_due)))
        return Status(_("You asked us to look at it again"), lines)
    if status is CaseStatus.STAGE2:
        lines = [str(_STAGE2_WHO.get(state.stage2_method, _STAGE2_WHO[None]))]
        # The date the complainant was given: the guidance's clock once the statement is agreed (and
        # the new date after an extension), until then the clock from the request.
        due = state.stage2_due
        if due and state.stage2_extended_to:
            lines.append(_("It is taking longer than usual. We told you why. You should have an answer by "
                           "%(date)s.", date=plain_date(due)))
        elif due:
            lines.append(_("You should have an answer by %(date)s. If it takes longer, we will tell you why.",
                           date=plain_date(due)))
        return Status(_("Your complaint is being investigated"), lines)
    if status is CaseStatus.STAGE3_REQUESTED:
        lines = [_("We will tell you what happens next.")]
        if state.panel_due and not (state.stage3_request_late and state.stage3_late_accepted is None):
            lines.append(_("The panel should meet by %(date)s.", date=plain_date(state.panel_due)))
        return Status(_("You asked for a review panel"), lines)
    if status is CaseStatus.STAGE3:
        lines = [_("A review panel of independent people will look at your complaint.")]
        if state.panel_held is None:
            if state.panel_due:
                lines.append(_("The panel should meet by %(date)s.", date=plain_date(state.panel_due)))
            lines.append(_("Your advocate can come to the panel with you."))
        elif state.panel_report_sent is None:
            lines.append(_("The panel met on %(date)s. It will send you its report by %(report)s.",
                           date=plain_date(state.panel_held), report=plain_date(state.panel_report_due)))
        else:
            lines.append(_("The panel has sent its report. The council will answer by %(date)s.",
                           date=plain_date(state.stage3_response_due)))
        return Status(_("A review panel is looking at your complaint"), lines)
    if status in _FIXED:
        return _fixed(status)
    return Status(_("This is finished"), [], finished=True)
