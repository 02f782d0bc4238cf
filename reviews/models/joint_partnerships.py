"""Joint reviews: a partnership other than the lead that a review names, and whether one of its
publishers has confirmed it.

Any officer of the lead may name another partnership, so naming alone puts nothing on that
partnership's public pages: the review appears there (its page, its feed, the partnership and
nation facets, the open data's partnership columns) only once one of its own publishers has
confirmed it. Until then the review shows under its lead partnership only. Adding, confirming
and removing are reviews/joint_partnerships.py's; who may do each is reviews/roles.py's.
"""

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .partnerships import Partnership


class JointPartnershipQuerySet(models.QuerySet):
    def confirmed(self):
        """The links the public sees: confirmed by a publisher of the joint partnership."""
        return self.filter(confirmed_at__isnull=False)

    def awaiting(self):
        return self.filter(confirmed_at__isnull=True)


class JointPartnership(models.Model):
    """A partnership named on a review besides its lead (the through model of
    `Review.partnerships`, kept in the table the plain many-to-many field used)."""

    review = models.ForeignKey(
        "Review",
        on_delete=models.CASCADE,
        related_name="partnership_links",
        verbose_name=_("review"),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="review_links",
        verbose_name=_("partnership"),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("confirmed by"),
    )

    objects = JointPartnershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        db_table = "reviews_review_partnerships"
        unique_together = [("review", "partnership")]
        verbose_name = _("joint partnership")
        verbose_name_plural = _("joint partnerships")

    def __str__(self):
        return f"{self.partnership}: {self.review}"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def clean(self):
        try:
            review = self.review
        except ObjectDoesNotExist:  # a new review's form, before the review is saved
            review = None
        if (
            review is not None
            and self.partnership_id is not None
            and self.partnership_id == review.lead_partnership_id
        ):
            raise ValidationError(
                {"partnership": _("This is the review's lead partnership: choose another one.")}
            )
