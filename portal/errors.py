"""Error pages in the user's language, with no detail that could leak data."""

from __future__ import annotations

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):  # type: ignore[no-untyped-def]
        # Usually a page left open past the session's expiry: say so and how to carry on.
        return render_template("errors/session_expired.html"), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):  # type: ignore[no-untyped-def]
        code = error.code or 500
        template = {403: "errors/403.html", 404: "errors/404.html", 413: "errors/413.html",
                    429: "errors/429.html"}.get(code, "errors/generic.html")
        return render_template(template, code=code), code

    @app.errorhandler(Exception)
    def server_error(error: Exception):  # type: ignore[no-untyped-def]
        # The traceback goes to the log; personal data in it is the framework's values, which we
        # keep out by never putting children's data in URLs or exception messages.
        app.logger.exception("Unhandled error")
        return render_template("errors/generic.html", code=500), 500
