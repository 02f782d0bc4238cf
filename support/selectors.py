"""What a partnership's page shows besides its reviews: local help and published documents."""

from dataclasses import dataclass

from django.utils import timezone

from reviews.models import Review, ReviewDocument

from .models import Helpline, InformationPage, Notice, StrategyDocument, with_opening_status


@dataclass(frozen=True)
class LocalHelp:
    helplines: list
    information_pages: list
    notices: list


@dataclass(frozen=True)
class LearningBriefing:
    """A learning briefing, whether published on its own or as a local learning review's."""

    title: str
    url: str
    source: str
    description: str


@dataclass(frozen=True)
class LocalDocuments:
    strategies: list
    learning_briefings: list


def local_help(partnership, now=None):
    """The partnership's own helplines (with their status now), pages and notices."""
    return LocalHelp(
        helplines=with_opening_status(
            Helpline.objects.active().for_listing().filter(partnership=partnership),
            now or timezone.now(),
        ),
        information_pages=list(InformationPage.objects.published().filter(partnership=partnership)),
        notices=list(Notice.objects.published().filter(partnership=partnership)),
    )


def local_documents(partnership):
    """The partnership's published strategy documents, and its learning briefings: those
    published as documents in their own right and those of its published reviews."""
    documents = StrategyDocument.objects.published().filter(partnership=partnership)
    kind = StrategyDocument.Kind.LEARNING_BRIEFING
    briefings = [
        LearningBriefing(
            title=document.title,
            url=document.get_document_url(),
            source=document.published_month,
            description=document.description,
        )
        for document in documents.filter(kind=kind)
    ]
    review_briefings = (
        ReviewDocument.objects.filter(
            kind=ReviewDocument.Kind.LEARNING_BRIEFING,
            review__in=Review.objects.published().of_partnership(partnership),
        )
        .select_related("review")
        .order_by("review__pseudonym", "pk")
    )
    briefings += [
        LearningBriefing(
            title=f"{document.review.pseudonym}: {document.display_title}",
            url=document.get_absolute_url(),
            source=document.review.get_review_type_display(),
            description=document.description,
        )
        for document in review_briefings
    ]
    return LocalDocuments(
        strategies=list(documents.exclude(kind=kind).select_related("partnership")),
        learning_briefings=briefings,
    )
