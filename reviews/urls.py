from django.urls import path
from django.views.generic import TemplateView

from . import views

app_name = "reviews"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("reviews/", views.ReviewListView.as_view(), name="review_list"),
    path("reviews/<slug:slug>/", views.ReviewDetailView.as_view(), name="review_detail"),
    path(
        "reviews/<slug:slug>/documents/<slug:document_slug>.pdf",
        views.document_download,
        name="document_download",
    ),
    path("partnerships/", views.PartnershipListView.as_view(), name="partnership_list"),
    path(
        "partnerships/<slug:slug>/",
        views.PartnershipDetailView.as_view(),
        name="partnership_detail",
    ),
    path("partnerships/<slug:slug>/logo/", views.partnership_logo, name="partnership_logo"),
    path(
        "about/reviews/",
        TemplateView.as_view(template_name="reviews/about_reviews.html"),
        name="about_reviews",
    ),
]
