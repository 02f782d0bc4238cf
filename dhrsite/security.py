"""Security headers that Django and django-csp do not set themselves.

Sits at the top of the middleware so that every answer carries them, whitenoise's static files
included: a Permissions-Policy that turns off every powerful browser feature, and a
Cross-Origin-Resource-Policy so that no other site can embed our pages, images or documents;
and nosniff and X-Frame-Options on static files too.
"""

from django.conf import settings
from django.core.exceptions import BadRequest


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
    """A NUL character in the address or a form is never meant: answer 400 Bad Request.

    PostgreSQL cannot hold NUL in text, so such a value reaching a query (a filter by
    partnership, say) would otherwise be a 500.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [request.path, *request.GET.keys()]
        values += [value for _key, value in request.GET.lists() for value in value]
        if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
            values += [value for _key, value in request.POST.lists() for value in value]
        if any("\x00" in value for value in values):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)
