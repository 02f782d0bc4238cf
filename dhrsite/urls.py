"""Top-level URLs. Uploaded files are never served from /media/: downloads go through views.

Public pages have an English address and a Welsh one under /cy/ (`i18n_patterns`, with no
prefix for English so every existing English address keeps working). The language comes from
the address alone, never from a cookie or the browser's settings, so public pages set no cookie
and a shared link opens in the language it was sent in. These stay without a prefix:
- the admin (officers work in English; its sessions are scoped to its own path),
- /healthz (for load balancers),
- files and machine-readable resources (PDFs, cover images, logos, Atom feeds, open data,
  sitemap.xml, robots.txt): they are the same in both languages, so each keeps one permanent
  address, and robots.txt and sitemap.xml must sit at the root.
"""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from reviews.urls import unprefixed_patterns as review_files
from support.urls import unprefixed_patterns as support_files

from .health import healthz

handler500 = "dhrsite.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path(settings.DHR_ADMIN_PATH, admin.site.urls),
    path("", include(review_files)),
    path("", include(support_files)),
    # English has no prefix. Django would otherwise also answer /en/... with a second copy of
    # every English page, so such an address is sent to the real one. Never to another site:
    # /en//example.org/ would become //example.org/, which a browser takes as that host, so a
    # rest starting with a slash (or a backslash, which browsers read as one) is not matched.
    re_path(
        r"^en/(?P<rest>(?![/\\]).*)$",
        RedirectView.as_view(url="/%(rest)s", permanent=True, query_string=True),
    ),
    *i18n_patterns(
        path("", include("support.urls")),
        path("", include("reviews.urls")),
        prefix_default_language=False,
    ),
]
