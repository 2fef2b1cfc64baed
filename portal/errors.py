"""Error pages in the user's language, with no detail that could leak data.

Every error page is one template (``errors/error.html``) given a title and a few lines from
:data:`PAGES`, so they all look and read alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


@dataclass(frozen=True)
class ErrorPage:
    title: object
    lines: tuple[object, ...]


PAGES = {
    403: ErrorPage(_l("You cannot see this page"), (
        _l("You do not have permission to see this page. If you think you should, ask a complaints manager."),)),
    404: ErrorPage(_l("Page not found"), (
        _l("If you typed the web address, check it is correct. If you pasted the web address, check you copied "
           "the entire address."),)),
    413: ErrorPage(_l("What you sent is too long"), (_l("Go back and make your answer shorter, then try again."),)),
    "file_too_big": ErrorPage(_l("The file is too big"), (
        _l("Go back and choose a smaller file. A photo of one page at a time is usually small enough."),)),
    # A document held until the malware scan has passed it, or deleted because the scan found malware.
    "document_waiting": ErrorPage(_l("This file is waiting for a virus check"), (
        _l("Nobody can open it until the check has passed. Try again later."),)),
    "document_removed": ErrorPage(_l("This file has been deleted"), (
        _l("Our virus check found something harmful in it, so we deleted it."),)),
    429: ErrorPage(_l("Too many attempts"), (_l("Wait a few minutes, then try again."),)),
    500: ErrorPage(_l("Sorry, there is a problem with the service"), (
        _l("Try again later. Nothing you already sent us has been lost."),)),
    # A form sent after the session ended (its CSRF token no longer matches).
    "session_expired": ErrorPage(_l("Your page timed out"), (
        _l("To keep your information safe, pages time out if they are left for a while. What you already sent "
           "us is safe."),
        _l("Go back, reload the page and try again."))),
}


def error_page(key: object, status: int) -> tuple[str, int]:
    return render_template("errors/error.html", page=PAGES.get(key, PAGES[500]), code=status), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):  # type: ignore[no-untyped-def]
        # Usually a page left open past the session's expiry: say so and how to carry on.
        return error_page("session_expired", 400)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        return error_page(code, code)

    @app.errorhandler(Exception)
    def server_error(error: Exception):  # type: ignore[no-untyped-def]
        # The traceback goes to the log; personal data in it is the framework's values, which we
        # keep out by never putting children's data in URLs or exception messages.
        app.logger.exception("Unhandled error")
        return error_page(500, 500)
