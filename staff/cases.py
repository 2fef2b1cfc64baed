"""The case page and its actions, each offered only when the procedure allows it.

The actions that are a date, a reason or a choice share one view (:class:`CaseActionView`), driven by
the :data:`CASE_ACTIONS` table: its form, the permission it needs, when it is offered, and the
operation it calls. The stage 1 response has a screen of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.views import MethodView
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from sqlalchemy import select

from portal.access import visible_case, visible_cases
from portal.casework import (
    closing,
    common,
    deferral,
    next_stage,
    responses,
    stage1,
    stage2,
    triage,
    young_persons_words,
)
from portal.db import db
from portal.models import Case, CorrectiveActionType, ResolutionCategory
from portal.permissions import CASES_MANAGE, STAFF_AREA, STAGE1_RESPOND, has_permission, requires
from portal.procedure import (
    Close,
    CorrectTriage,
    DecideLateRequest,
    Defer,
    Event,
    ExtendStage1,
    ExtendStage2,
    MarkNotApplicable,
    RespondStage1,
    Resume,
    ReviewDeferral,
    Route,
    Withdraw,
    allowed_events,
    is_overdue,
    uk_today,
    working_days_left,
)
from staff import queries
from staff.blueprint import bp
from staff.forms import FINDINGS, ButtonForm, DateOnlyForm, choices, put_errors, put_response_errors
from staff.forms.case_actions import (
    CorrectTriageForm,
    DeferForm,
    ExtensionForm,
    LateRequestForm,
    ReasonForm,
    RequestForm,
    ReviewDeferralForm,
    Stage1ResponseForm,
    Stage2ExtensionForm,
)


@dataclass(frozen=True)
class CaseAction:
    """One thing staff can record on a case: where it lives, who may, when, and what it does."""

    endpoint: str  # "staff.<endpoint>"
    path: str  # under /staff/cases/<id>/
    label: Any  # link text and page title
    permission: str
    form: type[FlaskForm]
    perform: Callable[[Case, Any], object]
    event: type[Event] | None = None  # offered when the procedure allows this event now
    offered: Callable[[Case], bool] | None = None  # or when this says so (not a procedure event)
    prepare: Callable[[Any, Case], None] | None = None  # fills choices that come from the database

    def available(self, case: Case) -> bool:
        if self.event is not None:
            return self.event in allowed_events(case.procedure)
        return self.offered is not None and self.offered(case)


def _by(user: Any) -> dict[str, Any]:
    return {"actor": user}


CASE_ACTIONS: tuple[CaseAction, ...] = (
    CaseAction("extend_stage1", "extend", _l("Extend stage 1 to 20 working days"), STAGE1_RESPOND, ExtensionForm,
               lambda case, f: stage1.extend_stage1(case, on=f.on.data, reason=f.reason.data,
                                                      complainant_told_on=f.complainant_told_on.data,
                                                      **_by(current_user)),
               event=ExtendStage1),
    CaseAction("record_request", "next-stage-request", _l("Record a request for the next stage (letter, phone, "
                                                          "email)"), CASES_MANAGE, RequestForm,
               lambda case, f: next_stage.record_next_stage_request(case, on=f.on.data, channel=f.channel.data,
                                                                  **_by(current_user)),
               offered=lambda case: next_stage.next_stage_event(case) is not None),
    CaseAction("late_request", "late-request", _l("Decide on the late request"), CASES_MANAGE, LateRequestForm,
               lambda case, f: next_stage.decide_late_request(case, on=f.on.data, accept=f.accept.data == "yes",
                                                            **_by(current_user)),
               event=DecideLateRequest),
    CaseAction("extend_stage2", "extend-stage-2", _l("Extend stage 2 (26 to 65 working days)"), CASES_MANAGE,
               Stage2ExtensionForm,
               lambda case, f: stage2.extend_stage2(case, on=f.on.data, to=f.to.data, reason=f.reason.data,
                                                      complainant_told_on=f.complainant_told_on.data,
                                                      **_by(current_user)),
               event=ExtendStage2),
    CaseAction("defer", "defer", _l("Defer (court proceedings or criminal investigation)"), CASES_MANAGE,
               DeferForm,
               lambda case, f: deferral.defer(case, on=f.on.data, review_date=f.review_date.data,
                                              reason=f.reason.data, **_by(current_user)),
               event=Defer),
    CaseAction("review_deferral", "review-deferral", _l("Review the deferral (keep it, with a new review date)"),
               CASES_MANAGE, ReviewDeferralForm,
               lambda case, f: deferral.review_deferral(case, on=f.on.data, review_date=f.review_date.data,
                                                        **_by(current_user)),
               event=ReviewDeferral),
    CaseAction("resume", "resume", _l("Resume consideration"), CASES_MANAGE, DateOnlyForm,
               lambda case, f: deferral.resume(case, on=f.on.data, **_by(current_user)), event=Resume),
    CaseAction("close", "close", _l("Close the case"), CASES_MANAGE, DateOnlyForm,
               lambda case, f: closing.close(case, on=f.on.data, **_by(current_user)), event=Close),
    CaseAction("not_applicable", "not-applicable", _l("Mark not applicable (alternative route)"), CASES_MANAGE,
               ReasonForm,
               lambda case, f: closing.mark_not_applicable(case, on=f.on.data, reason=f.reason.data,
                                                            **_by(current_user)),
               event=MarkNotApplicable),
    CaseAction("correct_triage", "correct-triage", _l("Correct the triage route"), CASES_MANAGE, CorrectTriageForm,
               lambda case, f: triage.correct_triage(case, route=Route(f.route.data), on=f.on.data,
                                                       reason=f.reason.data, **_by(current_user)),
               event=CorrectTriage),
    CaseAction("withdraw", "withdraw", _l("Record that it was withdrawn"), CASES_MANAGE, DateOnlyForm,
               lambda case, f: closing.withdraw(case, on=f.on.data, **_by(current_user)), event=Withdraw),
    CaseAction("acknowledge_referral", "referral-picked-up", _l("Record that the team has picked up the referral"),
               CASES_MANAGE, DateOnlyForm,
               lambda case, f: triage.acknowledge_referral(case, on=f.on.data, **_by(current_user)),
               offered=triage.referral_waiting),
)

# Actions other modules add (staff.stages: stages 2 and 3, the Ombudsman), offered after these.
EXTRA_ACTIONS: list[CaseAction] = []


# Other links (screens of their own) offered on the case page: (case) -> [(href, label)], and extra
# template values for the case page: name -> (case, today) -> value.
EXTRA_LINKS: list[Callable[[Case], list[tuple[str, Any]]]] = []
CASE_PAGE_EXTRAS: dict[str, Callable[[Case, Any], Any]] = {}


def all_actions() -> list[CaseAction]:
    return [*CASE_ACTIONS, *EXTRA_ACTIONS]


# What the case page calls the deadline that matters in each status (ProcedureState.current_deadline).
DEADLINE_NAMES = {
    "stage1": _l("The stage 1 response"),
    "stage1_responded": _l("The complainant's time to ask for stage 2"),
    "stage2_requested": _l("The stage 2 response"),
    "stage2": _l("The stage 2 response"),
    "stage2_responded": _l("The complainant's time to ask for a review panel"),
    "stage3_requested": _l("The next review panel step"),
    "stage3": _l("The next review panel step"),
}

# RespondStage1 has its own screen; it is offered alongside the table's actions, first.
RESPOND = ("staff.respond_stage1", _l("Record the stage 1 response"), STAGE1_RESPOND)


def _case_or_404(case_id: uuid.UUID) -> Case:
    case = visible_case(current_user, case_id)
    if case is None:
        abort(404)  # not there, or not for this user: the same answer, so nothing is revealed
    return case


def _offered(case: Case) -> list[tuple[str, Any]]:
    offered = []
    if RespondStage1 in allowed_events(case.procedure) and has_permission(current_user, RESPOND[2]):
        offered.append((url_for(RESPOND[0], case_id=case.id), RESPOND[1]))
    for links in EXTRA_LINKS:
        offered += links(case)
    offered += [
        (url_for(f"staff.{action.endpoint}", case_id=case.id), action.label)
        for action in all_actions()
        if action.available(case) and has_permission(current_user, action.permission)
    ]
    return offered


@bp.get("/cases/<uuid:case_id>")
@requires(STAFF_AREA)
def case(case_id: uuid.UUID) -> str:
    case = _case_or_404(case_id)
    state = case.procedure
    today = uk_today()
    due = state.current_deadline
    # A duplicate's case is named only if this viewer may see it (never a case about them).
    linked = db.session.scalar(visible_cases(current_user).where(Case.id == case.linked_case_id)) \
        if case.linked_case_id else None
    words = queries.words_about_case(case)
    return render_template(
        "staff/case.html", case=case, state=state, today=today, due=due, linked=linked,
        deadline_name=DEADLINE_NAMES.get(case.status, ""),
        days_left=working_days_left(due, today) if due else None,
        overdue=is_overdue(due, today) if due else False,
        actions=_offered(case), trail=queries.audit_trail(case),
        words=words, words_to_mark=queries.owned_unread(current_user, words), read_form=ButtonForm(),
        letter=case.letter(1), **{name: extra(case, today) for name, extra in CASE_PAGE_EXTRAS.items()},
    )


@bp.post("/cases/<uuid:case_id>/read")
@requires(STAFF_AREA)
def read_case_words(case_id: uuid.UUID) -> Any:
    """The case's owner has read what the young person wrote (a POST: reading the page marks nothing,
    so a colleague looking at the case does not clear the owner's count)."""
    case = _case_or_404(case_id)
    if ButtonForm().validate_on_submit():
        if young_persons_words.mark_words_read(queries.words_about_case(case), actor=current_user):
            flash(_("Marked as read."))
    return redirect(url_for("staff.case", case_id=case.id, _anchor="young-persons-words"), code=303)


@bp.get("/cases/<uuid:case_id>/letter")
@requires(STAFF_AREA)
def letter(case_id: uuid.UUID) -> str:
    """The stage 1 response letter on its own, to print (the print stylesheet hides the rest)."""
    case = _case_or_404(case_id)
    letter = case.letter(1)
    if letter is None:
        abort(404)
    return render_template("staff/letter.html", case=case, letter=letter)


class CaseActionView(MethodView):
    """GET shows an action's form; POST records it through its operation."""

    init_every_request = False
    methods = ["GET", "POST"]

    def __init__(self, action: CaseAction) -> None:
        self.action = action

    def dispatch_request(self, case_id: uuid.UUID) -> Any:
        action = self.action
        case = _case_or_404(case_id)
        if not action.available(case):
            flash(_("That action is not possible at this point in the procedure."))
            return redirect(url_for("staff.case", case_id=case.id), code=303)
        form = action.form()
        if action.prepare is not None:
            action.prepare(form, case)
        if form.validate_on_submit():
            try:
                action.perform(case, form)
            except common.CaseworkError as error:
                db.session.rollback()
                put_errors(form, error)
            else:
                flash(_("Saved."))
                return redirect(url_for("staff.case", case_id=case.id), code=303)
        return render_template("staff/case_action.html", case=case, form=form, title=action.label)


def register(action: CaseAction) -> None:
    bp.add_url_rule(f"/cases/<uuid:case_id>/{action.path}",
                    view_func=requires(action.permission)(CaseActionView.as_view(action.endpoint, action)))


for _action in CASE_ACTIONS:
    register(_action)


def _choices_from(model: Any, empty: str) -> list[Any]:
    rows = db.session.scalars(select(model).where(model.active.is_(True)).order_by(model.name)).all()
    return choices([("", empty)] + [(str(row.id), row.name) for row in rows])


@bp.route("/cases/<uuid:case_id>/respond", methods=["GET", "POST"])
@requires(STAGE1_RESPOND)
def respond_stage1(case_id: uuid.UUID) -> Any:
    case = _case_or_404(case_id)
    if RespondStage1 not in allowed_events(case.procedure):
        flash(_("That action is not possible at this point in the procedure."))
        return redirect(url_for("staff.case", case_id=case.id), code=303)
    form = Stage1ResponseForm()
    form.resolution.choices = _choices_from(ResolutionCategory, _("Choose how it was resolved"))
    action_types = _choices_from(CorrectiveActionType, _("Choose a type"))
    for entry in form.actions:
        entry.form.action_type.choices = action_types
    finding_errors: dict[str, str] = {}
    if request.method == "POST":
        valid = form.validate_on_submit()
        try:
            # Mapped even when the form is invalid, so every problem is shown at once.
            response = stage1.stage1_response_from(case, form.data, request.form)
            if valid:
                stage1.respond_stage1(case, response, actor=current_user)
                flash(_("Stage 1 response recorded."))
                return redirect(url_for("staff.case", case_id=case.id), code=303)
        except common.CaseworkError as error:
            db.session.rollback()
            finding_errors = put_response_errors(form, error)
    return render_template("staff/respond_stage1.html", case=case, form=form, findings=FINDINGS, stage=1,
                           title=_("Record the stage 1 response"), page_title=_("Stage 1 response"),
                           finding_errors=finding_errors, finding_field=responses.finding_field,
                           posted=request.form if request.method == "POST" else {})
