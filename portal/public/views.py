from __future__ import annotations

from datetime import date

from flask import current_app, redirect, session, url_for
from werkzeug.wrappers import Response

from portal.extensions import limiter
from portal.permissions import public
from portal.public import page_cache
from portal.public.blueprint import bp


@bp.get("/")
@public
def start() -> Response | str:
    return page_cache.page("public/start.html")


@bp.get("/exit")
@public
def exit_page() -> Response:
    # Clear everything this browser session held (saved answers, tracking sign-in, language) so the
    # back button cannot bring a child's answers back, then leave for a neutral site. The journey's
    # answers kept server-side go too.
    from portal.intake import submissions
    from portal.public.journey_views import DRAFT

    submissions.discard_draft(session.get(DRAFT))
    session.clear()
    response = redirect(current_app.config["EXIT_PAGE_URL"], code=303)
    response.headers["Clear-Site-Data"] = '"cache", "storage"'
    return response


@bp.get("/language")
@public
def language() -> Response | str:
    """Every language the site is offered in, each in its own script; choosing one goes back to the
    page the person was on (``?next=``, checked against this site's routes), in that language."""
    from flask import request

    from portal.templating import same_site_page

    page = same_site_page(request.args.get("next")) or url_for("public.start")
    return page_cache.page("public/language.html", back_to=page)


@bp.get("/using-this-site-safely")
@public
def staying_safe() -> Response | str:
    return page_cache.page("public/staying_safe.html")


# The accessibility statement's dates: update both when the site is tested again (at least once a
# year, as the accessibility regulations require). What the test found is listed in the statement.
ACCESSIBILITY_STATEMENT_PREPARED = date(2026, 12, 2)
ACCESSIBILITY_LAST_TESTED = date(2026, 12, 2)
# How soon the service answers a report of an accessibility problem (the council to confirm).
ACCESSIBILITY_REPLY_WORKING_DAYS = 10


@bp.get("/accessibility")
@public
def accessibility() -> Response | str:
    return page_cache.page("public/accessibility.html", prepared=ACCESSIBILITY_STATEMENT_PREPARED,
                           last_tested=ACCESSIBILITY_LAST_TESTED, reply_days=ACCESSIBILITY_REPLY_WORKING_DAYS)


@bp.get("/privacy")
@public
def privacy() -> Response | str:
    return page_cache.page("public/privacy.html")


@bp.get("/interpreters")
@public
def interpreter() -> Response | str:
    return page_cache.page("public/interpreter.html")


@bp.get("/healthz")
@public
def health() -> tuple[dict[str, str], int]:
    from sqlalchemy import text

    from portal.db import db

    db.session.execute(text("SELECT 1"))
    return {"status": "ok"}, 200


@bp.get("/health")
@public
@limiter.exempt
def health_report() -> tuple[dict[str, object], int]:
    """For the load balancer and monitoring: 200 when this host can serve (database reachable, schema at
    the newest migration, rate-limit store reachable), else 503 naming what is wrong. No sign-in, no rate
    limit, no session, nothing personal (``portal.hosting.health``)."""
    from portal.hosting import health

    found, ready = health.report()
    return found, 200 if ready else 503


@bp.get("/favicon.ico")
@public
def favicon() -> Response:
    # Browsers ask for /favicon.ico whatever the page says; answer rather than log a 404.
    return redirect(url_for("static", filename="dist/favicon.svg"), code=301)


@bp.context_processor
def _letter_copies() -> dict[str, object]:
    """The tracking page shows a letter in the reader's language when staff attached that translation."""
    from portal.casework import language_support
    from portal.i18n import current_language

    def letter_copies(letter: object) -> tuple[object, list[object]]:
        submission = letter.case.submission  # type: ignore[attr-defined]
        return language_support.letter_for_reader(letter, current_language().code,  # type: ignore[arg-type]
                                                  submission.language if submission else "en")

    return {"letter_copies": letter_copies}
