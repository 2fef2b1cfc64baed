"""The staff area: triage, casework, dashboards. Every view names its permission (deny by default)."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

# casework_more, documents, enquiries, learning, restrictions: issue 11 (each in its own module).
from staff import cases, casework_more, dashboard, documents, enquiries, learning, restrictions, triage  # noqa: E402,F401,E501
