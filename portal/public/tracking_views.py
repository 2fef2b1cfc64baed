"""Checking on something sent: reference + tracking code, no account.

The page stays open for the session's lifetime of inactivity (``PERMANENT_SESSION_LIFETIME``);
"Sign out of this page" and "Exit this page" end it at once. Wrong codes are limited per reference
(``portal.intake.tracking.check_tracking_code``) and, generously, per address.
"""

from __future__ import annotations

import hmac
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from werkzeug.wrappers import Response

from portal.casework import advocacy as advocacy_work
from portal.casework import common, documents, next_stage, young_persons_words
from portal.db import db
from portal.extensions import limiter
from portal.intake import submissions, tracking
from portal.models import Case, Letter, Submission
from portal.permissions import public
from portal.public import forms, summary
from portal.public.blueprint import bp
from portal.public.status import describe, what_was_sent

TRACKING = "tracking"
CHECK_LIMIT = "60 per hour"  # per address, on top of the per-reference lock
LOST_CODE_LIMIT = "20 per hour"


# A browser that sent a submission, or typed its right code, keeps a device key for that reference: a
# random nonce and a fragment of the reference's keyed hash, signed with the app's secret key. It signs
# nobody in and names nothing; it only means this browser's attempts are counted on its own, so a
# person who holds the reference and guesses codes cannot lock the young person out on their own phone
# (``tracking.check_tracking_code``). "Exit this page" leaves it (it holds nothing to hide).
DEVICE_COOKIE = "crs_device"
DEVICE_COOKIE_AGE = 365 * 24 * 3600


def _device_signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.secret_key, salt="tracking-device")


def _reference_tag(reference: str) -> str:
    return tracking.reference_hash(reference)[:32]


def device_for(reference: str) -> str | None:
    """This browser's device key for ``reference``, if it holds a good one."""
    raw = request.cookies.get(DEVICE_COOKIE, "")
    if not raw or len(raw) > 300:
        return None
    try:
        held = _device_signer().loads(raw)
    except BadSignature:
        return None
    if not isinstance(held, dict) or not isinstance(held.get("n"), str) or not isinstance(held.get("r"), str):
        return None
    if not hmac.compare_digest(held["r"], _reference_tag(reference)):
        return None
    return held["n"]


def remember_device(response: Response, reference: str) -> Response:
    """Give this browser a device key for ``reference`` (the one it holds, if it already has one)."""
    nonce = device_for(reference) or secrets.token_hex(16)
    response.set_cookie(DEVICE_COOKIE, _device_signer().dumps({"r": _reference_tag(reference), "n": nonce}),
                        max_age=DEVICE_COOKIE_AGE, secure=current_app.config["SESSION_COOKIE_SECURE"],
                        httponly=True, samesite="Lax")
    return response


def _lifetime() -> float:
    value = current_app.config["PERMANENT_SESSION_LIFETIME"]
    return value.total_seconds() if hasattr(value, "total_seconds") else float(value)


def clock() -> float:
    return time.time()


def _code_version(submission: Submission) -> str:
    # Which code opened the page: a fragment of its hash (the code itself never goes in the cookie).
    return (submission.tracking_code_hash or "")[:16]


def signed_in(view: Any) -> Any:
    """The tracking pages need a checked reference and code, used within the session's lifetime."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        held = session.get(TRACKING)
        if not held:
            return redirect(url_for("public.track"), code=303)
        if clock() - held.get("seen", 0) > _lifetime():
            session.pop(TRACKING, None)
            return render_template("tracking/timed_out.html"), 200
        submission = db.session.get(Submission, uuid.UUID(held["id"]))
        if submission is None or held.get("code") != _code_version(submission):
            # Gone, or a new code was issued since (the old one stops working, and so does its page).
            session.pop(TRACKING, None)
            return redirect(url_for("public.track"), code=303)
        session[TRACKING] = {**held, "seen": clock()}
        g.submission = submission
        return view(submission, *args, **kwargs)

    return wrapper


@bp.route("/check", methods=["GET", "POST"])
@public
@limiter.limit(CHECK_LIMIT, methods=["POST"])
def track() -> Response | str:
    form = forms.TrackForm()
    locked_until = None
    if form.validate_on_submit():
        try:
            submission = tracking.check_tracking_code(form.reference.data, form.code.data,
                                                      device=device_for(form.reference.data))
        except tracking.TrackingLocked as locked:
            locked_until = locked.until
            form.reference.errors = [_("You have tried too many times. Wait until %(time)s, then try again, "
                                       "or call us.", time=format_datetime(locked.until, "HH:mm"))]
        else:
            if submission is not None:
                session.pop(TRACKING, None)
                session[TRACKING] = {"id": str(submission.id), "seen": clock(),
                                     "code": _code_version(submission)}
                return remember_device(redirect(url_for("public.track_status"), code=303), submission.reference)
            form.code.errors = [_("The reference or the code is not right. Check them and try again.")]
    return render_template("tracking/sign_in.html", form=form, locked_until=locked_until)


@bp.get("/check/sign-out")
@public
def track_sign_out() -> Response:
    session.pop(TRACKING, None)
    return redirect(url_for("public.start"), code=303)


@dataclass
class Matter:
    """One matter of a submission as the tracking page shows it: triage may make several of one."""

    number: int  # "part 1", "part 2": the URL names a matter by this, never by an id
    case: Case | None
    status: Any
    can_escalate: bool
    can_withdraw: bool
    # The answer's letter, shown under the matter (decision 0008: to whoever opens the page with the code).
    letter: Letter | None = None
    several: bool = False  # the submission has more than one part (pages then name "Part N")
    # The answers after stage 1 (the stage 2 answer, the council's answer to the panel), oldest first.
    later_letters: list[Letter] = field(default_factory=list)
    # The first stage 1 answer, kept as sent when a fuller one followed a referral back (decision 0017).
    first_letters: list[Letter] = field(default_factory=list)


def _matters(submission: Submission) -> list[Matter]:
    cases: list[Case | None] = list(tracking.cases_for(submission)) or [None]
    return [
        Matter(number, case, describe(submission, case),
               can_escalate=case is not None and next_stage.next_stage_event(case) is not None,
               can_withdraw=tracking.can_withdraw(submission, case),
               letter=case.letter(1) if case is not None else None, several=len(cases) > 1,
               later_letters=[letter for letter in case.letters if letter.stage > 1] if case is not None else [],
               first_letters=case.earlier_letters(1) if case is not None else [])
        for number, case in enumerate(cases, start=1)
    ]


def _matter(submission: Submission) -> Matter | None:
    """The matter ``?part=N`` names (the first when none is named), or None if there is no such part."""
    raw = request.args.get("part", "1")
    matters = _matters(submission)
    number = int(raw) if raw.isdigit() else 0
    return matters[number - 1] if 1 <= number <= len(matters) else None


@bp.get("/check/status")
@public
@signed_in
def track_status(submission: Submission) -> str:
    advocacy = advocacy_work.advocacy_case_for(submission)
    thread = thread_for(submission, advocacy)
    tracking.mark_messages_read(submission)
    if advocacy is not None:
        advocacy_work.mark_read_by_young_person(advocacy)
    matters = _matters(submission)
    return render_template("tracking/status.html", submission=submission, matters=matters,
                           finished=all(m.status.finished for m in matters), thread=thread,
                           minutes=int(_lifetime() // 60), advocacy=advocacy,
                           sent=what_was_sent(submission.kind), advocate_name=_advocate_name(submission, advocacy),
                           what_you_wrote=summary.told_us(submission.answers, submission.kind),
                           ombudsman=any(m.status.ombudsman for m in matters),
                           refused_files=documents.refused_after_scan(submission),
                           can_add=submission.status != "withdrawn" and not all(
                               m.case is not None and m.case.status == "withdrawn" for m in matters))


def _first_name(user: Any) -> str:
    return (user.name.split() or [""])[0] if user is not None and user.name else ""


def _advocate_name(submission: Submission, advocacy: Any) -> str | None:
    """The first name of the young person's advocate, once one is assigned: the advocacy request's, or
    a complaint's advocate."""
    if advocacy is not None and advocacy.status == "open":
        if advocacy.advocate is not None:
            return _first_name(advocacy.advocate)
        return (advocacy.own_choice_name or "").split(" ")[0] or None
    for case in tracking.cases_for(submission):
        if case.advocate is not None:
            return _first_name(case.advocate)
    return None


# Who wrote to the young person, as they read it: the first name and the role written as.
_FROM = {
    "advocate": _l("From %(name)s, your advocate"),
    "crs_officer": _l("From %(name)s, Children's Rights Service"),
    "complaints_manager": _l("From %(name)s, Children's Rights Service"),
    "operational_manager": _l("From %(name)s, the manager dealing with this"),
    "deputy_director": _l("From %(name)s, a senior manager at the council"),
    "investigator": _l("From %(name)s, the independent investigator"),
    "independent_person": _l("From %(name)s, the independent person"),
    "panel_member": _l("From %(name)s, the review panel"),
}


@dataclass
class ThreadMessage:
    """One message of the young person's thread: who (first name and role), when, and, for their own,
    whether it was read. Read-state is taken before the page marks anything read."""

    mine: bool
    who: str
    body: str
    sent_at: Any
    read: bool
    to_advocate: bool = False


def _who(mine: bool, role: str | None, author: Any) -> str:
    if mine:
        return _("From you")
    return str(_FROM.get(role or "", _FROM["crs_officer"])) % {"name": _first_name(author)}


def thread_for(submission: Submission, advocacy: Any) -> list[ThreadMessage]:
    """The one thread of a submission: what staff wrote and what they wrote back (``Message``), and the
    advocacy case's messages with their advocate, in the order they were written."""
    rows = [ThreadMessage(m.direction == "from_young_person", _who(m.direction == "from_young_person",
                                                                  m.author_role, m.author),
                          m.body, m.sent_at, m.read_at is not None)
            for m in young_persons_words.thread_for(submission)]
    rows += [ThreadMessage(m.direction == "from_young_person", _who(m.direction == "from_young_person",
                                                                   m.author_role, m.author),
                           m.body, m.sent_at, m.read_at is not None, to_advocate=True)
             for m in (advocacy.messages if advocacy is not None else [])]
    return sorted(rows, key=lambda row: row.sent_at)


@bp.route("/check/advocate", methods=["GET", "POST"])
@public
@signed_in
def track_advocate(submission: Submission) -> Response | str:
    """Write to their advocate (offered once an advocate has been assigned and until the advocacy ends)."""
    advocacy = advocacy_work.advocacy_case_for(submission)
    if advocacy is None or advocacy.status != "open":
        return redirect(url_for("public.track_status"), code=303)
    form = forms.AdvocateMessageForm()
    if form.validate_on_submit():
        try:
            advocacy_work.reply_from_young_person(advocacy, form.body.data)
        except common.CaseworkError:
            db.session.rollback()
            form.body.errors = [_("Write your message")]
        else:
            flash(_("We've sent your message to your advocate."), "added")
            return redirect(url_for("public.track_status", _anchor="messages"), code=303)
    return render_template("tracking/advocate.html", form=form, thread=thread_for(submission, advocacy))


@bp.route("/check/add", methods=["GET", "POST"])
@public
@signed_in
def track_add(submission: Submission) -> Response | str:
    form = forms.MoreInformationForm()
    if form.validate_on_submit():
        tracking.add_information(submission, form.more_information.data)
        # Said once, on the page the redirect shows (a flash: the words are fixed, nothing personal).
        flash(_("We've added that. The people dealing with what you sent will read it."), "added")
        return redirect(url_for("public.track_status", _anchor="messages"), code=303)
    advocacy = advocacy_work.advocacy_case_for(submission)
    return render_template("tracking/add.html", form=form, thread=thread_for(submission, advocacy))


def _act_on_matter(submission: Submission, *, allowed: Callable[[Matter], bool], form: Any,
                   act: Callable[[Matter, Any], None], template: str) -> Response | str:
    """One matter's "not happy" or "withdraw" page: offered only when allowed, acted on once."""
    matter = _matter(submission)
    if matter is None or not allowed(matter):
        return redirect(url_for("public.track_status"), code=303)
    if form.validate_on_submit():
        try:
            act(matter, form)
        except (common.CaseworkError, submissions.IntakeError):
            pass  # it changed meanwhile (staff acted, or a double tap): the status page says where it is
        return redirect(url_for("public.track_status"), code=303)
    return render_template(template, form=form, status=matter.status, matter=matter,
                           several=matter.several)


@bp.route("/check/look-again", methods=["GET", "POST"])
@public
@signed_in
def track_not_happy(submission: Submission) -> Response | str:
    return _act_on_matter(
        submission, allowed=lambda m: m.can_escalate, form=forms.NotHappyForm(),
        act=lambda m, form: tracking.ask_for_next_stage(submission, form.why.data or None, case=m.case),
        template="tracking/not_happy.html")


@bp.route("/check/withdraw", methods=["GET", "POST"])
@public
@signed_in
def track_withdraw(submission: Submission) -> Response | str:
    return _act_on_matter(submission, allowed=lambda m: m.can_withdraw, form=forms.ConfirmForm(),
                          act=lambda m, _form: tracking.withdraw(submission, m.case),
                          template="tracking/withdraw.html")


@bp.route("/check/lost-code", methods=["GET", "POST"])
@public
@limiter.limit(LOST_CODE_LIMIT, methods=["POST"])
def lost_code() -> Response | str:
    form = forms.LostCodeForm()
    if form.validate_on_submit():
        tracking.request_new_code(form.reference.data)
        return redirect(url_for("public.lost_code_sent"), code=303)
    return render_template("tracking/lost_code.html", form=form)


@bp.get("/check/new-code")
@public
def lost_code_sent() -> str:
    return render_template("tracking/lost_code_sent.html")
