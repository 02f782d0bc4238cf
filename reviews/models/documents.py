"""A review's documents and the text of their pages."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..documents import PageText, PdfDocument
from .reviews import Review


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
