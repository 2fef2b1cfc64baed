"""SQLAlchemy 2 typed models. Alembic migrations, never ``create_all``, build the schema."""

from portal.models.audit import AuditEvent
from portal.models.base import Base
from portal.models.cases import (
    Case,
    CaseCategory,
    ComplaintPoint,
    CorrectiveAction,
    Letter,
    Message,
    StageExtension,
    case_subject_staff,
)
from portal.models.journeys import JourneyDraft
from portal.models.ombudsman import OmbudsmanEnquiry
from portal.models.people import Person
from portal.models.reference import (
    Area,
    CalendarDay,
    Category,
    CorrectiveActionType,
    ResolutionCategory,
    Team,
)
from portal.models.reports import PublishedReport
from portal.models.submissions import Submission, TrackingAttempts
from portal.models.users import User, UserRole

__all__ = [
    "Area",
    "AuditEvent",
    "Base",
    "CalendarDay",
    "Case",
    "CaseCategory",
    "Category",
    "ComplaintPoint",
    "CorrectiveAction",
    "CorrectiveActionType",
    "JourneyDraft",
    "Letter",
    "Message",
    "OmbudsmanEnquiry",
    "Person",
    "PublishedReport",
    "ResolutionCategory",
    "StageExtension",
    "Submission",
    "Team",
    "TrackingAttempts",
    "User",
    "UserRole",
    "case_subject_staff",
]
