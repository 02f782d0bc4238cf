"""Public pages sent compressed (Brotli or gzip) when the browser accepts it, with no proxy in
front, and compressed once: the page cache keeps the compressed bytes.

Two middleware, one on each side of the page cache (reviews/page_cache.py):

- `ChooseCodingMiddleware`, above it, reads Accept-Encoding and records the coding the answer
  will have on the request (`request.content_coding`: "br", "gzip" or "identity"). The page
  cache keys a page by that coding as well as its address and language, so a cached page is
  sent as the bytes it was stored with.
- `CompressPageMiddleware`, below it, compresses an eligible answer in the chosen coding before
  the page cache stores it. A page found in the cache never reaches it again.

Static files are whitenoise's: it answers them above both, from the .br and .gz copies that
collectstatic made.

Never compressed (BREACH): an answer that carries a secret. An attacker who can put words into
a page (a search term echoed back) and watch the size of the compressed answers can guess a
secret on the same page one character at a time, since a guess that matches compresses
better. So nothing from the admin, nothing for a request with a session or credentials,
nothing that used a CSRF token or sets a cookie, nothing marked private. Public pages hold no
secret, so what they echo back reveals nothing.

Also left alone: streamed answers (open data, PDFs: compressing them would hold the whole file
in memory) and anything that is not text (PDFs and images are compressed already).
"""

import gzip

from django.conf import settings
from django.utils.cache import patch_vary_headers

try:
    import brotli
except ImportError:  # gzip only; whitenoise[brotli] installs it (requirements.txt)
    brotli = None

IDENTITY = "identity"
# The codings the site can send, best first (Brotli, at the quality below, is 8-10% smaller).
CODINGS = ("br", "gzip") if brotli is not None else ("gzip",)
# Below this a compressed page saves less than its headers cost.
MIN_LENGTH = 200
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/xml",
    "application/atom+xml",
    "application/rss+xml",
    "application/xhtml+xml",
)
# Measured on the demo's pages (20 KB of HTML): Brotli's quality 11 takes some 30 times as long
# as 5 (26 ms against 0.8 ms) for 12% fewer bytes, and a page that is not cached (a search) pays it
# on every request. Level 6 is gzip's usual one.
BROTLI_QUALITY = 5
GZIP_LEVEL = 6


def chosen_coding(accept_encoding):
    """The coding to send for an Accept-Encoding header: the acceptable one with the highest
    q-value, Brotli before gzip when they tie, identity when neither is acceptable.

    A coding with q=0 is refused; `*` stands for every coding not named. Anything unreadable
    (a q-value that is not a number, stray separators) counts as not accepting that coding,
    so a strange header gets an uncompressed page, never an error."""
    weights = {}
    for part in accept_encoding.split(","):
        name, _, parameters = part.partition(";")
        name = name.strip().lower()
        if not name:
            continue
        weights[name] = _q_value(parameters)
    best, best_weight = IDENTITY, 0.0
    for coding in CODINGS:
        aliases = (coding, "x-gzip") if coding == "gzip" else (coding,)
        weight = next((weights[a] for a in aliases if a in weights), weights.get("*", 0.0))
        if weight > best_weight:
            best, best_weight = coding, weight
    return best


def _q_value(parameters):
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "q":
            try:
                weight = float(value.strip())
            except ValueError:
                return 0.0
            return weight if 0.0 <= weight <= 1.0 else 0.0
    return 1.0


def compress(content, coding):
    """The bytes of `content` in `coding` ("br" or "gzip"); gzip without a timestamp, so the
    same page always gives the same bytes (and the same ETag)."""
    if coding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY)
    return gzip.compress(content, compresslevel=GZIP_LEVEL, mtime=0)


class ChooseCodingMiddleware:
    """Above the page cache: the coding this request's answer will have."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.content_coding = chosen_coding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
        return self.get_response(request)


class CompressPageMiddleware:
    """Below the page cache: compresses an eligible answer once, before it is stored."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.DHR_ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        if not self._compressible(response) or request.path.startswith(self.admin_prefix):
            return response
        # Whether or not this one is compressed, another request's answer would be.
        patch_vary_headers(response, ("Accept-Encoding",))
        coding = getattr(request, "content_coding", IDENTITY)
        if coding == IDENTITY or _carries_a_secret(request, response):
            return response
        compressed = compress(response.content, coding)
        if len(compressed) >= len(response.content):
            return response
        response.content = compressed
        response.headers["Content-Length"] = str(len(compressed))
        response.headers["Content-Encoding"] = coding
        # A tag set on the uncompressed bytes no longer names these ones exactly.
        etag = response.get("ETag")
        if etag and etag.startswith('"'):
            response.headers["ETag"] = "W/" + etag
        return response

    @staticmethod
    def _compressible(response):
        content_type = response.get("Content-Type", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.has_header("Content-Encoding")
            and content_type.startswith(COMPRESSIBLE_TYPES)
            and len(response.content) >= MIN_LENGTH
        )


def _carries_a_secret(request, response):
    """True for an answer that may hold something an attacker must not learn (see BREACH in
    the module's docstring)."""
    return bool(
        response.cookies
        or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        or settings.SESSION_COOKIE_NAME in request.COOKIES
        or "HTTP_AUTHORIZATION" in request.META
        or "private" in response.get("Cache-Control", "").lower()
    )
