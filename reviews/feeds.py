"""Atom feeds of newly published reviews: all of them, one partnership's, one theme's."""

import datetime

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from .models import Partnership, Review, Theme, prefetch_partnerships

FEED_LENGTH = 20


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
    """The newest published reviews, by date published (then by when they were added)."""

    def title(self, obj=None):
        return _("New Domestic Homicide Reviews")

    def subtitle(self, obj=None):
        return _("Reviews as they are published on this site.")

    def link(self, obj=None):
        return reverse("reviews:review_list")

    def reviews(self, obj):
        return Review.objects.published()

    def items(self, obj=None):
        return (
            self.reviews(obj)
            .select_related("lead_partnership")
            .prefetch_related(prefetch_partnerships(), "themes")
            .order_by(F("published_on").desc(nulls_last=True), "-created_at", "-pk")[:FEED_LENGTH]
        )

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
