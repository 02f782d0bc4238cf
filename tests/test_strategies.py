"""Strategy documents: the filtered list, the detail page and the document's permanent link,
served by the same code as review documents."""

import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pypdf import PdfReader

from .factories import PartnershipFactory, StrategyDocumentFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [document.title for document in response.context["documents"]]


def test_list_shows_published_documents_newest_first(client, wiltshire):
    StrategyDocumentFactory(title="Older", published_on=datetime.date(2017, 6, 1))
    StrategyDocumentFactory(title="Newer", published_on=datetime.date(2021, 10, 1))
    StrategyDocumentFactory(title="Undated", published_on=None)
    StrategyDocumentFactory(title="Not ready", is_published=False)

    response = client.get("/strategies/")

    assert response.status_code == 200
    assert titles(response) == ["Newer", "Older", "Undated"]
    html = response.content.decode()
    assert "3 documents" in html
    assert "<title>Strategies and reports - Domestic Homicide Reviews</title>" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"partnership": "wiltshire"}, ["Wiltshire strategy", "Wiltshire needs assessment"]),
        ({"kind": "needs-assessment"}, ["Wiltshire needs assessment"]),
        ({"status": "draft"}, ["Powys draft"]),
        ({"partnership": "powys", "status": "final"}, []),
        ({"partnership": "nowhere", "kind": "<b>"}, None),  # unknown values are ignored
    ],
)
def test_filters_by_partnership_kind_and_status(client, wiltshire, powys, query, expected):
    StrategyDocumentFactory(
        title="Wiltshire strategy", partnership=wiltshire, published_on=datetime.date(2021, 1, 1)
    )
    StrategyDocumentFactory(
        title="Wiltshire needs assessment",
        partnership=wiltshire,
        kind="needs-assessment",
        published_on=datetime.date(2017, 6, 1),
    )
    StrategyDocumentFactory(
        title="Powys draft", partnership=powys, status="draft", published_on=None
    )

    response = client.get("/strategies/", query)

    assert response.status_code == 200
    if expected is None:
        assert len(titles(response)) == 3
    else:
        assert titles(response) == expected
    if expected == []:
        assert "No published documents match these filters." in response.content.decode()


def test_list_query_count_does_not_grow_with_documents(client, django_assert_num_queries):
    StrategyDocumentFactory()
    with CaptureQueriesContext(connection) as few:
        client.get("/strategies/")
    for _ in range(6):
        StrategyDocumentFactory()

    with django_assert_num_queries(len(few)):
        client.get("/strategies/")


def test_detail_page_shows_the_facts_and_links_the_pdf(client, wiltshire):
    theme = ThemeFactory(name="Coercive control")
    document = StrategyDocumentFactory(
        title="Wiltshire Domestic Abuse Strategy",
        slug="wiltshire-domestic-abuse-strategy",
        partnership=wiltshire,
        status="draft",
        period="2021-2024",
        summary="A draft strategy.",
    )
    document.themes.add(theme)

    response = client.get("/strategies/wiltshire-domestic-abuse-strategy/")
    html = response.content.decode()

    assert response.status_code == 200
    assert html.count("<h1") == 1
    assert "Draft for consultation" in html
    assert "published for consultation" in html
    assert "2021-2024" in html
    assert "Coercive control" in html
    assert 'href="/strategies/wiltshire-domestic-abuse-strategy/document.pdf"' in html
    assert "PDF, " in html and "3 pages" in html


def test_superseded_document_says_it_has_been_replaced(client):
    StrategyDocumentFactory(slug="old-strategy", status="superseded")

    html = client.get("/strategies/old-strategy/").content.decode()

    assert "replaced by a newer one" in html


def test_permalink_serves_the_pdf_itself_with_our_filename(client):
    document = StrategyDocumentFactory(slug="wiltshire-strategy")

    response = client.get("/strategies/wiltshire-strategy/document.pdf")
    data = b"".join(response.streaming_content)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="wiltshire-strategy.pdf"' in response["Content-Disposition"]
    assert response["Content-Disposition"].startswith("inline")
    assert len(PdfReader(io.BytesIO(data)).pages) == document.page_count == 3


def test_unpublished_document_and_its_pdf_are_not_found(client):
    StrategyDocumentFactory(slug="not-ready", is_published=False)

    assert client.get("/strategies/not-ready/").status_code == 404
    assert client.get("/strategies/not-ready/document.pdf").status_code == 404


def test_documents_of_an_inactive_partnership_are_not_shown(client):
    gone = PartnershipFactory(slug="gone", active=False)
    StrategyDocumentFactory(slug="gone-strategy", partnership=gone, title="Gone strategy")

    assert "Gone strategy" not in client.get("/strategies/").content.decode()
    assert client.get("/strategies/gone-strategy/document.pdf").status_code == 404
