"""The advocates' area: an advocate sees only the cases assigned to them (deny by default)."""

from flask import Blueprint

bp = Blueprint("advocacy", __name__)

from advocacy import views  # noqa: E402,F401
