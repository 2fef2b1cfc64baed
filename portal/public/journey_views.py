"""The front door's journey: one question per page, answers kept server-side (``JourneyDraft``).

Thin views: load the draft, validate, call one operation in ``portal.intake``, redirect (303).
URLs and titles are neutral ("/tell-us/...", "Your answers"): a shared phone's history can be read.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, session, url_for
from werkzeug.wrappers import Response

from portal import intake
from portal.extensions import limiter
from portal.i18n import current_language
from portal.permissions import public
from portal.public import bp, forms, journey, summary

DRAFT = "journey"  # the session key that holds the draft's random key

SEND_LIMIT = "30 per hour"  # per address: a care home or school shares one


def _go(slug: str) -> Response:
    if slug == journey.CHECK:
        return redirect(url_for("public.check_answers"), code=303)
    return redirect(url_for("public.step", slug=slug), code=303)


def _timed_out() -> tuple[str, int]:
    session.pop(DRAFT, None)
    return render_template("public/timed_out.html", minutes=int(intake.draft_lifetime().total_seconds() // 60)), 200


def _back_url(answers: dict, slug: str) -> str:
    previous = journey.previous_slug(answers, slug)
    return url_for("public.step", slug=previous) if previous else url_for("public.start")


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
    draft = intake.load_draft(key)
    if draft is None and slug != "start":
        if key and intake.find_submitted(key) is None:
            return _timed_out()
        return _go("start")
    answers = draft.answers if draft is not None else {}
    if draft is not None and not step.question.applies(answers):
        return _go(journey.next_slug(answers, slug))
    form = step.form(data={name: answers.get(name) for name in journey.field_names(step)})
    if form.validate_on_submit():
        language = current_language().code
        if draft is None:
            draft, key = intake.start_draft(form.kind.data, language)
            session[DRAFT] = key
        intake.save_step(draft, slug, form.answers(), language)
        return _go(journey.next_slug(draft.answers, slug))
    return render_template(step.template, form=form, answers=answers, kind=answers.get("kind", "complaint"),
                           is_self=answers.get("who_is_telling", "young_person") == "young_person",
                           back_url=_back_url(answers, slug))


@bp.route("/tell-us/check", methods=["GET", "POST"])
@public
@limiter.limit(SEND_LIMIT, methods=["POST"])
def check_answers() -> Response | str | tuple[str, int]:
    key = session.get(DRAFT)
    draft = intake.load_draft(key)
    if draft is None:
        if intake.find_submitted(key) is not None:  # sent already: a second tap, or a retry
            return redirect(url_for("public.sent"), code=303)
        return _timed_out() if key else _go("start")
    missing = journey.first_missing(draft.answers)
    if missing:
        return _go(missing)
    form = forms.CheckForm()
    if form.validate_on_submit():
        if form.website.data:
            return render_template("public/not_sent.html"), 400
        intake.submit(draft)
        return redirect(url_for("public.sent"), code=303)
    intake.reached_check(draft)
    return render_template("public/check.html", form=form, rows=summary.rows(draft.answers),
                           kind=draft.kind, back_url=_back_url(draft.answers, journey.CHECK))


@bp.get("/tell-us/sent")
@public
def sent() -> Response | str:
    key = session.get(DRAFT)
    submission = intake.find_submitted(key)
    if submission is None:
        return _go("start")
    code = intake.first_code_still_valid(submission, key)
    # Shown once: from now on this browser cannot show the code again.
    session.pop(DRAFT, None)
    return render_template("public/sent.html", submission=submission, code=code,
                           contact_by=intake.first_contact_by(submission),
                           answer_due=intake.first_answer_due(submission))
