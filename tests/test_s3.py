"""Documents on S3: upload, download, replace and delete against a local S3 endpoint (moto's
server mode, started here on 127.0.0.1), private objects, and a 503 when storage is down."""

import hashlib
import time
import urllib.error
import urllib.request
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Review, ReviewDocument

from .admin_forms import review_form, with_upload
from .factories import (
    OfficerFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    pdf_file,
    sign_in,
)
from .services import free_port, make_bucket, moto_server

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def s3_endpoint():
    with moto_server() as (endpoint, _process):
        yield endpoint


def s3_storages(settings, endpoint, bucket):
    return {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **settings.STORAGES["default"].get("OPTIONS", {}),
                "bucket_name": bucket,
                "endpoint_url": endpoint,
                "region_name": "eu-west-2",
                "access_key": "testing",
                "secret_key": "testing",
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        },
    }


@pytest.fixture
def bucket(settings, s3_endpoint):
    """A new, empty bucket for the test, made the site's document storage."""
    name = f"dhr-{uuid.uuid4().hex[:16]}"
    client = make_bucket(s3_endpoint, name)
    settings.STORAGES = s3_storages(settings, s3_endpoint, name)
    client.bucket = name
    return client


def cover_url(document):
    return reverse("reviews_files:document_cover", args=[document.review.slug, document.slug])


def keys(bucket):
    listing = bucket.list_objects_v2(Bucket=bucket.bucket)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def object_bytes(bucket, key):
    return bucket.get_object(Bucket=bucket.bucket, Key=key)["Body"].read()


def test_the_settings_turn_s3_on_with_private_objects_and_no_overwrite(monkeypatch):
    import subprocess
    import sys

    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "o = s.STORAGES['default']['OPTIONS']; print(s.STORAGES['default']['BACKEND'], "
        "o['bucket_name'], o['endpoint_url'], o['default_acl'], o['file_overwrite'])"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "dhrsite.settings",
        "DJANGO_SECRET_KEY": "x",
        "DHR_S3_BUCKET": "reviews",
        "DHR_S3_ENDPOINT_URL": "http://127.0.0.1:9000",
    }
    from django.conf import settings

    output = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()

    assert output == [
        "storages.backends.s3.S3Storage",
        "reviews",
        "http://127.0.0.1:9000",
        "private",
        "False",
    ]


def test_upload_download_replace_and_delete_on_s3(
    client, bucket, s3_endpoint, django_capture_on_commit_callbacks
):
    partnership = PartnershipFactory(slug="wiltshire")
    sign_in(client, OfficerFactory(partnerships=[partnership]))

    # Upload through the admin's pipeline.
    upload = SimpleUploadedFile("report.pdf", pdf_file(pages=2).read(), "application/pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:reviews_review_add"),
            with_upload(review_form(partnership), upload),
            follow=True,
        )
    assert response.status_code == 200
    document = ReviewDocument.objects.get()
    stored = keys(bucket)
    assert stored == sorted([document.file.name, document.cover.name])
    first = object_bytes(bucket, document.file.name)
    assert hashlib.sha256(first).hexdigest() == document.sha256

    # The objects are private: the bucket answers an unsigned request with 403, and only the
    # owner holds a grant.
    acl = bucket.get_object_acl(Bucket=bucket.bucket, Key=document.file.name)
    assert [grant["Permission"] for grant in acl["Grants"]] == ["FULL_CONTROL"]
    assert "URI" not in acl["Grants"][0]["Grantee"]
    unsigned = f"{s3_endpoint}/{bucket.bucket}/{document.file.name}"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(unsigned, timeout=5)  # noqa: S310 - loopback
    assert refused.value.code == 403

    # Drafts are not downloadable; once published, the permalink streams the stored bytes.
    client.logout()
    url = document.get_absolute_url()
    assert client.get(url).status_code == 404
    Review.objects.update(status=Review.Status.PUBLISHED)
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    body = b"".join(download.streaming_content)
    assert body == first
    assert bucket.bucket not in download.get("Location", "")
    cover = client.get(cover_url(document))
    assert cover.status_code == 200
    assert b"".join(cover.streaming_content) == object_bytes(bucket, document.cover.name)

    # Replace: the new file goes through the pipeline, the old objects go once it commits.
    old_names = {document.file.name, document.cover.name}
    document.file = SimpleUploadedFile("new.pdf", pdf_file(pages=3).read(), "application/pdf")
    document.full_clean()
    with django_capture_on_commit_callbacks(execute=True):
        document.save()
    document.refresh_from_db()
    assert document.page_count == 3
    assert set(keys(bucket)) == {document.file.name, document.cover.name}
    assert not old_names & set(keys(bucket))
    replaced = b"".join(client.get(url).streaming_content)
    assert replaced == object_bytes(bucket, document.file.name) != first
    assert hashlib.sha256(replaced).hexdigest() == document.sha256

    # Delete: the objects go with the record.
    with django_capture_on_commit_callbacks(execute=True):
        document.delete()
    assert keys(bucket) == []
    assert client.get(url).status_code == 404


def test_unreachable_storage_pages_render_and_downloads_answer_503(client, settings):
    review = ReviewFactory(slug="ellie")
    document = ReviewDocumentFactory(review=review)
    # Storage now points at a port where nothing listens.
    settings.STORAGES = s3_storages(settings, f"http://127.0.0.1:{free_port()}", "gone")

    page = client.get("/reviews/ellie/")
    assert page.status_code == 200
    assert review.pseudonym in page.content.decode()

    started = time.monotonic()
    download = client.get(document.get_absolute_url())
    elapsed = time.monotonic() - started
    assert download.status_code == 503
    assert download["Retry-After"] == "30"
    html = download.content.decode()
    assert "This document cannot be fetched at the moment" in html
    assert "Traceback" not in html and "EndpointConnectionError" not in html
    assert elapsed < 15

    cover = client.get(cover_url(document))
    assert cover.status_code == 503
