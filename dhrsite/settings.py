"""Settings for dhrsite.

Every setting that differs between a laptop and production is read from the environment, and
the defaults are the safe ones: debug off, SQLite and files on disk for a new user, S3 only when
a bucket is named. See README.md for the variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import botocore.config
import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off. `make run` creates one "
            "for local use in .secret_key."
        )
    SECRET_KEY = "insecure-key-for-local-debugging-only"  # noqa: S105 - debug only

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

INSTALLED_APPS = [
    # The admin site requires a second factor (see dhrsite/admin_site.py).
    "dhrsite.apps.OfficersAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "axes",
    "simple_history",
    "reviews",
    "support",
    # The project's own commands, which sit above both apps (load_demo_data, the archive).
    "dhrsite.apps.SiteConfig",
]

MIDDLEWARE = [
    # Security headers on every response, static files included (see dhrsite/security.py).
    "dhrsite.security.SecurityHeadersMiddleware",
    # TRACE and CONNECT answer 405 at every address (see dhrsite/security.py).
    "dhrsite.security.RefuseTraceMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # ETag on every full response, and 304 for a conditional request that matches it.
    "django.middleware.http.ConditionalGetMiddleware",
    "dhrsite.security.NullCharacterMiddleware",
    # Before SecurityMiddleware's answer: the admin's forms need their origin sent.
    "dhrsite.admin_site.AdminReferrerPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Brotli, gzip or neither, from Accept-Encoding: the page cache keys pages by it.
    "dhrsite.compression.ChooseCodingMiddleware",
    # Public pages from the cache, before the middleware below runs (see reviews/page_cache.py).
    "reviews.page_cache.PublicPageCacheMiddleware",
    # Compresses a page once, before the cache above keeps it; never one with a secret
    # (see dhrsite/compression.py).
    "dhrsite.compression.CompressPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address alone (/cy/...): no cookie, no session, and no
    # Vary: Accept-Language (reviews/languages.py).
    "reviews.languages.AddressLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Both read the user lazily, so public pages still open no session.
    "django_otp.middleware.OTPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Turns a lockout during sign-in into the 429 page.
    "axes.middleware.AxesMiddleware",
    "dhrsite.errors.ServiceUnavailableMiddleware",
]

# Axes counts failed sign-ins before Django's own backend checks the password.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "dhrsite.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "dhrsite.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections: one per worker, reused across requests and checked before
        # reuse, so a restarted database server costs one failed check, not a failed request.
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", 60)),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Fail fast when the server is unreachable, so a visitor gets a 503 page, not a hang.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en", _("English")), ("cy", _("Welsh"))]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

# Static files: the compiled GOV.UK Frontend and the site's own JavaScript are written to
# build/static by `npm run build`; collectstatic gathers them and whitenoise serves them with
# hashed, compressed names.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
# Only our own pages use them (whitenoise would otherwise invite every site to, contradicting
# Cross-Origin-Resource-Policy: same-origin).
WHITENOISE_ALLOW_ALL_ORIGINS = False

# Uploaded documents. They are never served from MEDIA_URL: every download goes through a view
# that checks the review is published.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

if os.environ.get("DHR_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["DHR_S3_BUCKET"],
            "endpoint_url": os.environ.get("DHR_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("DHR_S3_REGION") or None,
            # Documents of drafts must never be reachable by a guessed URL.
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            # An unreachable endpoint must fail in seconds (a 503), not hold a worker for minutes.
            "client_config": botocore.config.Config(
                connect_timeout=2, read_timeout=10, retries={"max_attempts": 2}
            ),
        },
    }

# Uploads: documents are PDFs judged by their content, within this size.
DHR_MAX_UPLOAD_BYTES = int(os.environ.get("DHR_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))

# Importing a partnership's old reviews from one ZIP file (reviews/bulk_import): the most its
# contents may unpack to, all files together; each PDF in it keeps the limit above.
DHR_MAX_IMPORT_BYTES = int(os.environ.get("DHR_MAX_IMPORT_BYTES", 1024 * 1024 * 1024))

# PDFs: the most pages one document may have.
DHR_MAX_PDF_PAGES = int(os.environ.get("DHR_MAX_PDF_PAGES", 1000))

# The officers' admin. Its address can be moved away from the well-known /admin/.
DHR_ADMIN_PATH = os.environ.get("DHR_ADMIN_PATH", "admin/").strip("/") + "/"
LOGIN_URL = "admin:login"
# Where a sign-in whose `next` is missing or unsafe ends: the admin, not Django's default of
# /accounts/profile/, which does not exist here.
LOGIN_REDIRECT_URL = "admin:index"

# --- Security headers and HTTPS ---------------------------------------------------------------
# A visitor who follows a link away from this site must not reveal that they came from it. The
# admin keeps "same-origin" (dhrsite/admin_site.py): its forms need their origin sent.
SECURE_REFERRER_POLICY = "no-referrer"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS protections are on whenever debug is off. DJANGO_HTTPS=0 turns them off for plain HTTP
# on loopback (`make run` sets it); never do that on a public address.
HTTPS = env_bool("DJANGO_HTTPS", default=not DEBUG)
SECURE_SSL_REDIRECT = HTTPS
# A load balancer's health check may come over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 365 * 24 * 60 * 60)) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS

# Behind a reverse proxy that terminates TLS, gunicorn decides whether a request came over
# HTTPS: it believes X-Forwarded-Proto only from the addresses in GUNICORN_FORWARDED_ALLOW_IPS
# (gunicorn.conf.py), and Django reads its answer. SECURE_PROXY_SSL_HEADER stays unset: Django
# would believe the header from any client that reached gunicorn directly. The same proxies'
# X-Forwarded-For gives the visitor's address for the sign-in lockout.
DHR_TRUSTED_PROXIES = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Content Security Policy (django-csp 4): nothing inline, nothing from elsewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [NONE],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF],
        "font-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    },
}
# No camera, microphone, location or any other powerful feature, for this site or a frame.
DHR_PERMISSIONS_POLICY = (
    "accelerometer=(), autoplay=(), browsing-topics=(), camera=(), display-capture=(), "
    "encrypted-media=(), fullscreen=(), geolocation=(), gyroscope=(), hid=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), picture-in-picture=(), "
    "publickey-credentials-get=(), screen-wake-lock=(), serial=(), sync-xhr=(), usb=(), "
    "xr-spatial-tracking=()"
)

# --- Cache ---------------------------------------------------------------------------------------
# Redis when REDIS_URL is set (shared by every instance), otherwise memory in each process.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            # Django's RedisCache, keeping one client per server (dhrsite/caching.py).
            "BACKEND": "dhrsite.caching.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
            "KEY_PREFIX": os.environ.get("DHR_CACHE_PREFIX", "dhrsite"),
            # A Redis that has gone away must not hold a page up: the page is rendered instead.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Whether every instance and worker shares one cache (Redis). Either way they share the
# generation of public pages (reviews/changes.py): in Redis, or else in the database.
DHR_CACHE_SHARED = bool(os.environ.get("REDIS_URL"))
# Public pages are kept in the cache for at most this long; any change to what they show
# clears them at once, in every worker (reviews/page_cache.py).
DHR_PAGE_CACHE_SECONDS = int(os.environ.get("DHR_PAGE_CACHE_SECONDS", 600))
# With Redis, each worker hears of every change on a subscription and asks Redis itself only
# this often (seconds), in case the subscription broke without a word (reviews/changes.py).
DHR_GENERATION_CONFIRM_SECONDS = float(os.environ.get("DHR_GENERATION_CONFIRM_SECONDS", 1))

# Only the admin uses sessions and CSRF cookies; scoping them to its path means a browser never
# sends them to a public page. Sessions end after 8 hours and when the browser closes.
SESSION_COOKIE_PATH = "/" + DHR_ADMIN_PATH
CSRF_COOKIE_PATH = "/" + DHR_ADMIN_PATH
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Messages live in the session, so they too stay within the admin.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Lockout: 5 failed sign-ins for one username from one address lock that pair out for 15
# minutes, answered with 429 and our own page.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "dhrsite.admin_site.locked_out"
AXES_VERBOSE = False
# Behind a proxy, the visitor's address is the one the proxy passes on (dhrsite/security.py).
AXES_CLIENT_IP_CALLABLE = "dhrsite.security.client_address"

# Second factor: the name an authenticator app shows beside the code.
OTP_TOTP_ISSUER = os.environ.get("DHR_TOTP_ISSUER", "Domestic Homicide Reviews")

# History: every change is kept; going back is done by editing, never by a one-click revert
# that could skip the publication rules.
SIMPLE_HISTORY_REVERT_DISABLED = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
