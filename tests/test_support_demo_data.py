"""The demo site's help content: the brief's helplines with their real hours (and none it does
not give), Wiltshire's documents as placeholders that say so, Adult R and the Refuge notice."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from reviews.models import Review, ReviewDocument
from support.models import Helpline, InformationPage, Notice, StrategyDocument

pytestmark = pytest.mark.django_db

UK = ZoneInfo("Europe/London")


def load():
    call_command("load_demo_data", stdout=io.StringIO())


def test_helplines_of_the_brief_with_their_numbers():
    load()

    numbers = dict(Helpline.objects.values_list("name", "phone"))
    assert numbers == {
        "Emergency services": "999",
        "National Domestic Abuse Helpline": "08082000247",
        "Live Fear Free": "08088010800",
        "Men's Advice Line": "08088010327",
        "Respect Phoneline": "08088024040",
        "Galop": "08009995428",
        "Karma Nirvana": "08005999247",
        "National Stalking Helpline": "08088020300",
        "Samaritans": "116123",
        "Wiltshire out-of-hours helpline": "01225712880",
    }
    assert Helpline.objects.get(name="Live Fear Free").text_number == "07860077333"
    assert list(Helpline.objects.filter(emergency=True).values_list("phone", flat=True)) == ["999"]


def test_hours_the_brief_does_not_give_are_left_unknown_and_none_is_claimed_checked():
    load()

    for name in ["Men's Advice Line", "Respect Phoneline"]:
        helpline = Helpline.objects.get(name=name)
        assert not helpline.hours_known
        assert helpline.opening_status().is_open is None
    assert not Helpline.objects.exclude(details_checked_on=None).exists()


def test_wiltshire_out_of_hours_line_is_open_evenings_nights_and_all_weekend():
    load()
    line = Helpline.objects.get(name="Wiltshire out-of-hours helpline")

    def is_open(day, hour):
        return line.opening_status(datetime.datetime(2026, 6, day, hour, tzinfo=UK)).is_open

    # June 2026: Monday 8th to Monday 15th.
    assert (line.area, line.partnership.slug) == ("local", "wiltshire")
    assert line.hours_in_words() == [
        "Monday to Thursday: 5pm to 8am the next day",
        "Friday 5pm to Monday 8am",
    ]
    assert not is_open(8, 12) and is_open(8, 17) and is_open(9, 3) and not is_open(9, 8)
    assert is_open(12, 18) and is_open(13, 12) and is_open(14, 23) and is_open(15, 7)
    assert not is_open(15, 9)


def test_wiltshire_strategy_documents_are_placeholders_that_say_so(client):
    load()

    documents = StrategyDocument.objects.order_by("title")
    assert [document.title for document in documents] == [
        "Wiltshire Domestic Abuse Health Needs Assessment",
        "Wiltshire Domestic Abuse Strategy",
        "Wiltshire Domestic Abuse and Sexual Violence Strategy 2017-2020",
        "Wiltshire's Strategy for the Provision of Domestic Abuse Support in Safe Accommodation",
    ]
    drafts = StrategyDocument.objects.filter(status="draft")
    assert {document.published_month for document in drafts} == {"October 2021"}
    for document in documents:
        response = client.get(document.get_document_url())
        first_page = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0]
        assert "PLACEHOLDER DOCUMENT" in first_page.extract_text()


def test_adult_r_is_a_local_learning_review_with_a_learning_briefing(client):
    load()

    adult_r = Review.objects.get(pseudonym="Adult R")
    briefing = adult_r.documents.get()
    response = client.get(briefing.get_absolute_url())

    assert adult_r.review_type == Review.ReviewType.LOCAL_LEARNING
    assert adult_r.lead_partnership.slug == "wiltshire"
    assert adult_r.published_on is None
    assert briefing.kind == ReviewDocument.Kind.LEARNING_BRIEFING
    assert response.status_code == 200
    text = PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages[0].extract_text()
    assert "PLACEHOLDER DOCUMENT" in text
    assert "Adult R" in client.get("/partnerships/wiltshire/").content.decode()


def test_refuge_notice_and_information_pages(client):
    load()

    notice = Notice.objects.get()
    assert "Surfaces" in notice.title and "Maxine Peake" in notice.body
    assert notice.partnership.slug == "wiltshire"
    assert client.get("/about/domestic-abuse/").status_code == 200
    assert InformationPage.objects.filter(partnership__slug="wiltshire").exists()
    assert "Surfaces" in client.get("/partnerships/wiltshire/").content.decode()


def test_loading_twice_adds_no_help_content():
    load()
    counts = [
        model.objects.count()
        for model in (Helpline, StrategyDocument, InformationPage, Notice, ReviewDocument)
    ]

    load()

    assert counts == [
        model.objects.count()
        for model in (Helpline, StrategyDocument, InformationPage, Notice, ReviewDocument)
    ]
