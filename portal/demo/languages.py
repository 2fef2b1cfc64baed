"""Demo data for language support: interpreters booked for the demo young people who wrote in
another language, so staff see the case page's language section filled in (decision 0014)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from portal.db import db
from portal.models import Case, LanguageSupport


def load() -> None:
    cases = db.session.scalars(select(Case).where(Case.is_demo.is_(True), Case.submission_id.is_not(None))).all()
    for case in cases:
        submission = case.submission
        if submission.language == "en":
            continue
        db.session.add(LanguageSupport(
            submission_id=submission.id, case_id=case.id, kind="interpreter_booked", language=submission.language,
            on=submission.received_on + timedelta(days=2),
            recorded_by_id=case.responding_manager.id if case.responding_manager else None,
            note="Demo: telephone interpreter for the first call."))
