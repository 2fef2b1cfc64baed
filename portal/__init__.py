"""The Children's Rights Service portal: the app factory."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Flask is imported lazily so the pure rules in portal.procedure load without it
    from flask import Flask

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: Any = None) -> Flask:
    from flask import Flask

    from portal import cli, errors, security
    from portal.casework import documents
    from portal.config import config_from_environment
    from portal.db import db
    from portal.extensions import babel, csrf, limit_only_changes, limiter, login_manager
    from portal.i18n import select_locale, use_staff_domain
    from portal.permissions import enforce_view_marking
    from portal.rendering import assets
    from portal.templating import init_templating

    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        static_folder=str(ROOT / "static"),
        instance_path=str(ROOT / "instance"),
    )
    config = config or config_from_environment()
    app.config.from_object(config() if isinstance(config, type) else config)
    if not app.config.get("SECRET_KEY"):
        raise RuntimeError("SECRET_KEY is not set: set it in the environment.")
    app.config.setdefault("RATELIMIT_ENABLED", True)

    logging.basicConfig(level=logging.INFO)

    db.init_app(app)
    csrf.init_app(app)
    documents.init_app(app)  # before anything else reads a form: upload pages take larger requests
    babel.init_app(app, locale_selector=select_locale, timezone_selector=lambda: "Europe/London")
    limiter.init_app(app)
    limit_only_changes(app)
    login_manager.init_app(app)
    security.init_app(app)
    assets.init_app(app)
    init_templating(app)
    errors.init_app(app)
    cli.init_app(app)

    app.before_request(enforce_view_marking)
    app.before_request(use_staff_domain)

    from advocacy import bp as advocacy_bp
    from portal.auth.views import bp as auth_bp
    from portal.public import bp as public_bp
    from staff import bp as staff_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(auth_bp)
    app.register_blueprint(staff_bp, url_prefix="/staff")
    app.register_blueprint(advocacy_bp, url_prefix="/advocacy")
    return app
