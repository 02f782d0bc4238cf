"""Settings for dhrsite.

Every setting that differs between a laptop and production is read from the environment, and
the defaults are the safe ones: debug off, SQLite and files on disk for a new user, S3 only when
a bucket is named. See README.md for the variables.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
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
    "axes",
    "simple_history",
    "reviews",
    "support",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before SecurityMiddleware's answer: the admin's forms need their origin sent.
    "dhrsite.admin_site.AdminReferrerPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language comes from the address alone (/cy/...): no cookie, no session.
    "django.middleware.locale.LocaleMiddleware",
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
        env="DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"
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
        },
    }

# Uploads: documents are PDFs judged by their content, within this size.
DHR_MAX_UPLOAD_BYTES = int(os.environ.get("DHR_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))

# PDFs: the most pages one document may have.
DHR_MAX_PDF_PAGES = int(os.environ.get("DHR_MAX_PDF_PAGES", 1000))

# The officers' admin. Its address can be moved away from the well-known /admin/.
DHR_ADMIN_PATH = os.environ.get("DHR_ADMIN_PATH", "admin/").strip("/") + "/"
LOGIN_URL = "admin:login"

# A visitor who follows a link away from this site must not reveal that they came from it.
SECURE_REFERRER_POLICY = "no-referrer"

# Only the admin uses sessions and CSRF cookies; scoping them to its path means a browser never
# sends them to a public page. Sessions end after 8 hours and when the browser closes.
SESSION_COOKIE_PATH = "/" + DHR_ADMIN_PATH
CSRF_COOKIE_PATH = "/" + DHR_ADMIN_PATH
SESSION_COOKIE_AGE = 8 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
# Messages live in the session, so they too stay within the admin.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# Lockout: 5 failed sign-ins for one username from one address lock that pair out for 15
# minutes, answered with 429 and our own page.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_HTTP_RESPONSE_CODE = 429
AXES_LOCKOUT_CALLABLE = "dhrsite.admin_site.locked_out"
AXES_VERBOSE = False

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
