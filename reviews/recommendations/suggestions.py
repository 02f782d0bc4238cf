"""The recommendations the site finds in an uploaded report, kept as suggestions for an
officer, and what accepting or discarding one does.

Nothing suggested is public: only `accept` makes a Recommendation, which the public sees once
its review is published.
"""

from django.db import transaction

from ..documents.signals import page_texts_stored
from ..models import Recommendation, ReviewDocument, Suggestion
from .extraction import find_recommendations

# The documents that state a review's recommendations.
STATING_KINDS = {
    ReviewDocument.Kind.OVERVIEW_REPORT,
    ReviewDocument.Kind.EXECUTIVE_SUMMARY,
    ReviewDocument.Kind.ACTION_PLAN,
}


def suggest_from(document):
    """Replace the waiting suggestions of a document with what its page texts state now.

    A number the review already has a recommendation for, or that an officer has already
    decided on for this document, is not suggested again."""
    if document.kind not in STATING_KINDS:
        return []
    document.suggestions.filter(state=Suggestion.State.WAITING).delete()
    decided = set(document.suggestions.values_list("number", flat=True))
    decided |= set(document.review.recommendations.values_list("number", flat=True))
    pages = document.pages.order_by("number").values_list("number", "text")
    suggestions = [
        Suggestion(document=document, number=found.number, text=found.text, page=found.page)
        for found in find_recommendations(pages)
        if found.number not in decided
    ]
    for position, suggestion in enumerate(suggestions):
        suggestion.position = position
    return Suggestion.objects.bulk_create(suggestions)


def waiting_for(review):
    """The suggestions an officer has still to decide on, for the review's page in the admin."""
    return (
        Suggestion.objects.filter(document__review=review, state=Suggestion.State.WAITING)
        .select_related("document")
        .order_by("document__kind", "document__language", "position")
    )


@transaction.atomic
def accept(suggestion, *, agencies, level, number=None, text=None, due_on=None, themes=()):
    """Make the suggestion a recommendation of its review, as the officer edited it."""
    review = suggestion.document.review
    recommendation = Recommendation(
        review=review,
        number=(number or suggestion.number).strip(),
        text=(text or suggestion.text).strip(),
        level=level,
        document=suggestion.document,
        page=suggestion.page,
        due_on=due_on,
        position=review.recommendations.count(),
    )
    recommendation.full_clean()
    recommendation.save()
    recommendation.agencies.set(agencies)
    recommendation.themes.set(themes)
    suggestion.state = Suggestion.State.ACCEPTED
    suggestion.recommendation = recommendation
    suggestion.save(update_fields=["state", "recommendation"])
    return recommendation


def discard(suggestion):
    suggestion.state = Suggestion.State.DISCARDED
    suggestion.save(update_fields=["state"])


def _document_texts_stored(sender, document, **kwargs):
    suggest_from(document)


def connect_signals():
    page_texts_stored.connect(
        _document_texts_stored, sender=ReviewDocument, dispatch_uid="recommendation-suggestions"
    )
