"""The permanent link of each document: the PDF, only while its review is published."""

import datetime

import pytest
from django.utils import timezone

from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory, pdf_file, sign_in

pytestmark = pytest.mark.django_db


def test_published_document_streams_the_pdf_with_safe_headers(client):
    review = ReviewFactory(pseudonym="Adult P")
    document = ReviewDocumentFactory(review=review, kind="overview-report", file=pdf_file(pages=3))

    response = client.get(document.get_absolute_url())

    body = b"".join(response.streaming_content)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="adult-p-overview-report.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body.startswith(b"%PDF-")
    assert len(body) == document.size_bytes
    assert "Set-Cookie" not in response


def test_document_url_is_stable_and_does_not_expose_the_storage_path(client):
    document = ReviewDocumentFactory(review=ReviewFactory(slug="ellie"), kind="overview-report")

    url = document.get_absolute_url()
    html = client.get("/reviews/ellie/").content.decode()

    assert url == "/reviews/ellie/documents/overview-report.pdf"
    assert document.file.name.startswith("documents/")
    assert document.file.name not in html
    assert "/media/" not in html


def test_welsh_and_second_documents_get_their_own_links():
    review = ReviewFactory(slug="lesley")
    english = ReviewDocumentFactory(review=review, kind="executive-summary")
    welsh = ReviewDocumentFactory(review=review, kind="executive-summary", language="cy")
    another = ReviewDocumentFactory(review=review, kind="executive-summary")

    assert english.get_absolute_url().endswith("/executive-summary.pdf")
    assert welsh.get_absolute_url().endswith("/executive-summary-cy.pdf")
    assert another.get_absolute_url().endswith("/executive-summary-2.pdf")


@pytest.mark.parametrize(("trait", "status"), [("draft", 404), ("withdrawn", 410)])
def test_document_of_an_unpublished_review_is_not_served_to_the_public(client, trait, status):
    document = ReviewDocumentFactory(review=ReviewFactory(**{trait: True}))

    response = client.get(document.get_absolute_url())
    cover = client.get(document.get_absolute_url().replace(".pdf", "/cover.png"))

    assert response.status_code == status
    assert cover.status_code == status
    assert b"%PDF" not in response.content
    assert b"PNG" not in cover.content


@pytest.mark.parametrize(("trait", "status"), [("draft", 404), ("withdrawn", 410)])
def test_document_of_an_unpublished_review_is_not_served_to_another_partnerships_officer(
    client, trait, status
):
    document = ReviewDocumentFactory(review=ReviewFactory(**{trait: True}))
    sign_in(client, OfficerFactory(partnerships=[ReviewFactory().lead_partnership]))

    assert client.get(document.get_absolute_url()).status_code == status


def test_withdrawn_documents_answer_gone_with_a_short_explanation(client):
    review = ReviewFactory(withdrawn=True, pseudonym="Adult P", withdrawal_reason="Corrected.")
    document = ReviewDocumentFactory(review=review)

    response = client.get(document.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 410
    assert "This document has been withdrawn" in html
    assert "Corrected." in html
    assert review.get_absolute_url() in html
    assert "Set-Cookie" not in response


def test_a_review_withdrawn_before_its_scheduled_moment_was_never_public(client):
    review = ReviewFactory(
        withdrawn=True,
        publish_at=timezone.now() + datetime.timedelta(days=1),
        withdrawn_at=timezone.now(),
    )
    document = ReviewDocumentFactory(review=review)

    assert client.get(review.get_absolute_url()).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_published_document_has_a_cover_image_shown_with_alt_text(client):
    review = ReviewFactory(slug="ellie")
    document = ReviewDocumentFactory(review=review, kind="overview-report")

    html = client.get("/reviews/ellie/").content.decode()
    cover = client.get("/reviews/ellie/documents/overview-report/cover.png")

    assert 'src="/reviews/ellie/documents/overview-report/cover.png"' in html
    assert 'alt="First page of Overview report"' in html
    assert cover.status_code == 200
    assert cover["Content-Type"] == "image/png"
    assert cover["X-Content-Type-Options"] == "nosniff"
    assert b"".join(cover.streaming_content).startswith(b"\x89PNG")
    assert document.cover.name not in html


def test_uploaded_files_are_not_served_from_media(client):
    document = ReviewDocumentFactory()

    response = client.get(f"/media/{document.file.name}")

    assert response.status_code == 404
    assert b"%PDF" not in response.content
