"""The front door's journey: one question per page, answers kept server-side (``JourneyDraft``).

Thin views: load the draft, validate, call one operation in ``portal.intake.submissions``, redirect (303).
URLs and titles are neutral ("/tell-us/...", the page's own question, the council's name): a shared
phone's history can be read, so none says "complaint" or "sent".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import abort, make_response, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from portal.extensions import limiter
from portal.i18n import current_language
from portal.intake import submissions
from portal.permissions import public
from portal.public import choices, easy_read, forms, journey, page_cache, summary, tracking_views
from portal.public.blueprint import bp

DRAFT = "journey"  # the session key that holds the draft's random key
RECOVERED = "journey_recovered"  # set once when a late post started new answers (a banner says so)
# After sending, the journey's key stays this long so the first code can be emailed if asked for; it
# never shows the code again (only the sent page does, once).
EMAIL_OFFER = "journey_email_offer"
EMAIL_OFFER_SECONDS = 15 * 60

SEND_LIMIT = "30 per hour"  # per address: a care home or school shares one
KEEP_LIMIT = "120 per hour"
WARN_BEFORE_SECONDS = 5 * 60  # the time-out warning opens this long before the answers are deleted


@bp.context_processor
def _time_limit() -> dict[str, Any]:
    lifetime = int(submissions.draft_lifetime().total_seconds())
    return {"timeout_seconds": lifetime, "timeout_warn_seconds": min(WARN_BEFORE_SECONDS, lifetime // 2),
            "timeout_minutes": lifetime // 60}


def _go(slug: str) -> Response:
    if slug == journey.CHECK:
        return redirect(url_for("public.check_answers"), code=303)
    return redirect(url_for("public.step", slug=slug), code=303)


def _timed_out() -> tuple[str, int]:
    session.pop(DRAFT, None)
    return render_template("public/timed_out.html"), 200


def _back_url(answers: dict, slug: str) -> str:
    previous = journey.previous_slug(answers, slug)
    return url_for("public.step", slug=previous) if previous else url_for("public.start")


def _is_self(answers: dict) -> bool:
    return answers.get("who_is_telling", "young_person") == "young_person"


@bp.get("/tell-us")
@public
def tell_us() -> Response:
    return _go("start")


@bp.route("/tell-us/<slug>", methods=["GET", "POST"])
@public
def step(slug: str) -> Response | str | tuple[str, int]:
    step = journey.STEP_BY_SLUG.get(slug)
    if step is None:
        abort(404)
    key = session.get(DRAFT)
    draft = submissions.load_draft(key)
    late = draft is None and slug != "start" and bool(key) and submissions.find_submitted(key) is None
    if draft is None and slug != "start":
        if late and request.method == "POST":
            return _late_post(step)
        if late:
            return _timed_out()
        return _go("start")
    answers = draft.answers if draft is not None else {}
    if draft is not None and not step.question.applies(answers):
        return _go(journey.next_slug(answers, slug))
    # A read shows the form and never checks it: no CSRF field to build (pages write the token through
    # csrf_token()). A post builds the form as configured and is checked as before.
    reading = {"meta": {"csrf": False}} if request.method in ("GET", "HEAD") else {}
    form = step.form(data={name: answers.get(name) for name in journey.field_names(step)}, **reading)
    form.is_self = _is_self(answers)
    if form.validate_on_submit():
        language = current_language().code
        if draft is None:
            draft, key = submissions.start_draft(form.kind.data, language)
            session[DRAFT] = key
        submissions.save_step(draft, slug, form.answers(), language)
        return _go(journey.next_slug(draft.answers, slug))
    return _render(step, form, answers)


def _render(step: journey.Step, form: forms.StepForm, answers: dict) -> Response | str:
    kind, is_self, back_url = answers.get("kind", "complaint"), _is_self(answers), _back_url(answers, step.slug)
    recovered = session.pop(RECOVERED, False)

    def render(form: forms.StepForm = form) -> str:
        return render_template(step.template, form=form, answers=answers, kind=kind, is_self=is_self,
                               back_url=back_url, recovered=recovered)
    if form.errors or recovered or step.slug not in journey.KEPT_STEPS:
        return render()
    key = (kind, is_self, back_url, easy_read.chosen())
    # The form's data, not the raw answers: the fields' filters (stripping spaces) apply as they do when
    # the page is rendered.
    shown = {field.name: field.data for field in form}
    return page_cache.question(step.template, key, shown, render, lambda: render(_marked_form(step, is_self)))


def _marked_form(step: journey.Step, is_self: bool) -> forms.StepForm:
    """The step's form as a kept page is rendered: no answer chosen, a mark in each text box."""
    form = step.form(data={name: page_cache.text_mark(name) for name in journey.text_field_names(step)})
    form.is_self = is_self
    return form


def _late_post(step: journey.Step) -> Response | str:
    """A post that arrives after the saved answers were deleted (WCAG 2.2.1: nothing typed is lost):
    what it carries starts new answers, of the kind the page was for, and the journey goes on."""
    kind = request.form.get("journey_kind", "")
    kind = kind if kind in choices.KINDS else "complaint"
    form = step.form()
    form.is_self = True
    if not form.validate_on_submit():
        return _render(step, form, {"kind": kind})
    language = current_language().code
    draft, key = submissions.start_draft(kind, language)
    session[DRAFT] = key
    submissions.save_step(draft, "start", {"kind": kind}, language)
    submissions.save_step(draft, step.slug, form.answers(), language)
    session[RECOVERED] = True
    return _go(journey.first_missing(draft.answers) or journey.CHECK)


@bp.post("/tell-us/keep")
@public
@limiter.limit(KEEP_LIMIT)
def keep_answers() -> Response | tuple[dict[str, bool], int]:
    """ "Keep my answers" in the time-out warning: the saved answers' time limit starts again.

    Loading the draft is what extends it (``submissions.load_draft``). The warning's script asks for JSON
    and gets 200 (or 410 if the answers have gone); a plain form post goes back to the page."""
    draft = submissions.keep_draft(session.get(DRAFT))
    if request.accept_mimetypes.best == "application/json":
        return {"kept": draft is not None}, (200 if draft is not None else 410)
    target = request.form.get("next", "")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path.startswith("/tell-us/"):
        target = url_for("public.tell_us")
    return redirect(target, code=303)


@bp.route("/tell-us/check", methods=["GET", "POST"])
@public
@limiter.limit(SEND_LIMIT, methods=["POST"])
def check_answers() -> Response | str | tuple[str, int]:
    key = session.get(DRAFT)
    draft = submissions.load_draft(key)
    if draft is None:
        if submissions.find_submitted(key) is not None:  # sent already: a second tap, or a retry
            return redirect(url_for("public.sent"), code=303)
        return _timed_out() if key else _go("start")
    missing = journey.first_missing(draft.answers)
    if missing:
        return _go(missing)
    form = forms.CheckForm()
    if form.validate_on_submit():
        if form.website.data:
            return render_template("public/not_sent.html"), 400
        submissions.submit(draft)
        return redirect(url_for("public.sent"), code=303)
    submissions.reached_check(draft)
    return render_template("public/check.html", form=form, rows=summary.rows(draft.answers),
                           kind=draft.kind, back_url=_back_url(draft.answers, journey.CHECK))


def _email_offer_key() -> str | None:
    held = session.get(EMAIL_OFFER)
    if not held or submissions.now().timestamp() - held.get("at", 0) > EMAIL_OFFER_SECONDS:
        session.pop(EMAIL_OFFER, None)
        return None
    return held.get("key")


@bp.get("/tell-us/thank-you")
@public
def sent() -> Response | str:
    key = session.get(DRAFT)
    submission = submissions.find_submitted(key)
    if submission is None:
        return _go("start")
    code = submissions.first_code_still_valid(submission, key)
    # Shown once: from now on this browser cannot show the code again.
    session.pop(DRAFT, None)
    can_email = code is not None and submissions.contact_email(submission) is not None
    if can_email:
        session[EMAIL_OFFER] = {"key": key, "at": submissions.now().timestamp()}
    page = render_template("public/sent.html", submission=submission, code=code, can_email=can_email,
                           form=forms.ConfirmForm(), no_contact=submission.answers.get("contact_method") == "none",
                           contact_by=submissions.first_contact_by(submission),
                           answer_due=submissions.first_answer_due(submission))
    # The browser that sent it is the young person's: other people's guesses never lock it out.
    return tracking_views.remember_device(make_response(page), submission.reference)


@bp.post("/tell-us/thank-you/email")
@public
@limiter.limit(SEND_LIMIT)
def email_code() -> Response | str:
    """ "Email me my reference and code": to the address the young person gave as safe, once."""
    form = forms.ConfirmForm()
    key = _email_offer_key()
    submission = submissions.find_submitted(key)
    emailed = False
    if form.validate_on_submit() and submission is not None and key:
        emailed = submissions.email_first_code(submission, key)
        session.pop(EMAIL_OFFER, None)
    return render_template("public/code_emailed.html", emailed=emailed)
