"""SQLAlchemy 2 typed models. Alembic migrations, never ``create_all``, build the schema."""

from portal.models.audit import AuditEvent
from portal.models.base import Base
from portal.models.cases import Case
from portal.models.people import Person
from portal.models.reference import Area, Team
from portal.models.submissions import Submission
from portal.models.users import User, UserRole

__all__ = ["AuditEvent", "Area", "Base", "Case", "Person", "Submission", "Team", "User", "UserRole"]
