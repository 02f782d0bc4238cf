"""/data/recommendations.csv and .json: one row per published recommendation, streamed, with
the register's filters; documented on /data/."""

import csv
import datetime
import io
import json

import pytest
from django.http import StreamingHttpResponse

from reviews.models import Sector
from reviews.recommendations.open_data import CSV_COLUMNS

from .factories import ReviewFactory, ThemeFactory, add_joint_partners
from .recommendation_records import agency, recommendation, update

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_data_records(wiltshire, powys):
    police = agency("Wiltshire Police", "wiltshire-police", Sector.POLICE, wiltshire)
    office = agency("Home Office", "home-office", Sector.NATIONAL_BODY)
    review = ReviewFactory(
        lead_partnership=wiltshire, slug="ellie", published_on=datetime.date(2021, 11, 1)
    )
    add_joint_partners(review, powys)
    first = recommendation(
        review,
        "1",
        "=Train call handlers, with “care”: ŵ.",
        [police, office],
        [ThemeFactory(slug="training", name="Training")],
        due_on=datetime.date(2020, 1, 1),
        text_cy="Hyfforddi.",
    )
    update(first, "in-progress", recorded_on=datetime.date(2021, 2, 3))
    second = recommendation(review, "2", "Review housing.", [office], level="national")
    draft = ReviewFactory(lead_partnership=wiltshire, draft=True, published_on=None)
    recommendation(draft, "1", "A draft's recommendation.", [office])
    return first, second


def rows_of(response):
    assert isinstance(response, StreamingHttpResponse)
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_the_csv_has_a_row_per_published_recommendation(client, open_data_records):
    first, second = open_data_records
    response = client.get("/data/recommendations.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = rows_of(response)
    assert [row["number"] for row in rows] == ["1", "2"]
    assert list(rows[0]) == [column for column, _help in CSV_COLUMNS]
    row = rows[0]
    assert row["id"] == str(first.pk)
    assert row["url"] == f"http://testserver/reviews/ellie/#recommendation-{first.pk}"
    assert row["review_slug"] == "ellie"
    assert row["review_url"] == "http://testserver/reviews/ellie/"
    assert row["partnerships"] == (
        "Wiltshire Community Safety Partnership; Powys Community Safety Partnership"
    )
    assert row["text"] == "'=Train call handlers, with “care”: ŵ."  # never a formula
    assert row["text_cy"] == "Hyfforddi."
    assert row["agencies"] == "Home Office; Wiltshire Police"
    assert row["sectors"] == "national-body; police"
    assert row["themes"] == "Training"
    assert row["due"] == "2020-01-01"
    assert row["status"] == "in-progress"
    assert row["status_name"] == "In progress"
    assert row["status_on"] == "2021-02-03"
    assert row["overdue"] == "true"
    assert row["fictional"] == "false"
    assert rows[1]["level"] == "national"
    assert rows[1]["overdue"] == "false"
    assert rows[1]["status_on"] == ""


def test_the_json_holds_the_same_records(client, open_data_records):
    first, _second = open_data_records
    response = client.get("/data/recommendations.json")
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(b"".join(response.streaming_content))
    assert data["licence"]["name"] == "Open Government Licence v3.0"
    records_ = data["recommendations"]
    assert [r["number"] for r in records_] == ["1", "2"]
    assert records_[0]["id"] == first.pk
    assert records_[0]["review"]["slug"] == "ellie"
    assert records_[0]["text"] == "=Train call handlers, with “care”: ŵ."
    assert [a["slug"] for a in records_[0]["agencies"]] == ["home-office", "wiltshire-police"]
    assert records_[0]["overdue"] is True
    assert records_[0]["status_on"] == "2021-02-03"
    assert records_[1]["due"] is None


def test_the_downloads_honour_the_registers_filters(client, open_data_records):
    assert [r["number"] for r in rows_of(client.get("/data/recommendations.csv?q=housing"))] == [
        "2"
    ]
    rows = rows_of(client.get("/data/recommendations.csv?agency=wiltshire-police"))
    assert [r["number"] for r in rows] == ["1"]
    data = json.loads(
        b"".join(client.get("/data/recommendations.json?status=not-reported").streaming_content)
    )
    assert [r["number"] for r in data["recommendations"]] == ["2"]
    assert rows_of(client.get("/data/recommendations.csv?q=zzzz")) == []
    # Bad input is ignored, as on the page.
    assert len(rows_of(client.get("/data/recommendations.csv?status=nonsense&page=x"))) == 2


def test_drafts_are_in_no_download(client, open_data_records):
    text = b"".join(client.get("/data/recommendations.csv").streaming_content).decode()
    assert "A draft's recommendation." not in text
    text = b"".join(client.get("/data/recommendations.json").streaming_content).decode()
    assert "A draft" not in text


def test_the_data_page_documents_them(client, open_data_records):
    html = client.get("/data/").content.decode()
    assert 'href="/data/recommendations.csv"' in html
    assert 'href="/data/recommendations.json"' in html
    assert "The 2 published recommendations of the reviews" in html
    assert "<code>status_on</code>" in html
    assert client.get("/cy/data/").status_code == 200


def test_only_reading_is_allowed(client, open_data_records):
    assert client.post("/data/recommendations.csv").status_code == 405
