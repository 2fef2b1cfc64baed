"""The staff area: triage, casework, dashboards. Every view names its permission (deny by default)."""

from staff import (  # noqa: F401  (importing a view module puts its routes on bp)
    advocacy,
    case_panels,
    cases,
    dashboard,
    documents,
    enquiries,
    language_support,
    learning,
    my_work,
    reports,
    restrictions,
    stages,
    subject_access,
    triage,
    users,
    who_looked,
    young_person,
)
from staff.blueprint import bp

__all__ = ["bp"]
