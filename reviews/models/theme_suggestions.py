"""The themes a review's documents suggest, found in their text, waiting for an officer to accept
or reject each one, and the pages that suggest them.

Never public: no public page, feed or open-data file reads these models. Accepting a
suggestion adds its theme to `Review.themes`, which the public sees once the review is
published (reviews/theme_suggestions/suggestions.py).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .documents import ReviewDocument
from .reviews import Review
from .themes import Theme


class ThemeSuggestion(models.Model):
    """One theme suggested for one review, whichever of its documents suggest it."""

    class State(models.TextChoices):
        WAITING = "waiting", _("Waiting for an officer")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    review = models.ForeignKey(
        Review,
        on_delete=models.CASCADE,
        related_name="theme_suggestions",
        verbose_name=_("review"),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("theme")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.WAITING
    )
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )

    class Meta:
        ordering = ["review", "theme__name"]
        verbose_name = _("suggested theme")
        verbose_name_plural = _("suggested themes")
        constraints = [
            models.UniqueConstraint(fields=["review", "theme"], name="unique_theme_suggestion")
        ]

    def __str__(self):
        return _("Suggested theme: %(theme)s") % {"theme": self.theme}


class ThemeEvidence(models.Model):
    """Where one document's text mentions a suggested theme: {page: count} as a list of
    [page, count] pairs, in page order, and their total."""

    suggestion = models.ForeignKey(
        ThemeSuggestion,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("suggested theme"),
    )
    document = models.ForeignKey(
        ReviewDocument,
        on_delete=models.CASCADE,
        related_name="theme_evidence",
        verbose_name=_("document"),
    )
    pages = models.JSONField(_("pages"), default=list)
    count = models.PositiveIntegerField(_("mentions"))

    class Meta:
        ordering = ["document__kind", "document__language", "document__pk"]
        verbose_name = _("mentions of a suggested theme")
        verbose_name_plural = _("mentions of suggested themes")
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "document"], name="unique_theme_evidence")
        ]

    def __str__(self):
        return f"{self.suggestion.theme}: {self.document}"

    def page_counts(self):
        """[(page, count)] in page order."""
        return [(int(page), int(count)) for page, count in self.pages]
