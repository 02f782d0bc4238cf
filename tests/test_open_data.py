"""/data/: the register as CSV and JSON, streamed, with the same filters as /reviews/."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

from reviews.models import Nation

from .factories import (
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    ThemeFactory,
    add_joint_partners,
    case_types,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    powys = PartnershipFactory(
        slug="powys", name="Powys Community Safety Partnership", nation=Nation.WALES
    )
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire Community Safety Partnership")
    lesley = ReviewFactory(
        pseudonym="Lesley",
        slug="lesley",
        lead_partnership=powys,
        published_on=datetime.date(2020, 5, 1),
        year_of_death=2018,
        **case_types("intimate-partner", "children-present"),
        relationship="former-partner",
        summary="Line one, with a comma.\nLine two with “quotes” and Welsh: ŵ ŷ.",
    )
    add_joint_partners(lesley, wiltshire)
    lesley.themes.add(ThemeFactory(slug="housing", name="Housing"))
    ReviewDocumentFactory(review=lesley, kind="executive-summary")
    ReviewDocumentFactory(review=lesley, kind="overview-report", language="cy")
    ReviewFactory(
        pseudonym="=HYPERLINK(1)", slug="formula", lead_partnership=wiltshire, published_on=None
    )
    ReviewFactory(pseudonym="Hidden draft", lead_partnership=powys, draft=True)
    ReviewFactory(pseudonym="Taken down", lead_partnership=powys, withdrawn=True)
    return lesley


def read_csv(response):
    assert isinstance(response, StreamingHttpResponse)
    body = b"".join(response.streaming_content)
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 byte order mark, for Excel
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def test_csv_has_one_row_per_published_review_with_everything_described(client, register):
    response = client.get("/data/reviews.csv")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="domestic-homicide')
    rows = read_csv(response)
    assert [row["pseudonym"] for row in rows] == ["Lesley", "'=HYPERLINK(1)"]
    lesley = rows[0]
    assert lesley["url"] == "http://testserver/reviews/lesley/"
    assert lesley["lead_partnership"] == "Powys Community Safety Partnership"
    assert lesley["partnerships"] == (
        "Powys Community Safety Partnership; Wiltshire Community Safety Partnership"
    )
    assert lesley["nations"] == "england; wales"
    assert lesley["published"] == "2020-05"
    assert lesley["year_of_death"] == "2018"
    assert lesley["case_types"] == "intimate-partner; children-present"
    assert lesley["case_type_names"] == "Intimate partner (current or former); Children present"
    assert lesley["relationship"] == "former-partner"
    assert lesley["victim_age"] == ""
    assert lesley["themes"] == "Housing"
    assert lesley["summary"] == register.summary  # commas, new lines and quotes survive
    assert lesley["document_count"] == "2"
    documents = list(register.documents.all())
    assert lesley["document_urls"] == " | ".join(
        f"http://testserver{document.get_absolute_url()}" for document in documents
    )
    assert lesley["document_languages"] == "en | cy"
    assert lesley["document_sha256"] == " | ".join(document.sha256 for document in documents)
    assert lesley["document_pages"] == " | ".join(str(d.page_count) for d in documents)
    assert lesley["document_sizes"] == " | ".join(str(d.size_bytes) for d in documents)


def test_csv_honours_the_search_pages_filters(client, register):
    rows = read_csv(client.get("/data/reviews.csv?nation=wales&theme=housing"))
    assert [row["slug"] for row in rows] == ["lesley"]

    rows = read_csv(client.get("/data/reviews.csv?partnership=nowhere&page=-1"))
    assert len(rows) == 2  # an unknown value is ignored, as on /reviews/


def test_json_gives_nested_records_and_the_licence(client, register):
    response = client.get("/data/reviews.json?partnership=powys")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(b"".join(response.streaming_content))
    assert data["licence"]["name"] == "Open Government Licence v3.0"
    [lesley] = data["reviews"]
    assert lesley["pseudonym"] == "Lesley"
    assert [p["slug"] for p in lesley["partnerships"]] == ["powys", "wiltshire"]
    assert lesley["partnerships"][0]["lead"] is True
    assert lesley["themes"] == [{"name": "Housing", "slug": "housing"}]
    assert [d["kind"] for d in lesley["documents"]] == ["executive-summary", "overview-report"]
    assert lesley["documents"][0]["sha256"] == register.documents.first().sha256


def test_json_with_no_matches_is_still_valid(client, register):
    response = client.get("/data/reviews.json", {"q": '"nothing matches this"'})

    assert json.loads(b"".join(response.streaming_content))["reviews"] == []


def test_downloads_search_the_full_text(client, register):
    rows = read_csv(client.get("/data/reviews.csv", {"q": "Welsh"}))

    assert [row["slug"] for row in rows] == ["lesley"]


def test_export_queries_do_not_grow_with_the_number_of_reviews(client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/data/reviews.csv")
            b"".join(response.streaming_content)
        return len(captured)

    def add():
        review = ReviewFactory()
        review.themes.add(ThemeFactory())
        ReviewDocumentFactory(review=review)

    add()
    few = count()
    for _ in range(30):
        add()
    many = count()

    assert many == few


def test_data_page_explains_the_columns_and_the_licence(client, register):
    response = client.get("/data/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<h1") == 1
    for column in ["pseudonym", "document_sha256", "year_of_death", "nations"]:
        assert f"<code>{column}</code>" in html
    assert "Open Government Licence v3.0" in html
    assert 'href="/data/reviews.csv"' in html and 'href="/data/reviews.json"' in html
    assert "1 published review" not in html and "2 published reviews" in html
