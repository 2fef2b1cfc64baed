"""MP and County Councillor enquiries: the list (due and overdue), recording, the response.

Thin views: each loads, checks, validates and calls one operation in ``portal.casework.enquiries``.
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import visible_cases
from portal.audit import note_read
from portal.casework import enquiries
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, MemberEnquiry
from portal.permissions import ENQUIRIES_MANAGE, requires
from portal.procedure import is_overdue, uk_today, working_days_left
from portal.procedure.enquiries import Match, person_match
from staff.blueprint import bp
from staff.forms import ButtonForm, put_errors
from staff.forms.enquiries import EnquiryForm, EnquiryResponseForm

SHOW = ("open", "answered", "all")


def _enquiry_or_404(enquiry_id: uuid.UUID) -> MemberEnquiry:
    enquiry = db.session.get(MemberEnquiry, enquiry_id)
    if enquiry is None:
        abort(404)
    return enquiry


def _details(form: EnquiryForm) -> enquiries.EnquiryDetails:
    return enquiries.EnquiryDetails(
        member_name=form.member_name.data or "", member_kind=form.member_kind.data or "",
        received_on=form.received_on.data, person_name=form.person_name.data or "",
        person_date_of_birth=form.person_date_of_birth.data, about=form.about.data,
    )


@bp.get("/enquiries")
@requires(ENQUIRIES_MANAGE)
def enquiries_list() -> str:
    show = request.args.get("show", "open")
    if show not in SHOW:
        show = "open"
    today = uk_today()
    rows = db.session.scalars(enquiries.listing(show=show).limit(500)).all()
    open_count, overdue = enquiries.counts(today)
    return render_template("staff/enquiries/list.html", rows=rows, show=show, today=today,
                           open_count=open_count, overdue=overdue, is_overdue=is_overdue,
                           days_left=working_days_left)


@bp.route("/enquiries/new", methods=["GET", "POST"])
@requires(ENQUIRIES_MANAGE)
def new_enquiry() -> Any:
    form = EnquiryForm()
    if form.validate_on_submit():
        try:
            enquiry = enquiries.record(_details(form), actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Enquiry recorded."))
            return redirect(url_for("staff.enquiry", enquiry_id=enquiry.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Record an MP or Councillor enquiry"),
                           back_url=url_for("staff.enquiries_list"), back_text=_("Enquiries"),
                           intro=_("The response is due %(days)d working days after the enquiry is received.",
                                   days=enquiries.working_days()))


@bp.get("/enquiries/<uuid:enquiry_id>")
@requires(ENQUIRIES_MANAGE)
def enquiry(enquiry_id: uuid.UUID) -> str:
    enquiry = _enquiry_or_404(enquiry_id)
    note_read("enquiry", enquiry.id)
    today = uk_today()
    # Linked cases are named only where this user may see them (never a case about them).
    seen = {case.id for case in db.session.scalars(
        visible_cases(current_user).where(Case.id.in_([case.id for case in enquiry.cases])))}
    cases = [case for case in enquiry.cases if case.id in seen]
    # Linked on the name alone (a date of birth missing on one side): staff check before relying on it.
    name_only = {person.id for person in enquiry.people
                 if person_match(enquiry.person_name, enquiry.person_date_of_birth, person.name,
                                 person.date_of_birth) is Match.NAME_ONLY}
    return render_template("staff/enquiries/enquiry.html", enquiry=enquiry, today=today, cases=cases,
                           name_only={case.id for case in cases
                                      if {case.young_person_id, case.complainant_id} & name_only},
                           open_cases=[case for case in enquiries.open_cases(enquiry) if case.id in seen],
                           overdue=enquiry.responded_on is None and is_overdue(enquiry.due_on, today),
                           days_left=working_days_left(enquiry.due_on, today), relink_form=ButtonForm())


@bp.route("/enquiries/<uuid:enquiry_id>/edit", methods=["GET", "POST"])
@requires(ENQUIRIES_MANAGE)
def edit_enquiry(enquiry_id: uuid.UUID) -> Any:
    enquiry = _enquiry_or_404(enquiry_id)
    form = EnquiryForm(obj=enquiry)
    form.submit.label.text = _("Save the changes")
    if form.validate_on_submit():
        try:
            enquiries.update(enquiry, _details(form), actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Enquiry changed."))
            return redirect(url_for("staff.enquiry", enquiry_id=enquiry.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Change the enquiry"),
                           back_url=url_for("staff.enquiry", enquiry_id=enquiry.id), back_text=_("Enquiry"))


@bp.route("/enquiries/<uuid:enquiry_id>/respond", methods=["GET", "POST"])
@requires(ENQUIRIES_MANAGE)
def respond_enquiry(enquiry_id: uuid.UUID) -> Any:
    enquiry = _enquiry_or_404(enquiry_id)
    form = EnquiryResponseForm(obj=None if enquiry.responded_on is None else
                               _Prefill(on=enquiry.responded_on, response=enquiry.response))
    if form.validate_on_submit():
        try:
            enquiries.respond(enquiry, on=form.on.data, response=form.response.data, actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error)
        else:
            flash(_("Response recorded."))
            return redirect(url_for("staff.enquiry", enquiry_id=enquiry.id), code=303)
    return render_template("staff/simple_form.html", form=form, title=_("Record the response"),
                           caption=_("Enquiry from %(member)s", member=enquiry.member_name),
                           back_url=url_for("staff.enquiry", enquiry_id=enquiry.id), back_text=_("Enquiry"))


@bp.post("/enquiries/<uuid:enquiry_id>/relink")
@requires(ENQUIRIES_MANAGE)
def relink_enquiry(enquiry_id: uuid.UUID) -> Any:
    enquiry = _enquiry_or_404(enquiry_id)
    if ButtonForm().validate_on_submit():
        try:
            enquiries.relink(enquiry, actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            flash(str(error))
        else:
            flash(_("Checked again for known people and their cases."))
    return redirect(url_for("staff.enquiry", enquiry_id=enquiry.id), code=303)


class _Prefill:
    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)
