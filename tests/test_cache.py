"""The public page cache: served from the cache, cleared on every change, never personal."""

import datetime
import time

import pytest
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.utils import timezone

from reviews.changes import pages_changed
from reviews.models import Review
from reviews.page_cache import (
    HIT_HEADER,
    PublicPageCacheMiddleware,
    local_pages,
    page_timeout,
)
from reviews.publishing import publish_review, withdraw_review

from .factories import (
    OfficerFactory,
    ReviewFactory,
    ready_draft,
    sign_in,
)

pytestmark = pytest.mark.django_db


def test_a_public_page_is_served_from_the_cache_the_second_time(client, any_cache):
    ReviewFactory(pseudonym="Ellie")

    first = client.get("/reviews/")
    second = client.get("/reviews/")

    assert first.status_code == second.status_code == 200
    assert first[HIT_HEADER] == "miss"
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert "Ellie" in second.content.decode()
    assert "Set-Cookie" not in second


@pytest.mark.parametrize("path", ["/help/", "/cy/help/"])
def test_a_page_from_the_cache_carries_every_header_the_rendered_page_had(client, any_cache, path):
    """The cache answers before most middleware runs; the headers it set come with the page."""
    # Help pages are kept only until the minute ends: start both requests early in a minute.
    second_of_minute = time.time() % 60
    if second_of_minute > 45:
        time.sleep(61 - second_of_minute)
    first = client.get(path, secure=True)
    second = client.get(path, secure=True)

    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    for header in [
        "Content-Language",
        "Content-Security-Policy",
        "Strict-Transport-Security",
        "X-Frame-Options",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "ETag",
    ]:
        assert second.get(header) == first.get(header), header
        assert second.get(header), header
    assert second.get("Vary") == first.get("Vary")
    assert second["Content-Language"] == ("cy" if path.startswith("/cy/") else "en-gb")


def test_english_and_welsh_pages_are_cached_apart(client, any_cache):
    client.get("/help/")
    welsh = client.get("/cy/help/")

    assert welsh[HIT_HEADER] == "miss"
    assert "Cael help nawr" in welsh.content.decode()


def test_publishing_a_review_shows_it_at_once(client, any_cache, partnership):
    review = ready_draft(partnership, slug="adult-z")
    officer = OfficerFactory(partnerships=[partnership])
    before = client.get("/reviews/").content.decode()
    assert client.get("/reviews/")[HIT_HEADER] == "hit"

    publish_review(review, by=officer)

    after = client.get("/reviews/")
    assert review.pseudonym not in before
    assert after[HIT_HEADER] == "miss"
    assert review.pseudonym in after.content.decode()
    assert review.pseudonym in client.get("/").content.decode()


def test_withdrawing_a_review_removes_it_at_once(client, any_cache, partnership):
    review = ready_draft(partnership, slug="adult-y")
    officer = OfficerFactory(partnerships=[partnership])
    publish_review(review, by=officer)
    assert client.get("/reviews/adult-y/").status_code == 200
    assert client.get("/reviews/adult-y/")[HIT_HEADER] == "hit"

    withdraw_review(review, by=officer, reason="At the family's request.")

    assert client.get("/reviews/adult-y/").status_code == 410
    assert review.pseudonym not in client.get("/reviews/").content.decode()


def test_a_change_made_in_the_admin_by_a_bulk_update_clears_the_cache(client, partnership):
    """Admin actions may update rows without signals: an officer's successful admin post
    clears pages."""
    review = ReviewFactory(lead_partnership=partnership, pseudonym="Adult Q")
    officer = Client()
    sign_in(officer, OfficerFactory(partnerships=[partnership]))
    assert "Adult Q" in client.get("/reviews/").content.decode()
    Review.objects.filter(pk=review.pk).update(pseudonym="Adult W")  # no signal
    assert client.get("/reviews/")[HIT_HEADER] == "hit"  # still the page from before

    # Any successful post: here an action with no review chosen, answered with a redirect.
    answer = officer.post("/admin/reviews/review/", {"action": "delete_selected", "index": 0})
    assert answer.status_code == 302

    assert "Adult W" in client.get("/reviews/").content.decode()


def test_a_stranger_posting_to_the_admin_does_not_empty_the_cache(client, any_cache):
    """A failed sign-in is a successful post (200) that anyone can send."""
    ReviewFactory(pseudonym="Ellie")
    client.get("/reviews/")

    refused = client.post("/admin/login/", {"username": "nobody", "password": "wrong"})

    assert refused.status_code == 200
    assert "Please enter the correct username and password" in refused.content.decode()
    assert client.get("/reviews/")[HIT_HEADER] == "hit"


def page_key(path):
    return PublicPageCacheMiddleware._key(RequestFactory().get(path))


def test_a_worker_serves_its_own_copy_while_nothing_has_changed(client, any_cache):
    ReviewFactory(pseudonym="Ellie")
    first = client.get("/reviews/")
    cache.delete(page_key("/reviews/"))  # the shared copy is gone; the worker's own is not

    second = client.get("/reviews/")

    assert (first[HIT_HEADER], second[HIT_HEADER]) == ("miss", "hit")
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    ReviewFactory(pseudonym="Freya")  # a change: the worker's copy is not served again
    third = client.get("/reviews/")
    assert third[HIT_HEADER] == "miss"
    assert "Freya" in third.content.decode()


@pytest.mark.parametrize("copied", [False, True], ids=["own copy", "copied from the shared cache"])
def test_a_cached_page_never_outlives_the_next_scheduled_publication(
    client, settings, partnership, any_cache, copied
):
    settings.DHR_PAGE_CACHE_SECONDS = 3600
    review = ready_draft(partnership, slug="at-noon")
    Review.objects.filter(pk=review.pk).update(
        status=Review.Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(seconds=2)
    )
    pages_changed()  # update() sends no signal

    assert review.pseudonym not in client.get("/reviews/").content.decode()
    if copied:  # as a worker that has not served the page yet finds it in the shared cache
        local_pages.clear()
    assert client.get("/reviews/")[HIT_HEADER] == "hit"
    assert 0 < page_timeout() <= 2
    time.sleep(2.2)

    listing = client.get("/reviews/")
    assert listing[HIT_HEADER] == "miss"
    assert review.pseudonym in listing.content.decode()


def test_with_no_page_cache_time_pages_are_rendered_every_time_without_asking_the_cache(
    client, settings, django_assert_num_queries
):
    settings.DHR_PAGE_CACHE_SECONDS = 0
    url = ReviewFactory(pseudonym="Ellie").get_absolute_url()
    cache.clear()

    client.get(url)
    # The review, its partnerships, documents, themes and recommendations.
    with django_assert_num_queries(5):
        again = client.get(url)

    assert again.status_code == 200
    assert HIT_HEADER not in again
    assert "Ellie" in again.content.decode()
    assert again["ETag"]


def test_a_publication_a_day_away_bounds_the_cache_time(settings, partnership):
    settings.DHR_PAGE_CACHE_SECONDS = 7 * 24 * 3600
    review = ready_draft(partnership, slug="tomorrow")
    Review.objects.filter(pk=review.pk).update(
        status=Review.Status.PUBLISHED, publish_at=timezone.now() + datetime.timedelta(days=1)
    )

    assert 86000 < page_timeout() <= 86400


def test_conditional_requests_get_304(client, any_cache):
    ReviewFactory(pseudonym="Ellie")
    for url in ("/", "/reviews/", "/help/"):
        first = client.get(url)
        etag = first["ETag"]

        again = client.get(url, HTTP_IF_NONE_MATCH=etag)

        assert again.status_code == 304, url
        assert again.content == b""
        assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_pages_showing_open_now_are_kept_only_until_the_minute_ends(client, settings, partnership):
    settings.DHR_PAGE_CACHE_SECONDS = 3600
    moment = timezone.make_aware(datetime.datetime(2026, 11, 23, 9, 29, 45))

    assert page_timeout(now=moment, by_the_minute=True) == 15
    assert page_timeout(now=moment) == 3600
    for url in ("/help/", "/partnerships/wiltshire/"):
        first = client.get(url)
        if 60 - timezone.now().second >= 2:  # not at the very end of a minute
            assert first[HIT_HEADER] == "miss", url
            assert client.get(url)[HIT_HEADER] == "hit", url


def test_nothing_personal_is_cached(client, partnership):
    officer = sign_in(client, OfficerFactory(partnerships=[partnership]))
    review = ready_draft(partnership, slug="draft-one")

    for url in ("/admin/", "/admin/reviews/review/", f"/admin/reviews/review/{review.pk}/preview/"):
        response = client.get(url)
        assert HIT_HEADER not in response, url
        assert client.get(url).get(HIT_HEADER) is None, url
    # A request that carries a session (an officer looking at the public site) is not cached
    # and is not served from the cache.
    client.cookies["sessionid"]["path"] = "/"
    assert HIT_HEADER not in client.get("/reviews/")
    assert officer.is_authenticated


def test_an_unreachable_redis_does_not_stop_the_pages(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "dhrsite.caching.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    ReviewFactory(pseudonym="Ellie")

    response = client.get("/reviews/")

    assert response.status_code == 200
    assert "Ellie" in response.content.decode()
    assert client.get("/healthz").json()["cache"] == "error"
