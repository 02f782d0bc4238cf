"""Security headers on a sample of every URL pattern, HTTPS by default, and `check --deploy`."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from reviews.models import Agency, Partnership, Review, Theme, UpdateEvidence
from support.models import InformationPage, StrategyDocument

from .factories import OfficerFactory, sign_in
from .public_pages import add_review_with_recommendations, public_patterns
from .services import fetch, gunicorn

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
}


def sample_kwargs(route, pattern_kwargs):
    """Real values for a pattern's arguments, chosen by what its route names."""
    review = Review.objects.published().filter(documents__cover__gt="").first()
    document = review.documents.exclude(cover="").first()
    by_route = {
        "reviews/": review.slug,
        "partnerships/": Partnership.objects.filter(active=True).first().slug,
        "themes/": Theme.objects.first().slug,
        "strategies/": StrategyDocument.objects.published().first().slug,
        "about/": InformationPage.objects.published().first().slug,
        "agencies/": Agency.objects.filter(slug="checked-police").first().slug,
    }
    kwargs = {}
    for name in pattern_kwargs:
        if name == "document_slug":
            kwargs[name] = document.slug
        elif name == "update_id":
            kwargs[name] = UpdateEvidence.objects.first().update_id
        elif name == "facet":
            kwargs[name] = "partnership"
        elif name == "slug":
            bare = route.removeprefix("^").lstrip("/")
            kwargs[name] = next(v for k, v in by_route.items() if bare.startswith(k))
    return kwargs


def sample_urls():
    if not UpdateEvidence.objects.exists():
        add_review_with_recommendations()  # an agency's page, an update's evidence
    urls = []
    for name, route in public_patterns():
        # Arguments the route names, in the order they appear.
        names = [part.split(">")[0].split(":")[-1] for part in route.split("<")[1:]]
        names += [part.split(">")[0] for part in route.split("(?P<")[1:]]
        kwargs = sample_kwargs(route, names)
        urls.append((name, reverse(name, kwargs=kwargs)))
        # The same page in Welsh, where it has a Welsh address.
        with translation.override("cy"):
            welsh = reverse(name, kwargs=kwargs)
        if welsh != urls[-1][1]:
            urls.append((name, welsh))
    return urls


def csp_directives(response):
    return {part.strip() for part in response["Content-Security-Policy"].split(";")}


def assert_secure_headers(response, where):
    assert csp_directives(response) == EXPECTED_CSP, where
    assert response["X-Content-Type-Options"] == "nosniff", where
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", where
    assert response["X-Frame-Options"] == "DENY", where
    policy = response["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in policy, where


def test_every_public_url_pattern_answers_with_the_security_headers(client, demo):
    urls = sample_urls()
    assert len(urls) >= 20

    for name, url in urls:
        response = client.get(url, secure=True)
        # The demo partnerships have no logo: its address answers 404, with the same headers.
        expected = 404 if name.endswith(":partnership_logo") else 200
        assert response.status_code == expected, (name, url, response.status_code)
        assert_secure_headers(response, url)
        assert response["Referrer-Policy"] == "no-referrer", url
        assert "Set-Cookie" not in response, url
        assert response["Strict-Transport-Security"].startswith("max-age=31536000"), url


def test_static_files_carry_the_security_headers(client):
    response = client.get("/static/css/site.css", secure=True)

    assert response.status_code == 200
    assert_secure_headers(response, "static")
    assert "Access-Control-Allow-Origin" not in response


def test_admin_pages_keep_same_origin_referrer_and_the_same_policy(client):
    sign_in(client, OfficerFactory())

    for url in ("/admin/login/", "/admin/", "/admin/reviews/review/", "/admin/reviews/review/add/"):
        response = client.get(url, secure=True)
        assert response.status_code < 500, url
        assert_secure_headers(response, url)
        assert response["Referrer-Policy"] == "same-origin", url


def test_plain_http_is_redirected_to_https_when_debug_is_off(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/reviews/?page=2")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/reviews/?page=2"


def test_healthz_answers_over_plain_http_for_a_load_balancer(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200


def _settings_in_a_fresh_process(**env):
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER]))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "REDIS_URL"))}
    output = subprocess.run(  # noqa: S603 - our own settings
        [sys.executable, "-c", code],
        env={**base, "DJANGO_SETTINGS_MODULE": "dhrsite.settings", **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(output)


def test_https_protections_are_on_by_default_and_one_switch_turns_them_off():
    on = _settings_in_a_fresh_process(DJANGO_SECRET_KEY="x")
    off = _settings_in_a_fresh_process(DJANGO_SECRET_KEY="x", DJANGO_HTTPS="0")

    # Django never reads X-Forwarded-Proto itself (SECURE_PROXY_SSL_HEADER): gunicorn does.
    assert on == [True, 31536000, True, True, None]
    assert off == [False, 0, False, False, None]


@pytest.mark.parametrize(
    ("proxies", "believed"), [("127.0.0.1", True), ("192.0.2.10", False)], ids=["us", "another"]
)
def test_x_forwarded_proto_is_believed_only_from_the_proxies_gunicorn_is_told_of(proxies, believed):
    env = {
        "DJANGO_HTTPS": "1",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DHR_PAGE_CACHE_SECONDS": "0",
        "GUNICORN_FORWARDED_ALLOW_IPS": proxies,
    }
    with gunicorn(env) as base:
        plain = fetch(base + "/robots.txt")
        forwarded = fetch(base + "/robots.txt", headers={"X-Forwarded-Proto": "https"})
        forwarded_http = fetch(base + "/robots.txt", headers={"X-Forwarded-Proto": "http"})

    address = base.replace("http://", "https://") + "/robots.txt"
    assert (plain[0], plain[1]["Location"]) == (301, address)
    assert forwarded_http[0] == 301
    if believed:
        assert forwarded[0] == 200
        assert forwarded[1]["Strict-Transport-Security"].startswith("max-age=31536000")
        assert b"Sitemap: https://127.0.0.1:" in forwarded[2]
    else:
        assert (forwarded[0], forwarded[1]["Location"]) == (301, address)


def test_check_deploy_reports_nothing_with_production_settings():
    base = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env = {
        **base,
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "reviews.example.org",
    }
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."
    assert result.stderr.strip() == ""


def test_trace_is_refused_at_every_address(client, demo):
    for name, url in sample_urls() + [("static", "/static/css/site.css"), ("admin", "/admin/")]:
        response = client.generic("TRACE", url, secure=True)
        assert response.status_code == 405, (name, url)
        assert b"<" not in response.content, (name, url)  # the page is not echoed


def test_pages_do_not_vary_by_the_browsers_language(client, demo):
    # The language comes from the address alone, so a shared cache keeps one copy of a page.
    for url in ["/", "/reviews/", "/help/", "/cy/", "/cy/help/"]:
        response = client.get(url, secure=True, HTTP_ACCEPT_LANGUAGE="cy")
        vary = {value.strip().lower() for value in response.get("Vary", "").split(",")}
        assert response.status_code == 200, url
        assert "accept-language" not in vary, url
    english = client.get("/", secure=True, HTTP_ACCEPT_LANGUAGE="cy")
    assert 'lang="en' in english.content.decode()
