"""The officers' admin: each officer sees and changes only their own partnerships' records, and
what they may do there follows their role (the rules are in reviews/roles.py).

One concern per module:

- scoping.py      - PartnershipScopedAdmin: records of the officer's own partnerships only, and
                    a file that cannot be stored saves nothing
- columns.py      - the columns the review and the support admins share (file details, what
                    was removed from an upload, the month published)
- documents.py    - review documents, and what an officer is told about each upload
- reviews.py      - reviews: the list, the form, the preview
- publication.py  - publishing, scheduling and withdrawing reviews
- imports.py      - importing a partnership's old reviews from a ZIP file (reviews/bulk_import)
- partnerships.py - partnerships and their officers
- themes.py       - themes: the vocabulary only administrators change
- recommendations.py - recommendations: the inline on a review, their list and its filters
- updates.py      - recording updates on recommendations (the list's action, a page for one)
                    and their read-only history
- suggestions.py  - recommendations found in an upload: what the officer is told, and the page
                    to accept or discard each
- personal_data.py - the personal-data check: a review's names that must not appear, what was
                    found in its documents (with a link to each page) and marking it reviewed
- agencies.py     - agencies (national: the administrator's; local: their partnership's
                    officers') and their responders
- concurrent_edits.py - no lost edits: a save that would overwrite another officer's is
                    stopped, saying who changed what (the review and the support admins)

Importing them registers their admins. The support admin builds on PartnershipScopedAdmin and
report_uploads, importable from here as before.
"""

from .agencies import AgencyAdmin
from .documents import ReviewDocumentAdmin, ReviewDocumentInline, report_uploads
from .partnerships import MembershipInline, PartnershipAdmin
from .publication import PublicationForm, WithdrawalForm
from .recommendations import RecommendationAdmin, RecommendationInline
from .reviews import ReviewAdmin
from .scoping import PartnershipScopedAdmin
from .themes import ThemeAdmin

__all__ = [
    "AgencyAdmin",
    "RecommendationAdmin",
    "RecommendationInline",
    "MembershipInline",
    "PartnershipAdmin",
    "PartnershipScopedAdmin",
    "PublicationForm",
    "ReviewAdmin",
    "ReviewDocumentAdmin",
    "ReviewDocumentInline",
    "ThemeAdmin",
    "WithdrawalForm",
    "report_uploads",
]
