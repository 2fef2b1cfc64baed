"""The Local Government and Social Care Ombudsman: each enquiry about a case, the information sent,
its decision, and any remedy."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import select

from portal import audit
from portal.casework.checks import check_date
from portal.casework.common import CaseworkError
from portal.db import db
from portal.models import Case, OmbudsmanEnquiry, User
from portal.models.ombudsman import OMBUDSMAN_DECISIONS


def record_ombudsman_enquiry(case: Case, *, enquired_on: date, reference: str, information_requested: str,
                             information_due_on: date | None, actor: User) -> OmbudsmanEnquiry:
    check_date(enquired_on, "Enter the date the Ombudsman enquired (not in the future).", field="enquired_on")
    if information_requested.strip() and information_due_on is None:
        raise CaseworkError("Enter the date the information is due.", field="information_due_on")
    if information_due_on is not None and information_due_on < enquired_on:
        raise CaseworkError("The information cannot be due before the enquiry.", field="information_due_on")
    enquiry = OmbudsmanEnquiry(case_id=case.id, enquired_on=enquired_on,
                               ombudsman_reference=reference.strip() or None,
                               information_requested=information_requested.strip() or None,
                               information_due_on=information_due_on)
    db.session.add(enquiry)
    db.session.flush()
    audit.record("ombudsman_enquiry", subject_type="case", subject_id=case.id, actor=actor,
                 enquiry_id=str(enquiry.id), enquired_on=enquired_on.isoformat())
    db.session.commit()
    return enquiry


def enquiry_of(case: Case, enquiry_id: Any) -> OmbudsmanEnquiry | None:
    try:
        wanted = uuid.UUID(str(enquiry_id))
    except ValueError:
        return None
    return db.session.scalar(select(OmbudsmanEnquiry).where(OmbudsmanEnquiry.id == wanted,
                                                            OmbudsmanEnquiry.case_id == case.id))


def record_information_sent(enquiry: OmbudsmanEnquiry, *, on: date, actor: User) -> None:
    check_date(on, "The information is sent on or after the enquiry, and not later than today.", field="on",
               not_before=enquiry.enquired_on)
    enquiry.information_sent_on = on
    audit.record("ombudsman_information_sent", subject_type="case", subject_id=enquiry.case_id, actor=actor,
                 enquiry_id=str(enquiry.id), on=on.isoformat())
    db.session.commit()


def record_ombudsman_decision(enquiry: OmbudsmanEnquiry, *, decision: str, decided_on: date, remedy: str,
                              remedy_due_on: date | None, public_report: bool, actor: User) -> None:
    """Not investigated, or investigated: no fault, fault without injustice, fault causing injustice."""
    if decision not in OMBUDSMAN_DECISIONS:
        raise CaseworkError("Choose the Ombudsman's decision.", field="decision")
    check_date(decided_on, "The decision is dated on or after the enquiry, and not later than today.",
               field="decided_on", not_before=enquiry.enquired_on)
    if decision == "fault_injustice" and not remedy.strip():
        raise CaseworkError("Fault causing injustice: record the remedy the Ombudsman asked for.", field="remedy")
    if remedy.strip() and remedy_due_on is None:
        raise CaseworkError("Enter the date the remedy is due.", field="remedy_due_on")
    if public_report and decision == "not_investigated":
        raise CaseworkError("A public report follows an investigation: choose the decision it reported.",
                            field="public_report")
    enquiry.decision, enquiry.decided_on = decision, decided_on
    enquiry.investigated = decision != "not_investigated"
    enquiry.remedy, enquiry.remedy_due_on = remedy.strip() or None, remedy_due_on
    enquiry.public_report = public_report
    audit.record("ombudsman_decision", subject_type="case", subject_id=enquiry.case_id, actor=actor,
                 enquiry_id=str(enquiry.id), decision=decision, public_report=public_report)
    db.session.commit()


def record_remedy_completed(enquiry: OmbudsmanEnquiry, *, on: date, actor: User) -> None:
    if not enquiry.remedy:
        raise CaseworkError("There is no remedy to complete.", field="on")
    check_date(on, "The remedy is completed on or after the decision, and not later than today.", field="on",
               not_before=enquiry.decided_on or enquiry.enquired_on)
    enquiry.remedy_completed_on = on
    audit.record("ombudsman_remedy_completed", subject_type="case", subject_id=enquiry.case_id, actor=actor,
                 enquiry_id=str(enquiry.id), on=on.isoformat())
    db.session.commit()
