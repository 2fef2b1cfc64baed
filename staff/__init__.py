"""The staff area: triage, casework, dashboards. Every view names its permission (deny by default)."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from staff import cases, dashboard, reports, triage  # noqa: E402,F401
