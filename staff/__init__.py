"""The staff area: triage, casework, reports. Every view names its permission (deny by default)."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from staff import views  # noqa: E402,F401
