"""The themes a review's documents suggest, kept for an officer, and what accepting or
rejecting one does.

When a review document's page texts are stored (reviews/documents/signals.py), its mentions of
every theme are found again (`finding.py`) and replace what that document suggested before.
One suggestion per theme and review gathers the mentions of all the review's documents. A theme
already on the review, or one an officer has accepted or rejected for it, is not suggested
again. Nothing suggested is public: `accept` adds the theme to `Review.themes`, which the public
sees once the review is published; `reject` sets it aside.
"""

from django.db import transaction
from django.db.models import Prefetch, Sum
from django.utils import timezone

from ..documents.signals import page_texts_stored
from ..models import ReviewDocument, Theme, ThemeEvidence, ThemeSuggestion
from .finding import find_themes

State = ThemeSuggestion.State


class AlreadyDecided(Exception):
    """The suggestion was accepted or rejected before (by another officer, or a second click)."""


def suggest_from(document):
    """Replace what `document` suggests with what its page texts mention now; returns the
    review's suggestions this document supports."""
    review = document.review
    # A decided suggestion keeps the mentions it was decided on; a waiting one is brought up to
    # date.
    ThemeEvidence.objects.filter(document=document, suggestion__state=State.WAITING).delete()
    on_review = set(review.themes.values_list("pk", flat=True))
    decided = set(
        review.theme_suggestions.exclude(state=State.WAITING).values_list("theme_id", flat=True)
    )
    themes = Theme.objects.exclude(pk__in=on_review | decided)
    found = find_themes(
        document.pages.order_by("number").values_list("number", "text"),
        {theme.pk: theme.terms() for theme in themes},
    )
    waiting = {s.theme_id: s for s in review.theme_suggestions.filter(state=State.WAITING)}
    new = [
        ThemeSuggestion(review=review, theme_id=item.theme)
        for item in found
        if item.theme not in waiting
    ]
    # Both engines (SQLite 3.35+, PostgreSQL) return the new rows' keys from a bulk insert.
    for suggestion in ThemeSuggestion.objects.bulk_create(new):
        waiting[suggestion.theme_id] = suggestion
    ThemeEvidence.objects.bulk_create(
        ThemeEvidence(
            suggestion=waiting[item.theme],
            document=document,
            pages=[[page, count] for page, count in item.pages.items()],
            count=item.count,
        )
        for item in found
    )
    # What no document mentions any more, or what is now on the review, waits no longer.
    review.theme_suggestions.filter(state=State.WAITING).filter(evidence__isnull=True).delete()
    review.theme_suggestions.filter(state=State.WAITING, theme__in=on_review).delete()
    return [waiting[item.theme] for item in found]


def waiting_for(review):
    """The suggested themes an officer has still to decide on, with their mentions in each
    document (`evidence`) and in all (`mentions`), the most mentioned first."""
    return (
        ThemeSuggestion.objects.filter(review=review, state=State.WAITING)
        .exclude(theme__in=review.themes.all())
        .annotate(mentions=Sum("evidence__count"))
        .filter(mentions__gt=0)
        .select_related("theme")
        .prefetch_related(
            Prefetch("evidence", queryset=ThemeEvidence.objects.select_related("document"))
        )
        .order_by("-mentions", "theme__name")
    )


def _decide(suggestion, state, by):
    decided = ThemeSuggestion.objects.filter(pk=suggestion.pk, state=State.WAITING).update(
        state=state, decided_by=by, decided_at=timezone.now()
    )
    if not decided:
        raise AlreadyDecided
    suggestion.refresh_from_db()


@transaction.atomic
def accept(suggestion, *, by):
    """Add the suggested theme to its review's themes (public once the review is)."""
    _decide(suggestion, State.ACCEPTED, by)
    suggestion.review.themes.add(suggestion.theme)


def reject(suggestion, *, by):
    """Set the suggestion aside: the theme is not suggested for this review again."""
    _decide(suggestion, State.REJECTED, by)


def _document_texts_stored(sender, document, **kwargs):
    suggest_from(document)


def connect_signals():
    page_texts_stored.connect(
        _document_texts_stored, sender=ReviewDocument, dispatch_uid="theme-suggestions"
    )
