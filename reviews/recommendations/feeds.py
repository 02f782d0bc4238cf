"""Atom feeds of updates on recommendations: all of them, one agency's, one partnership's.

Each entry is one update, newest first: the recommendation's number and review, the status it
reported, its note, its date, and "reported by <agency>" where the agency reported it itself.
Only updates on the recommendations of published reviews appear (`Recommendation.objects
.published()`, the review's rule), so a draft's or a withdrawn review's updates never do. An
entry of the demo's fictional sample says so in its title.
"""

import datetime

from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..feeds import FEED_LENGTH, AtomFeed
from ..models import Agency, Partnership, Recommendation, Review, Update


class RecommendationUpdatesFeed(AtomFeed):
    """The newest updates on every published recommendation."""

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # An entry's id is its own (several updates share a recommendation's link): a tag URI
        # under the site's host name, which needs the request, so it is completed here.
        host = split_domain_port(request.get_host())[0] or "localhost"
        for item in feed.items:
            item["unique_id"] = f"tag:{host},{item['unique_id']}"
        return feed

    def title(self, obj=None):
        return _("Updates on recommendations")

    def subtitle(self, obj=None):
        return _("What agencies report they have done about reviews' recommendations.")

    def link(self, obj=None):
        return reverse("reviews:recommendation_list")

    def updates(self, obj):
        return Update.objects.all()

    def items(self, obj=None):
        return (
            self.updates(obj)
            .filter(recommendation__in=Recommendation.objects.published())
            .select_related("recommendation__review__lead_partnership", "agency")
            .order_by("-recorded_on", "-created_at", "-pk")[:FEED_LENGTH]
        )

    def item_title(self, item):
        recommendation = item.recommendation
        title = _("Recommendation %(number)s of %(review)s: %(status)s") % {
            "number": recommendation.number,
            "review": recommendation.review.pseudonym,
            "status": item.get_status_display(),
        }
        if recommendation.review.lead_partnership.fictional:
            title = _("%(title)s (fictional sample)") % {"title": title}
        return title

    def item_description(self, item):
        parts = [item.note] if item.note else []
        if item.reported_by_agency and item.agency:
            parts.append(_("Reported by %(agency)s.") % {"agency": item.agency.name})
        return " ".join(parts) or item.get_status_display()

    def item_link(self, item):
        return item.recommendation.get_absolute_url()

    def item_guid(self, item):
        return f"{item.created_at:%Y-%m-%d}:recommendation-update-{item.pk}"

    def item_guid_is_permalink(self, item):
        return False

    def item_pubdate(self, item):
        return datetime.datetime.combine(
            item.recorded_on, datetime.time.min, tzinfo=timezone.get_default_timezone()
        )

    def item_updateddate(self, item):
        return item.created_at

    def item_author_name(self, item):
        if item.reported_by_agency and item.agency:
            return item.agency.name
        return item.recommendation.review.lead_partnership.name

    def item_categories(self, item):
        return [item.get_status_display()]


class AgencyUpdatesFeed(RecommendationUpdatesFeed):
    """The updates on the recommendations addressed to one agency."""

    def get_object(self, request, slug):
        return get_object_or_404(Agency, slug=slug)

    def title(self, obj=None):
        return _("Updates on recommendations to %(agency)s") % {"agency": obj.name}

    def link(self, obj=None):
        return obj.get_absolute_url()

    def updates(self, obj):
        return Update.objects.filter(
            recommendation__in=Recommendation.objects.filter(agencies=obj).values("pk")
        )


class PartnershipUpdatesFeed(RecommendationUpdatesFeed):
    """The updates on the recommendations of one partnership's reviews, joint ones included."""

    def get_object(self, request, slug):
        return get_object_or_404(Partnership, slug=slug, active=True)

    def title(self, obj=None):
        return _("Updates on recommendations of %(partnership)s's reviews") % {
            "partnership": obj.name
        }

    def link(self, obj=None):
        return obj.get_absolute_url()

    def updates(self, obj):
        return Update.objects.filter(recommendation__review__in=Review.objects.of_partnership(obj))
