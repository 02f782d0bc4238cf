"""The personal-data check: what an uploaded document's page texts hold that an anonymised
report must not (dates of birth, postcodes, phone numbers, email addresses, National Insurance
and NHS numbers, and the names a review's officers list), kept as findings for an officer.

Findings are warnings, never refusals, and never public. Modules:

- detection.py - the patterns, as pure functions of text (the bulk import's dry run uses them)
- checks.py    - keeping each document's findings up to date, marking them reviewed, and
                 `findings_summary(review)` for the publication checklist
"""

from .checks import (
    FindingsSummary,
    by_document,
    check_document,
    check_review,
    connect_signals,
    findings_of,
    findings_summary,
    record_reviewed,
)
from .detection import Found, find_personal_data

__all__ = [
    "FindingsSummary",
    "Found",
    "by_document",
    "check_document",
    "check_review",
    "connect_signals",
    "find_personal_data",
    "findings_of",
    "findings_summary",
    "record_reviewed",
]
