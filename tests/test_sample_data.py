"""The demo's fictional sample (reviews/recommendations/sample.py): plainly fictional, loaded
through the real upload and suggestion path, and left out with `--no-sample`."""

import io
import re

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.test import RequestFactory
from pypdf import PdfReader

from reviews.models import (
    Agency,
    AgencyResponder,
    Partnership,
    Recommendation,
    Review,
    Suggestion,
    Update,
)
from reviews.recommendations.sample import REVIEWS

pytestmark = pytest.mark.django_db

SAMPLE_NAME = "Sample Community Safety Partnership (fictional)"


def load(*options):
    out = io.StringIO()
    call_command("load_demo_data", *options, stdout=out)
    return out.getvalue()


def words(text):
    return " ".join(text.split())


def test_the_sample_partnership_is_marked_fictional_and_says_so():
    load()

    sample = Partnership.objects.get(fictional=True)
    reviews = Review.objects.filter(lead_partnership=sample)
    assert sample.name == SAMPLE_NAME
    assert sample.nation == "england"
    assert "fictional" in sample.about and "invented" in sample.about
    assert sorted(reviews.values_list("pseudonym", flat=True)) == [
        "Adult S (fictional)",
        "Adult T (fictional)",
    ]
    assert all(
        review.summary.startswith("A ") and "fictional" in review.summary for review in reviews
    )
    assert set(reviews.values_list("status", flat=True)) == {"published"}
    assert Partnership.objects.filter(fictional=True).count() == 1


def test_sample_recommendations_are_addressed_only_to_the_samples_own_agencies():
    load()

    sample = Partnership.objects.get(fictional=True)
    addressed = Agency.objects.filter(recommendations__isnull=False).distinct()
    assert addressed.count() == 4
    assert set(addressed.values_list("partnership", flat=True)) == {sample.pk}
    assert all(name.endswith("(fictional)") for name in addressed.values_list("name", flat=True))
    assert Recommendation.objects.count() == sum(len(spec["recommendations"]) for spec in REVIEWS)


def test_the_samples_overdue_recommendation_is_the_only_overdue_one():
    load()

    [overdue] = Recommendation.objects.published().overdue()
    assert overdue.review.slug == "sample-adult-s"
    assert overdue.status == "in-progress"
    assert overdue.text.startswith("Sample Health Board (fictional) should ask every patient")


def test_the_sample_shows_several_statuses_and_an_update_reported_by_the_agency():
    load()

    statuses = set(Recommendation.objects.values_list("status", flat=True))
    assert statuses == {
        "not-reported",
        "in-progress",
        "implemented",
        "partly-implemented",
        "no-longer-applicable",
    }
    reported = Update.objects.filter(reported_by_agency=True)
    assert reported.exists()
    assert set(reported.values_list("agency__slug", flat=True)) == {"sample-police"}
    assert set(reported.values_list("recorded_by__username", flat=True)) == {
        "sample-police-responder"
    }
    # A recommendation's status is its latest update's.
    for recommendation in Recommendation.objects.filter(updates__isnull=False).distinct():
        assert recommendation.status == recommendation.updates.latest().status


def test_every_sample_recommendation_was_accepted_from_what_the_finder_read_in_its_report():
    load()

    for recommendation in Recommendation.objects.select_related("document"):
        page = recommendation.document.pages.get(number=recommendation.page)
        assert words(recommendation.text) in words(page.text)
        assert recommendation.document.kind == "overview-report"
        assert recommendation.suggestion.state == Suggestion.State.ACCEPTED
    assert not Suggestion.objects.filter(state=Suggestion.State.WAITING).exists()


def test_the_sample_report_says_it_is_a_fictional_placeholder(client):
    load()

    response = client.get("/reviews/sample-adult-s/documents/overview-report.pdf")

    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert response.status_code == 200
    assert "FICTIONAL PLACEHOLDER DOCUMENT" in pdf.pages[0].extract_text()
    assert "5. Recommendations" in pdf.pages[1].extract_text()


def test_the_real_demo_reviews_get_no_recommendations():
    load()

    real = Review.objects.filter(lead_partnership__fictional=False)
    assert real.count() == 10
    assert not Recommendation.objects.filter(review__in=real).exists()
    assert not Suggestion.objects.filter(document__review__in=real).exists()


def test_no_sample_leaves_every_sample_record_out():
    out = load("--no-sample")

    assert not Partnership.objects.filter(fictional=True).exists()
    assert not Review.objects.filter(slug__startswith="sample-").exists()
    assert not Agency.objects.exists()
    assert not Recommendation.objects.exists()
    assert not Update.objects.exists()
    assert not AgencyResponder.objects.exists()
    assert "sample-police-responder" not in out


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (Partnership, Review, Agency, Recommendation, Update, Suggestion)
    }


def test_loading_the_sample_again_changes_nothing():
    first = load()
    before = counts()
    statuses = sorted(Recommendation.objects.values_list("pk", "status", "status_on", "due_on"))

    second = load()

    assert counts() == before
    assert sorted(Recommendation.objects.values_list("pk", "status", "status_on", "due_on")) == (
        statuses
    )
    assert "Fictional sample" in second and "0 new recommendations" in second
    assert "username sample-police-responder" in first
    assert "username sample-police-responder" not in second


def test_the_demo_agency_responder_signs_in_and_reports_for_sample_police():
    out = load()

    password = dict(re.findall(r"username (\S+)\s+password (\S+)", out))["sample-police-responder"]
    user = authenticate(
        RequestFactory().post("/admin/login/"),
        username="sample-police-responder",
        password=password,
    )
    assert user is not None and user.is_staff and not user.is_superuser
    assert user.agency_responder.agency.slug == "sample-police"
    assert not user.partnerships.exists()
