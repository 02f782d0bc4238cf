"""Top-level URLs. Uploaded files are never served from /media/: downloads go through views."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("support.urls")),
    path("", include("reviews.urls")),
]
