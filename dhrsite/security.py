"""Security headers that Django and django-csp do not set themselves.

Sits at the top of the middleware so that every answer carries them, whitenoise's static files
included: a Permissions-Policy that turns off every powerful browser feature, and a
Cross-Origin-Resource-Policy so that no other site can embed our pages, images or documents;
and nosniff and X-Frame-Options on static files too.
"""

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import QueryDict


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.permissions_policy = settings.DHR_PERMISSIONS_POLICY

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        # Django's own middleware sets this below whitenoise, which answers static files first.
        response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response


class NullCharacterMiddleware:
    """NUL characters are never meant: dropped from query strings and forms, 400 in a path.

    PostgreSQL cannot hold NUL in text, so such a value reaching a query (a filter by
    partnership, say) would otherwise be a 500. Dropping them keeps the rest of a search.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path:
            raise BadRequest("NUL character in the address")
        if "\x00" in request.META.get("QUERY_STRING", "") or "%00" in request.META.get(
            "QUERY_STRING", ""
        ):
            request.GET = _without_nul(request.GET)
        return self.get_response(request)


def _without_nul(query):
    cleaned = QueryDict(mutable=True)
    for key, values in query.lists():
        cleaned.setlist(key.replace("\x00", ""), [value.replace("\x00", "") for value in values])
    cleaned._mutable = False
    return cleaned
