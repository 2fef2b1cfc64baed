"""The advocacy service in the staff area: the request queue, assigning an advocate (matching the young
person's wishes), the advocate pool, and advocacy cases with their staff-only notes and safeguarding
concerns. The Children's Rights Service's staff (who triage) do this: ``TRIAGE``."""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from govuk_frontend_wtf.wtforms_widgets import (
    GovCheckboxInput,
    GovRadioInput,
    GovSubmitInput,
    GovTextArea,
    GovTextInput,
)
from wtforms import BooleanField, RadioField, StringField, SubmitField, TextAreaField
from wtforms.validators import InputRequired, Length, Optional

from advocacy import helpline as helpline_form
from advocacy import labels
from portal.access import visible_advocacy_case, visible_advocacy_cases, visible_concerns
from portal.audit import note_read
from portal.casework import advocacy as work
from portal.casework import documents
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import AdvocacyCase, SafeguardingConcern, User
from portal.permissions import STAFF_AREA, TRIAGE, requires
from portal.public import choices as public_choices
from staff.blueprint import bp
from staff.forms import ButtonForm, StaffForm, choices, put_errors


@bp.app_context_processor
def _concerns_waiting() -> dict[str, Any]:
    """For staff home: safeguarding concerns this user may see that nobody has acknowledged yet."""

    def waiting() -> list[SafeguardingConcern]:
        return work.unacknowledged(visible_concerns(current_user))

    return {"safeguarding_concerns_waiting": waiting}


class AssignForm(StaffForm):
    advocate = RadioField(_l("Advocate"), widget=GovRadioInput(), validate_choice=False,
                          validators=[Optional()])
    staff_notes = TextAreaField(_l("Staff-only notes (optional; never shown to the advocate)"),
                                widget=GovTextArea(), validators=[Length(max=5000)])


class PoolForm(StaffForm):
    kind = RadioField(_l("Kind of advocate"), widget=GovRadioInput(),
                      choices=choices(list(labels.ADVOCATE_KINDS.items())),
                      validators=[InputRequired(message=_l("Choose the kind of advocate"))])
    languages = StringField(_l("Languages spoken besides English, separated by commas (optional)"),
                            widget=GovTextInput(), validators=[Length(max=500)])
    gender = RadioField(_l("Gender (optional)"), widget=GovRadioInput(), validators=[Optional()],
                        choices=choices([*labels.GENDERS.items(), ("", _l("Not given"))]))
    areas = StringField(_l("Areas covered, separated by commas (optional)"), widget=GovTextInput(),
                        validators=[Length(max=500)])
    capacity = StringField(_l("Open cases they can take"), widget=GovTextInput(),
                           validators=[InputRequired(message=_l("Enter how many open cases they can take, like 5"))])
    active = BooleanField(_l("In the pool (untick when they stop taking any cases)"), widget=GovCheckboxInput())
    submit = SubmitField(_l("Save"), widget=GovSubmitInput())


class MessageForm(StaffForm):
    body = TextAreaField(_l("Your message"), widget=GovTextArea(),
                         validators=[InputRequired(message=_l("Write your message")), Length(max=work.MESSAGE_MAX)])


class NotesForm(StaffForm):
    staff_notes = TextAreaField(_l("Staff-only notes"), widget=GovTextArea(), validators=[Length(max=5000)])


@bp.get("/advocacy")
@requires(TRIAGE)
def advocacy_queue() -> str:
    waiting = [(s, work.wishes_of(s)) for s in work.waiting_requests()]
    rows = work.caseload(visible_advocacy_cases(current_user))
    concerns = work.unacknowledged(visible_concerns(current_user))
    return render_template("staff/advocacy/queue.html", waiting=waiting, rows=rows, concerns=concerns)


def _assign_page(submission: Any, form: AssignForm) -> str:
    wishes = work.wishes_of(submission)
    found = work.candidates(wishes)
    return render_template("staff/advocacy/assign.html", submission=submission, wishes=wishes, candidates=found,
                           form=form, answers=submission.answers or {})


@bp.route("/advocacy/requests/<uuid:submission_id>", methods=["GET", "POST"])
@requires(TRIAGE)
def advocacy_assign(submission_id: uuid.UUID) -> Any:
    submission = work.waiting_request(submission_id)
    if submission is None:
        abort(404)
    form = AssignForm()
    if form.validate_on_submit():
        advocate = None
        if form.advocate.data:
            try:
                advocate = db.session.get(User, uuid.UUID(form.advocate.data))
            except ValueError:
                advocate = None
        try:
            case = work.assign(submission, advocate=advocate, actor=current_user, staff_notes=form.staff_notes.data)
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error, fallback="advocate")
        else:
            flash(_("Advocacy case %(reference)s opened.", reference=case.reference))
            return redirect(url_for("staff.advocacy_case", case_id=case.id), code=303)
    return _assign_page(submission, form)


def _case_or_404(case_id: uuid.UUID) -> AdvocacyCase:
    case = visible_advocacy_case(current_user, case_id)
    if case is None:
        abort(404)
    return case


def _case_page(case: AdvocacyCase, message_form: MessageForm | None = None, notes_form: NotesForm | None = None):
    return render_template("staff/advocacy/case.html", case=case, answers=case.submission.answers or {},
                           message_form=message_form or MessageForm(),
                           notes_form=notes_form or NotesForm(staff_notes=case.staff_notes or ""),
                           button=ButtonForm(), files=documents.sent_by_young_person(case.submission))


@bp.get("/advocacy/cases/<uuid:case_id>")
@requires(TRIAGE)
def advocacy_case(case_id: uuid.UUID) -> str:
    case = _case_or_404(case_id)
    page = _case_page(case)
    note_read("advocacy_case", case.id)
    if case.advocate_id is None:  # no advocate from the pool: staff are the young person's readers
        work.mark_read(case, actor=current_user)
        documents.mark_seen(documents.sent_by_young_person(case.submission), actor=current_user)
    return page


@bp.post("/advocacy/cases/<uuid:case_id>/messages")
@requires(TRIAGE)
def advocacy_message(case_id: uuid.UUID) -> Any:
    case = _case_or_404(case_id)
    form = MessageForm()
    if form.validate_on_submit():
        try:
            work.send_message(case, form.body.data, actor=current_user, role="staff")
        except CaseworkError as error:
            db.session.rollback()
            put_errors(form, error, fallback="body")
        else:
            flash(_("Message sent."))
            return redirect(url_for("staff.advocacy_case", case_id=case.id, _anchor="messages"), code=303)
    return _case_page(case, message_form=form)


@bp.post("/advocacy/cases/<uuid:case_id>/notes")
@requires(TRIAGE)
def advocacy_notes(case_id: uuid.UUID) -> Any:
    case = _case_or_404(case_id)
    form = NotesForm()
    if form.validate_on_submit():
        work.update_staff_notes(case, form.staff_notes.data or "", actor=current_user)
        flash(_("Staff-only notes saved."))
        return redirect(url_for("staff.advocacy_case", case_id=case.id), code=303)
    return _case_page(case, notes_form=form)


def _concern_or_404(concern_id: uuid.UUID) -> SafeguardingConcern:
    concern = db.session.scalar(visible_concerns(current_user).where(SafeguardingConcern.id == concern_id))
    if concern is None:
        abort(404)
    return concern


@bp.get("/advocacy/concerns/<uuid:concern_id>")
@requires(STAFF_AREA)
def advocacy_concern(concern_id: uuid.UUID) -> str:
    """One safeguarding concern, for the Children's Rights Service and the operational team it was sent
    to: what the advocate said, and who the young person is and how to reach them safely."""
    concern = _concern_or_404(concern_id)
    note_read("safeguarding_concern", concern.id)
    answers = concern.advocacy_case.submission.answers or {}
    return render_template("staff/advocacy/concern.html", concern=concern, case=concern.advocacy_case,
                           answers=answers, button=ButtonForm(),
                           contact_method=labels.label(public_choices.CONTACT_METHODS, answers.get("contact_method")))


@bp.post("/advocacy/concerns/<uuid:concern_id>/acknowledge")
@requires(STAFF_AREA)
def advocacy_concern_acknowledge(concern_id: uuid.UUID) -> Any:
    concern = _concern_or_404(concern_id)
    if ButtonForm().validate_on_submit():
        work.acknowledge_concern(concern, actor=current_user)
        flash(_("Safeguarding concern acknowledged."))
    return redirect(url_for("staff.advocacy_concern", concern_id=concern.id), code=303)


@bp.get("/advocacy/advocates")
@requires(TRIAGE)
def advocacy_pool() -> str:
    return render_template("staff/advocacy/pool.html", people=work.pool())


@bp.route("/advocacy/advocates/<uuid:user_id>", methods=["GET", "POST"])
@requires(TRIAGE)
def advocacy_pool_entry(user_id: uuid.UUID) -> Any:
    user = db.session.get(User, user_id)
    if user is None or "advocate" not in user.role_names:
        abort(404)
    profile = work.profile_for(user)
    form = PoolForm()
    if not form.is_submitted():
        if profile is not None:
            form.process(data={"kind": profile.kind, "languages": profile.languages, "gender": profile.gender or "",
                               "areas": profile.areas, "capacity": str(profile.capacity), "active": profile.active})
        else:
            form.process(data={"capacity": "5", "active": True})
    if form.validate_on_submit():
        raw = (form.capacity.data or "").strip()
        if not (raw.isascii() and raw.isdigit()):
            form.capacity.errors = [_("Enter how many open cases they can take as a number, like 5")]
        else:
            try:
                work.save_pool_entry(user, work.PoolEntry(
                    kind=form.kind.data, languages=form.languages.data or "", gender=form.gender.data or None,
                    areas=form.areas.data or "", capacity=int(raw), active=bool(form.active.data)),
                    actor=current_user)
            except CaseworkError as error:
                db.session.rollback()
                put_errors(form, error, fallback="kind")
            else:
                flash(_("%(name)s's entry in the advocate pool is saved.", name=user.name))
                return redirect(url_for("staff.advocacy_pool"), code=303)
    return render_template("staff/case_action.html", form=form, case=None,
                           title=_("Advocate pool: %(name)s", name=user.name))


# --- the helpline: the Children's Rights Service's officers answer it too -----------------------------


@bp.get("/helpline")
@requires(TRIAGE)
def helpline() -> str:
    contacts = work.helpline_contacts_by(current_user)
    return render_template("advocacy/helpline.html", contacts=contacts, back_url=url_for("staff.home"),
                           back_text=_("Staff home"), new_url=url_for("staff.record_helpline"))


@bp.route("/helpline/new", methods=["GET", "POST"])
@requires(TRIAGE)
def record_helpline() -> Any:
    return helpline_form.record(listing_url=url_for("staff.helpline"))
