"""Recommendations as records: record_update (the one way a status changes), the overdue rule,
updates kept as recorded, and accepting or discarding a suggestion."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone

from reviews.models import Recommendation, Status, Suggestion, Update, UpdateEvidence
from reviews.pdf_writer import make_text_pdf
from reviews.recommendations.suggestions import accept, discard, waiting_for
from reviews.recommendations.updates import record_update

from .admin_forms import png_bytes
from .conftest import stored_files
from .factories import (
    AgencyFactory,
    OfficerFactory,
    RecommendationFactory,
    ReviewDocumentFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def test_the_status_is_the_latest_updates_by_date_not_by_when_it_was_recorded():
    recommendation = RecommendationFactory()
    officer = OfficerFactory()

    record_update(
        recommendation, status=Status.IN_PROGRESS, recorded_by=officer, recorded_on=days_ago(2)
    )
    # Recorded later, about an earlier day: it does not become the status.
    record_update(
        recommendation, status=Status.NOT_IMPLEMENTED, recorded_by=officer, recorded_on=days_ago(9)
    )

    recommendation.refresh_from_db()
    assert (recommendation.status, recommendation.status_on) == (Status.IN_PROGRESS, days_ago(2))
    assert recommendation.updates.count() == 2


def test_an_update_is_kept_as_recorded():
    recommendation = RecommendationFactory()
    update = record_update(
        recommendation, status=Status.IMPLEMENTED, recorded_by=None, note="Done."
    )

    update.note = "Rewritten."
    with pytest.raises(ValidationError):
        update.save()

    assert Update.objects.get().note == "Done."


def test_a_future_date_or_no_status_is_refused_and_nothing_is_kept():
    recommendation = RecommendationFactory()

    with pytest.raises(ValidationError):
        record_update(
            recommendation,
            status=Status.IMPLEMENTED,
            recorded_by=None,
            recorded_on=TODAY + datetime.timedelta(1),
        )
    with pytest.raises(ValidationError):
        record_update(recommendation, status=Status.NOT_REPORTED, recorded_by=None)
    with pytest.raises(ValidationError):
        record_update(recommendation, status="finished", recorded_by=None)

    recommendation.refresh_from_db()
    assert recommendation.status == Status.NOT_REPORTED
    assert not Update.objects.exists()


def test_an_update_for_an_agency_the_recommendation_is_not_addressed_to_is_refused():
    recommendation = RecommendationFactory()

    with pytest.raises(ValidationError):
        record_update(
            recommendation, status=Status.IN_PROGRESS, recorded_by=None, agency=AgencyFactory()
        )

    assert not Update.objects.exists()


def test_evidence_goes_through_the_pipeline_and_a_bad_file_keeps_nothing(media_root):
    recommendation = RecommendationFactory()

    with pytest.raises(ValidationError):
        record_update(
            recommendation,
            status=Status.IN_PROGRESS,
            recorded_by=None,
            evidence_file=ContentFile(png_bytes(), name="evidence.pdf"),
        )
    assert not Update.objects.exists() and stored_files(media_root) == []

    update = record_update(
        recommendation,
        status=Status.IN_PROGRESS,
        recorded_by=None,
        evidence_file=ContentFile(make_text_pdf([["Trained"], ["Staff"]]), name="evidence.pdf"),
    )
    assert UpdateEvidence.objects.get().update == update
    assert update.evidence.page_count == 2


@pytest.mark.parametrize(
    ("due_on", "status", "overdue"),
    [
        (days_ago(1), Status.NOT_REPORTED, True),
        (days_ago(1), Status.IN_PROGRESS, True),
        (days_ago(1), Status.PARTLY_IMPLEMENTED, True),
        (days_ago(1), Status.IMPLEMENTED, False),
        (days_ago(1), Status.NO_LONGER_APPLICABLE, False),
        (TODAY, Status.NOT_REPORTED, False),
        (None, Status.NOT_REPORTED, False),
    ],
)
def test_overdue_is_a_past_due_date_and_a_status_still_open(due_on, status, overdue):
    recommendation = RecommendationFactory(due_on=due_on)
    Recommendation.objects.filter(pk=recommendation.pk).update(status=status)
    recommendation.refresh_from_db()

    assert recommendation.is_overdue() is overdue
    assert Recommendation.objects.overdue().filter(pk=recommendation.pk).exists() is overdue
    assert Recommendation.objects.not_overdue().filter(pk=recommendation.pk).exists() is not overdue
    annotated = Recommendation.objects.with_is_overdue().get(pk=recommendation.pk)
    assert annotated.overdue_now is overdue


def test_an_accepted_suggestion_is_a_recommendation_and_a_discarded_one_is_not():
    review = ReviewFactory(draft=True)
    document = ReviewDocumentFactory(review=review, kind="overview-report")
    kept = Suggestion.objects.create(document=document, number="1", text="Share.", page=1)
    dropped = Suggestion.objects.create(document=document, number="2", text="Nothing.", page=2)
    agency = AgencyFactory()

    recommendation = accept(kept, agencies=[agency], level="national", text="Share more.")
    discard(dropped)

    assert list(waiting_for(review)) == []
    assert list(review.recommendations.all()) == [recommendation]
    assert (recommendation.number, recommendation.text, recommendation.page) == (
        "1",
        "Share more.",
        1,
    )
    assert list(recommendation.agencies.all()) == [agency]
    assert Suggestion.objects.get(pk=dropped.pk).recommendation is None
