"""Two app instances under gunicorn sharing PostgreSQL, S3 (moto) and Redis: the same content
from both, and a change made through one is seen through the other at once.

The instances get a PostgreSQL database of their own (made and dropped here), so this test
runs the same whichever database the rest of the suite uses.
"""

import re
import uuid

import pytest

from .services import (
    HOST,
    REDIS_URL,
    S3_CREDENTIALS,
    forget_redis_prefix,
    get,
    gunicorn,
    make_bucket,
    manage,
    moto_server,
    redis_cache_settings,
    signed_in_opener,
)


@pytest.fixture
def shared_environment(postgres_database):
    prefix, _caches = redis_cache_settings()
    with moto_server() as (endpoint, _process):
        bucket = f"dhr-{uuid.uuid4().hex[:12]}"
        make_bucket(endpoint, bucket)
        env = {
            **S3_CREDENTIALS,
            "DATABASE_URL": postgres_database,
            "DHR_S3_BUCKET": bucket,
            "DHR_S3_ENDPOINT_URL": endpoint,
            "DHR_S3_REGION": "eu-west-2",
            "REDIS_URL": REDIS_URL,
            "DHR_CACHE_PREFIX": prefix,
            "DJANGO_SECRET_KEY": "two-instances-test-key",
            "DJANGO_ALLOWED_HOSTS": f"127.0.0.1,{HOST}",
        }
        yield env
    forget_redis_prefix(prefix)


def test_two_instances_share_database_storage_and_cache(shared_environment):
    env = shared_environment
    manage(env, "migrate", "--noinput")
    output = manage(env, "load_demo_data")
    officer = re.search(
        r"username wiltshire-officer  password (\S+)\n  authenticator key ([A-Z2-7 ]+)\n", output
    )
    assert officer, output

    with gunicorn(env) as first, gunicorn(env) as second:
        # The same pages and the same document bytes from both, cached or not.
        for path in ("/", "/reviews/", "/reviews/ellie/", "/partnerships/wiltshire/"):
            pages = [get(base + path) for base in (first, second, first, second)]
            assert {status for status, _h, _b in pages} == {200}, path
            assert len({body for _s, _h, body in pages}) == 1, path
        status, _headers, html = get(first + "/reviews/ellie/")
        document = re.search(rb'href="(/reviews/ellie/documents/[^"]+\.pdf)"', html).group(1)
        downloads = [get(base + document.decode()) for base in (first, second)]
        assert [status for status, _h, _b in downloads] == [200, 200]
        assert downloads[0][2] == downloads[1][2]
        assert downloads[0][2].startswith(b"%PDF-")
        assert get(second + "/reviews/ellie/")[1]["X-Page-Cache"] == "hit"

        # Withdraw through the first instance's admin; the second shows it at once.
        _opener, post = signed_in_opener(first, "wiltshire-officer", *officer.groups())
        review_id = manage(
            env,
            "shell",
            "-c",
            "from reviews.models import Review; print(Review.objects.get(slug='ellie').pk)",
        ).split()[-1]
        status, html = post(
            f"/admin/reviews/review/{review_id}/withdraw/", {"reason": "At the family's request."}
        )
        assert status == 200 and "was withdrawn" in html

        status, _headers, html = get(second + "/reviews/ellie/")
        assert status == 410
        assert b"At the family&#x27;s request." in html or b"At the family's request." in html
        assert get(second + document.decode())[0] == 410
        listing = get(second + "/reviews/")[2]
        assert b'href="/reviews/ellie/"' not in listing
