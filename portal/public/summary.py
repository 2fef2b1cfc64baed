"""The rows of "Check your answers", in the reader's language, with a change link for each.

Each kind has its own rows and words, and a young person answering for themselves reads "you"."""

from __future__ import annotations

from typing import Any

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from portal.public import choices, journey


def _label(mapping: dict[str, Any], key: Any) -> str:
    return str(mapping[key]) if key in mapping else ""


def _lines(value: str) -> Markup:
    # The summary list macro indents its "html" (and pads its "text") with whitespace that a
    # pre-wrapped element would show: keep the pre-wrap inside a span with nothing around the text,
    # and write line breaks as character references, which the macro's indent() does not touch.
    lines = [escape(line) for line in value.split("\n")]
    # dir="auto": an answer written in another script than the page's keeps its own direction.
    return Markup('<span class="app-preserve-lines" dir="auto">{}</span>').format(Markup("&#10;").join(lines))


def _row(label: Any, value: str, slug: str, *, multiline: bool = False) -> dict[str, Any]:
    shown = value or _("Not given")
    return {
        "key": {"text": str(label)},
        "value": {"html": _lines(shown)} if multiline else {"text": shown},
        "actions": {"items": [{"href": url_for("public.step", slug=slug), "text": _("Change"),
                               "visuallyHiddenText": str(label)}]},
    }


# The answers that say what they told us, by the step that asked them: the tracking page shows these
# (without "Change" links: what was sent stays as it was; more goes through "add more information").
TOLD_US_STEPS = frozenset({"details", "hopes", "wishes", "help", "advocate", "advocate-choice"})


def told_us(answers: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """What they wrote, in their words, for the tracking page's "What you told us" (the rows of the
    kind they sent; staff may have made a complaint of wishes and feelings since)."""
    shown = []
    for row in rows({**answers, "kind": kind}):
        slug = row["actions"]["items"][0]["href"].rstrip("/").rsplit("/", 1)[-1]
        if slug in TOLD_US_STEPS:
            shown.append({"key": row["key"], "value": row["value"]})
    return shown


def _advocate(a: dict[str, Any], is_self: bool) -> str:
    mapping = choices.ADVOCATE_CHOICES if a.get("kind") == "advocacy_request" else choices.ADVOCATES
    words = _label(mapping, a.get("advocate"))
    if a.get("advocate") == "own_choice":
        words = f"{words}\n{a.get('advocate_name', '')} ({a.get('advocate_relationship', '')})"
    return words


def rows(answers: dict[str, Any]) -> list[dict[str, Any]]:
    a = journey.public_answers(answers)
    is_self = a.get("who_is_telling") == "young_person"
    kind = a.get("kind", "complaint")
    result = [
        _row(_l("What you want to do"), _label(choices.KINDS, a.get("kind")), "start"),
        _row(_l("Who is telling us"), _label(choices.WHO, a.get("who_is_telling")), "who"),
    ]
    if not is_self:
        result += [
            _row(_l("Your name"), a.get("your_name", ""), "you"),
            _row(_l("How you know the young person"), a.get("your_relationship", ""), "you"),
            _row(_l("Does the young person know and agree"), _label(choices.KNOWS_AND_AGREES,
                                                                    a.get("young_person_knows")), "you"),
        ]
    name = _("I'd rather not say") if a.get("name_withheld") else a.get("young_person_name", "")
    result.append(_row(_l("Your name") if is_self else _l("The young person's name"), name, "name"))
    if journey.date_of_birth(a):
        parts = [a.get(k, "").strip() for k in ("dob_day", "dob_month", "dob_year")]
        result.append(_row(_l("Your date of birth") if is_self else _l("Their date of birth"),
                           " / ".join(parts), "age"))
    if (a.get("age") or "").strip():
        result.append(_row(_l("Your age") if is_self else _l("Their age"), a["age"], "age"))
    result.append(_row(_l("Where you live, or who supports you") if is_self
                       else _l("Where they live, or who supports them"),
                       _label(choices.PLACES, a.get("where_they_live")), "where"))
    if a.get("service_or_worker"):
        result.append(_row(_l("Team or worker"), a["service_or_worker"], "where"))
    if kind == "complaint":
        result += [
            _row(_l("What happened"), a.get("what_happened", ""), "details", multiline=True),
            _row(_l("What would help"), a.get("what_would_help", ""), "hopes", multiline=True),
            _row(_l("Advocate"), _advocate(a, is_self), "advocate", multiline=True),
        ]
    elif kind == "wishes_and_feelings":
        result += [
            _row(_l("What you want people to know") if is_self else _l("What they want people to know"),
                 a.get("wishes", ""), "wishes", multiline=True),
            _row(_l("Who should know it"), a.get("who_should_know", ""), "wishes"),
        ]
    else:
        result += [
            _row(_l("What you would like help with") if is_self else _l("What they would like help with"),
                 a.get("help_wanted", ""), "help", multiline=True),
            _row(_l("Your advocate") if is_self else _l("Their advocate"), _advocate(a, is_self),
                 "advocate-choice", multiline=True),
        ]
        if a.get("advocate") != "own_choice":
            result += [
                _row(_l("A woman or a man"), _label(choices.ADVOCATE_GENDERS, a.get("advocate_gender")),
                     "advocate-choice"),
                _row(_l("A language they should speak"), a.get("advocate_language", ""), "advocate-choice"),
            ]
    method = a.get("contact_method")
    contact = _label(choices.CONTACT_METHODS, method)
    detail = {
        "phone": a.get("contact_phone"), "text": a.get("contact_text"), "email": a.get("contact_email"),
        "post": a.get("contact_address"),
        "worker": "\n".join(filter(None, [a.get("contact_worker_name"), a.get("contact_worker_how")])),
    }.get(method or "")
    if detail:
        contact = f"{contact}\n{detail}"
    result.append(_row(_l("How we can contact you"), contact, "contact", multiline=True))
    if method and method != "none":
        result.append(_row(_l("Can we leave a message"), _label(choices.YES_NO, a.get("may_leave_message")),
                           "contact-safety"))
        result.append(_row(_l("Safe times to contact you"), a.get("safe_times", ""), "contact-safety"))
    interpreter = _label(choices.YES_NO, a.get("interpreter_needed"))
    if a.get("interpreter_needed") == "yes":
        interpreter = f"{interpreter}: {a.get('interpreter_language', '')}"
    result.append(_row(_l("Interpreter"), interpreter, "interpreter"))
    result += [
        _row(_l("Your gender") if is_self else _l("Their gender"), _label(choices.GENDERS, a.get("gender")),
             "about-you"),
        _row(_l("Your ethnic group") if is_self else _l("Their ethnic group"),
             _label(choices.ETHNICITIES, a.get("ethnicity")), "about-you"),
        _row(_l("Came to the UK on your own") if is_self else _l("Came to the UK on their own"),
             _label(choices.UAS, a.get("uas_child")), "about-you"),
    ]
    return result
