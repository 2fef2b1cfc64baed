"""Sending a photo or a document from the tracking page (a letter photographed, a PDF).

The file belongs to the submission (before triage there is no case yet) and staff see it on every
case made from it. The young person can fetch back only what they sent themselves, and only while
their tracking page is open (``signed_in``); every file is a download, never shown in the browser.
"""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms import StringField
from wtforms.validators import Length

from portal.casework import documents
from portal.db import db
from portal.extensions import limiter
from portal.models import Document, Submission
from portal.permissions import public
from portal.public.blueprint import bp
from portal.public.forms import PublicForm
from portal.public.tracking_views import signed_in

UPLOAD_LIMIT = "30 per hour"  # per address, on top of the per-submission cap (documents.MAX_FROM_YOUNG_PERSON)


class UploadForm(PublicForm):
    """CSRF and the optional description; the file is read from ``request.files``."""

    description = StringField(_l("What is it? (optional)"), validators=[Length(max=200)])


def _problem(reason: str) -> str:
    return {
        "missing": _("Choose a file to send."),
        "empty": _("The file is empty. Choose another file."),
        "too_big": _("The file is too big. Choose a file smaller than %(size)s.", size=documents.size_text()),
        "type": _("We cannot take this kind of file. Send a photo (JPG, PNG, HEIC or WEBP) or a PDF."),
        "too_many": _("You have sent as many files as we can take here. To send more, call or email us."),
        "infected": _("Our virus check found something harmful in this file, so we cannot take it. We have not "
                      "kept it. Send a different file, or call or email us."),
    }[reason]


@bp.route("/check/send-a-file", methods=["GET", "POST"])
@public
@limiter.limit(UPLOAD_LIMIT, methods=["POST"])
@signed_in
@documents.accepts_upload
def track_upload(submission: Submission) -> Response | str:
    form = UploadForm()
    file_error = None
    if form.validate_on_submit():
        try:
            document = documents.store(request.files.get("document"), submission=submission,
                                       description=form.description.data)
        except documents.DocumentError as error:
            file_error = _problem(error.reason)
        else:
            flash(_("We've got your file. The people dealing with what you sent can see it.")
                  if document.scan_status == "clean" else
                  _("We've got your file. We check every file for viruses first: the people dealing with what "
                    "you sent can see it once it has been checked."), "added")
            return redirect(url_for("public.track_status"), code=303)
    return render_template("tracking/upload.html", form=form, file_error=file_error,
                           sent=documents.sent_by_young_person(submission), limit=documents.size_text())


@bp.get("/check/files/<uuid:document_id>")
@public
@signed_in
def track_file(submission: Submission, document_id: uuid.UUID) -> Response:
    document = db.session.get(Document, document_id)
    if document is None or document.submission_id != submission.id or not document.from_young_person:
        abort(404)
    return documents.serve(document)
