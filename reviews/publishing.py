"""Publishing, scheduling and withdrawing reviews: the only code that changes a review's status,
and the publisher's confirmation that a review's documents are anonymised.

Each function checks who is acting (reviews.roles) and the rules a review must meet, saves
through the model so that history records who did it, and raises with messages an officer can
act on.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Review
from .publication_record import missing_required
from .roles import may_publish


class PublicationError(Exception):
    """The review cannot be published yet; `problems` says what to do first."""

    def __init__(self, problems):
        super().__init__("; ".join(problems))
        self.problems = problems


def publication_problems(review):
    """What must be done before this review may be published (an empty list: nothing): the
    publication record's required items that are missing (reviews/publication_record.py)."""
    return [item.to_do for item in missing_required(review)]


def _check_may_publish(review, by):
    if not may_publish(by, review):
        raise PermissionDenied(_("Only a publisher of the partnership may do this."))


def _save(review, by, reason):
    review.updated_by = by
    review._history_user = by
    review._change_reason = reason
    review.save()


@transaction.atomic
def publish_review(review, *, by, at=None, now=None):
    """Publish now, or from `at` if that is later: the public sees it from that moment.

    The month shown to readers (`published_on`) is set from that moment unless the officer
    has given one already.
    """
    _check_may_publish(review, by)
    problems = publication_problems(review)
    if problems:
        raise PublicationError(problems)
    now = now or timezone.now()
    moment = at if at and at > now else now
    review.status = Review.Status.PUBLISHED
    review.publish_at = moment
    review.published_on = review.published_on or timezone.localdate(moment)
    review.withdrawn_at = None
    review.withdrawal_reason = ""
    _save(review, by, "Scheduled" if moment > now else "Published")
    return review


@transaction.atomic
def cancel_schedule(review, *, by, now=None):
    """A review scheduled for later goes back to being a draft."""
    _check_may_publish(review, by)
    now = now or timezone.now()
    if (
        review.status != Review.Status.PUBLISHED
        or not review.publish_at
        or review.publish_at <= now
    ):
        raise PublicationError([_("Only a review that is not yet public can go back to draft.")])
    review.status = Review.Status.DRAFT
    review.publish_at = None
    _save(review, by, "Schedule cancelled")
    return review


@transaction.atomic
def withdraw_review(review, *, by, reason="", now=None):
    """Take a published (or scheduled) review off the public site, with an optional reason."""
    _check_may_publish(review, by)
    if review.status != Review.Status.PUBLISHED:
        raise PublicationError([_("Only a published review can be withdrawn.")])
    review.status = Review.Status.WITHDRAWN
    review.withdrawn_at = now or timezone.now()
    review.withdrawal_reason = reason.strip()
    _save(review, by, "Withdrawn")
    return review


@transaction.atomic
def confirm_anonymisation(review, *, by, now=None):
    """A publisher confirms that the review's documents, as they are now, are anonymised."""
    _check_may_publish(review, by)
    if not review.documents.exists():
        raise PublicationError([_("Upload the documents first: there is nothing to confirm yet.")])
    review.anonymisation_confirmed_at = now or timezone.now()
    review.anonymisation_confirmed_by = by
    _save(review, by, "Anonymisation confirmed")
    return review
