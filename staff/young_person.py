"""Writing to the young person from a case or a submission: the one thread on their tracking page."""

from __future__ import annotations

import uuid
from typing import Any

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.audit import note_read
from portal.casework import common, young_persons_words
from portal.db import db
from portal.models import Case, Submission
from portal.permissions import YOUNG_PERSON_WRITE, requires
from staff import queries
from staff.blueprint import bp
from staff.forms import put_errors
from staff.forms.young_person import WriteToYoungPersonForm
from staff.lookup import case_or_404, submission_or_404

# What the writer is told when the young person chose a way the portal cannot send a notice by.
WAYS = {
    "phone": "They asked to be phoned: call them to say a message is waiting, without saying what it says.",
    "text_sent": "They were sent a text message saying only that a message is waiting.",
    "text": "They asked for a text message: text them that a message is waiting, without saying what it says.",
    "post": "They asked for a letter: nothing has been sent. They will see the message when they check.",
    "worker": "They asked to be reached through a worker or carer they trust: tell that person only that a "
              "message is waiting.",
    "none": "They asked not to be contacted: they will see the message when they check their tracking page.",
}


def _write(submission: Submission, case: Case | None, back: str) -> Any:
    form = WriteToYoungPersonForm()
    if form.validate_on_submit():
        try:
            _message, way = young_persons_words.write_to_young_person(submission, form.body.data, actor=current_user,
                                                                       case=case)
        except common.CaseworkError as error:
            db.session.rollback()
            put_errors(form, error, fallback="body")
        else:
            flash(_("Message sent. They were emailed that a message is waiting.") if way == "email"
                  else _("Message sent. %(way)s", way=WAYS.get(way, WAYS["none"])))
            return redirect(back + "#young-persons-words", code=303)
    thread = queries.words_about_case(case) if case is not None else queries.words_on_submission(submission)
    note_read("thread", submission.id, case_id=case.id if case is not None else None)
    return render_template("staff/write_to_young_person.html", form=form, thread=thread, back_url=back,
                           reference=case.reference if case is not None else submission.reference,
                           language_tag=submission.language)


@bp.route("/cases/<uuid:case_id>/write", methods=["GET", "POST"])
@requires(YOUNG_PERSON_WRITE)
def write_from_case(case_id: uuid.UUID) -> Any:
    case = case_or_404(case_id)
    if case.submission is None:
        flash(_("This case came without a submission (it was imported), so there is no tracking page to write to."))
        return redirect(url_for("staff.case", case_id=case.id), code=303)
    return _write(case.submission, case, url_for("staff.case", case_id=case.id))


@bp.route("/submissions/<uuid:submission_id>/write", methods=["GET", "POST"])
@requires(YOUNG_PERSON_WRITE)
def write_from_submission(submission_id: uuid.UUID) -> Any:
    submission = submission_or_404(submission_id)
    return _write(submission, None, url_for("staff.submission", submission_id=submission.id))
