"""Restrictions on a person's contact: recorded from a case, reviewed, listed with reviews due."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import visible_case
from portal.casework import restrictions
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import ContactRestriction
from portal.permissions import RESTRICTIONS_MANAGE, requires
from portal.procedure import uk_today
from staff.blueprint import bp
from staff.forms import choices, put_errors
from staff.forms.restrictions import RestrictionForm, ReviewRestrictionForm


@bp.get("/restrictions")
@requires(RESTRICTIONS_MANAGE)
def restrictions_list() -> str:
    today = uk_today()
    rows = db.session.scalars(restrictions.in_force().limit(500)).unique().all()
    due = {row.id for row in db.session.scalars(restrictions.reviews_due(today)).unique()}
    cases = restrictions.latest_cases(current_user, {row.person_id for row in rows})
    # Only restrictions on people this user may see a case of.
    rows = [row for row in rows if row.person_id in cases]
    return render_template("staff/restrictions/list.html", rows=rows, due=due, today=today, cases=cases)


@bp.route("/cases/<uuid:case_id>/restrictions/new", methods=["GET", "POST"])
@requires(RESTRICTIONS_MANAGE)
def new_restriction(case_id: uuid.UUID) -> Any:
    case = visible_case(current_user, case_id)
    if case is None:
        abort(404)
    people = []
    if case.young_person is not None:
        people.append((str(case.young_person.id), _("The young person")))
    if case.complainant is not None and case.complainant_id != case.young_person_id:
        people.append((str(case.complainant.id), _("The complainant")))
    if not people:
        flash(_("This case has no person recorded to restrict."))
        return redirect(url_for("staff.case", case_id=case.id), code=303)
    form = RestrictionForm()
    form.who.choices = choices(people)
    if not form.is_submitted():
        form.who.data = people[-1][0]
    if form.validate_on_submit():
        person = case.young_person if form.who.data == str(case.young_person_id) else case.complainant
        try:
            if form.who.data not in {value for value, _label in people}:
                raise CaseworkError("Choose whose contact is restricted.", field="who")
            restrictions.record(person, restrictions.NewRestriction(
                restriction=form.restriction.data or "", reason=form.reason.data or "",
                approved_by=form.approved_by.data or "", starts_on=form.starts_on.data,
                review_on=form.review_on.data), actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Restriction recorded. The complaint itself still proceeds."))
            return redirect(url_for("staff.case", case_id=case.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Restrict contact"),
                           caption=_("Case %(reference)s", reference=case.reference),
                           back_url=url_for("staff.case", case_id=case.id), back_text=_("Case"),
                           intro=_("For persistent and unreasonable behaviour. It limits how they contact us, "
                                   "never whether their complaint is considered."))


@bp.route("/restrictions/<uuid:restriction_id>/review", methods=["GET", "POST"])
@requires(RESTRICTIONS_MANAGE)
def review_restriction(restriction_id: uuid.UUID) -> Any:
    restriction = db.session.get(ContactRestriction, restriction_id)
    if restriction is None or not restrictions.person_visible(current_user, restriction.person_id):
        abort(404)
    form = ReviewRestrictionForm()
    if form.validate_on_submit():
        try:
            restrictions.review(restriction, on=form.on.data, keep=form.decision.data == "keep",
                                next_review=form.next_review_on.data, reason=form.reason.data,
                                actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Review recorded."))
            return redirect(url_for("staff.restrictions_list"), code=303)
    return render_template("staff/restrictions/review.html", form=form, restriction=restriction,
                           title=_("Review the restriction"), back_url=url_for("staff.restrictions_list"),
                           back_text=_("Contact restrictions"))
