"""Documents on a case: staff attach them (multipart, works without JavaScript) and download them.

Only staff who may see the case may add or fetch its documents (``portal.access``); a download is
always an attachment of the type the content was checked to be (``portal.casework.documents``).
"""

from __future__ import annotations

import uuid
from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from portal.access import visible_case, visible_submissions
from portal.audit import note_read
from portal.casework import documents
from portal.db import db
from portal.models import Document, Submission
from portal.permissions import STAFF_AREA, TRIAGE, has_permission, requires
from staff.blueprint import bp
from staff.forms.documents import DocumentForm
from staff.lookup import case_or_404

PROBLEMS = {
    "missing": "Choose a file to attach.",
    "empty": "The file is empty. Choose another file.",
    "too_big": "The file is too big. Choose a file smaller than {size}.",
    "type": "This kind of file cannot be kept. Attach a PDF or a photo (JPEG, PNG, HEIC or WEBP).",
    "too_many": "Too many files.",  # only ever for the young person's uploads
    "infected": "The virus check found malware in this file, so it has not been kept. Do not open the file "
                "on your computer: tell the council's IT service desk where it came from.",
}



@bp.route("/cases/<uuid:case_id>/documents", methods=["GET", "POST"])
@requires(STAFF_AREA)
@documents.accepts_upload
def case_documents(case_id: uuid.UUID) -> Any:
    case = case_or_404(case_id)
    form = DocumentForm()
    file_error = None
    if form.validate_on_submit():
        try:
            document = documents.store(request.files.get("document"), case=case,
                                       description=form.description.data, actor=current_user)
        except documents.DocumentError as error:
            file_error = PROBLEMS[error.reason].format(size=documents.size_text())
        else:
            flash(_("Document attached.") if document.scan_status == "clean" else
                  _("Document attached. The virus check could not run just now: the document waits, and can be "
                    "downloaded once the check has passed."))
            return redirect(url_for("staff.case_documents", case_id=case.id), code=303)
    if file_error:
        form.document.errors = [file_error]
    note_read("case", case.id, case_id=case.id, detail="documents")
    kept = documents.for_case(case)
    page = render_template("staff/documents/case.html", case=case, form=form, documents=kept,
                           limit=documents.size_text())
    if request.method == "GET" and (case.responding_manager_id == current_user.id
                                    or has_permission(current_user, TRIAGE)):
        documents.mark_seen(kept, actor=current_user)  # after the page is made: it still shows them as new
    return page


@bp.get("/documents/<uuid:document_id>")
@requires(STAFF_AREA)
def staff_document(document_id: uuid.UUID) -> Any:
    document = db.session.get(Document, document_id)
    if document is None:
        abort(404)
    if document.case_id is not None:
        allowed = visible_case(current_user, document.case_id) is not None
    else:
        allowed = db.session.scalar(visible_submissions(current_user)
                                    .where(Submission.id == document.submission_id)
                                    .with_only_columns(Submission.id)) is not None \
            or _submission_case_visible(document.submission_id)
    if not allowed:
        abort(404)  # not there, or not for this user: the same answer
    note_read("document", document.id, case_id=document.case_id or _case_of_submission(document.submission_id))
    return documents.serve(document)


def _case_of_submission(submission_id: Any) -> Any:
    from sqlalchemy import select

    from portal.models import Case

    return db.session.scalar(select(Case.id).where(Case.submission_id == submission_id).limit(1))


def _submission_case_visible(submission_id: Any) -> bool:
    """A young person's upload belongs to their submission: whoever may see a case made from it may
    read it (an operational manager has no submissions list of their own)."""
    from portal.access import visible_cases
    from portal.models import Case

    return db.session.scalar(visible_cases(current_user).where(Case.submission_id == submission_id)
                             .with_only_columns(Case.id).limit(1)) is not None


