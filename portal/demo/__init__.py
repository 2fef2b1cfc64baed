"""Demonstration data: believable, drawn from what people actually bring, all marked demo.

Every row made here has ``is_demo`` set, every person's name is invented, and the demo banner tells
anyone looking that none of it is real. Only ``flask demo-data`` imports this package: the app and
its requests never do (a test holds it).
"""

from __future__ import annotations

from datetime import date

from portal.db import db
from portal.demo import advocacy, complaints, enquiries_and_learning, history, languages, stages
from portal.demo.common import DEMO_PASSWORD


def load(today: date | None = None) -> str:
    """Load every part of the demo into an empty database; returns what to print (the sign-in details)."""
    today = today or date.today()
    lines = complaints.load(today)
    languages.load()
    db.session.commit()
    lines += enquiries_and_learning.load(today)
    lines += stages.load(today, DEMO_PASSWORD)
    advocacy.load(today, lines)
    lines.append(history.load(today))  # past years in the import format, for the annual report
    return "\n".join(lines)
