"""The officers' admin: scoping to their own partnerships, uploads, publish and withdraw."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import Review, ReviewDocument
from reviews.pdf_writer import make_text_pdf

from .admin_forms import png_bytes, review_form, with_upload
from .conftest import stored_files
from .factories import (
    OfficerFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    ready_draft,
    sign_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def powys_review(powys):
    review = ReviewFactory(lead_partnership=powys, pseudonym="Lesley", draft=True)
    ReviewDocumentFactory(review=review)
    return review


# Scoping


def test_officer_lists_only_their_own_partnerships_reviews(
    client, officer, wiltshire, powys_review
):
    ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult P")

    html = client.get(reverse("admin:reviews_review_changelist")).content.decode()

    assert "Adult P" in html
    assert "Lesley" not in html


def test_officer_cannot_open_change_or_delete_another_partnerships_review_by_url(
    client, officer, wiltshire, powys_review
):
    change_url = reverse("admin:reviews_review_change", args=[powys_review.pk])
    delete_url = reverse("admin:reviews_review_delete", args=[powys_review.pk])

    opened = client.get(change_url)
    changed = client.post(change_url, review_form(wiltshire, pseudonym="Hijacked", slug="lesley"))
    deleted = client.post(delete_url, {"post": "yes"})

    for response in (opened, changed, deleted):
        assert response.status_code == 302  # to the admin index: "doesn't exist"
    powys_review.refresh_from_db()
    assert powys_review.pseudonym == "Lesley"
    assert Review.objects.filter(pk=powys_review.pk).exists()


def test_officer_cannot_list_open_or_delete_another_partnerships_document(
    client, officer, powys_review
):
    document = powys_review.documents.get()

    listing = client.get(reverse("admin:reviews_reviewdocument_changelist")).content.decode()
    opened = client.get(reverse("admin:reviews_reviewdocument_change", args=[document.pk]))
    deleted = client.post(
        reverse("admin:reviews_reviewdocument_delete", args=[document.pk]), {"post": "yes"}
    )

    assert "Lesley" not in listing
    assert opened.status_code == 302
    assert deleted.status_code == 302
    assert ReviewDocument.objects.filter(pk=document.pk).exists()


def test_officer_cannot_create_a_review_for_another_partnership(client, officer, powys):
    response = client.post(reverse("admin:reviews_review_add"), review_form(powys))

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert not Review.objects.exists()


def test_officer_cannot_attach_a_document_to_another_partnerships_review(
    client, officer, powys_review
):
    response = client.post(
        reverse("admin:reviews_reviewdocument_add"),
        {
            "review": str(powys_review.pk),
            "kind": "overview-report",
            "language": "en",
            "title": "",
            "file": SimpleUploadedFile("r.pdf", make_text_pdf([["x"]])),
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert powys_review.documents.count() == 1


def test_staff_user_without_a_partnership_sees_no_reviews(client, powys_review):
    sign_in(client, OfficerFactory())

    response = client.get(reverse("admin:reviews_review_changelist"))

    assert response.status_code == 403


def test_superuser_sees_every_partnerships_reviews(client, powys_review, wiltshire):
    ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult P")
    sign_in(client, OfficerFactory(is_superuser=True))

    html = client.get(reverse("admin:reviews_review_changelist")).content.decode()

    assert "Adult P" in html and "Lesley" in html


def test_review_list_has_filters_and_search(client, officer, wiltshire):
    # The partnership filter appears once an officer has more than one partnership to pick.
    second = PartnershipFactory()
    officer.partnerships.add(second)
    ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult P", reference="007_DHR")
    ReviewFactory(lead_partnership=second, pseudonym="Adult B", reference="006_DHR")
    url = reverse("admin:reviews_review_changelist")

    found = client.get(url, {"q": "007_DHR"}).content.decode()
    page = client.get(url).content.decode()

    assert "Adult P" in found and "Adult B" not in found
    for label in ("By lead partnership", "By review type", "By status", "By year published"):
        assert label in page


# Uploads


def test_officer_uploads_a_pdf_to_a_new_draft_review(client, officer, wiltshire, media_root):
    pdf = make_text_pdf([["One"], ["Two"], ["Three"]])
    upload = SimpleUploadedFile("My Report (final).pdf", pdf, content_type="application/pdf")

    response = client.post(
        reverse("admin:reviews_review_add"), with_upload(review_form(wiltshire), upload)
    )

    assert response.status_code == 302
    review = Review.objects.get(slug="adult-z")
    document = review.documents.get()
    assert review.created_by == officer
    assert document.uploaded_by == officer
    assert document.page_count == 3
    # The facts are those of the file as published: the cleaned copy, not the upload.
    with document.file.open("rb") as stored:
        published = stored.read()
    assert document.size_bytes == len(published)
    assert document.sha256 == hashlib.sha256(published).hexdigest()
    assert "My Report" not in document.file.name
    assert document.file.name.startswith("documents/") and document.file.name.endswith(".pdf")
    assert stored_files(media_root) == sorted([document.file.name, document.cover.name])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("logo.pdf", png_bytes(), "This file is not a PDF"),
        ("empty.pdf", b"", "The submitted file is empty"),
        ("half.pdf", make_text_pdf([["a"], ["b"]])[:400], "damaged or incomplete"),
        ("page.pdf", b"<html><body>%PDF-1.4</body></html>", "This file is not a PDF"),
    ],
    ids=["png-named-pdf", "empty", "truncated", "html-named-pdf"],
)
def test_bad_upload_is_refused_with_a_message_and_leaves_nothing_behind(
    client, officer, wiltshire, media_root, name, content, message
):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")

    response = client.post(
        reverse("admin:reviews_review_add"), with_upload(review_form(wiltshire), upload)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Review.objects.exists()
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


def test_oversize_upload_is_refused_with_the_limit_in_the_message(
    client, officer, wiltshire, media_root, settings
):
    settings.DHR_MAX_UPLOAD_BYTES = 1024
    upload = SimpleUploadedFile("big.pdf", make_text_pdf([["x" * 80] * 40] * 3))

    response = client.post(
        reverse("admin:reviews_review_add"), with_upload(review_form(wiltshire), upload)
    )

    assert response.status_code == 200
    assert "the largest file accepted is 1.0\xa0KB" in response.content.decode()
    assert not Review.objects.exists()
    assert stored_files(media_root) == []


def test_bad_upload_to_an_existing_review_keeps_the_review_unchanged(
    client, officer, wiltshire, media_root
):
    review = ReviewFactory(
        lead_partnership=wiltshire, pseudonym="Adult P", slug="adult-p", draft=True
    )
    upload = SimpleUploadedFile("x.pdf", png_bytes())

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        with_upload(review_form(wiltshire, pseudonym="Renamed", slug="adult-p"), upload),
    )

    assert response.status_code == 200
    review.refresh_from_db()
    assert review.pseudonym == "Adult P"
    assert stored_files(media_root) == []


# Publishing


def test_publish_action_makes_a_draft_and_its_documents_public(client, officer, wiltshire):
    review = ready_draft(wiltshire)
    document = review.documents.get()
    assert client.get(document.get_absolute_url()).status_code == 404

    client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "publish", "_selected_action": [review.pk]},
    )
    client.logout()

    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    assert review.published_on is not None
    assert client.get(document.get_absolute_url()).status_code == 200


def test_withdraw_action_takes_a_review_off_the_public_site(client, officer, wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire)
    document = ReviewDocumentFactory(review=review)

    client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "withdraw", "_selected_action": [review.pk]},
    )
    client.logout()

    assert client.get(review.get_absolute_url()).status_code == 410
    assert client.get(document.get_absolute_url()).status_code == 410


def test_actions_cannot_touch_another_partnerships_review(client, officer, powys_review):
    client.post(
        reverse("admin:reviews_review_changelist"),
        {"action": "publish", "_selected_action": [powys_review.pk]},
    )

    powys_review.refresh_from_db()
    assert powys_review.status == Review.Status.DRAFT


def test_change_page_links_to_the_review_on_the_public_site(client, officer, wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire)

    html = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()

    assert "View on site" in html


def test_another_partnerships_review_and_document_have_no_history_here(
    client, officer, powys_review
):
    document = powys_review.documents.get()
    own = ReviewFactory(lead_partnership=officer.partnerships.get(), draft=True)

    for url in [
        reverse("admin:reviews_review_history", args=[powys_review.pk]),
        reverse("admin:reviews_reviewdocument_history", args=[document.pk]),
        reverse("admin:reviews_review_history", args=[999999]),
    ]:
        assert client.get(url).status_code == 404, url  # as if it did not exist, not 403
    assert client.get(reverse("admin:reviews_review_history", args=[own.pk])).status_code == 200
