"""The advocacy service's words for its stored keys (staff and advocates' pages, English)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

ADVOCATE_KINDS = {"independent": _l("Independent advocate"), "crs": _l("Children's Rights Service advocate")}
ADVOCACY_KINDS = {**ADVOCATE_KINDS, "own_choice": _l("Advocate of their choosing")}
REQUESTED_KINDS = {**ADVOCACY_KINDS, "not_sure": _l("No preference")}
GENDERS = {"woman": _l("Woman"), "man": _l("Man")}
WANTED_GENDERS = {"woman": _l("A woman"), "man": _l("A man"), "no_preference": _l("No preference")}
OUTCOMES = {
    "informal_resolution": _l("Informal resolution"),
    "formal_complaint": _l("Formal complaint made"),
    "withdrawn": _l("Withdrawn"),
    "other": _l("Other"),
}
CONTACT_METHODS = {
    "visit": _l("Visit"),
    "meeting": _l("Meeting (review, panel or other)"),
    "phone": _l("Phone call"),
    "video": _l("Video call"),
    "text": _l("Text message"),
    "email": _l("Email"),
}
HELPLINE_CALLERS = {"young_person": _l("A young person seeking informal help"),
                    "staff": _l("Staff seeking advice")}
HELPLINE_OUTCOMES = {
    "advice_given": _l("Advice or information given"),
    "resolved_informally": _l("Resolved informally"),
    "advocacy_offered": _l("Advocacy offered or arranged"),
    "complaint_made": _l("Helped to make a complaint"),
    "referred_on": _l("Referred to another service"),
    "other": _l("Other"),
}
STATUSES = {"open": _l("Open"), "closed": _l("Closed")}


def label(mapping: dict, key: str | None) -> str:
    return "" if key is None else str(mapping.get(key, key))
