"""Public pages served from the cache, and cleared the moment anything they show changes.

Every cached page is stored with the *generation* it was made in (reviews/changes.py), a random
token every worker of every instance shares (in Redis, or without it in the database). Any
change to a record that public pages show (each app names its models there) and any successful
form post in the admin by a signed-in officer (which covers bulk updates that send no signal)
draws a new token, so every page cached before it is never served again: a change made through
one worker is seen by every other at its next request. With Redis each worker hears of a new
token on a subscription (reviews/changes.py) and fetches only a page it has no copy of; without
it, the token is one small read from the database and the pages are each worker's own.

The middleware sits just below whitenoise, so that a page found in the cache costs about what a
static file does: none of the middleware below it runs (sessions, language, CSRF, users), and the
headers they set were stored with the page. The language comes from the address alone (`/cy/`),
as the locale middleware would choose it.

A page is stored as it is sent: compressed (Brotli or gzip) for browsers that accept it, by the
middleware just below (dhrsite/compression.py), once, before it is stored. So each page is kept
in each coding asked for, and a page found here is sent as its stored bytes, not compressed
again.

Each worker also keeps its own copies of the pages it served last (LOCAL_COPIES of them). A page
found there costs no round trip at all while the worker's subscription to new generations
vouches for the generation (reviews/changes.py, `heard_generation`), and otherwise one small
read of the generation from Redis instead of the whole page (a list of reviews is some 50 KB, a
filter's page of every option 120 KB). A copy is served on exactly the terms the shared one is:
while its generation is the current one and its time has not run out.

Reviews can be scheduled: `Review.objects.published()` compares `publish_at` with the clock and
no job runs at that moment. So a page is never kept past the next scheduled publication.

What is never cached: anything but a plain GET, the admin (and its previews), any request that
carries a session cookie or credentials, any answer that sets a cookie, varies on the cookie, is
marked private or no-cache, streams a file, or is not a 200.

Pages that show whether a helpline is open now change with the clock. Opening hours are kept to
the minute, so such a page is kept only until the minute it was made ends: its view is marked
with `changes_by_the_minute`.

The middleware is the reviews app's because what it must know (what is public, and when the next
scheduled review appears) is the reviews app's; settings.MIDDLEWARE names it.
"""

import functools
import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import DisallowedHost
from django.db.models import Min
from django.utils import timezone
from django.utils.cache import cc_delim_re, set_response_etag
from django.utils.translation import get_language_from_path

from .changes import (
    GENERATION_KEY,
    generation_in_cache,
    heard_generation,
    pages_changed,
    public_generation,
)
from .models import Review

logger = logging.getLogger(__name__)


HIT_HEADER = "X-Page-Cache"
# A worker's own copies: at most this many pages, some 15 MB if every one were a 120 KB page.
LOCAL_COPIES = 128
local_pages = LocMemCache("dhr-local-pages", {"MAX_ENTRIES": LOCAL_COPIES, "TIMEOUT": None})


def changes_by_the_minute(view):
    """Mark a view whose page changes with the clock (a helpline's "open now"): its page is
    kept only until the minute it was made ends."""

    @functools.wraps(view)
    def marked(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.changes_by_the_minute = True
        return response

    return marked


def seconds_until_next_publication(now=None):
    """Seconds until the next scheduled review appears, or None when none is scheduled."""
    now = now or timezone.now()
    moment = Review.objects.filter(status=Review.Status.PUBLISHED, publish_at__gt=now).aggregate(
        next=Min("publish_at")
    )["next"]
    if moment is None:
        return None
    return (moment - now).total_seconds()


def page_timeout(now=None, by_the_minute=False):
    """How long a page made now may be kept (whole seconds, rounded down)."""
    now = now or timezone.now()
    timeout = settings.DHR_PAGE_CACHE_SECONDS
    if by_the_minute:
        timeout = min(timeout, 60 - now.second - now.microsecond / 1e6)
    until = seconds_until_next_publication(now)
    if until is not None:
        timeout = min(timeout, until)
    return int(timeout)


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.DHR_ADMIN_PATH

    def __call__(self, request):
        if not self._cacheable_request(request):
            response = self.get_response(request)
            if self._changed_by_an_officer(request, response):
                pages_changed()
            return response
        try:
            key = self._key(request)
        except DisallowedHost:  # answered below, as any request for an unknown host
            return self.get_response(request)
        now = time.time()
        try:
            generation, stored = self._find(key, now)
        except Exception:  # noqa: BLE001 - without a cache, pages are rendered every time
            logger.warning("page cache unavailable", exc_info=True)
            return self.get_response(request)
        if stored is not None:
            response = stored[2]
            response[HIT_HEADER] = "hit"
            return response
        response = self.get_response(request)
        if self._cacheable_response(request, response):
            try:
                if generation is None:
                    generation = public_generation()
                by_the_minute = getattr(response, "changes_by_the_minute", False)
                timeout = page_timeout(by_the_minute=by_the_minute)
                if timeout >= 1 and generation is not None:
                    set_response_etag(response)
                    stored = (generation, now + timeout, response)
                    cache.set(key, stored, timeout)
                    local_pages.set(key, stored, timeout)
            except Exception:  # noqa: BLE001
                logger.warning("could not store a page in the cache", exc_info=True)
            response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def _find(key, now):
        """(the current generation, the page stored under `key` if it may be served now).

        A page is (generation, moment it expires, response). The worker's own copy is tried
        first, against the generation its subscription heard of; without one, the generation
        and the shared copy are read in one round trip. A shared copy that may be served is
        kept for the time it has left."""
        copy = local_pages.get(key)
        if not generation_in_cache():
            # The generation is the database's; the cache holds only pages.
            generation = public_generation()
            if copy is not None and copy[0] == generation and copy[1] > now:
                return generation, copy
            stored = cache.get(key)
        elif (generation := heard_generation()) is not None:
            # Heard on this process's subscription: a copy of its own costs no round trip.
            if copy is not None and copy[0] == generation and copy[1] > now:
                return generation, copy
            stored = cache.get(key)
        else:
            if copy is not None:
                generation = cache.get(GENERATION_KEY)
                if generation is not None and copy[0] == generation:
                    return generation, copy
            found = cache.get_many([GENERATION_KEY, key])
            generation = found.get(GENERATION_KEY)
            stored = found.get(key)
        if generation is None or stored is None or stored[0] != generation or stored[1] <= now:
            return generation, None
        local_pages.set(key, stored, stored[1] - now)
        return generation, stored

    def _changed_by_an_officer(self, request, response):
        """A successful post in the admin by an officer who has passed both sign-in steps: it
        may have changed what public pages show by a bulk update that sends no signal. A post by
        anyone else (a failed sign-in, which anyone can send) changes nothing, and must not let
        a stranger empty the cache of every instance."""
        if (
            request.method in ("GET", "HEAD", "OPTIONS")
            or not request.path.startswith(self.admin_prefix)
            or response.status_code >= 400
        ):
            return False
        user = getattr(request, "user", None)
        is_verified = getattr(user, "is_verified", None)
        return bool(user is not None and user.is_authenticated and is_verified and is_verified())

    def _cacheable_request(self, request):
        # With DHR_PAGE_CACHE_SECONDS=0 the cache is out of the way: no round trip, no query.
        return (
            settings.DHR_PAGE_CACHE_SECONDS >= 1
            and request.method == "GET"
            and not request.path.startswith(self.admin_prefix)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        )

    @staticmethod
    def _key(request):
        # The scheme and host (feeds and the sitemap hold absolute addresses), the language
        # (/cy/ pages), the coding the page is sent in (br, gzip or identity: chosen from
        # Accept-Encoding by the middleware above, settings.MIDDLEWARE) and the full path.
        address = request.build_absolute_uri()
        digest = hashlib.sha256(address.encode("utf-8", "surrogateescape")).hexdigest()
        language = get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        coding = getattr(request, "content_coding", "identity")
        # "page3": the stored page carries the moment it expires, and is kept per coding.
        return f"dhr:page3:{language}:{coding}:{digest}"

    @staticmethod
    def _cacheable_response(request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        match = request.resolver_match
        if match is None:
            return False
        control = response.get("Cache-Control", "").lower()
        if any(word in control for word in ("private", "no-cache", "no-store", "max-age=0")):
            return False
        vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", ""))}
        return not ({"cookie", "*", "authorization"} & vary)
