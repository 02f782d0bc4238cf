"""Joint reviews: naming another partnership on a review, its confirmation by that
partnership's publisher, and taking a partnership off again. The only code that changes a
review's joint partnerships.

Each function checks who is acting (reviews.roles), saves with the officer recorded in the
link's history and the review's, and touches the review, so that its page, its feeds and the
search index follow at once (reviews/changes.py draws a new page generation on every save).
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import JointPartnership
from .roles import may_confirm_joint, may_name_partnerships, may_remove_joint

# The history's "change reason" column holds at most 100 characters; a name may be longer.
REASON_LENGTH = 100


def _touch(review, by, reason):
    """Save the review itself: its history says what happened to its partnerships, its
    `updated_at` moves (feeds, sitemap) and its search entry is made again."""
    review._history_user = by
    review._change_reason = reason[:REASON_LENGTH]
    review.save(update_fields=["updated_at"])


def _recorded(link, by, reason):
    link._history_user = by
    link._change_reason = reason


@transaction.atomic
def add_joint_partnership(review, partnership, *, by):
    """Name `partnership` on the review. The public sees the review under it only once one of
    its publishers confirms (confirm_joint_partnership)."""
    if not may_name_partnerships(by, review):
        raise PermissionDenied(_("Only those who may change the review may name partnerships."))
    link = JointPartnership(review=review, partnership=partnership)
    link.full_clean()
    _recorded(link, by, "Named")
    link.save()
    _touch(review, by, f"Joint partnership named: {partnership.name}")
    return link


@transaction.atomic
def confirm_joint_partnership(link, *, by, now=None):
    """One of the joint partnership's publishers confirms the review is theirs too: from now
    on it shows on that partnership's pages."""
    if not may_confirm_joint(by, link):
        raise PermissionDenied(_("Only a publisher of that partnership may confirm it."))
    link.confirmed_at = now or timezone.now()
    link.confirmed_by = by
    _recorded(link, by, "Confirmed")
    link.save()
    _touch(link.review, by, f"Joint partnership confirmed: {link.partnership.name}")
    return link


@transaction.atomic
def remove_joint_partnership(link, *, by):
    """Take the partnership off the review, at once; the link's history keeps that it was
    there, who confirmed it and who took it off."""
    if not may_remove_joint(by, link):
        raise PermissionDenied(
            _("Only a publisher of that partnership or of the lead partnership may do this.")
        )
    review = link.review
    _recorded(link, by, "Removed")
    link.delete()
    _touch(review, by, f"Joint partnership taken off: {link.partnership.name}")
