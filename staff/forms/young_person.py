"""The form staff write to a young person with (the thread on their tracking page)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from govuk_frontend_wtf.wtforms_widgets import GovSubmitInput, GovTextArea
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired, Length

from portal.casework.young_persons_words import MESSAGE_MAX
from staff.forms import StaffForm


class WriteToYoungPersonForm(StaffForm):
    body = TextAreaField(
        _l("Your message"), widget=GovTextArea(),
        description=_l("They read it on their tracking page, with your first name and role. Write plainly, in "
                       "words a young person understands. They are told only that a message is waiting."),
        validators=[DataRequired(message=_l("Write your message")),
                    Length(max=MESSAGE_MAX, message=_l("Your message must be 5000 characters or fewer"))])
    submit = SubmitField(_l("Send the message"), widget=GovSubmitInput())
