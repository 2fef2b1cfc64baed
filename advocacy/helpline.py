"""Recording a helpline contact: advocates (their area) and the Children's Rights Service's officers
(the staff area) answer the helpline alike, through this one form handler."""

from __future__ import annotations

from typing import Any

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user

from advocacy.forms import HelplineForm
from portal.casework import advocacy as work
from portal.casework.common import CaseworkError
from portal.db import db


def record(*, listing_url: str) -> Any:
    """The form, or after a recorded contact the list of contacts (``listing_url``)."""
    form = HelplineForm()
    if form.validate_on_submit():
        try:
            work.record_helpline(on=form.on.data, caller=form.caller.data, method=form.method.data,
                                 summary=form.summary.data, outcome=form.outcome.data,
                                 outcome_note=form.outcome_note.data, actor=current_user)
        except CaseworkError as error:
            db.session.rollback()
            problems = error.problems or {"summary": str(error)}
            for name, message in problems.items():
                field = form._fields.get(name) or form.summary
                if not field.errors:
                    field.errors = [message]
        else:
            flash(_("Helpline contact recorded."))
            return redirect(listing_url, code=303)
    return render_template("advocacy/action.html", form=form, case=None, title=_("Record a helpline contact"),
                           helpline_url=listing_url)
