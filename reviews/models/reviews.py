"""Reviews: what the public may see of them, and their life from draft to withdrawn."""

import json

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import F
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..dates import PublishedMonthMixin
from ..languages import WELSH_HELP, BilingualMixin
from .characteristics import CaseCharacteristics, CaseType
from .joint_partnerships import JointPartnership
from .partnerships import Partnership
from .themes import Theme


class ReviewQuerySet(models.QuerySet):
    def published(self, now=None):
        """The one rule for what the public may see: published, and its moment has come.

        A review scheduled for later is published with `publish_at` in the future; it appears
        on its own at that moment, with no job to run. `publish_at` is empty for reviews
        published before the site recorded the moment.
        """
        now = now or timezone.now()
        return self.filter(
            models.Q(publish_at__isnull=True) | models.Q(publish_at__lte=now),
            status=Review.Status.PUBLISHED,
        )

    def not_published(self, now=None):
        """Every review `published` leaves out at this moment: drafts, withdrawn reviews and
        those scheduled for later. Asked this way round, a search reads the few rows an index
        holds (`review_status_moment`) rather than every published id.
        """
        now = now or timezone.now()
        return self.filter(
            models.Q(status__in=NOT_PUBLISHED_STATUSES)
            | models.Q(status=Review.Status.PUBLISHED, publish_at__gt=now)
        )

    def withdrawn_from_public(self):
        """Withdrawn reviews the public once could see: their addresses answer 410 Gone.

        A review withdrawn before its scheduled moment was never public, so it stays unknown.
        """
        return self.filter(status=Review.Status.WITHDRAWN).filter(
            models.Q(publish_at__isnull=True) | models.Q(publish_at__lte=F("withdrawn_at"))
        )

    def of_partnership(self, partnership):
        """The reviews the public sees under a partnership: those it leads, and the joint
        reviews that one of its publishers has confirmed (reviews/models/joint_partnerships.py).
        """
        confirmed = JointPartnership.objects.confirmed().filter(partnership=partnership)
        return self.filter(
            models.Q(lead_partnership=partnership) | models.Q(pk__in=confirmed.values("review"))
        )

    def for_listing(self):
        """With what a list of reviews shows of each: partnerships and documents."""
        return self.select_related("lead_partnership").prefetch_related(
            prefetch_partnerships(), "documents"
        )


def prefetch_partnerships(through=""):
    """What Review.all_partnerships() reads, in one query, for prefetch_related(); `through`
    reaches the review from another model ("review__")."""
    return models.Prefetch(
        f"{through}partnership_links",
        queryset=JointPartnership.objects.select_related("partnership"),
    )


def among(ids):
    """Reviews' ids as one query parameter, for an `__in` filter: an array on PostgreSQL,
    a JSON list on SQLite. Written as one placeholder per id, 2,000 of them cost each chart's
    query more to build and send than the database spends counting (and five times that at
    10,000 reviews)."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [ids])
    return RawSQL("SELECT value FROM json_each(%s)", [json.dumps(ids)])


class Review(PublishedMonthMixin, BilingualMixin, CaseCharacteristics, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class ReviewType(models.TextChoices):
        DHR = "dhr", _("Domestic Homicide Review")
        DARDR = "dardr", _("Domestic Abuse Related Death Review")
        JOINT_DHR_MHHI = (
            "joint-dhr-mhhi",
            _("Joint Domestic Homicide Review and Mental Health Homicide Investigation"),
        )
        SUSR = "susr", _("Single Unified Safeguarding Review")
        LOCAL_LEARNING = "local-learning", _("Local learning review")

    CaseType = CaseType

    lead_partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="led_reviews",
        verbose_name=_("lead partnership"),
    )
    partnerships = models.ManyToManyField(
        Partnership,
        through=JointPartnership,
        blank=True,
        related_name="joint_reviews",
        verbose_name=_("other partnerships"),
        help_text=_("For joint reviews: the other partnerships that commissioned it."),
    )
    pseudonym = models.CharField(
        _("pseudonym"),
        max_length=120,
        help_text=_("The name or label the published report uses, for example “Adult P”."),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=140,
        unique=True,
        help_text=_("Part of the review's web address. Do not change it once published."),
    )
    reference = models.CharField(_("reference"), max_length=60, blank=True)
    review_type = models.CharField(
        _("review type"), max_length=30, choices=ReviewType.choices, default=ReviewType.DHR
    )
    themes = models.ManyToManyField(Theme, blank=True, related_name="reviews")
    published_on = models.DateField(
        _("date published"),
        null=True,
        blank=True,
        help_text=_("Shown as month and year. Leave blank if the source does not give it."),
    )
    year_of_death = models.PositiveSmallIntegerField(_("year of death"), null=True, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Plain text."))
    summary_cy = models.TextField(_("summary in Welsh"), blank=True, help_text=WELSH_HELP)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    publish_at = models.DateTimeField(
        _("public from"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The moment the public can see the review: now, or a scheduled time."),
    )
    qa_panel_approved_on = models.DateField(
        _("Quality Assurance Panel approval date"),
        null=True,
        blank=True,
        help_text=_(
            "The date the Home Office Quality Assurance Panel approved the report. Needed "
            "before any review other than a local learning review can be published."
        ),
    )
    # The publication record (reviews/publication_record.py): what the partnership records
    # before a statutory review is published. The history keeps every entry.
    qa_panel_letter_published = models.BooleanField(
        _("panel's letter published"),
        null=True,
        blank=True,
        help_text=_(
            "Whether the Home Office Quality Assurance Panel's feedback letter is published "
            "with the review. If it is, upload it as a “Home Office panel letter” document."
        ),
    )
    family_told_on = models.DateField(
        _("date the family was told of the publication date"),
        null=True,
        blank=True,
        help_text=_(
            "The date the victim's family was told when the review will be published. Needed "
            "before any review other than a local learning review can be published: the "
            "family must hear it from the partnership, not from the news."
        ),
    )
    anonymisation_confirmed_at = models.DateTimeField(
        _("anonymisation confirmed at"), null=True, blank=True, editable=False
    )
    anonymisation_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("anonymisation confirmed by"),
    )
    home_office_copy_sent_on = models.DateField(
        _("date a copy was sent to the Home Office"),
        null=True,
        blank=True,
        help_text=_(
            "Optional until the duty in the Victims and Prisoners Act 2024 to send a copy of "
            "each report to the Home Office is in force."
        ),
    )
    commissioner_copy_sent_on = models.DateField(
        _("date a copy was sent to the Domestic Abuse Commissioner"),
        null=True,
        blank=True,
        help_text=_(
            "Optional until the duty in the Victims and Prisoners Act 2024 to send a copy of "
            "each report to the Domestic Abuse Commissioner is in force."
        ),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(
        _("reason for withdrawal"),
        blank=True,
        editable=False,
        help_text=_("Shown to the public on the review's page. Optional."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # PostgreSQL's full-text index of the review (reviews/search/backends/postgresql.py).
    search_vector = SearchVectorField(null=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        ordering = [F("published_on").desc(nulls_last=True), "pseudonym"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        # A review's row is wide (its search vector is kept in it), so the public pages' own
        # questions are answered from narrow indexes over published reviews instead of a scan
        # of the table: which are public and how many, and the next scheduled moment (this
        # one, by `publish_at` with the id); the newest first (on PostgreSQL, migration 0009:
        # SQLite cannot index NULLS LAST, and its demo-sized tables need no index).
        indexes = [
            models.Index(
                fields=["publish_at", "id"],
                condition=models.Q(status="published"),
                name="review_published_moment",
            ),
            # The reviews that are not published, for ReviewQuerySet.not_published (not a
            # partial index: SQLite uses one only for a condition written out, not a parameter).
            models.Index(fields=["status", "publish_at"], name="review_status_moment"),
        ]

    def __str__(self):
        return self.pseudonym

    def get_absolute_url(self):
        return reverse("reviews:review_detail", args=[self.slug])

    def clean(self):
        errors = {}
        if self.year_of_death and self.published_on and self.year_of_death > self.published_on.year:
            errors["year_of_death"] = _("The year of death cannot be after the date published.")
        # The publication record says what has happened, so none of its dates is still to come.
        today = timezone.localdate()
        for field in ["family_told_on", "home_office_copy_sent_on", "commissioner_copy_sent_on"]:
            day = getattr(self, field)
            if day and day > today:
                errors[field] = _("This date is in the future. Enter it once it has happened.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED and (
            self.publish_at is None or self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    @property
    def is_statutory(self):
        """Every review type except a local learning review goes to the Home Office panel."""
        return self.review_type != self.ReviewType.LOCAL_LEARNING

    def documents_for_reader(self):
        """The documents, those in the page's language first (uses prefetched data)."""
        from ..languages import page_language

        language = page_language()
        return sorted(self.documents.all(), key=lambda document: document.language != language)

    def all_partnerships(self):
        """The partnerships the public sees the review under: the lead first, then the joint
        partners that have confirmed it, by name (uses prefetched data: prefetch_partnerships())."""
        others = [
            link.partnership
            for link in self.partnership_links.all()
            if link.is_confirmed and link.partnership_id != self.lead_partnership_id
        ]
        return [self.lead_partnership, *sorted(others, key=lambda p: p.name)]


# What ReviewQuerySet.not_published leaves out whatever the moment.
NOT_PUBLISHED_STATUSES = [s for s in Review.Status.values if s != Review.Status.PUBLISHED]
