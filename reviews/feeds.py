"""Atom feeds of newly published reviews: any search of /reviews/ (all of them without one),
one partnership's, one theme's. Each entry names the review's permanent identifier and its
documents, with their addresses and SHA-256 checksums, as the open data does."""

import datetime
from contextvars import ContextVar

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .forms import ReviewSearchForm
from .list_links import without
from .models import Partnership, Review, Theme, prefetch_partnerships
from .search import Sort
from .search.results import matching_reviews_in_order

FEED_LENGTH = 20
# The namespace of the entries' own elements and attributes (Atom has none for a checksum).
NAMESPACE = "urn:dhrsite:feed"

# The request a feed is being written for, so that its documents' addresses are absolute.
_request = ContextVar("feed_request")


class ReviewEntriesFeed(Atom1Feed):
    """Atom, with each entry's review identifier and documents: `<dhr:identifier>` and one
    `<link rel="enclosure">` per document carrying `dhr:sha256`."""

    def root_attributes(self):
        return {**super().root_attributes(), "xmlns:dhr": NAMESPACE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("dhr:identifier", item["identifier"])
        for document in item["documents"]:
            handler.addQuickElement("link", "", document)


class AtomFeed(Feed):
    """An Atom feed answered by its ETag alone: the site's feeds (reviews', and updates on
    recommendations in reviews/recommendations/feeds.py) build on it."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        response = super().__call__(request, *args, **kwargs)
        # Django dates a feed by its newest entry. When that review is withdrawn the date goes
        # back, and a reader asking "changed since?" would be told "not modified" and keep
        # showing it. The ETag (a digest of the feed itself) answers that question instead.
        response.headers.pop("Last-Modified", None)
        return response


class LatestReviewsFeed(AtomFeed):
    """The newest published reviews that a search of /reviews/ finds, in the order of its
    "newest first": the same address parameters (`q` and the filters), so that every search
    can be followed; without any, every published review."""

    feed_type = ReviewEntriesFeed

    def get_feed(self, obj, request):
        token = _request.set(request)
        try:
            return super().get_feed(obj, request)
        finally:
            _request.reset(token)

    def get_object(self, request):
        return ReviewSearchForm(request.GET)

    @staticmethod
    def _searched(obj):
        return isinstance(obj, ReviewSearchForm) and obj.narrows

    def title(self, obj=None):
        if self._searched(obj) and obj.query:
            return _("New reviews matching “%(query)s”") % {"query": obj.query_text}
        if self._searched(obj):
            return _("New reviews matching your filters")
        return _("New Domestic Homicide Reviews")

    def subtitle(self, obj=None):
        if self._searched(obj):
            return _("Reviews published on this site that this search of its reviews finds.")
        return _("Reviews as they are published on this site.")

    def link(self, obj=None):
        address = reverse("reviews:review_list")
        if self._searched(obj):
            return f"{address}?{without(obj.data, 'page', 'sort').urlencode()}"
        return address

    def reviews(self, obj):
        return Review.objects.published()

    def items(self, obj=None):
        related = (prefetch_partnerships(), "themes", "documents")
        if self._searched(obj):
            newest = matching_reviews_in_order(obj.query, obj.selected, Sort.NEWEST)
            chosen = newest[:FEED_LENGTH]
            found = (
                Review.objects.published()
                .select_related("lead_partnership")
                .prefetch_related(*related)
                .in_bulk(chosen)
            )
            return [found[pk] for pk in chosen if pk in found]
        return (
            self.reviews(obj)
            .select_related("lead_partnership")
            .prefetch_related(*related)
            .order_by(F("published_on").desc(nulls_last=True), "-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_extra_kwargs(self, item):
        request = _request.get()
        return {
            "identifier": item.slug,
            "documents": [
                {
                    "rel": "enclosure",
                    "href": request.build_absolute_uri(document.get_absolute_url()),
                    "type": "application/pdf",
                    "length": str(document.size_bytes),
                    "title": document.display_title,
                    "hreflang": document.language,
                    "dhr:sha256": document.sha256,
                }
                for document in item.documents.all()
            ],
        }

    def item_title(self, item):
        return _("%(pseudonym)s: %(type)s, %(partnership)s") % {
            "pseudonym": item.pseudonym,
            "type": item.get_review_type_display(),
            "partnership": item.lead_partnership.name,
        }

    def item_description(self, item):
        return item.summary or _("Published by %(partnership)s.") % {
            "partnership": ", ".join(p.name for p in item.all_partnerships())
        }

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        if item.published_on is None:
            return None
        return datetime.datetime.combine(
            item.published_on, datetime.time.min, tzinfo=timezone.get_default_timezone()
        )

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.lead_partnership.name

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]


class PartnershipReviewsFeed(LatestReviewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Partnership, slug=slug, active=True)

    def title(self, obj=None):
        return _("New reviews from %(partnership)s") % {"partnership": obj.name}

    def link(self, obj=None):
        return obj.get_absolute_url()

    def reviews(self, obj):
        return Review.objects.published().of_partnership(obj)


class ThemeReviewsFeed(LatestReviewsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, obj=None):
        return _("New reviews about %(theme)s") % {"theme": obj.name}

    def link(self, obj=None):
        return reverse("reviews:theme_detail", args=[obj.slug])

    def reviews(self, obj):
        return Review.objects.published().filter(themes=obj)
