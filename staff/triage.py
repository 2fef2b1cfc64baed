"""The triage queue and the triage decision."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from portal.access import visible_cases, visible_submissions
from portal.audit import note_read
from portal.casework import advocacy as advocacy_work
from portal.casework import common, documents, young_persons_words
from portal.casework import triage as triage_work
from portal.db import db
from portal.i18n import LANGUAGES
from portal.intake import codes, tracking
from portal.intake import submissions as intake
from portal.models import Case, Category, Submission, Team
from portal.permissions import STAFF_AREA, SUBMISSIONS_VIEW, TRIAGE, has_permission, requires
from portal.procedure import uk_today
from portal.rendering import htmx
from staff import queries
from staff.answers import plain_answers
from staff.blueprint import bp
from staff.forms import ButtonForm, choices, put_errors
from staff.forms.triage import (
    MakeComplaintForm,
    NewTrackingCodeForm,
    RecordContactForm,
    TriageForm,
    WishesTriageForm,
)
from staff.lookup import submission_or_404

PAGE_SIZE = 25


@bp.get("/submissions")
@requires(SUBMISSIONS_VIEW)
def submissions() -> str:
    filters = queries.QueueFilters.from_args(request.args)
    rows, total = queries.triage_queue(current_user, filters, PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    context = {"submissions": rows, "total": total, "filters": filters, "pages": pages, "today": uk_today(),
               "read_by": {s.id: intake.first_contact_by(s) for s in rows},
               "page_numbers": queries.page_numbers(min(filters.page, pages), pages),
               "language_options": [(lang.code, f"{lang.native_name} ({lang.english_name})")
                                    for lang in LANGUAGES.values()]}
    if htmx.is_htmx() and htmx.target() == "queue-results":
        return render_template("partials/staff/queue_results.html", **context)
    return render_template("staff/submissions.html", **context)



def _team(team_id: str | None) -> Team | None:
    try:
        return db.session.get(Team, uuid.UUID(team_id)) if team_id else None
    except ValueError:
        return None


def _fill_triage_choices(form: TriageForm | WishesTriageForm) -> None:
    teams = db.session.scalars(select(Team).where(Team.active.is_(True)).order_by(Team.name)).all()
    team_choices = [("", _("Choose a team"))] + [(str(t.id), t.name) for t in teams]
    form.referred_to_team.choices = choices(team_choices)
    if isinstance(form, WishesTriageForm):
        form.wishes_team.choices = choices(team_choices)
        return
    form.team.choices = choices(team_choices)
    categories = db.session.scalars(select(Category).where(Category.active.is_(True)).order_by(Category.name)).all()
    form.categories.choices = choices([(str(c.id), c.name) for c in categories])
    form.main_category.choices = choices([("", _("Choose the main category"))] +
                                         [(str(c.id), c.name) for c in categories])
    team = _team(form.team.data)
    form.responding_manager.choices = choices(
        [("", _("Choose who will write it"))] +
        [(str(m.id), f"{m.name} ({m.team.name if m.team else _('Children’s Rights Service')})")
         for m in triage_work.stage1_responders(team)])
    form.team_has_no_manager = team is not None and triage_work.team_has_no_manager(team)
    form.chosen_team = team
    # Whom a complaint can be about: the council's own officers, never advocates or appointed people.
    form.subject_staff.choices = choices([(str(u.id), f"{u.name} ({u.email})")
                                          for u in triage_work.council_staff()])


def _triage_form(submission: Submission) -> TriageForm | WishesTriageForm:
    form = WishesTriageForm() if submission.kind == "wishes_and_feelings" else TriageForm()
    _fill_triage_choices(form)
    return form


def _one_year_before(received: date) -> date:
    """The earliest day a matter may have happened and still be inside the one-year limit (reg 9)."""
    try:
        return received.replace(year=received.year - 1)
    except ValueError:  # received on 29 February: a matter on 28 February the year before is late
        return date(received.year - 1, 3, 1)


def _submission_page(submission: Submission, form: TriageForm | WishesTriageForm,
                     complaint_form: MakeComplaintForm | None = None) -> str:
    existing_cases = db.session.scalars(
        visible_cases(current_user).where(Case.submission_id == submission.id).order_by(Case.reference)
    ).all()
    words = queries.words_on_submission(submission)
    case_id = existing_cases[0].id if existing_cases else None
    note_read("submission", submission.id, case_id=case_id)
    if words:
        note_read("young_persons_words", submission.id, case_id=case_id, detail="submission page")
    return render_template(
        "staff/submission.html", submission=submission, form=form, answers=plain_answers(submission.answers),
        matches=queries.possible_matches(current_user, submission), existing_cases=existing_cases,
        words=words, words_to_mark=queries.owned_unread(current_user, words), read_form=ButtonForm(),
        complaint_form=complaint_form or MakeComplaintForm(formdata=None, prefix="complaint"),
        first_contact_by=intake.first_contact_by(submission), today=uk_today(),
        one_year_before=_one_year_before(submission.received_on),
        advocacy_case=advocacy_work.advocacy_case_for(submission) if submission.kind == "advocacy_request" else None,
        tracking_lock=_tracking_lock(submission), files=documents.sent_by_young_person(submission),
    )


def _tracking_lock(submission: Submission) -> dict[str, Any] | None:
    """Wrong codes typed for this reference and the lock they earned, for staff who may give codes."""
    attempts = tracking.tracking_lock(submission) if has_permission(current_user, TRIAGE) else None
    if attempts is None or not attempts.failed_attempts:
        return None
    until = attempts.locked_until if attempts.locked_until and attempts.locked_until > intake.now() else None
    return {"failed": attempts.failed_attempts, "until": until}


@bp.post("/submissions/<uuid:submission_id>/lift-tracking-lock")
@requires(TRIAGE)
def lift_tracking_lock(submission_id: uuid.UUID) -> Any:
    """A young person phoned because the tracking page refuses their code: lift the reference's lock."""
    submission = submission_or_404(submission_id)
    if ButtonForm().validate_on_submit():
        if tracking.lift_tracking_lock(submission, actor=current_user):
            flash(_("The lock is lifted: their code works again now, on any phone or computer."))
        else:
            flash(_("The tracking page was not locked."))
    return redirect(url_for("staff.submission", submission_id=submission.id, _anchor="tracking-code"), code=303)


@bp.get("/submissions/<uuid:submission_id>")
@requires(SUBMISSIONS_VIEW)
def submission(submission_id: uuid.UUID) -> Any:
    submission = submission_or_404(submission_id)
    page = _submission_page(submission, _triage_form(submission))
    if has_permission(current_user, TRIAGE):  # the service's staff: after the page is made, it still shows "new"
        documents.mark_seen(documents.sent_by_young_person(submission), actor=current_user)
    return page


@bp.get("/submissions/<uuid:submission_id>/responding-managers")
@requires(TRIAGE)
def responding_managers(submission_id: uuid.UUID) -> Any:
    """The manager list for the team just chosen (htmx swaps it in; without JavaScript the whole list
    is offered and the choice is checked against the team on submit)."""
    submission = submission_or_404(submission_id)
    form = TriageForm(formdata=None, team=request.args.get("team", ""))
    _fill_triage_choices(form)
    return render_template("partials/staff/responding_manager.html", form=form, submission=submission)


@bp.post("/submissions/<uuid:submission_id>/read")
@requires(SUBMISSIONS_VIEW)
def read_submission_words(submission_id: uuid.UUID) -> Any:
    """The owner has read what the young person wrote (only what they own is marked)."""
    submission = submission_or_404(submission_id)
    if ButtonForm().validate_on_submit():
        if young_persons_words.mark_words_read(queries.words_on_submission(submission), actor=current_user):
            flash(_("Marked as read."))
    return redirect(url_for("staff.submission", submission_id=submission.id, _anchor="young-persons-words"),
                    code=303)


@bp.post("/submissions/<uuid:submission_id>/triage")
@requires(TRIAGE)
def triage(submission_id: uuid.UUID) -> Any:
    submission = submission_or_404(submission_id)
    form = _triage_form(submission)
    if form.validate_on_submit():
        data = form.decision_data() if isinstance(form, WishesTriageForm) else form.data
        try:
            case = triage_work.triage(submission, triage_work.triage_decision_from(data, viewer=current_user),
                                   actor=current_user)
        except common.CaseworkError as error:
            db.session.rollback()
            put_errors(form, error, fallback="wishes_action" if isinstance(form, WishesTriageForm) else "route")
        else:
            flash(_("Triage recorded: case %(reference)s.", reference=case.reference))
            if submission.status == "new":
                return redirect(url_for("staff.submission", submission_id=submission.id), code=303)
            return redirect(url_for("staff.case", case_id=case.id), code=303)
    return _submission_page(submission, form)


@bp.post("/submissions/<uuid:submission_id>/make-complaint")
@requires(TRIAGE)
def make_complaint(submission_id: uuid.UUID) -> Any:
    """Wishes and feelings become a complaint, with the young person's agreement; then it is triaged
    as a complaint."""
    submission = submission_or_404(submission_id)
    form = MakeComplaintForm(prefix="complaint")
    if form.validate_on_submit():
        try:
            triage_work.make_complaint_of_wishes(submission, agreed=bool(form.agreed.data), actor=current_user)
        except common.CaseworkError as error:
            db.session.rollback()
            put_errors(form, error, fallback="agreed")
        else:
            flash(_("It is now a complaint, as the young person agreed: triage it as one."))
            return redirect(url_for("staff.submission", submission_id=submission.id, _anchor="triage"), code=303)
    return _submission_page(submission, _triage_form(submission), complaint_form=form)


def _claim_or_release(submission_id: uuid.UUID, operation: Callable[..., None], then: Callable[[Submission], str]):
    submission = submission_or_404(submission_id)
    if ButtonForm().validate_on_submit():
        try:
            operation(submission, actor=current_user)
        except common.CaseworkError as error:
            flash(str(error))
    return redirect(then(submission), code=303)


@bp.post("/submissions/<uuid:submission_id>/claim")
@requires(TRIAGE)
def claim(submission_id: uuid.UUID) -> Any:
    return _claim_or_release(submission_id, triage_work.claim,
                             lambda s: url_for("staff.submission", submission_id=s.id))


@bp.post("/submissions/<uuid:submission_id>/release")
@requires(TRIAGE)
def release(submission_id: uuid.UUID) -> Any:
    return _claim_or_release(submission_id, triage_work.release, lambda _s: url_for("staff.submissions"))


@bp.route("/submissions/record", methods=["GET", "POST"])
@requires(TRIAGE)
def record_contact() -> Any:
    form = RecordContactForm()
    form.language.choices = choices([(code, f"{lang.english_name} ({lang.native_name})")
                                     for code, lang in LANGUAGES.items()] + [("other", _("Another language"))])
    if form.validate_on_submit():
        age = form.young_person_age.data
        if age and not re.fullmatch(r"[0-9]{1,3}", age.strip()):  # "²" is a digit to str.isdigit
            form.young_person_age.errors = [_("Enter the age as a number, like 15")]
        else:
            contact = triage_work.RecordedContact(
                kind=form.kind.data, channel=form.channel.data, received_on=form.received_on.data,
                who_is_telling=form.who_is_telling.data, language=form.language.data or "en",
                what_happened=form.what_happened.data, what_would_help=form.what_would_help.data or "",
                young_person_name=form.young_person_name.data, young_person_dob=form.young_person_dob.data,
                young_person_age=int(age) if age else None, submitter_name=form.submitter_name.data,
                contact=form.contact.data,
            )
            try:
                submission = triage_work.record_contact(contact, actor=current_user)
            except common.CaseworkError as error:
                form.received_on.errors = [str(error)]
            else:
                flash(_("Added to the triage queue: %(reference)s.", reference=submission.reference))
                return redirect(url_for("staff.submission", submission_id=submission.id), code=303)
    return render_template("staff/case_action.html", form=form, case=None, title=_("Record a complaint or contact"))


@bp.route("/submissions/<uuid:submission_id>/new-code", methods=["GET", "POST"])
@requires(TRIAGE)
def new_tracking_code(submission_id: uuid.UUID) -> Any:
    """A new tracking code for a young person who lost theirs; the old one stops working at once."""
    submission = submission_or_404(submission_id)
    form = NewTrackingCodeForm()
    if form.validate_on_submit():
        try:
            code = tracking.issue_new_tracking_code(submission, actor=current_user, channel=form.channel.data)
        except intake.IntakeError:
            form.channel.errors = [_("They gave no email address: choose to pass the code on yourself.")]
        else:
            if form.channel.data == "email":
                flash(_("A new code is on its way to the email address they gave. The old code no longer works."))
                return redirect(url_for("staff.submission", submission_id=submission.id), code=303)
            # Shown once, in this response only (never stored, never in a URL; the page is no-store).
            return render_template("staff/replacement_code.html", submission=submission, code=code)
    return render_template("staff/case_action.html", form=form, case=None,
                           title=_("New tracking code for %(reference)s", reference=submission.reference))


@bp.get("/find")
@requires(STAFF_AREA)
def find() -> Any:
    """Go to a case or submission by its reference, from any staff page (the search box in the header).

    Dashes, spaces and case are forgiven; only what this person may see is found, and anything else
    reads "not found", the same as a reference that does not exist."""
    typed = (request.args.get("reference") or "")[:40]
    wanted = codes.normalise(typed)
    if wanted:
        case = db.session.scalar(visible_cases(current_user).where(func.replace(Case.reference, "-", "") == wanted))
        if case is not None:
            return redirect(url_for("staff.case", case_id=case.id), code=303)
        submission = db.session.scalar(
            visible_submissions(current_user).where(func.replace(Submission.reference, "-", "") == wanted))
        if submission is not None:
            return redirect(url_for("staff.submission", submission_id=submission.id), code=303)
    return render_template("staff/find.html", typed=typed, searched=bool(typed.strip()))
