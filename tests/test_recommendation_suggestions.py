"""Suggestions from an uploaded report: found when its page texts are stored, never public,
and made recommendations only when an officer accepts them."""

import pytest
from django.core.files.base import ContentFile

from reviews.models import Agency, Recommendation, ReviewDocument, Sector, Suggestion
from reviews.pdf_writer import make_text_pdf
from reviews.recommendations.suggestions import accept, discard, waiting_for

from .factories import PartnershipFactory, ReviewDocumentFactory, ReviewFactory
from .recommendation_reports import numbered_section

pytestmark = pytest.mark.django_db


def report(pages):
    return ContentFile(make_text_pdf(pages), name="report.pdf")


@pytest.fixture
def review():
    return ReviewFactory(draft=True, lead_partnership=PartnershipFactory(slug="north"))


@pytest.fixture
def northshire_police():
    return Agency.objects.create(
        name="Northshire Police",
        slug="northshire-northshire_police",
        sector=Sector.POLICE,
        scope="national",
    )


def upload(review, kind=ReviewDocument.Kind.OVERVIEW_REPORT, pages=None):
    return ReviewDocumentFactory(
        review=review, kind=kind, file=report(pages or numbered_section()[0])
    )


def test_an_overview_report_upload_leaves_its_recommendations_waiting(review):
    document = upload(review)

    waiting = list(waiting_for(review))

    assert [(s.number, s.page, s.document_id) for s in waiting] == [
        ("1", 1, document.pk),
        ("2", 1, document.pk),
        ("3", 1, document.pk),
    ]
    assert waiting[1].text.startswith("The GP practice should ask")
    assert not Recommendation.objects.exists()


def test_a_panel_letter_is_not_read_for_recommendations(review):
    upload(review, kind=ReviewDocument.Kind.PANEL_LETTER)

    assert not Suggestion.objects.exists()


def test_accepting_makes_a_recommendation_stated_on_its_page(review, northshire_police):
    upload(review)
    first = waiting_for(review)[0]

    recommendation = accept(
        first, agencies=[northshire_police], level="local", text="Edited: flag calls."
    )

    assert recommendation.review == review
    assert (recommendation.number, recommendation.text, recommendation.page) == (
        "1",
        "Edited: flag calls.",
        1,
    )
    assert recommendation.document == first.document
    assert list(recommendation.agencies.all()) == [northshire_police]
    assert recommendation.status == "not-reported"
    first.refresh_from_db()
    assert first.state == Suggestion.State.ACCEPTED
    assert [s.number for s in waiting_for(review)] == ["2", "3"]


def test_a_replaced_report_suggests_again_but_not_what_was_decided(review, northshire_police):
    document = upload(review)
    one, two, _three = waiting_for(review)
    accept(one, agencies=[northshire_police], level="local")
    discard(two)

    document.file = report(numbered_section()[0])
    document.full_clean(exclude=["slug"])
    document.save()

    assert [s.number for s in waiting_for(review)] == ["3"]
    assert Suggestion.objects.filter(state=Suggestion.State.WAITING).count() == 1


def test_a_report_without_recommendations_suggests_nothing(review):
    upload(review, pages=[["1. Introduction", "This fictional report makes no requests."]])

    assert list(waiting_for(review)) == []
