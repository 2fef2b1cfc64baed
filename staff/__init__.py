"""The staff area: triage, casework, dashboards. Every view names its permission (deny by default)."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

from staff import cases, dashboard, triage  # noqa: E402,F401

# Issue 11: enquiries, learning, restrictions, documents (each in its own module).
from staff import casework_more, enquiries, learning  # noqa: E402,F401,I001
