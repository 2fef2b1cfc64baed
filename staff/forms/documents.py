"""The form for adding a document to a case."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextInput
from wtforms import StringField, SubmitField
from wtforms.validators import Length

from staff.forms import StaffForm


class DocumentForm(StaffForm):
    """The file itself is read from ``request.files`` and checked by ``portal.casework.documents``; this form
    carries the CSRF token and the description."""

    document = StringField(_l("File"))  # rendered as a file input by the template
    description = StringField(_l("What it is (optional)"), widget=GovTextInput(),
                              description=_l("For example: the investigation report, a letter from the school."),
                              validators=[Length(max=200)])
    submit = SubmitField(_l("Attach the document"), widget=GovSubmitInput())
