"""Public pages are sent compressed (Brotli or gzip) as the browser asks, compressed once and
kept so by the page cache; pages with a secret never are (dhrsite/compression.py)."""

import gzip

import brotli
import pytest
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.urls import path

from dhrsite import compression
from reviews.page_cache import HIT_HEADER

from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory, sign_in

pytestmark = pytest.mark.django_db

DECODE = {"br": brotli.decompress, "gzip": gzip.decompress, None: lambda content: content}


def decoded(response):
    return DECODE[response.get("Content-Encoding")](response.content)


@pytest.fixture
def two_reviews():
    ReviewFactory(pseudonym="Ellie", slug="ellie")
    ReviewFactory(pseudonym="Lesley", slug="lesley")


@pytest.fixture
def compressions(monkeypatch):
    """Every call of the compressor, as (coding, length of what it was given)."""
    calls = []
    original = compression.compress

    def counted(content, coding):
        calls.append((coding, len(content)))
        return original(content, coding)

    monkeypatch.setattr(compression, "compress", counted)
    return calls


@pytest.mark.parametrize("coding", ["br", "gzip"])
@pytest.mark.parametrize(
    "address", ["/help/", "/cy/help/", "/reviews/", "/reviews/ellie/", "/reviews/feed.atom"]
)
def test_a_compressed_page_decodes_to_the_same_bytes_as_the_uncompressed_one(
    client, two_reviews, coding, address
):
    plain = client.get(address)
    compressed = client.get(address, HTTP_ACCEPT_ENCODING=coding)

    assert plain.status_code == compressed.status_code == 200
    assert "Content-Encoding" not in plain
    assert compressed["Content-Encoding"] == coding
    assert len(compressed.content) < len(plain.content) / 2
    assert compressed["Content-Length"] == str(len(compressed.content))
    assert decoded(compressed) == plain.content
    for response in (plain, compressed):
        assert "Accept-Encoding" in response["Vary"]
    assert compressed["ETag"] != plain["ETag"]


def test_brotli_is_preferred_when_the_browser_accepts_both(client, two_reviews):
    chromium = "gzip, deflate, br, zstd"

    response = client.get("/reviews/", HTTP_ACCEPT_ENCODING=chromium)

    assert response["Content-Encoding"] == "br"
    assert b"Ellie" in decoded(response)


@pytest.mark.parametrize(
    ("accept_encoding", "expected"),
    [
        ("br;q=0, gzip", "gzip"),
        ("gzip;q=0.5, br;q=0.4", "gzip"),
        ("BR;Q=1", "br"),
        ("x-gzip", "gzip"),
        ("*", "br"),
        ("*;q=0.3, br;q=0", "gzip"),
        ("identity", None),
        ("br;q=0, gzip;q=0", None),
        ("deflate, zstd", None),
    ],
)
def test_the_coding_follows_the_browsers_preferences_and_refusals(
    client, accept_encoding, expected
):
    response = client.get("/help/", HTTP_ACCEPT_ENCODING=accept_encoding)

    assert response.status_code == 200
    assert response.get("Content-Encoding") == expected
    assert b"<h1" in decoded(response)


def test_without_the_brotli_package_a_browser_that_accepts_both_gets_gzip(client, monkeypatch):
    monkeypatch.setattr(compression, "CODINGS", ("gzip",))

    as_chromium = client.get("/help/", HTTP_ACCEPT_ENCODING="gzip, deflate, br, zstd")
    only_brotli = client.get("/help/", HTTP_ACCEPT_ENCODING="br")

    assert as_chromium["Content-Encoding"] == "gzip"
    assert "Content-Encoding" not in only_brotli
    assert gzip.decompress(as_chromium.content) == only_brotli.content


@pytest.mark.parametrize(
    "accept_encoding",
    [
        ",,, ;;; ,",
        "br;q=abc",
        "gzip;q=",
        "br;q=nan, gzip;q=2",
        "gzip;;;q=1;level=9",
        "\u00e9\u00e8, br\x7f",
        "br, " * 2000,
        "=;=;q=q",
    ],
)
def test_a_strange_accept_encoding_still_gets_a_readable_page(client, accept_encoding):
    response = client.get("/help/", HTTP_ACCEPT_ENCODING=accept_encoding)

    assert response.status_code == 200
    assert response.get("Content-Encoding") in (None, "br", "gzip")
    assert b"<h1" in decoded(response)


def test_a_cached_page_is_sent_as_its_stored_bytes_without_compressing_again(
    client, two_reviews, any_cache, compressions
):
    first = client.get("/reviews/", HTTP_ACCEPT_ENCODING="br")
    second = client.get("/reviews/", HTTP_ACCEPT_ENCODING="br")
    third = client.get("/reviews/", HTTP_ACCEPT_ENCODING="br")

    assert (first[HIT_HEADER], second[HIT_HEADER], third[HIT_HEADER]) == ("miss", "hit", "hit")
    assert first.content == second.content == third.content
    assert second["Content-Encoding"] == "br"
    assert second["Content-Length"] == str(len(second.content))
    assert second["ETag"] == first["ETag"]
    assert compressions == [("br", len(brotli.decompress(first.content)))]


def test_each_coding_is_cached_apart_and_an_uncompressed_page_stays_uncompressed(
    client, two_reviews, any_cache, compressions
):
    for _ in range(2):
        plain = client.get("/reviews/")
        as_gzip = client.get("/reviews/", HTTP_ACCEPT_ENCODING="gzip")
        as_brotli = client.get("/reviews/", HTTP_ACCEPT_ENCODING="br")

    assert plain[HIT_HEADER] == as_gzip[HIT_HEADER] == as_brotli[HIT_HEADER] == "hit"
    assert "Content-Encoding" not in plain
    assert as_gzip["Content-Encoding"] == "gzip"
    assert as_brotli["Content-Encoding"] == "br"
    assert gzip.decompress(as_gzip.content) == brotli.decompress(as_brotli.content) == plain.content
    assert [coding for coding, _ in compressions] == ["gzip", "br"]


def test_a_conditional_request_for_a_compressed_page_gets_not_modified(client, two_reviews):
    first = client.get("/reviews/", HTTP_ACCEPT_ENCODING="br")

    again = client.get("/reviews/", HTTP_ACCEPT_ENCODING="br", HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304
    assert again.content == b""


def test_the_admin_sign_in_page_is_never_compressed(client, compressions):
    response = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="br, gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"csrfmiddlewaretoken" in response.content
    assert compressions == []


def test_an_officers_admin_page_is_never_compressed(client, partnership, compressions):
    sign_in(client, OfficerFactory(partnerships=[partnership]))

    response = client.get("/admin/reviews/review/", HTTP_ACCEPT_ENCODING="br, gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert compressions == []


def test_a_public_page_asked_for_with_a_session_is_not_compressed(client, partnership, two_reviews):
    sign_in(client, OfficerFactory(partnerships=[partnership]))

    response = client.get("/reviews/", HTTP_ACCEPT_ENCODING="br, gzip")

    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"Ellie" in response.content


def form_with_a_csrf_token(request):
    token = get_token(request)
    body = f'<form method="post"><input name="csrfmiddlewaretoken" value="{token}"></form>'
    return HttpResponse(body + "<p>A page long enough to be worth compressing.</p>" * 20)


def page_without_a_secret(request):
    return HttpResponse("<p>A page long enough to be worth compressing.</p>" * 20)


urlpatterns = [
    path("form/", form_with_a_csrf_token),
    path("plain/", page_without_a_secret),
]


@pytest.mark.urls(__name__)
def test_a_page_that_carries_a_csrf_token_is_never_compressed(client, compressions):
    with_token = client.get("/form/", HTTP_ACCEPT_ENCODING="br, gzip")
    without = client.get("/plain/", HTTP_ACCEPT_ENCODING="br, gzip")

    assert with_token.status_code == 200
    assert "Content-Encoding" not in with_token
    assert b"csrfmiddlewaretoken" in with_token.content
    assert without["Content-Encoding"] == "br"
    assert [coding for coding, _ in compressions] == ["br"]


def test_a_streamed_pdf_is_sent_as_it_is(client):
    document = ReviewDocumentFactory(review=ReviewFactory(slug="ellie"), kind="overview-report")

    response = client.get(document.get_absolute_url(), HTTP_ACCEPT_ENCODING="br, gzip")

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert body.startswith(b"%PDF-")
    assert len(body) == document.size_bytes


def test_streamed_open_data_is_sent_as_it_is(client, two_reviews):
    response = client.get("/data/reviews.csv", HTTP_ACCEPT_ENCODING="br, gzip")

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert "Content-Encoding" not in response
    assert b"ellie" in body


def test_a_missing_page_is_not_compressed_but_is_still_a_page(client):
    response = client.get("/no-such-page/", HTTP_ACCEPT_ENCODING="br")

    assert response.status_code == 404
    assert "Content-Encoding" not in response
    assert b"<h1" in response.content
