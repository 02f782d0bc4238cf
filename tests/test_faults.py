"""Parts that fail: the site says so plainly and quickly, and /healthz tells a load balancer."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings
from django.core.files.storage import FileSystemStorage

pytestmark = pytest.mark.django_db


class UnreachableStorage(FileSystemStorage):
    def exists(self, name):
        raise ConnectionError("storage endpoint unreachable")


def test_healthz_reports_every_part_working(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "storage": "ok"}
    assert "Set-Cookie" not in response
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_unreachable_storage(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.test_faults.UnreachableStorage"},
    }

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["storage"] == "error"
    assert response.json()["database"] == "ok"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url, timeout=10):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - loopback
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture(scope="module")
def server_without_database():
    """The real app under gunicorn, pointed at a PostgreSQL port where nothing listens."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/nothing",
        "DJANGO_SECRET_KEY": "test-only",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
    }
    process = subprocess.Popen(  # noqa: S603 - our own server
        [sys.executable, "-m", "gunicorn", "dhrsite.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    # gunicorn listens before its worker has loaded Django; one untimed request waits for that,
    # so the timed requests measure an outage, not the start-up.
    fetch(url + "/healthz", timeout=30)
    yield url
    process.terminate()
    process.wait(timeout=10)


@pytest.mark.parametrize("path", ["/", "/reviews/", "/reviews/ellie/", "/partnerships/"])
def test_pages_answer_503_quickly_and_plainly_when_the_database_is_unreachable(
    server_without_database, path
):
    started = time.monotonic()
    status, body = fetch(server_without_database + path)
    elapsed = time.monotonic() - started

    assert status == 503
    assert elapsed < 2
    assert "Sorry, the service is unavailable" in body
    assert "0808 2000 247" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_healthz_reports_an_unreachable_database(server_without_database):
    status, body = fetch(server_without_database + "/healthz")

    assert status == 503
    assert '"database": "error"' in body
