"""SQLAlchemy 2 typed models. Alembic migrations, never ``create_all``, build the schema."""

from portal.models.advocacy import (
    AdvocacyCase,
    AdvocacyContact,
    AdvocacyMessage,
    AdvocateProfile,
    HelplineContact,
    SafeguardingConcern,
)
from portal.models.audit import AuditEvent, ReadRecord, SubjectAccessRequest
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
from portal.models.documents import Document, DocumentChunk
from portal.models.enquiries import MemberEnquiry, member_enquiry_cases, member_enquiry_people
from portal.models.journeys import JourneyDraft
from portal.models.languages import LanguageSupport, LetterTranslation
from portal.models.learning import CorrectiveActionPlan
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
from portal.models.restrictions import ContactRestriction
from portal.models.stages import Appointment, Stage2Request
from portal.models.submissions import Submission, TrackingAttempts
from portal.models.users import SignInAttempts, User, UserRole

__all__ = [
    "AdvocacyCase",
    "AdvocacyContact",
    "AdvocacyMessage",
    "AdvocateProfile",
    "HelplineContact",
    "SafeguardingConcern",
    "Appointment",
    "Stage2Request",
    "Area",
    "AuditEvent",
    "Base",
    "CalendarDay",
    "Case",
    "CaseCategory",
    "Category",
    "ContactRestriction",
    "ComplaintPoint",
    "CorrectiveAction",
    "CorrectiveActionPlan",
    "CorrectiveActionType",
    "Document",
    "DocumentChunk",
    "JourneyDraft",
    "LanguageSupport",
    "Letter",
    "MemberEnquiry",
    "LetterTranslation",
    "Message",
    "OmbudsmanEnquiry",
    "Person",
    "PublishedReport",
    "ReadRecord",
    "ResolutionCategory",
    "StageExtension",
    "SubjectAccessRequest",
    "Submission",
    "Team",
    "TrackingAttempts",
    "SignInAttempts",
    "User",
    "UserRole",
    "case_subject_staff",
    "member_enquiry_cases",
    "member_enquiry_people",
]
