"""Shared test set-up: uploads go to a temporary folder, static files need no collectstatic,
and a headless Chromium (Debian's package, driven by Playwright) for the browser tests.

The fixtures more than one test module uses are here too, defined once: the partnerships
`wiltshire` and `powys` (`partnership` and `own` are Wiltshire too), a signed-in `officer`, and
the demo data (`demo`, `demo_site`), and `any_cache` (each test once on memory, once on Redis)."""

import io
import os
import shutil
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from reviews.models import Nation, ReviewDocument

from .factories import OfficerFactory, PartnershipFactory, sign_in
from .public_pages import add_review_with_recommendations, add_withdrawn_review
from .services import POSTGRES_URL, forget_redis_prefix, redis_cache_settings, unavailable

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True, scope="session")
def _static_files_without_manifest():
    # Production serves hashed names from collectstatic; tests read the built files directly.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Tests speak plain HTTP to the test client and the live server; the HTTPS protections
    # themselves are tested in test_headers.py.
    with override_settings(
        STORAGES=storages,
        SECURE_SSL_REDIRECT=False,
        SESSION_COOKIE_SECURE=False,
        CSRF_COOKIE_SECURE=False,
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache, as its database starts empty."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _english_between_tests():
    """A request to a Welsh page leaves Welsh active in the test's thread (LocaleMiddleware does
    not switch back); each test starts, and ends, in the site's default language."""
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Every test stores uploads in its own empty folder, so we can see what was left behind."""
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = root
    return root


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in Path(root).rglob("*") if path.is_file())


@pytest.fixture
def wiltshire():
    return PartnershipFactory(
        name="Wiltshire Community Safety Partnership",
        short_name="Wiltshire",
        slug="wiltshire",
        nation=Nation.ENGLAND,
    )


@pytest.fixture
def powys():
    return PartnershipFactory(
        name="Powys Community Safety Partnership",
        short_name="Powys",
        slug="powys",
        nation=Nation.WALES,
    )


@pytest.fixture
def partnership(wiltshire):
    """A partnership, for tests in which it does not matter which: Wiltshire."""
    return wiltshire


@pytest.fixture
def own(wiltshire):
    """The partnership of the officers whose rights a test checks: Wiltshire."""
    return wiltshire


@pytest.fixture
def officer(client, wiltshire):
    """A publisher for Wiltshire, signed in on `client` with both sign-in steps passed."""
    return sign_in(client, OfficerFactory(username="wiltshire-officer", partnerships=[wiltshire]))


@pytest.fixture(params=["memory", "redis"])
def any_cache(request, settings):
    """Each test runs on the local-memory cache and on the Redis server (which then keeps the
    generation too, and tells each process of a new one, as in production)."""
    if request.param == "redis":
        prefix, settings.CACHES = redis_cache_settings()
        settings.DHR_CACHE_SHARED = True
        yield request.param
        forget_redis_prefix(prefix)
    else:
        yield request.param


@pytest.fixture
def demo():
    """The demo data, as `load_demo_data` loads it."""
    call_command("load_demo_data", stdout=io.StringIO())
    assert ReviewDocument.objects.exists()


@pytest.fixture
def demo_site(live_server, demo):
    """The live server with the demo data and one withdrawn review: what `PUBLIC_PAGES`
    (tests/public_pages.py) assumes."""
    add_withdrawn_review()
    add_review_with_recommendations()
    return live_server


@pytest.fixture
def public_pages_html(client, demo):
    """The HTML of every public page type in both languages (`PUBLIC_PAGES`), from the demo
    data with one withdrawn review and one with recommendations, as the test client receives
    it: {path: html}."""
    from .public_pages import PUBLIC_PAGES

    add_withdrawn_review()
    add_review_with_recommendations()
    return {path: client.get(path).content.decode() for path in PUBLIC_PAGES}


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium, or a skip; with REQUIRE_BROWSER=1 (as in CI) a missing browser fails."""
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls from the test
    # body are still synchronous, so allow them.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page, tags=("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")):
    """Run axe-core in the page and return its violations (an empty list is a pass)."""
    page.add_script_tag(path=str(AXE_JS))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", list(tags)
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
    ]


@pytest.fixture
def postgres_database():
    """A PostgreSQL database of its own for servers a test starts (made and dropped here)."""
    import psycopg

    name = f"dhr_instances_{uuid.uuid4().hex[:10]}"
    try:
        admin = psycopg.connect(POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.Error as error:
        unavailable(f"PostgreSQL is not reachable at {POSTGRES_URL}: {error}")
    with admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    yield url
    with psycopg.connect(POSTGRES_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
