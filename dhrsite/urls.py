"""Top-level URLs. Uploaded files are never served from /media/: downloads go through views."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from .health import healthz

handler500 = "dhrsite.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(settings.DHR_ADMIN_PATH, admin.site.urls),
    path("", include("support.urls")),
    path("", include("reviews.urls")),
]
