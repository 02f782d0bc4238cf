"""Every published PDF can be read as a web page: its text page by page, under the PDF's rules."""

import pytest

from reviews.models import DocumentPage

from .factories import ReviewDocumentFactory, ReviewFactory, StrategyDocumentFactory, pdf_file

pytestmark = pytest.mark.django_db


def html_of(response):
    return response.content.decode()


def test_the_text_version_shows_each_page_under_its_own_heading(client):
    review = ReviewFactory(slug="ellie", pseudonym="Ellie")
    document = ReviewDocumentFactory(review=review, file=pdf_file(pages=3, text="Agencies met"))

    response = client.get("/reviews/ellie/documents/executive-summary/text/")

    html = html_of(response)
    assert response.status_code == 200
    assert (
        "<title>Executive summary, Ellie: text version - Domestic Homicide Reviews</title>" in html
    )
    assert '<h1 class="govuk-heading-xl">Executive summary: text version</h1>' in html
    for number in (1, 2, 3):
        assert f'<h2 class="govuk-heading-m" id="page-{number}">Page {number}</h2>' in html
        assert f"Agencies met, page {number}" in html
    assert html.index("Page 1<") < html.index("Page 2<") < html.index("Page 3<")
    assert "extracted automatically from the PDF" in html
    assert f'href="{document.get_absolute_url()}"' in html
    assert "Set-Cookie" not in response


def test_the_text_version_comes_from_the_stored_page_texts(client):
    document = ReviewDocumentFactory(review=ReviewFactory(slug="ellie"))
    DocumentPage.objects.filter(document=document, number=2).update(text="")

    html = html_of(client.get(document.get_text_url()))

    assert "No text could be read from this page" in html
    assert html.count("No text could be read from this page") == 1


def test_the_text_is_marked_with_the_documents_language(client):
    review = ReviewFactory(slug="lesley")
    welsh = ReviewDocumentFactory(review=review, language="cy")

    html = html_of(client.get(welsh.get_text_url()))

    assert '<div lang="cy">' in html


def test_the_text_version_is_linked_beside_each_download(client):
    review = ReviewFactory(slug="lesley")
    english = ReviewDocumentFactory(review=review)
    welsh = ReviewDocumentFactory(review=review, language="cy")
    text_urls = [english.get_text_url(), welsh.get_text_url()]

    html = html_of(client.get("/reviews/lesley/"))
    welsh_page = html_of(client.get("/cy/reviews/lesley/"))

    assert text_urls == [
        "/reviews/lesley/documents/executive-summary/text/",
        "/reviews/lesley/documents/executive-summary-cy/text/",
    ]
    for url in text_urls:
        assert f'href="{url}"' in html
    assert "Read it as a web page" in html
    assert 'href="/cy/reviews/lesley/documents/executive-summary-cy/text/"' in welsh_page
    assert "Ei darllen fel tudalen we" in welsh_page


def test_the_welsh_text_version_page_is_in_welsh(client):
    ReviewDocumentFactory(review=ReviewFactory(slug="ellie"))

    response = client.get("/cy/reviews/ellie/documents/executive-summary/text/")

    html = html_of(response)
    assert response.status_code == 200
    assert '<html lang="cy"' in html
    assert "Tudalen 1</h2>" in html
    assert "Cafodd y testun hwn ei dynnu'n awtomatig o'r PDF" in html or (
        "Cafodd y testun hwn ei dynnu&#x27;n awtomatig" in html
    )


@pytest.mark.parametrize(("trait", "status"), [("draft", 404), ("withdrawn", 410)])
def test_the_text_version_follows_its_pdfs_rule(client, trait, status):
    document = ReviewDocumentFactory(review=ReviewFactory(**{trait: True}))

    pdf = client.get(document.get_absolute_url())
    text = client.get(document.get_text_url())

    assert pdf.status_code == status
    assert text.status_code == status
    assert "Test document" not in html_of(text)


def test_a_withdrawn_documents_text_says_it_was_withdrawn(client):
    review = ReviewFactory(withdrawn=True, withdrawal_reason="Corrected.")
    document = ReviewDocumentFactory(review=review)

    response = client.get(document.get_text_url())

    assert response.status_code == 410
    assert "This document has been withdrawn" in html_of(response)
    assert "Corrected." in html_of(response)


def test_an_unknown_document_has_no_text_version(client):
    ReviewFactory(slug="ellie")

    assert client.get("/reviews/ellie/documents/no-such/text/").status_code == 404


def test_a_strategy_document_has_a_text_version_linked_from_its_page(client):
    document = StrategyDocumentFactory(
        slug="strategy", title="Domestic Abuse Strategy", file=pdf_file(pages=2, text="Aims")
    )

    page = html_of(client.get("/strategies/strategy/"))
    response = client.get("/strategies/strategy/document/text/")

    html = html_of(response)
    assert 'href="/strategies/strategy/document/text/"' in page
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">Domestic Abuse Strategy: text version</h1>' in html
    assert "Page 1</h2>" in html and "Page 2</h2>" in html
    assert "Aims, page 1" in html and "Aims, page 2" in html
    assert f'href="{document.get_document_url()}"' in html


def test_an_unpublished_strategy_document_has_no_text_version(client):
    StrategyDocumentFactory(slug="strategy", is_published=False)

    assert client.get("/strategies/strategy/document.pdf").status_code == 404
    assert client.get("/strategies/strategy/document/text/").status_code == 404
