"""A review's recommendations, the updates on what was done, and the ones the site found in a
report for an officer to accept.

A recommendation's status is its latest update's: `updates.record_update` is the one way it
changes, and updates are never edited or deleted (history is not rewritten). "Overdue" is
worked out when asked, never stored.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..documents import PageText, PdfDocument
from ..languages import WELSH_HELP, BilingualMixin
from .agencies import Agency
from .documents import ReviewDocument
from .reviews import Review
from .themes import Theme


class Status(models.TextChoices):
    NOT_REPORTED = "not-reported", _("Not yet reported")
    IN_PROGRESS = "in-progress", _("In progress")
    IMPLEMENTED = "implemented", _("Implemented")
    PARTLY_IMPLEMENTED = "partly-implemented", _("Partly implemented")
    NOT_IMPLEMENTED = "not-implemented", _("Not implemented")
    NO_LONGER_APPLICABLE = "no-longer-applicable", _("No longer applicable")


# A recommendation in one of these is finished with: it can no longer be overdue.
CLOSED = (Status.IMPLEMENTED, Status.NO_LONGER_APPLICABLE)
# What an update may report (an update always reports something).
REPORTED = [choice for choice in Status.choices if choice[0] != Status.NOT_REPORTED]


class Level(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


def today():
    return timezone.localdate()


class RecommendationQuerySet(models.QuerySet):
    def published(self, now=None):
        """What the public may see: recommendations of published reviews (the review's rule)."""
        return self.filter(review__in=Review.objects.published(now))

    def overdue(self, on=None):
        return self.filter(due_on__lt=on or today()).exclude(status__in=CLOSED)

    def not_overdue(self, on=None):
        return self.exclude(pk__in=self.overdue(on).values("pk"))

    def with_is_overdue(self, on=None):
        """Each recommendation with `is_overdue` worked out by the database, for sorting and
        counting."""
        return self.annotate(
            overdue_now=models.Case(
                models.When(
                    models.Q(due_on__lt=on or today()) & ~models.Q(status__in=CLOSED),
                    then=models.Value(True),
                ),
                default=models.Value(False),
                output_field=models.BooleanField(),
            )
        )

    def for_listing(self):
        """With what a list shows of each: its review and partnership, agencies and updates."""
        return self.select_related("review__lead_partnership", "document__review").prefetch_related(
            "agencies", "themes", "updates__agency", "updates__evidence"
        )


class Recommendation(BilingualMixin, models.Model):
    review = models.ForeignKey(
        Review,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("review"),
    )
    number = models.CharField(
        _("number"),
        max_length=20,
        help_text=_("As the report writes it, for example 3, 4.2 or R7."),
    )
    position = models.PositiveIntegerField(
        _("order"), default=0, help_text=_("Where it comes in the review's list.")
    )
    text = models.TextField(_("text"))
    text_cy = models.TextField(_("text in Welsh"), blank=True, help_text=WELSH_HELP)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, default=Level.LOCAL)
    agencies = models.ManyToManyField(
        Agency,
        related_name="recommendations",
        verbose_name=_("addressed to"),
        help_text=_("The agencies asked to act on it."),
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="recommendations", verbose_name=_("themes")
    )
    document = models.ForeignKey(
        ReviewDocument,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("stated in"),
        help_text=_("The document of this review that states the recommendation."),
    )
    page = models.PositiveIntegerField(
        _("page"), null=True, blank=True, help_text=_("The page of that document it is on.")
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    # Set only by updates.record_update, from the latest update.
    status = models.CharField(
        _("status"),
        max_length=30,
        choices=Status.choices,
        default=Status.NOT_REPORTED,
        editable=False,
    )
    status_on = models.DateField(_("status reported on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()
    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["review", "position", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "number"], name="unique_recommendation_number"
            )
        ]
        indexes = [models.Index(fields=["status", "due_on"], name="recommendation_status_due")]

    def __str__(self):
        return _("Recommendation %(number)s of %(review)s") % {
            "number": self.number,
            "review": self.review,
        }

    def get_absolute_url(self):
        return f"{self.review.get_absolute_url()}#recommendation-{self.pk}"

    def clean(self):
        super().clean()
        if self.document_id and self.review_id and self.document.review_id != self.review_id:
            raise ValidationError({"document": _("Choose a document of this review.")})
        if self.page and self.document_id and self.page > (self.document.page_count or 0):
            raise ValidationError(
                {
                    "page": _("The document has %(count)s pages.")
                    % {"count": self.document.page_count}
                }
            )
        if self.page and not self.document_id:
            raise ValidationError({"page": _("Choose the document this page is in.")})

    def is_overdue(self, on=None):
        return bool(self.due_on and self.due_on < (on or today()) and self.status not in CLOSED)

    @property
    def is_closed(self):
        return self.status in CLOSED


class Update(BilingualMixin, models.Model):
    """A report of what was done about a recommendation, on a date, by someone for an agency.

    Kept for ever as it was recorded: `save()` refuses to change a stored update."""

    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="updates",
        verbose_name=_("recommendation"),
    )
    recorded_on = models.DateField(_("date"), default=today)
    status = models.CharField(_("status"), max_length=30, choices=REPORTED)
    note = models.TextField(_("note"), blank=True)
    note_cy = models.TextField(_("note in Welsh"), blank=True, help_text=WELSH_HELP)
    evidence_url = models.URLField(
        _("evidence link"), blank=True, help_text=_("A public page that shows what was done.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
        verbose_name=_("for the agency"),
    )
    # Set when an agency responder recorded it: the page says "reported by <agency>".
    reported_by_agency = models.BooleanField(_("reported by the agency"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["recommendation", "recorded_on", "created_at", "pk"]
        get_latest_by = ["recorded_on", "created_at", "pk"]
        verbose_name = _("update")
        verbose_name_plural = _("updates")

    def __str__(self):
        return f"{self.recommendation}: {self.get_status_display()} ({self.recorded_on})"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("An update is kept as it was recorded; record a new one."))
        super().save(*args, **kwargs)


class UpdateEvidence(PdfDocument):
    """A PDF that shows what was done, through the same pipeline as every other document."""

    update = models.OneToOneField(
        Update, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("update")
    )

    class Meta:
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")

    def __str__(self):
        return str(_("Evidence for %(update)s") % {"update": self.update})

    def download_filename(self):
        return f"evidence-{self.update_id}.pdf"


class UpdateEvidencePage(PageText):
    document = models.ForeignKey(
        UpdateEvidence, on_delete=models.CASCADE, related_name="pages", verbose_name=_("document")
    )

    class Meta(PageText.Meta):
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_evidence_page")
        ]


class Suggestion(models.Model):
    """A recommendation the site found in an uploaded report, waiting for an officer: accepted
    it becomes a Recommendation (public once the review is), discarded it is kept out of the
    way. Suggestions themselves are never shown to the public."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for an officer")
        ACCEPTED = "accepted", _("Accepted")
        DISCARDED = "discarded", _("Discarded")

    document = models.ForeignKey(
        ReviewDocument,
        on_delete=models.CASCADE,
        related_name="suggestions",
        verbose_name=_("found in"),
    )
    number = models.CharField(_("number"), max_length=20)
    text = models.TextField(_("text"))
    page = models.PositiveIntegerField(_("page"))
    position = models.PositiveIntegerField(_("order"), default=0)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    recommendation = models.OneToOneField(
        Recommendation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestion",
        verbose_name=_("accepted as"),
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        ordering = ["document", "position", "pk"]
        verbose_name = _("suggested recommendation")
        verbose_name_plural = _("suggested recommendations")

    def __str__(self):
        return _("Suggested recommendation %(number)s (page %(page)s)") % {
            "number": self.number,
            "page": self.page,
        }
