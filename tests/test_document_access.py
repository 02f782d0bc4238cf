"""The permanent link of each document: the PDF, only while its review is published."""

import pytest

from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory, pdf_file

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


@pytest.mark.parametrize("trait", ["draft", "withdrawn"])
def test_document_of_an_unpublished_review_is_not_found_by_the_public(client, trait):
    document = ReviewDocumentFactory(review=ReviewFactory(**{trait: True}))

    response = client.get(document.get_absolute_url())

    assert response.status_code == 404
    assert b"%PDF" not in response.content


@pytest.mark.parametrize("trait", ["draft", "withdrawn"])
def test_document_of_an_unpublished_review_is_not_found_by_another_partnerships_officer(
    client, trait
):
    document = ReviewDocumentFactory(review=ReviewFactory(**{trait: True}))
    client.force_login(OfficerFactory(partnerships=[ReviewFactory().lead_partnership]))

    assert client.get(document.get_absolute_url()).status_code == 404


def test_uploaded_files_are_not_served_from_media(client):
    document = ReviewDocumentFactory()

    response = client.get(f"/media/{document.file.name}")

    assert response.status_code == 404
    assert b"%PDF" not in response.content
