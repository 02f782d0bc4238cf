"""The reviews app's addresses, in two groups.

`urlpatterns` are pages: dhrsite/urls.py puts them under the language prefix, so each has an
English address (/reviews/) and a Welsh one (/cy/reviews/). `unprefixed_patterns` are files and
machine-readable resources (PDFs, images, feeds, open data, sitemap, robots.txt) that are the
same in every language: one permanent address each, never a /cy/ copy.
"""

from django.contrib.sitemaps.views import sitemap
from django.urls import path
from django.views.generic import TemplateView

from . import data_package, feeds, open_data, views
from .insights.views import InsightsView
from .page_cache import changes_by_the_minute
from .recommendations import feeds as recommendation_feeds
from .recommendations import open_data as recommendation_data
from .recommendations import views as recommendation_views
from .sitemaps import SITEMAPS

app_name = "reviews"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("reviews/", views.ReviewListView.as_view(), name="review_list"),
    path("reviews/filters/<slug:facet>/", views.FacetOptionsView.as_view(), name="facet_options"),
    path("reviews/<slug:slug>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path(
        "reviews/<slug:slug>/documents/<slug:document_slug>/text/",
        views.document_text,
        name="document_text",
    ),
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path(
        "partnerships/<slug:slug>/",
        # Shows which of the partnership's own helplines are open now.
        changes_by_the_minute(views.PartnershipDetailView.as_view()),
        name="partnership_detail",
    ),
    path("themes/", views.ThemeListView.as_view(), name="theme_list"),
    path("themes/<slug:slug>/", views.ThemeDetailView.as_view(), name="theme_detail"),
    path(
        "recommendations/",
        recommendation_views.RecommendationListView.as_view(),
        name="recommendation_list",
    ),
    path("agencies/", recommendation_views.AgencyListView.as_view(), name="agency_list"),
    path("agencies/<slug:slug>/", recommendation_views.AgencyDetailView.as_view(), name="agency"),
    path("data/", data_package.OpenDataView.as_view(), name="open_data"),
    path("insights/", InsightsView.as_view(), name="insights"),
    path(
        "about/reviews/",
        TemplateView.as_view(template_name="reviews/about_reviews.html"),
        name="about_reviews",
    ),
]

unprefixed_patterns = (
    [
        path("reviews/feed.atom", feeds.LatestReviewsFeed(), name="review_feed"),
        path(
            "reviews/<slug:slug>/documents/<slug:document_slug>.pdf",
            views.document_download,
            name="document_download",
        ),
        path(
            "reviews/<slug:slug>/documents/<slug:document_slug>/cover.png",
            views.document_cover,
            name="document_cover",
        ),
        path(
            "partnerships/<slug:slug>/feed.atom",
            feeds.PartnershipReviewsFeed(),
            name="partnership_feed",
        ),
        path("partnerships/<slug:slug>/logo/", views.partnership_logo, name="partnership_logo"),
        path("themes/<slug:slug>/feed.atom", feeds.ThemeReviewsFeed(), name="theme_feed"),
        path("data/datapackage.json", data_package.datapackage_json, name="datapackage"),
        path("data/reviews.csv", open_data.reviews_csv, name="open_data_csv"),
        path("data/reviews.json", open_data.reviews_json, name="open_data_json"),
        path("data/themes.csv", open_data.themes_csv, name="themes_csv"),
        path("data/themes.json", open_data.themes_json, name="themes_json"),
        path(
            "recommendations/updates.atom",
            recommendation_feeds.RecommendationUpdatesFeed(),
            name="recommendation_updates_feed",
        ),
        path(
            "agencies/<slug:slug>/updates.atom",
            recommendation_feeds.AgencyUpdatesFeed(),
            name="agency_updates_feed",
        ),
        path(
            "partnerships/<slug:slug>/updates.atom",
            recommendation_feeds.PartnershipUpdatesFeed(),
            name="partnership_updates_feed",
        ),
        path(
            "data/recommendations.csv",
            recommendation_data.recommendations_csv,
            name="recommendations_csv",
        ),
        path(
            "data/recommendations.json",
            recommendation_data.recommendations_json,
            name="recommendations_json",
        ),
        path(
            "recommendations/updates/<int:update_id>/evidence.pdf",
            recommendation_views.evidence_download,
            name="update_evidence",
        ),
        path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
        path("robots.txt", views.robots_txt, name="robots_txt"),
    ],
    "reviews_files",
)
