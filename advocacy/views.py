"""The advocates' area: the caseload, one advocacy case (messages, contact log, closing, a complaint or
a safeguarding concern for the young person), availability and the helpline.

Every case is loaded through ``portal.access`` (an advocate sees only the cases assigned to them: any
other id is a 404, the same as one that does not exist). Advocates' templates never show staff-only
fields (``staff_notes``, safeguarding details).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func

from advocacy import forms, labels
from advocacy import helpline as helpline_form
from advocacy.blueprint import bp
from portal.access import visible_advocacy_case, visible_advocacy_cases, visible_cases
from portal.audit import note_read
from portal.casework import advocacy as work
from portal.casework import documents
from portal.casework.common import CaseworkError
from portal.db import db
from portal.intake import codes
from portal.models import AdvocacyCase, Case, Document
from portal.permissions import ADVOCACY_CASELOAD, requires
from portal.public import choices as public_choices


@bp.app_context_processor
def _advocacy_words() -> dict[str, Any]:
    return {"advocacy_labels": labels, "advocacy_label": labels.label}


def _put_errors(form: Any, error: CaseworkError, fallback: str) -> None:
    problems = error.problems or {fallback: str(error)}
    for name, message in problems.items():
        field = form._fields.get(name) or form._fields[fallback]
        if not field.errors:
            field.errors = [message]


def _case_or_404(case_id: uuid.UUID) -> AdvocacyCase:
    case = visible_advocacy_case(current_user, case_id)
    if case is None or (case.advocate_id != current_user.id):
        abort(404)
    return case


@bp.get("/")
@requires(ADVOCACY_CASELOAD)
def caseload() -> str:
    mine = visible_advocacy_cases(current_user).where(AdvocacyCase.advocate_id == current_user.id)
    rows = work.caseload(mine)
    closed = db.session.scalars(mine.where(AdvocacyCase.status == "closed")
                                .order_by(AdvocacyCase.closed_on.desc()).limit(20)).all()
    cases = db.session.scalars(
        visible_cases(current_user).where(Case.advocate_id == current_user.id).order_by(Case.received_on)
    ).all()
    profile = work.profile_for(current_user)
    new_files = dict((submission.id, count) for submission, count in documents.unseen_from_young_people(
        mine.with_only_columns(AdvocacyCase.submission_id)))
    return render_template("advocacy/caseload.html", rows=rows, closed=closed, cases=cases, profile=profile,
                           new_files=new_files)


@bp.get("/find")
@requires(ADVOCACY_CASELOAD)
def find() -> Any:
    """Go to one of my cases by its reference; anything else reads "not found"."""
    typed = (request.args.get("reference") or "")[:40]
    wanted = codes.normalise(typed)
    if wanted:
        case = db.session.scalar(visible_advocacy_cases(current_user).where(
            AdvocacyCase.advocate_id == current_user.id,
            func.replace(AdvocacyCase.reference, "-", "") == wanted))
        if case is not None:
            return redirect(url_for("advocacy.case", case_id=case.id), code=303)
    return render_template("advocacy/find.html", typed=typed, searched=bool(typed.strip()))


def _case_page(case: AdvocacyCase, message_form: Any = None) -> str:
    answers = case.submission.answers or {}
    contact_method = labels.label(public_choices.CONTACT_METHODS, answers.get("contact_method"))
    return render_template("advocacy/case.html", case=case, answers=answers, contact_method=contact_method,
                           message_form=message_form or forms.MessageForm(), today=work.uk_today(),
                           files=documents.sent_by_young_person(case.submission))


@bp.get("/cases/<uuid:case_id>")
@requires(ADVOCACY_CASELOAD)
def case(case_id: uuid.UUID) -> str:
    advocacy_case = _case_or_404(case_id)
    page = _case_page(advocacy_case)
    note_read("advocacy_case", advocacy_case.id)
    work.mark_read(advocacy_case, actor=current_user)  # after the page is made: it still shows what was new
    documents.mark_seen(documents.sent_by_young_person(advocacy_case.submission), actor=current_user)
    return page


@bp.get("/cases/<uuid:case_id>/files/<uuid:document_id>")
@requires(ADVOCACY_CASELOAD)
def case_file(case_id: uuid.UUID, document_id: uuid.UUID) -> Any:
    """A file the young person sent from the tracking page, for their advocate only."""
    advocacy_case = _case_or_404(case_id)
    document = db.session.get(Document, document_id)
    if document is None or not document.from_young_person or document.submission_id != advocacy_case.submission_id:
        abort(404)
    return documents.serve(document)


@bp.post("/cases/<uuid:case_id>/messages")
@requires(ADVOCACY_CASELOAD)
def send_message(case_id: uuid.UUID) -> Any:
    advocacy_case = _case_or_404(case_id)
    form = forms.MessageForm()
    if form.validate_on_submit():
        try:
            work.send_message(advocacy_case, form.body.data, actor=current_user, role="advocate")
        except CaseworkError as error:
            db.session.rollback()
            _put_errors(form, error, "body")
        else:
            flash(_("Message sent."))
            return redirect(url_for("advocacy.case", case_id=advocacy_case.id, _anchor="messages"), code=303)
    return _case_page(advocacy_case, form)


def _action(case_id: uuid.UUID, form: Any, title: str, act: Any, done: str, fallback: str,
            template: str = "advocacy/action.html", **context: Any) -> Any:
    advocacy_case = _case_or_404(case_id)
    if advocacy_case.status != "open":
        flash(_("This advocacy is closed."))
        return redirect(url_for("advocacy.case", case_id=advocacy_case.id), code=303)
    if form.validate_on_submit():
        try:
            act(advocacy_case, form)
        except CaseworkError as error:
            db.session.rollback()
            _put_errors(form, error, fallback)
        else:
            flash(done)
            return redirect(url_for("advocacy.case", case_id=advocacy_case.id), code=303)
    return render_template(template, form=form, case=advocacy_case, title=title, **context)


def _minutes(raw: str | None) -> int | None:
    text = (raw or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 5 else None


@bp.route("/cases/<uuid:case_id>/contact", methods=["GET", "POST"])
@requires(ADVOCACY_CASELOAD)
def log_contact(case_id: uuid.UUID) -> Any:
    def act(case: AdvocacyCase, form: forms.ContactForm) -> None:
        work.log_contact(case, on=form.on.data, method=form.method.data, minutes=_minutes(form.minutes.data),
                         note=form.note.data or "", next_due=form.next_due.data, actor=current_user)

    return _action(case_id, forms.ContactForm(), _("Log a contact"), act, _("Contact logged."), "minutes")


@bp.route("/cases/<uuid:case_id>/close", methods=["GET", "POST"])
@requires(ADVOCACY_CASELOAD)
def close(case_id: uuid.UUID) -> Any:
    def act(case: AdvocacyCase, form: forms.CloseForm) -> None:
        work.close(case, on=form.on.data, outcome=form.outcome.data, note=form.note.data, actor=current_user)

    return _action(case_id, forms.CloseForm(), _("Close the advocacy"), act, _("Advocacy closed."), "outcome")


@bp.route("/cases/<uuid:case_id>/complaint", methods=["GET", "POST"])
@requires(ADVOCACY_CASELOAD)
def complaint(case_id: uuid.UUID) -> Any:
    def act(case: AdvocacyCase, form: forms.ComplaintForm) -> None:
        work.make_complaint(case, what_happened=form.what_happened.data,
                            what_would_help=form.what_would_help.data or "", actor=current_user)

    return _action(case_id, forms.ComplaintForm(), _("Make a complaint for the young person"), act,
                   _("Complaint made. It is in the Children's Rights Service's triage queue."), "what_happened")


@bp.route("/cases/<uuid:case_id>/safeguarding", methods=["GET", "POST"])
@requires(ADVOCACY_CASELOAD)
def safeguarding(case_id: uuid.UUID) -> Any:
    form = forms.ConcernForm()
    teams = work.operational_teams()
    form.team.choices = forms.choices({"": _("I do not know"), **{str(t.id): t.name for t in teams}})

    def act(case: AdvocacyCase, form: forms.ConcernForm) -> None:
        team = next((t for t in teams if str(t.id) == form.team.data), None)
        work.raise_concern(case, details=form.details.data, team=team, actor=current_user)

    return _action(case_id, form, _("Raise a safeguarding concern"), act,
                   _("Safeguarding concern sent to the Children's Rights Service and the operational team."),
                   "details", template="advocacy/safeguarding.html")


@bp.route("/availability", methods=["GET", "POST"])
@requires(ADVOCACY_CASELOAD)
def availability() -> Any:
    profile = work.profile_for(current_user)
    form = forms.AvailabilityForm()
    if request.method == "GET" and profile is not None:
        form.available.data = "yes" if profile.available else "no"
        form.note.data = profile.availability_note or ""
    if profile is not None and form.validate_on_submit():
        try:
            work.update_availability(current_user, available=form.available.data == "yes", note=form.note.data)
        except CaseworkError as error:
            db.session.rollback()
            _put_errors(form, error, "note")
        else:
            flash(_("Your availability is updated."))
            return redirect(url_for("advocacy.caseload"), code=303)
    return render_template("advocacy/availability.html", form=form, profile=profile)


@bp.get("/helpline")
@requires(ADVOCACY_CASELOAD)
def helpline() -> str:
    contacts = work.helpline_contacts_by(current_user)
    return render_template("advocacy/helpline.html", contacts=contacts, back_url=url_for("advocacy.caseload"),
                           back_text=_("My cases"), new_url=url_for("advocacy.record_helpline"))


@bp.route("/helpline/new", methods=["GET", "POST"])
@requires(ADVOCACY_CASELOAD)
def record_helpline() -> Any:
    return helpline_form.record(listing_url=url_for("advocacy.helpline"))
