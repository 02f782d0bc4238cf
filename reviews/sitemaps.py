"""/sitemap.xml: the public pages a search engine should know about."""

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from .models import Agency, Partnership, Recommendation, Review, Theme


class BilingualSitemap(Sitemap):
    """Each page in English and in Welsh, each naming the other as its alternate."""

    i18n = True
    alternates = True
    # English is the default language (en-gb), whose addresses have no prefix.
    languages = [settings.LANGUAGE_CODE, "cy"]


class SitePagesSitemap(BilingualSitemap):
    """Pages that are always there. Names from other apps are skipped if they ever go away."""

    names = [
        "reviews:home",
        "reviews:review_list",
        "reviews:partnership_list",
        "reviews:theme_list",
        "reviews:recommendation_list",
        "reviews:agency_list",
        "reviews:about_reviews",
        "reviews:open_data",
        "reviews:insights",
        "support:help",
        "support:accessibility",
    ]

    def items(self):
        found = []
        for name in self.names:
            try:
                reverse(name)
            except NoReverseMatch:
                continue
            found.append(name)
        return found

    def location(self, item):
        return reverse(item)


class ReviewSitemap(BilingualSitemap):
    def items(self):
        return Review.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class PartnershipSitemap(BilingualSitemap):
    def items(self):
        return Partnership.objects.filter(active=True).order_by("pk")


class ThemeSitemap(BilingualSitemap):
    def items(self):
        return (
            Theme.objects.filter(reviews__in=Review.objects.published()).distinct().order_by("pk")
        )

    def location(self, item):
        return reverse("reviews:theme_detail", args=[item.slug])


class AgencySitemap(BilingualSitemap):
    """The agencies that published recommendations are addressed to."""

    def items(self):
        return (
            Agency.objects.filter(recommendations__in=Recommendation.objects.published())
            .distinct()
            .order_by("pk")
        )


SITEMAPS = {
    "pages": SitePagesSitemap,
    "reviews": ReviewSitemap,
    "partnerships": PartnershipSitemap,
    "themes": ThemeSitemap,
    "agencies": AgencySitemap,
}
