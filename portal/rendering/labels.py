"""Plain words for stored keys, in the reader's language. Stored values stay language-neutral keys."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime
from flask_babel import lazy_gettext as _l

from portal import sanitise
from portal.i18n import LANGUAGES

SUBMISSION_KINDS = {
    "complaint": _l("Complaint"),
    "wishes_and_feelings": _l("Wishes and feelings"),
    "advocacy_request": _l("Advocacy request"),
    "mp_enquiry": _l("MP enquiry"),
    "councillor_enquiry": _l("Councillor enquiry"),
}

CHANNELS = {
    "web": _l("Website"),
    "phone": _l("Phone"),
    "email": _l("Email"),
    "letter": _l("Letter"),
    "in_person": _l("In person"),
    "app": _l("App"),
    "mp_cllr": _l("MP or Councillor"),
}

CASE_STATUSES = {
    "awaiting_triage": _l("Awaiting triage"),
    "deferred": _l("Deferred"),
    "stage1": _l("Stage 1: local resolution"),
    "stage1_responded": _l("Stage 1 responded"),
    "stage2_requested": _l("Stage 2 requested"),
    "stage2": _l("Stage 2: investigation"),
    "stage2_responded": _l("Stage 2 responded"),
    "stage3_requested": _l("Stage 3 requested"),
    "stage3": _l("Stage 3: review panel"),
    "stage3_responded": _l("Stage 3 responded"),
    "closed": _l("Closed"),
    "withdrawn": _l("Withdrawn"),
    "not_applicable": _l("Not applicable"),
    "not_children_act": _l("Not a Children Act matter"),
    "referred": _l("Safeguarding referral"),
    "resolved_informally": _l("Informal resolution"),
    "linked": _l("Duplicate (linked)"),
    "enquiry": _l("Enquiry"),
}


ROUTES = {
    "statutory": _l("Statutory complaint"),
    "safeguarding": _l("Safeguarding concern"),
    "not_children_act": _l("Not a Children Act matter"),
    "informal": _l("Informal resolution"),
    "enquiry": _l("MP or Councillor enquiry"),
    "duplicate": _l("Duplicate (linked)"),
}

OUTCOMES = {
    "upheld": _l("Upheld (fault found)"),
    "partly_upheld": _l("Partly upheld (some fault found)"),
    "not_upheld": _l("Not upheld (no fault found)"),
    "not_applicable": _l("Not applicable"),
}

# A finding on one point uses the outcome's words; "not applicable" is never a finding.
FINDINGS = {key: words for key, words in OUTCOMES.items() if key != "not_applicable"}

ADVOCACY_GIVEN = {
    "none": _l("None"),
    "independent": _l("Independent advocate"),
    "crs": _l("Children's Rights Service advocate"),
    "own_choice": _l("Advocate of their choice"),
}

# Who the complainant is to the child: s26(3), (3B) and (3C) name those who complain as of right.
STANDINGS = {
    "child": _l("The child or young person"),
    "parent": _l("A parent"),
    "parental_responsibility": _l("Someone with parental responsibility"),
    "foster_carer": _l("A local authority foster carer"),
    "adoption": _l("About adoption support: someone in s3(1) of the Adoption and Children Act 2002, such as a "
                   "prospective adopter, an adopter, an adopted person or a birth relative (s26(3B))"),
    "special_guardianship": _l("About special guardianship support: a special guardian, a parent of the child, "
                               "or the child (s26(3C))"),
    "other": _l("Someone else: decide whether they have sufficient interest"),
}

WHO_IS_TELLING = {
    "young_person": _l("The young person"),
    "parent_carer": _l("A parent or carer"),
    "helper": _l("Someone helping a young person"),
    "professional": _l("A professional"),
}

# The people appointed to a case at stage 2 and 3 (portal.models.stages).
APPOINTED_ROLES = {"investigator": _l("Independent investigator"), "independent_person": _l("Independent person"),
                   "panel_member": _l("Review panel member")}

AUDIT_ACTIONS = {
    "submission_received": _l("Submission received"),
    "submission_claimed": _l("Claimed for triage"),
    "submission_released": _l("Released from triage"),
    "Triage": _l("Triaged"),
    "CorrectTriage": _l("Triage corrected"),
    "ExtendStage1": _l("Stage 1 extended to 20 working days"),
    "RespondStage1": _l("Stage 1 response recorded"),
    "Withdraw": _l("Withdrawn"),
    "MarkNotApplicable": _l("Marked not applicable"),
    "Defer": _l("Deferred"),
    "Resume": _l("Resumed"),
    "RequestStage2": _l("Stage 2 requested"),
    "DecideLateRequest": _l("Late request decided"),
    "RequestStage3": _l("Review panel requested"),
    "ReviewDeferral": _l("Deferral reviewed"),
    "ExtendStage2": _l("Stage 2 extended"),
    "Close": _l("Closed"),
    "referral_acknowledged": _l("Referral acknowledged"),
    "information_added": _l("The young person wrote to us"),
    "message_to_young_person": _l("Wrote to the young person"),
    "wishes_became_complaint": _l("Became a complaint, with the young person's agreement"),
    "young_person_words_read": _l("What the young person wrote was read"),
    # Issue 11: learning and documents.
    "corrective_action_added": _l("Corrective action added"),
    "corrective_action_completed": _l("Corrective action completed"),
    "corrective_action_impact": _l("Corrective action's impact assessed"),
    "action_plan_started": _l("Corrective action plan started"),
    "action_plan_saved": _l("Corrective action plan updated"),
    "document_added": _l("Document attached"),
    "language_support_recorded": _l("Translation or interpreter recorded"),
    "letter_translation_attached": _l("Translated letter attached"),
    # Issue 23: retention and erasure (portal.casework.retention).
    "personal_data_removed": _l("Personal data removed (the statistical record is kept)"),
    "legal_hold_set": _l("Legal hold placed"),
    "legal_hold_lifted": _l("Legal hold lifted"),
}

# What staff did so a young person could understand or be understood (``LanguageSupport.kind``).
LANGUAGE_SUPPORT_KINDS = {
    "interpreter_booked": _l("Interpreter booked"),
    "response_translated": _l("Response or message translated"),
    "letter_translated": _l("Letter translated"),
}

# What a young person wrote on the tracking page, as staff see it (``Message.kind``).
MESSAGE_KINDS = {
    "information": _l("Added more information"),
    "not_happy": _l("Not happy with the answer, and why"),
}


# What triage did with a wishes-and-feelings contact (``Case.wishes_action``).
WISHES_ACTIONS = {
    "social_worker": _l("Passed to their social worker"),
    "team": _l("Passed to a team"),
    "iro": _l("Passed to their independent reviewing officer"),
    "informal": _l("Helped informally (advocacy helpdesk)"),
}


def label(mapping: dict[str, object], key: str | None) -> str:
    if key is None:
        return ""
    return str(mapping.get(key, key))


def staff_date(value: date | None) -> str:
    return format_date(value, "d MMM y") if value else ""


def staff_datetime(value: datetime | None) -> str:
    return format_datetime(value, "d MMM y, HH:mm") if value else ""


def english_name(code: str) -> str:
    """A language as staff read it: "Arabic (العربية)"; English just "English"."""
    if code == "other":
        return str(_l("Another language"))
    if code not in LANGUAGES:
        return code
    language = LANGUAGES[code]
    if language.native_name == language.english_name:
        return language.english_name
    return f"{language.english_name} ({language.native_name})"


def init_app(app: Flask) -> None:
    app.jinja_env.filters["submission_kind"] = lambda key: label(SUBMISSION_KINDS, key)
    app.jinja_env.filters["channel_name"] = lambda key: label(CHANNELS, key)
    app.jinja_env.filters["case_status"] = lambda key: label(CASE_STATUSES, key)
    app.jinja_env.filters["language_name"] = lambda code: (
        LANGUAGES[code].native_name if code in LANGUAGES else code
    )
    # Staff see a submission's language by its English name, with its own beside it.
    app.jinja_env.filters["language_english_name"] = english_name
    # A BCP 47 tag for lang="" ("" for a language the portal does not know, such as "other").
    app.jinja_env.filters["language_tag"] = lambda code: LANGUAGES[code].tag if code in LANGUAGES else ""
    app.jinja_env.filters["language_dir"] = lambda code: LANGUAGES[code].direction if code in LANGUAGES else "auto"
    app.jinja_env.filters["staff_date"] = staff_date
    app.jinja_env.filters["staff_datetime"] = staff_datetime
    app.jinja_env.filters["route_name"] = lambda key: label(ROUTES, key)
    app.jinja_env.filters["outcome_name"] = lambda key: label(OUTCOMES, key)
    app.jinja_env.filters["who_is_telling"] = lambda key: label(WHO_IS_TELLING, key)
    app.jinja_env.filters["audit_action"] = lambda key: label(AUDIT_ACTIONS, key)
    app.jinja_env.filters["standing_name"] = lambda key: label(STANDINGS, key)
    app.jinja_env.filters["advocacy_name"] = lambda key: label(ADVOCACY_GIVEN, key)
    app.jinja_env.filters["message_kind"] = lambda key: label(MESSAGE_KINDS, key)
    app.jinja_env.filters["wishes_action"] = lambda key: label(WISHES_ACTIONS, key)
    app.jinja_env.filters["language_support_kind"] = lambda key: label(LANGUAGE_SUPPORT_KINDS, key)
    # Staff-written letters: cleaned again as they are shown, whatever is in the row (decision 0008).
    app.jinja_env.filters["letter_html"] = sanitise.clean
