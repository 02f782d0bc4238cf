"""The records of the reviews app, one module for each kind of thing they hold.

Everything is importable from `reviews.models`; a module of the package imports its siblings
directly, never this package.
"""

from .agencies import Agency, AgencyResponder, Sector
from .characteristics import CASE_TYPE_FIELDS, CHOICE_FIELDS, AgeBand, CaseType, Relationship, Sex
from .documents import DocumentPage, ReviewDocument
from .generation import PageGeneration
from .joint_partnerships import JointPartnership
from .partnerships import Membership, Nation, Partnership, logo_upload_to
from .personal_data import PersonalDataFinding, WithheldNames
from .recommendations import (
    Level,
    Recommendation,
    Status,
    Suggestion,
    Update,
    UpdateEvidence,
    UpdateEvidencePage,
)
from .reviews import Review, ReviewQuerySet, among, prefetch_partnerships
from .theme_suggestions import ThemeEvidence, ThemeSuggestion
from .themes import Theme, ThemeGroup, in_groups

__all__ = [
    "CASE_TYPE_FIELDS",
    "CHOICE_FIELDS",
    "AgeBand",
    "CaseType",
    "Relationship",
    "Sex",
    "Agency",
    "AgencyResponder",
    "DocumentPage",
    "JointPartnership",
    "Level",
    "Membership",
    "Nation",
    "PageGeneration",
    "Partnership",
    "PersonalDataFinding",
    "Recommendation",
    "Review",
    "ReviewDocument",
    "ReviewQuerySet",
    "Sector",
    "Status",
    "Suggestion",
    "Theme",
    "ThemeEvidence",
    "ThemeGroup",
    "ThemeSuggestion",
    "in_groups",
    "Update",
    "UpdateEvidence",
    "UpdateEvidencePage",
    "WithheldNames",
    "logo_upload_to",
    "among",
    "prefetch_partnerships",
]
