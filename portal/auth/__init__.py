"""Sign-in for staff and advocates: password (argon2id), then a TOTP code, then a new session."""

from flask import Blueprint

bp = Blueprint("auth", __name__)

from portal.auth import views  # noqa: E402,F401
