"""A change is seen at once by every worker, with or without Redis (issue 16).

Four gunicorn workers share one database, as `make run` starts them. An officer withdraws a
review through one of them; then not one of 50 requests in a row to each page that showed it
(whichever worker answers, however warm its cache) shows it again. Without Redis each worker
keeps its own cached pages, and the generation they follow is the database's.
"""

import re

import pytest
from django.conf import settings

from .services import (
    HOST,
    REDIS_URL,
    forget_redis_prefix,
    get,
    gunicorn,
    manage,
    redis_cache_settings,
    signed_in_opener,
)

WORKERS = 4
REQUESTS = 50
# Every public address that lists Ellie's review before the withdrawal.
SHOWING = [
    "/reviews/",
    "/reviews/?q=ellie",
    "/partnerships/wiltshire/",
    "/reviews/feed.atom",
    "/partnerships/wiltshire/feed.atom",
    "/data/reviews.csv",
    "/data/reviews.json",
    "/sitemap.xml",
]
MENTION = re.compile(rb"/reviews/ellie/")


@pytest.fixture(params=["without Redis", "with Redis"])
def four_workers_site(request, tmp_path):
    """The environment of one site: its own database and files, and Redis or not."""
    env = {
        "DJANGO_SECRET_KEY": "four-workers-test-key",
        "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,{HOST}",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "REDIS_URL": "",
    }
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        env["DATABASE_URL"] = request.getfixturevalue("postgres_database")
    else:
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    prefix = None
    if request.param == "with Redis":
        prefix, _caches = redis_cache_settings()
        env |= {"REDIS_URL": REDIS_URL, "DHR_CACHE_PREFIX": prefix}
    yield env
    if prefix:
        forget_redis_prefix(prefix)


def test_a_withdrawn_review_is_on_no_page_of_any_worker(four_workers_site):
    site = four_workers_site
    manage(site, "migrate", "--noinput")
    output = manage(site, "load_demo_data")
    officer = re.search(
        r"username wiltshire-officer  password (\S+)\n  authenticator key ([A-Z2-7 ]+)\n", output
    )
    assert officer, output

    with gunicorn(site, workers=WORKERS) as base:
        # Warm every worker's cache with each page, and check that each page shows the review.
        for path in ["/reviews/ellie/", *SHOWING]:
            answers = [get(base + path) for _ in range(3 * WORKERS)]
            assert {status for status, _h, _b in answers} == {200}, path
            assert all(MENTION.search(body) for _s, _h, body in answers), path
            # Pages are cached (which worker answers is the kernel's choice, so not every one
            # need have answered each page yet).
            if path.startswith("/reviews/"):
                assert "hit" in {headers["X-Page-Cache"] for _s, headers, _b in answers}, path

        _opener, post = signed_in_opener(base, "wiltshire-officer", *officer.groups())
        review_id = manage(
            site,
            "shell",
            "-c",
            "from reviews.models import Review; print(Review.objects.get(slug='ellie').pk)",
        ).split()[-1]
        status, html = post(
            f"/admin/reviews/review/{review_id}/withdraw/", {"reason": "A test of the workers."}
        )
        assert status == 200 and "was withdrawn" in html

        gone = [get(base + "/reviews/ellie/")[0] for _ in range(REQUESTS)]
        assert gone == [410] * REQUESTS
        for path in SHOWING:
            answers = [get(base + path) for _ in range(REQUESTS)]
            assert {status for status, _h, _b in answers} == {200}, path
            stale = sum(1 for _s, _h, body in answers if MENTION.search(body))
            assert stale == 0, f"{path}: {stale} of {REQUESTS} answers still show the review"
