"""Loading the case or submission a staff URL names, only from what the signed-in user may see.

A record outside their scope answers 404, the same as one that does not exist, so nothing is revealed.
"""

from __future__ import annotations

import uuid

from flask import abort
from flask_login import current_user

from portal.access import visible_case, visible_submissions
from portal.db import db
from portal.models import Case, Submission


def case_or_404(case_id: uuid.UUID) -> Case:
    case = visible_case(current_user, case_id)
    if case is None:
        abort(404)  # not there, or not for this user: the same answer, so nothing is revealed
    return case


def submission_or_404(submission_id: uuid.UUID) -> Submission:
    submission = db.session.scalar(visible_submissions(current_user).where(Submission.id == submission_id))
    if submission is None:
        abort(404)
    return submission
