"""Publishing at once or at a scheduled moment, the rules for statutory reviews, withdrawal,
the preview, and the history of every change."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review
from reviews.publishing import PublicationError, publish_review

from .factories import (
    OfficerFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    ready_draft,
    sign_in,
)

pytestmark = pytest.mark.django_db

MOMENT = timezone.make_aware(datetime.datetime(2026, 12, 1, 9, 0))


@pytest.fixture
def publisher(client, partnership):
    return sign_in(client, OfficerFactory(username="publisher", partnerships=[partnership]))


def test_scheduled_review_is_public_from_its_moment_and_not_before(partnership):
    review = ready_draft(partnership)
    officer = OfficerFactory(partnerships=[partnership])

    publish_review(review, by=officer, at=MOMENT, now=MOMENT - datetime.timedelta(days=1))

    before = Review.objects.published(now=MOMENT - datetime.timedelta(seconds=1))
    at = Review.objects.published(now=MOMENT)
    assert review not in before
    assert review in at
    assert review.published_on == datetime.date(2026, 12, 1)  # the month shown to readers


def test_the_public_sees_a_scheduled_review_once_its_moment_passes(client, partnership):
    later = ready_draft(partnership, slug="later", publish_at=timezone.now())
    later.status = Review.Status.PUBLISHED
    later.publish_at = timezone.now() + datetime.timedelta(hours=1)
    later.save()
    passed = ready_draft(partnership, slug="passed")
    passed.status = Review.Status.PUBLISHED
    passed.publish_at = timezone.now() - datetime.timedelta(minutes=1)
    passed.save()

    assert client.get("/reviews/later/").status_code == 404
    assert client.get(later.documents.get().get_absolute_url()).status_code == 404
    assert client.get("/reviews/passed/").status_code == 200
    assert client.get(passed.documents.get().get_absolute_url()).status_code == 200
    listing = client.get("/reviews/").content.decode()
    assert passed.pseudonym in listing and later.pseudonym not in listing


def test_officer_schedules_publication_for_tomorrow(client, publisher, partnership, monkeypatch):
    review = ready_draft(partnership, slug="adult-z")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {
            "when": "later",
            "publish_date": tomorrow.isoformat(),
            "publish_time": "09:00",
            "publish": "Publish",
        },
        follow=True,
    )
    client.logout()

    assert "is scheduled: the public will see it from" in response.content.decode()
    assert client.get("/reviews/adult-z/").status_code == 404
    moment = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(9, 0)))
    monkeypatch.setattr(timezone, "now", lambda: moment + datetime.timedelta(minutes=1))
    assert client.get("/reviews/adult-z/").status_code == 200


def test_a_moment_in_the_past_is_refused(client, publisher, partnership):
    review = ready_draft(partnership)

    response = client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "later", "publish_date": "2020-01-01", "publish_time": "09:00", "publish": "1"},
    )

    assert "That moment has passed" in response.content.decode()
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT


def test_cancelling_a_schedule_returns_the_review_to_draft(client, publisher, partnership):
    review = ready_draft(partnership)
    publish_review(review, by=publisher, at=timezone.now() + datetime.timedelta(days=2))

    client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]), {"cancel_schedule": "1"}
    )

    review.refresh_from_db()
    assert (review.status, review.publish_at) == (Review.Status.DRAFT, None)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("qa_date", "Enter the date the Home Office Quality Assurance Panel approved the report"),
        ("executive_summary", "Upload the executive summary."),
    ],
)
def test_a_statutory_review_needs_its_executive_summary_and_panel_approval(
    client, publisher, partnership, missing, message
):
    review = ReviewFactory(
        lead_partnership=partnership,
        draft=True,
        qa_panel_approved_on=None if missing == "qa_date" else datetime.date(2026, 1, 5),
    )
    ReviewDocumentFactory(
        review=review,
        kind="overview-report" if missing == "executive_summary" else "executive-summary",
    )
    url = reverse("admin:reviews_review_publication", args=[review.pk])

    page = client.get(url).content.decode()
    client.post(url, {"when": "now", "publish": "Publish"})

    assert "This review cannot be published yet" in page and message in page
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT
    with pytest.raises(PublicationError):
        publish_review(review, by=publisher)


def test_a_local_learning_review_needs_neither(client, publisher, partnership):
    review = ReviewFactory(
        lead_partnership=partnership, draft=True, review_type=Review.ReviewType.LOCAL_LEARNING
    )

    client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "now", "publish": "Publish"},
    )

    review.refresh_from_db()
    assert review.is_public


def test_withdrawal_with_a_reason_gives_410_and_says_why(client, publisher, partnership):
    review = ReviewFactory(lead_partnership=partnership, slug="adult-p", pseudonym="Adult P")
    document = ReviewDocumentFactory(review=review)

    client.post(
        reverse("admin:reviews_review_withdraw", args=[review.pk]),
        {"reason": "Withdrawn at the family's request."},
    )
    client.logout()

    page = client.get("/reviews/adult-p/")
    download = client.get(document.get_absolute_url())
    assert page.status_code == 410
    assert "Withdrawn at the family&#x27;s request." in page.content.decode()
    assert download.status_code == 410
    assert "This document has been withdrawn" in download.content.decode()
    assert "Adult P" not in client.get("/reviews/").content.decode()


def test_preview_shows_the_draft_as_the_public_will_see_it_marked_as_a_preview(
    client, publisher, partnership
):
    review = ready_draft(partnership, pseudonym="Adult Z", summary="What the review found.")
    document = review.documents.get()

    response = client.get(reverse("admin:reviews_review_preview", args=[review.pk]))
    pdf = client.get(
        reverse("admin:reviews_review_preview_document", args=[review.pk, document.slug])
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview" in html and "The public cannot see it now." in html
    assert "Adult Z" in html and "What the review found." in html
    assert "govuk-notification-banner" in html
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert pdf.status_code == 200 and b"".join(pdf.streaming_content).startswith(b"%PDF-")
    client.logout()
    assert client.get(review.get_absolute_url()).status_code == 404


def test_history_records_the_change_and_its_author(client, publisher, partnership):
    review = ready_draft(partnership, pseudonym="Adult Z")

    client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "now", "publish": "Publish"},
    )

    latest = review.history.first()
    assert latest.history_user == publisher
    assert latest.status == Review.Status.PUBLISHED
    assert latest.history_change_reason == "Published"
    changes = latest.diff_against(latest.prev_record).changed_fields
    assert "status" in changes and latest.publish_at is not None
    page = client.get(reverse("admin:reviews_review_history", args=[review.pk])).content.decode()
    assert "publisher" in page and "Published" in page


def test_history_records_who_uploaded_a_document(client, publisher, partnership):
    review = ready_draft(partnership)
    document = review.documents.get()

    client.post(
        reverse("admin:reviews_reviewdocument_change", args=[document.pk]),
        {"review": str(review.pk), "kind": "executive-summary", "language": "en", "title": "New"},
    )

    latest = document.history.first()
    assert latest.history_user == publisher
    assert latest.title == "New"
    page = client.get(
        reverse("admin:reviews_reviewdocument_history", args=[document.pk])
    ).content.decode()
    assert "publisher" in page
