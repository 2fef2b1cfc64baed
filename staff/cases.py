"""The case page, with the actions the procedure allows now, and the stage 1 response screen.

The actions that are a date, a reason or a choice are rows of ``staff.case_actions.CASE_ACTIONS``;
stage 2, stage 3 and the Ombudsman's screens are in ``staff.stages``.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from portal.access import sees_only_appointed_cases, visible_cases
from portal.audit import note_read
from portal.casework import (
    common,
    responses,
    stage1,
    young_persons_words,
)
from portal.db import db
from portal.models import Case, CorrectiveActionType, ResolutionCategory
from portal.permissions import STAFF_AREA, STAGE1_RESPOND, has_permission, requires
from portal.procedure import (
    RespondStage1,
    allowed_events,
    is_overdue,
    uk_today,
    working_days_left,
)
from staff import case_actions, queries, stages
from staff.blueprint import bp
from staff.forms import FINDINGS, ButtonForm, choices, put_response_errors
from staff.forms.case_actions import (
    Stage1ResponseForm,
)
from staff.lookup import case_or_404

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


def _offered(case: Case) -> list[tuple[str, Any]]:
    """The screens of their own first (the stage 1, 2 and 3 responses), then the table's actions."""
    offered = []
    if RespondStage1 in allowed_events(case.procedure) and has_permission(current_user, RESPOND[2]):
        offered.append((url_for(RESPOND[0], case_id=case.id), RESPOND[1]))
    return offered + stages.response_links(case) + case_actions.offered(case)


@bp.get("/cases/<uuid:case_id>")
@requires(STAFF_AREA)
def case(case_id: uuid.UUID) -> str:
    case = case_or_404(case_id)
    state = case.procedure
    today = uk_today()
    note_read("case", case.id, case_id=case.id)
    if sees_only_appointed_cases(current_user):
        return _appointed_case_page(case, state, today)
    due = state.current_deadline
    # A duplicate's case is named only if this viewer may see it (never a case about them).
    linked = db.session.scalar(visible_cases(current_user).where(Case.id == case.linked_case_id)) \
        if case.linked_case_id else None
    words = queries.words_about_case(case)
    if words:
        note_read("young_persons_words", case.id, case_id=case.id, detail="case page")
    return render_template(
        "staff/case.html", case=case, state=state, today=today, due=due, linked=linked,
        deadline_name=DEADLINE_NAMES.get(case.status, ""),
        days_left=working_days_left(due, today) if due else None,
        overdue=is_overdue(due, today) if due else False,
        actions=_offered(case), trail=queries.audit_trail(case),
        words=words, words_to_mark=queries.owned_unread(current_user, words), read_form=ButtonForm(),
        letter=case.letter(1), stages=stages.stage_details(case, today),
    )


def _appointed_case_page(case: Case, state: Any, today: Any) -> str:
    """What an investigator, independent person or panel member sees: what their stage needs (the
    complaint's points, the answers before their stage, its dates, their own appointment, the case's
    documents where they upload their report), and not the rest of the record (no later letter, no
    Ombudsman, enquiries, the young person's messages or the audit trail)."""
    mine = [a for a in case.appointments if a.user_id == current_user.id and a.appointed_on <= today <= a.ends_on]
    stage = max((a.stage for a in mine), default=2)
    letters = [letter for letter in (case.letter(n) for n in range(1, stage)) if letter is not None]
    return render_template("staff/appointed_case.html", case=case, state=state, today=today, appointments=mine,
                           stage=stage, letters=letters, actions=_offered(case),
                           stages=stages.stage_details(case, today))


@bp.post("/cases/<uuid:case_id>/read")
@requires(STAFF_AREA)
def read_case_words(case_id: uuid.UUID) -> Any:
    """The case's owner has read what the young person wrote (a POST: reading the page marks nothing,
    so a colleague looking at the case does not clear the owner's count)."""
    case = case_or_404(case_id)
    if ButtonForm().validate_on_submit():
        if young_persons_words.mark_words_read(queries.words_about_case(case), actor=current_user):
            flash(_("Marked as read."))
    return redirect(url_for("staff.case", case_id=case.id, _anchor="young-persons-words"), code=303)


@bp.get("/cases/<uuid:case_id>/letter")
@requires(STAFF_AREA)
def letter(case_id: uuid.UUID) -> str:
    """The stage 1 response letter on its own, to print (the print stylesheet hides the rest)."""
    case = case_or_404(case_id)
    letter = case.letter(1)
    if letter is None:
        abort(404)
    note_read("letter", letter.id, case_id=case.id)
    return render_template("staff/letter.html", case=case, letter=letter)


def _choices_from(model: Any, empty: str) -> list[Any]:
    rows = db.session.scalars(select(model).where(model.active.is_(True)).order_by(model.name)).all()
    return choices([("", empty)] + [(str(row.id), row.name) for row in rows])


@bp.route("/cases/<uuid:case_id>/respond", methods=["GET", "POST"])
@requires(STAGE1_RESPOND)
def respond_stage1(case_id: uuid.UUID) -> Any:
    case = case_or_404(case_id)
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
