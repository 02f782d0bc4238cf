"""The role matrix: site administrator, partnership publisher, partnership editor and an officer
of another partnership, against create, change, upload, publish, withdraw and preview."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Review, ReviewDocument
from reviews.pdf_writer import make_text_pdf

from .factories import (
    OfficerFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    sign_in,
)
from .test_admin import review_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def own():
    return PartnershipFactory(slug="wiltshire")


def make_user(role, own):
    if role == "administrator":
        return OfficerFactory(is_superuser=True)
    if role == "stranger":
        return OfficerFactory(partnerships=[PartnershipFactory()], role="publisher")
    return OfficerFactory(partnerships=[own], role=role)


def ready_draft(own):
    """A draft that meets every publication rule, so only the role decides."""
    review = ReviewFactory(
        lead_partnership=own, draft=True, qa_panel_approved_on=datetime.date(2026, 1, 5)
    )
    ReviewDocumentFactory(review=review)
    return review


def create(client, own):
    client.post(reverse("admin:reviews_review_add"), review_form(own))
    return Review.objects.filter(slug="adult-z").exists()


def change(client, own):
    review = ready_draft(own)
    client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(own, pseudonym="Renamed", slug=review.slug),
    )
    review.refresh_from_db()
    return review.pseudonym == "Renamed"


def upload(client, own):
    review = ready_draft(own)
    client.post(
        reverse("admin:reviews_reviewdocument_add"),
        {
            "review": str(review.pk),
            "kind": "overview-report",
            "language": "en",
            "title": "",
            "file": SimpleUploadedFile("r.pdf", make_text_pdf([["x"]])),
        },
    )
    return review.documents.filter(kind="overview-report").exists()


def publish(client, own):
    review = ready_draft(own)
    client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "now", "publish": "Publish"},
    )
    review.refresh_from_db()
    return review.status == Review.Status.PUBLISHED


def withdraw(client, own):
    review = ReviewFactory(lead_partnership=own)
    client.post(reverse("admin:reviews_review_withdraw", args=[review.pk]), {"reason": ""})
    review.refresh_from_db()
    return review.status == Review.Status.WITHDRAWN


def preview(client, own):
    review = ready_draft(own)
    response = client.get(reverse("admin:reviews_review_preview", args=[review.pk]))
    return response.status_code == 200 and review.pseudonym in response.content.decode()


ACTIONS = {
    "create": create,
    "change": change,
    "upload": upload,
    "publish": publish,
    "withdraw": withdraw,
    "preview": preview,
}
ALLOWED = {
    "administrator": set(ACTIONS),
    "publisher": set(ACTIONS),
    "editor": {"create", "change", "upload", "preview"},
    "stranger": set(),
}


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("role", list(ALLOWED))
def test_role_matrix(client, own, role, action):
    sign_in(client, make_user(role, own))

    assert ACTIONS[action](client, own) is (action in ALLOWED[role])


def test_editor_cannot_change_a_published_review_nor_its_documents(client, own):
    sign_in(client, make_user("editor", own))
    review = ReviewFactory(lead_partnership=own, pseudonym="Adult P")
    document = ReviewDocumentFactory(review=review)

    page = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    changed = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(own, pseudonym="Renamed", slug=review.slug, status="draft"),
    )
    deleted = client.post(
        reverse("admin:reviews_reviewdocument_delete", args=[document.pk]), {"post": "yes"}
    )

    assert page.status_code == 200  # they may look at it
    assert "Publish or schedule" not in page.content.decode()
    assert changed.status_code == 403
    assert deleted.status_code == 403
    review.refresh_from_db()
    assert (review.pseudonym, review.status) == ("Adult P", Review.Status.PUBLISHED)
    assert ReviewDocument.objects.filter(pk=document.pk).exists()


def test_editor_is_not_offered_and_cannot_use_the_publish_action(client, own):
    sign_in(client, make_user("editor", own))
    review = ready_draft(own)
    url = reverse("admin:reviews_review_changelist")

    listing = client.get(url).content.decode()
    client.post(url, {"action": "publish", "_selected_action": [review.pk]})

    assert 'value="publish"' not in listing
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT


def test_a_status_posted_in_the_form_is_ignored(client, own):
    sign_in(client, make_user("editor", own))

    client.post(reverse("admin:reviews_review_add"), review_form(own, status="published"))

    assert Review.objects.get(slug="adult-z").status == Review.Status.DRAFT


def test_a_stranger_cannot_reach_the_preview_or_its_documents(client, own):
    review = ready_draft(own)
    document = review.documents.get()
    urls = [
        reverse("admin:reviews_review_preview", args=[review.pk]),
        reverse("admin:reviews_review_preview_document", args=[review.pk, document.slug]),
        reverse("admin:reviews_review_preview_cover", args=[review.pk, document.slug]),
    ]

    anonymous = [client.get(url) for url in urls]
    sign_in(client, make_user("stranger", own))
    stranger = [client.get(url) for url in urls]

    for response in anonymous:
        assert response.status_code == 302 and "/login/" in response["Location"]
    for response in stranger:
        assert response.status_code == 404
        assert b"%PDF" not in response.content and review.pseudonym.encode() not in response.content
