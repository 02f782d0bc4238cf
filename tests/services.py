"""Real servers for the production tests: Redis, a local S3 endpoint (moto) and gunicorn.

A service that is not there skips its tests on a laptop, but fails them under CI (`CI=true`),
so that a missing server can never pass for a green build.
"""

import base64
import http.cookiejar
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from contextlib import contextmanager

import pytest
from django.conf import settings
from django_otp.oath import totp

REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
POSTGRES_URL = os.environ.get(
    "DHR_TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)


def unavailable(message):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (required under CI)")
    pytest.skip(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, process=None, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server on port {port} stopped (exit {process.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on port {port} within {seconds} s")


def fetch(url, timeout=10, headers=None, method="GET", data=None):
    """(status, headers, body bytes) of a plain HTTP request; redirects are not followed."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)  # noqa: S310
    try:
        with opener.open(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def redis_cache_settings(prefix=None):
    """CACHES for the Redis server, under a prefix of its own so that tests never collide."""
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        unavailable(f"Redis is not reachable at {REDIS_URL}: {error}")
    prefix = prefix or f"dhr-test-{uuid.uuid4().hex[:12]}"
    return prefix, {
        "default": {
            "BACKEND": "dhrsite.caching.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": prefix,
        }
    }


def forget_redis_prefix(prefix):
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    for key in client.scan_iter(match=f"{prefix}:*"):
        client.delete(key)


@contextmanager
def moto_server():
    """moto's S3 server on a free loopback port: (endpoint URL, process)."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - moto from our own virtualenv
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        try:
            wait_for_port(port, process)
        except RuntimeError as error:
            unavailable(f"moto's S3 server did not start: {error}")
        yield f"http://127.0.0.1:{port}", process
    finally:
        process.terminate()
        process.wait(timeout=10)


S3_CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",  # noqa: S105 - moto accepts any key
    "AWS_DEFAULT_REGION": "eu-west-2",
}


def make_bucket(endpoint, name):
    import boto3

    client = boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="eu-west-2",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",  # noqa: S106
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    return client


@contextmanager
def gunicorn(env, workers=1):
    """The real app under gunicorn with gunicorn.conf.py and the given environment."""
    port = free_port()
    process = subprocess.Popen(  # noqa: S603 - our own server
        [
            sys.executable,
            "-m",
            "gunicorn",
            "dhrsite.wsgi",
            "--config",
            "gunicorn.conf.py",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(workers),
            "--access-logfile",
            "/dev/null",
        ],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_HTTPS": "0", "DJANGO_DEBUG": "0", **env},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


# The instances of a gunicorn test are reached under one name, as behind a load balancer.
HOST = "reviews.example.org"


def get(url, timeout=60):
    """A page from an instance under the site's name (a cold page on a busy machine is slow)."""
    return fetch(url, timeout=timeout, headers={"Host": HOST})


def manage(env, *args):
    return subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_HTTPS": "0", **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def signed_in_opener(base, username, password, key):
    """A urllib opener with a cookie jar, signed in to the admin with both factors."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path, data):
        csrf = next(cookie.value for cookie in jar if cookie.name == "csrftoken")
        body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}).encode()
        request = urllib.request.Request(base + path, data=body, headers={"Referer": base + path})  # noqa: S310
        with opener.open(request, timeout=60) as response:
            return response.status, response.read().decode()

    opener.open(base + "/admin/login/", timeout=60).read()
    post("/admin/login/", {"username": username, "password": password, "next": "/admin/"})
    secret = base64.b32decode(key.replace(" ", "") + "=" * (-len(key.replace(" ", "")) % 8))
    status, html = post("/admin/second-factor/", {"code": f"{totp(secret):06d}", "next": "/admin/"})
    assert status == 200 and "Sign in" not in html.split("<h1", 1)[-1][:200], html[:500]
    return opener, post
