"""With Redis, each process hears of a new generation on its subscription: a page from its own
copy costs no round trip, a change from any process is seen at the next request, and what the
subscription cannot vouch for is asked of Redis."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache

from dhrsite.caching import RedisCache
from reviews.changes import GENERATION_KEY, heard_generation, pages_changed
from reviews.page_cache import HIT_HEADER
from reviews.publishing import publish_review, withdraw_review

from .factories import OfficerFactory, ReviewFactory, ready_draft
from .services import REDIS_URL, forget_redis_prefix, redis_cache_settings

pytestmark = pytest.mark.django_db

# A page kept for the cache's whole time. Not /help/: it shows which helplines are open now, so
# it is kept only until the minute ends, and a test started in a minute's last second would
# find its second request a miss whatever the generation did.
PAGE = "/reviews/"


@pytest.fixture
def redis_generation(settings):
    """The generation in Redis, as in production: (the cache prefix, calls made to Redis)."""
    prefix, settings.CACHES = redis_cache_settings()
    settings.DHR_CACHE_SHARED = True
    calls = []
    yield prefix, calls
    forget_redis_prefix(prefix)


@pytest.fixture
def counted(monkeypatch, redis_generation):
    """Every read the site makes of Redis, counted by method."""
    _prefix, calls = redis_generation
    for name in ("get", "get_many"):
        original = getattr(RedisCache, name)

        def counting(self, *args, _original=original, _name=name, **kwargs):
            calls.append(_name)
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(RedisCache, name, counting)
    return calls


def test_a_page_from_a_workers_own_copy_reads_nothing_from_redis(client, counted):
    ReviewFactory(pseudonym="Ellie")
    assert client.get("/reviews/")[HIT_HEADER] == "miss"
    assert client.get("/reviews/")[HIT_HEADER] == "hit"
    counted.clear()

    response = client.get("/reviews/")

    assert response[HIT_HEADER] == "hit"
    assert "Ellie" in response.content.decode()
    assert counted == []


def test_a_withdrawal_is_seen_at_the_next_request(client, counted, partnership):
    review = ready_draft(partnership, slug="adult-y")
    officer = OfficerFactory(partnerships=[partnership])
    publish_review(review, by=officer)
    assert client.get("/reviews/adult-y/")[HIT_HEADER] == "miss"
    assert client.get("/reviews/adult-y/")[HIT_HEADER] == "hit"

    withdraw_review(review, by=officer, reason="At the family's request.")

    assert client.get("/reviews/adult-y/").status_code == 410
    assert "adult-y" not in client.get("/reviews/").content.decode()


def test_a_change_made_by_another_process_is_heard(client, redis_generation):
    prefix, _calls = redis_generation
    client.get(PAGE)
    assert client.get(PAGE)[HIT_HEADER] == "hit"
    before = heard_generation()

    # A management command, a shell or another instance: a process of its own, on the same
    # Redis, that knows nothing of this one.
    environment = {
        **os.environ,
        "REDIS_URL": REDIS_URL,
        "DHR_CACHE_PREFIX": prefix,
        "DJANGO_SECRET_KEY": "another-process",
    }
    script = "from reviews.changes import pages_changed; pages_changed()"
    subprocess.run(  # noqa: S603 - this project's own manage.py
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=django_settings.BASE_DIR,
        env=environment,
        check=True,
        capture_output=True,
    )

    assert client.get(PAGE)[HIT_HEADER] == "miss"
    assert heard_generation() not in (None, before)
    assert heard_generation() == cache.get(GENERATION_KEY)


def test_a_change_the_subscription_did_not_carry_is_seen_within_the_confirmation_time(
    client, settings, redis_generation
):
    settings.DHR_GENERATION_CONFIRM_SECONDS = 0.3
    client.get(PAGE)
    assert client.get(PAGE)[HIT_HEADER] == "hit"

    # A new generation written without a word on the channel (as a subscription that broke
    # without its connection closing would miss one).
    cache.set(GENERATION_KEY, "written-without-publishing", timeout=None)
    time.sleep(0.35)

    assert client.get(PAGE)[HIT_HEADER] == "miss"
    assert heard_generation() == "written-without-publishing"


def test_after_the_subscription_is_cut_changes_are_still_seen(client, redis_generation):
    import redis

    client.get(PAGE)
    assert client.get(PAGE)[HIT_HEADER] == "hit"
    server = redis.Redis.from_url(REDIS_URL)
    ours = [
        entry
        for entry in server.client_list(_type="pubsub")
        if entry["addr"] == this_process_subscription_address()
    ]
    assert len(ours) == 1

    # Cut this process's subscription at the server, and change the generation meanwhile.
    server.client_kill_filter(_id=ours[0]["id"])
    cache.set(GENERATION_KEY, "changed-while-cut", timeout=None)

    response = client.get(PAGE)
    assert response.status_code == 200
    assert response[HIT_HEADER] == "miss"
    # Subscribed again (or asking Redis): the next change is seen too.
    assert client.get(PAGE)[HIT_HEADER] == "hit"
    pages_changed()
    assert client.get(PAGE)[HIT_HEADER] == "miss"


def this_process_subscription_address():
    """host:port of this process's end of its subscription, as Redis's CLIENT LIST shows it."""
    from reviews import changes

    host, port = changes._listener._subscription.connection._sock.getsockname()[:2]
    return f"{host}:{port}"


def test_with_redis_unreachable_pages_are_rendered(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "dhrsite.caching.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.DHR_CACHE_SHARED = True
    ReviewFactory(pseudonym="Ellie")

    first, second = client.get("/reviews/"), client.get("/reviews/")

    assert first.status_code == second.status_code == 200
    assert "Ellie" in second.content.decode()
    assert heard_generation() is None
