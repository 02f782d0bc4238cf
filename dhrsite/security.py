"""Security headers that Django and django-csp do not set themselves; NUL characters refused;
and the visitor's address behind a trusted proxy, for the sign-in lockout.

The headers' middleware sits at the top so that every answer carries them, whitenoise's static
files included: a Permissions-Policy that turns off every powerful browser feature, and a
Cross-Origin-Resource-Policy so that no other site can embed our pages, images or documents;
and nosniff and X-Frame-Options on static files too.
"""

import functools
import ipaddress

from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpResponseNotAllowed, QueryDict


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


class RefuseTraceMiddleware:
    """TRACE asks a server to echo the request back (cookies and credentials included) and
    CONNECT to open a tunnel; the site does neither, anywhere: 405 for every address, before any
    view (feeds, the sitemap and PDFs would otherwise answer TRACE with their whole body)."""

    REFUSED = {"TRACE", "CONNECT"}

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in self.REFUSED:
            return HttpResponseNotAllowed(["GET", "HEAD", "OPTIONS", "POST"])
        return self.get_response(request)


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


@functools.cache
def _networks(addresses):
    """The networks of GUNICORN_FORWARDED_ALLOW_IPS (comma-separated addresses or networks, or
    `*` for any), as gunicorn reads them."""
    networks = []
    for entry in addresses.split(","):
        entry = entry.strip()
        if entry == "*":
            networks += [ipaddress.ip_network("0.0.0.0/0"), ipaddress.ip_network("::/0")]
        elif entry:
            networks.append(ipaddress.ip_network(entry, strict=False))
    return networks


def _address(text):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def client_address(request):
    """The visitor's address, for the sign-in lockout (AXES_CLIENT_IP_CALLABLE).

    Behind a proxy every request comes from the proxy's address, and locking out a username
    from that address would lock its officer out everywhere. A proxy that gunicorn trusts
    appends the address it heard from to X-Forwarded-For, so its last entry is the visitor's;
    from anyone else the header is ignored, as anything in it could be made up."""
    remote = request.META.get("REMOTE_ADDR", "")
    peer = _address(remote)
    proxies = _networks(settings.DHR_TRUSTED_PROXIES)
    if peer is None or not any(peer in network for network in proxies):
        return remote
    forwarded = _address(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1])
    return str(forwarded) if forwarded is not None else remote
