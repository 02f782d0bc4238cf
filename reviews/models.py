"""Partnerships, their reviews, the reviews' documents and the themes that cut across them."""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .dates import PublishedMonthMixin
from .documents import PageText, PdfDocument
from .languages import BilingualMixin

WELSH_HELP = _(
    "Shown on Welsh pages. Leave blank until there is a Welsh text: meanwhile the English "
    "one is shown, with a note that it is not yet available in Welsh."
)


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


def logo_upload_to(instance, filename):
    """A server-chosen name whose extension follows the image Pillow read, not the upload's name."""
    image = getattr(getattr(instance.logo, "file", None), "image", None)
    extension = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}.get(
        getattr(image, "format", None), "png"
    )
    return f"logos/{uuid.uuid4().hex}.{extension}"


class Partnership(BilingualMixin, models.Model):
    """A Community Safety Partnership, which commissions and publishes reviews."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=80, help_text=_("Used in lists, for example “Wiltshire”.")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    nation = models.CharField(_("nation"), max_length=10, choices=Nation.choices)
    area = models.CharField(_("region or police force area"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True, help_text=WELSH_HELP)
    about = models.TextField(_("about"), blank=True)
    about_cy = models.TextField(_("about, in Welsh"), blank=True, help_text=WELSH_HELP)
    members = models.TextField(
        _("member organisations"),
        blank=True,
        help_text=_("One organisation per line."),
    )
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)
    logo_alt = models.CharField(
        _("logo alt text"),
        max_length=200,
        blank=True,
        help_text=_("Describe the logo for people who cannot see it."),
    )
    active = models.BooleanField(_("active"), default=True)
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        blank=True,
        related_name="partnerships",
        verbose_name=_("officers"),
        help_text=_("Staff who may edit, and perhaps publish, this partnership's reviews."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:partnership_detail", args=[self.slug])

    def clean(self):
        if self.logo and not self.logo_alt:
            raise ValidationError({"logo_alt": _("Give the logo a text alternative.")})

    @property
    def member_list(self):
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class Membership(models.Model):
    """An officer's place in a partnership, and what their role lets them do there.

    Editors prepare drafts and upload documents; publishers also publish, schedule and
    withdraw. Site administrators (superusers) need no membership.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor: prepares drafts and uploads documents")
        PUBLISHER = "publisher", _("Publisher: also publishes and withdraws reviews")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("partnership"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("officer"),
    )
    # Least privilege unless someone chooses otherwise.
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "user"]
        verbose_name = _("officer of the partnership")
        verbose_name_plural = _("officers of the partnership")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}), {self.partnership}"


class Theme(BilingualMixin, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True, help_text=WELSH_HELP)
    description_cy = models.TextField(_("description in Welsh"), blank=True, help_text=WELSH_HELP)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name


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

    def withdrawn_from_public(self):
        """Withdrawn reviews the public once could see: their addresses answer 410 Gone.

        A review withdrawn before its scheduled moment was never public, so it stays unknown.
        """
        return self.filter(status=Review.Status.WITHDRAWN).filter(
            models.Q(publish_at__isnull=True) | models.Q(publish_at__lte=F("withdrawn_at"))
        )

    def for_listing(self):
        """With what a list of reviews shows of each: partnerships and documents."""
        return self.select_related("lead_partnership").prefetch_related("partnerships", "documents")


class Review(PublishedMonthMixin, BilingualMixin, models.Model):
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

    class CaseType(models.TextChoices):
        INTIMATE_PARTNER = "intimate-partner", _("Intimate partner (current or former)")
        FAMILIAL = "familial", _("Familial")
        VICTIM_SUICIDE = "victim-suicide", _("Victim suicide")
        HOMICIDE_PERPETRATOR_SUICIDE = (
            "homicide-perpetrator-suicide",
            _("Homicide followed by perpetrator suicide"),
        )
        MULTIPLE_VICTIMS = "multiple-victims", _("More than one victim")

    lead_partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="led_reviews",
        verbose_name=_("lead partnership"),
    )
    partnerships = models.ManyToManyField(
        Partnership,
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
    case_type = models.CharField(
        _("case type"),
        max_length=40,
        choices=CaseType.choices,
        blank=True,
        help_text=_("Leave blank unless the published report states it."),
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
        ]

    def __str__(self):
        return self.pseudonym

    def get_absolute_url(self):
        return reverse("reviews:review_detail", args=[self.slug])

    def clean(self):
        if self.year_of_death and self.published_on and self.year_of_death > self.published_on.year:
            raise ValidationError(
                {"year_of_death": _("The year of death cannot be after the date published.")}
            )

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
        from .languages import page_language

        language = page_language()
        return sorted(self.documents.all(), key=lambda document: document.language != language)

    def all_partnerships(self):
        """Lead partnership first, then any joint partners (uses prefetched data)."""
        others = [p for p in self.partnerships.all() if p.pk != self.lead_partnership_id]
        return [self.lead_partnership, *others]


class ReviewDocument(PdfDocument):
    class Kind(models.TextChoices):
        EXECUTIVE_SUMMARY = "executive-summary", _("Executive summary")
        OVERVIEW_REPORT = "overview-report", _("Overview report")
        ACTION_PLAN = "action-plan", _("Action plan")
        PANEL_LETTER = "panel-letter", _("Home Office panel letter")
        LEARNING_BRIEFING = "learning-briefing", _("Learning briefing")
        OTHER = "other", _("Other document")

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        WELSH = "cy", _("Welsh")

    review = models.ForeignKey(
        Review, on_delete=models.CASCADE, related_name="documents", verbose_name=_("review")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Leave blank to use the kind.")
    )
    slug = models.SlugField(
        _("web address name"),
        max_length=80,
        editable=False,
        help_text=_("Set from the kind and language; part of the document's permanent link."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["review", "kind", "language", "pk"]
        verbose_name = _("review document")
        verbose_name_plural = _("review documents")
        constraints = [
            models.UniqueConstraint(fields=["review", "slug"], name="unique_document_slug")
        ]

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return self.title or self.get_kind_display()

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def _free_slug(self):
        base = (
            self.kind if self.language == self.Language.ENGLISH else f"{self.kind}-{self.language}"
        )
        taken = set(
            ReviewDocument.objects.filter(review_id=self.review_id).values_list("slug", flat=True)
        )
        slug, number = base, 2
        while slug in taken:
            slug, number = f"{base}-{number}", number + 1
        return slug

    def get_absolute_url(self):
        return reverse("reviews_files:document_download", args=[self.review.slug, self.slug])

    def get_text_url(self):
        return reverse("reviews:document_text", args=[self.review.slug, self.slug])

    @property
    def counterpart(self):
        """The same kind of document of the same review in the other language, if there is one
        (from the review's prefetched documents)."""
        for other in self.review.documents.all():
            if other.kind == self.kind and other.language != self.language:
                return other
        return None

    def download_filename(self):
        return f"{slugify(self.review.pseudonym) or 'review'}-{self.slug}.pdf"


class DocumentPage(PageText):
    """The text of one page of a review document, stored by the pipeline when its file was.

    Search finds reviews by these texts and links to the page (`#page=N`) that matched.
    """

    document = models.ForeignKey(
        ReviewDocument, on_delete=models.CASCADE, related_name="pages", verbose_name=_("document")
    )
    # PostgreSQL's full-text index of the page (reviews/search/backends/postgresql.py).
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta(PageText.Meta):
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="unique_document_page")
        ]

    def __str__(self):
        return f"{self.document}, page {self.number}"
