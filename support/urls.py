"""The support app's addresses: pages (under the language prefix, see reviews/urls.py) and the
strategy documents' PDFs, which have one address in every language."""

from django.urls import path, re_path
from django.views.generic import TemplateView

from reviews.page_cache import changes_by_the_minute

from . import views

app_name = "support"

urlpatterns = [
    # Shows which helplines are open now.
    path("help/", changes_by_the_minute(views.HelpView.as_view()), name="help"),
    path("safety/", TemplateView.as_view(template_name="support/safety.html"), name="safety"),
    path(
        "accessibility/",
        TemplateView.as_view(template_name="support/accessibility.html"),
        name="accessibility",
    ),
    # /about/reviews/ belongs to the reviews app, so it is not an information page's address.
    re_path(
        r"^about/(?P<slug>(?!reviews/)[-a-zA-Z0-9_]+)/$",
        views.InformationPageView.as_view(),
        name="information_page",
    ),
    path("strategies/", views.StrategyListView.as_view(), name="strategy_list"),
    path("strategies/<slug:slug>/", views.StrategyDetailView.as_view(), name="strategy_detail"),
    path(
        "strategies/<slug:slug>/document/text/",
        views.strategy_document_text,
        name="strategy_document_text",
    ),
]

unprefixed_patterns = (
    [
        path(
            "strategies/<slug:slug>/document.pdf",
            views.strategy_document,
            name="strategy_document",
        ),
    ],
    "support_files",
)
