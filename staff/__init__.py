"""The staff area: triage, casework, dashboards. Every view names its permission (deny by default)."""

from flask import Blueprint

bp = Blueprint("staff", __name__)

# casework_more, documents, enquiries, learning, restrictions, my_work, stages: issue 11 (each in its own module).
from staff import (  # noqa: E402,F401
    advocacy,
    cases,
    casework_more,
    dashboard,
    documents,
    enquiries,
    language_support,
    learning,
    my_work,
    reports,
    restrictions,
    stages,
    triage,
)
