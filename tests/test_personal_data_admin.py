"""The personal-data check as officers meet it in the admin (the findings of an upload with a
link to each page, the names that must not appear, marking findings reviewed), and as the
public never does: no finding and no listed name on any public page or in any public file."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from reviews.models import PersonalDataFinding, Review, WithheldNames
from reviews.pdf_writer import make_text_pdf

from .admin_forms import review_form, with_upload
from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory, sign_in

pytestmark = pytest.mark.django_db

PAGE_12 = ["Adult P was born on 12 March 1984.", "She lived in Trowbridge, BA14 8AB."]


def twelve_pages():
    return make_text_pdf([[f"Page {n} of the report."] for n in range(1, 12)] + [PAGE_12])


def pdf(*pages):
    return ContentFile(make_text_pdf(list(pages)), name="report.pdf")


def change_url(review):
    return reverse("admin:reviews_review_change", args=[review.pk])


def findings_url(review):
    return reverse("admin:reviews_review_personal_data", args=[review.pk])


def names_form(review, names, existing=None):
    """The review's change form, as posted, with its list of names that must not appear."""
    return review_form(
        review.lead_partnership,
        pseudonym=review.pseudonym,
        slug=review.slug,
        **{
            "withheld_names-TOTAL_FORMS": "1",
            "withheld_names-INITIAL_FORMS": "1" if existing else "0",
            "withheld_names-0-id": str(existing.pk) if existing else "",
            "withheld_names-0-review": str(review.pk),
            "withheld_names-0-names": names,
        },
    )


@pytest.fixture
def draft(wiltshire):
    return ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult P", draft=True)


def test_an_upload_whose_page_12_holds_a_postcode_and_a_birth_date_shows_both_on_page_12(
    client, officer, wiltshire
):
    upload = SimpleUploadedFile("report.pdf", twelve_pages(), content_type="application/pdf")

    added = client.post(
        reverse("admin:reviews_review_add"),
        with_upload(review_form(wiltshire), upload),
        follow=True,
    )

    assert "“Executive summary” may hold personal data (2 findings)" in added.content.decode()
    review = Review.objects.get(slug="adult-z")
    html = client.get(change_url(review)).content.decode()
    section = html[html.index('id="personal-data"') :]
    page_link = reverse(
        "admin:reviews_review_preview_document", args=[review.pk, "executive-summary"]
    )
    assert section.count(f'<a href="{page_link}#page=12">page 12</a>') == 2
    assert "Date of birth" in section and "born on 12 March 1984" in section
    assert "Postcode" in section and "BA14 8AB" in section
    assert "Reviewed so far: 0 of 2." in section
    assert client.get(page_link).status_code == 200


def test_names_given_with_a_new_review_are_looked_for_in_its_first_upload(
    client, officer, wiltshire
):
    upload = SimpleUploadedFile(
        "es.pdf", make_text_pdf([["Rosalind Quennell called."]]), content_type="application/pdf"
    )
    form = with_upload(review_form(wiltshire), upload)
    form.update(
        {
            "withheld_names-TOTAL_FORMS": "1",
            "withheld_names-0-names": "Rosalind Quennell",
        }
    )

    added = client.post(reverse("admin:reviews_review_add"), form, follow=True)

    assert "“Executive summary” may hold personal data (1 finding)" in added.content.decode()
    review = Review.objects.get(slug="adult-z")
    assert WithheldNames.objects.get(review=review).updated_by == officer
    assert list(PersonalDataFinding.objects.values_list("kind", "matched")) == [
        ("name", "Rosalind Quennell")
    ]


def test_a_document_with_nothing_found_says_so(client, officer, draft):
    ReviewDocumentFactory(review=draft)

    html = client.get(change_url(draft)).content.decode()

    assert "Nothing found in this document." in html
    assert "Mark findings as reviewed" not in html


def test_names_saved_in_the_admin_are_looked_for_in_every_document(client, officer, draft):
    text = ["The panel met Rosalind Quennell's sister.", "Quennellson was not there."]
    ReviewDocumentFactory(review=draft, file=pdf(text))
    form = client.get(change_url(draft)).content.decode()
    assert 'name="withheld_names-0-names"' in form

    saved = client.post(change_url(draft), names_form(draft, "Rosalind Quennell\nQuennell"))

    assert saved.status_code == 302
    names = WithheldNames.objects.get(review=draft)
    assert names.updated_by == officer
    assert list(PersonalDataFinding.objects.values_list("kind", "matched")) == [
        ("name", "Rosalind Quennell"),
        ("name", "Quennell"),
    ]
    html = client.get(change_url(draft)).content.decode()
    assert "Name that must not appear" in html
    assert "Rosalind Quennell\nQuennell</textarea>" in html

    client.post(change_url(draft), names_form(draft, "", existing=names))

    assert not PersonalDataFinding.objects.exists()


def test_an_officer_marks_findings_reviewed_and_the_review_page_says_who_and_how_many(
    client, officer, draft
):
    ReviewDocumentFactory(
        review=draft,
        file=pdf(["Nothing."], ["Mobile 07700 900123, jo@example.org"]),
    )
    phone, email = PersonalDataFinding.objects.order_by("position")
    page = client.get(findings_url(draft)).content.decode()
    assert f'name="reviewed" value="{phone.pk}" id="reviewed-{phone.pk}">' in page
    assert "Reviewed: Phone number on page 2" in page

    marked = client.post(findings_url(draft), {"reviewed": [str(phone.pk)]}, follow=True)

    html = marked.content.decode()
    assert marked.redirect_chain[-1][0] == change_url(draft) + "#personal-data"
    assert "1 finding changed. Reviewed: 1 of 2." in html
    assert "Reviewed so far: 1 of 2." in html
    assert "wiltshire-officer, " in html
    phone.refresh_from_db()
    assert phone.reviewed_by == officer and phone.reviewed_at is not None
    assert "checked>" in client.get(findings_url(draft)).content.decode()


def test_another_partnerships_officer_cannot_see_or_mark_the_findings(client, powys, draft):
    ReviewDocumentFactory(review=draft, file=pdf(["jo@example.org"]))
    (finding,) = PersonalDataFinding.objects.all()
    sign_in(client, OfficerFactory(partnerships=[powys]))

    assert client.get(findings_url(draft)).status_code == 404
    assert client.post(findings_url(draft), {"reviewed": [finding.pk]}).status_code == 404
    finding.refresh_from_db()
    assert finding.is_reviewed is False


def test_an_editor_sees_a_published_reviews_findings_but_cannot_mark_them(client, wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire)
    ReviewDocumentFactory(review=review, file=pdf(["jo@example.org"]))
    sign_in(client, OfficerFactory(partnerships=[wiltshire], role="editor"))

    html = client.get(change_url(review)).content.decode()

    assert "jo@example.org" in html and "Reviewed so far: 0 of 1." in html
    assert "Mark findings as reviewed" not in html
    assert client.post(findings_url(review), {"reviewed": ["1"]}).status_code == 403


def test_a_document_moved_to_another_review_is_checked_for_that_reviews_names(
    client, officer, wiltshire, draft
):
    document = ReviewDocumentFactory(review=draft, file=pdf(["Quennell met Ashdown."]))
    other = ReviewFactory(lead_partnership=wiltshire, draft=True)
    WithheldNames.objects.create(review=draft, names="Quennell")
    WithheldNames.objects.create(review=other, names="Ashdown")
    assert list(document.personal_data_findings.values_list("matched", flat=True)) == ["Quennell"]

    moved = client.post(
        reverse("admin:reviews_reviewdocument_change", args=[document.pk]),
        {"review": other.pk, "kind": document.kind, "language": "en", "title": ""},
    )

    assert moved.status_code == 302
    assert list(document.personal_data_findings.values_list("matched", flat=True)) == ["Ashdown"]


# Never public


@pytest.fixture
def published_with_findings(wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult P", slug="adult-p")
    ReviewDocumentFactory(review=review, file=ContentFile(twelve_pages(), name="report.pdf"))
    WithheldNames.objects.create(review=review, names="Marguerite Ashdown\nAdult P")
    assert PersonalDataFinding.objects.filter(document__review=review).count() == 3
    return review


# Pages and files that show what the public sees of a review, but not its documents' text.
PUBLIC = [
    "/reviews/adult-p/",
    "/cy/reviews/adult-p/",
    "/reviews/",
    "/partnerships/wiltshire/",
    "/data/reviews.csv",
    "/data/reviews.json",
    "/reviews/feed.atom",
    "/partnerships/wiltshire/feed.atom",
    "/sitemap.xml",
]
# What only the check's own records hold: the listed name that is in no document, and the
# words the admin shows findings under.
PRIVATE = ["Marguerite", "Ashdown", "personal data", "date of birth", "postcode"]


def public_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode().casefold()


@pytest.mark.parametrize("path", PUBLIC)
def test_no_finding_and_no_listed_name_reaches_a_public_page_or_file(
    client, published_with_findings, path
):
    text = public_text(client, path)

    # What was found on page 12 is not repeated where the documents' text is not shown.
    for private in [*PRIVATE, "BA14 8AB", "12 March 1984"]:
        assert private.casefold() not in text


def test_a_search_shows_the_documents_own_text_but_nothing_of_the_check(
    client, published_with_findings
):
    text = public_text(client, "/reviews/?q=Trowbridge")

    assert "adult p" in text
    for private in PRIVATE:
        assert private.casefold() not in text


def test_searching_for_a_listed_name_finds_nothing(client, published_with_findings):
    for path in ("/reviews/?q=Ashdown", "/data/reviews.csv?q=Ashdown"):
        assert "adult-p" not in public_text(client, path)
    assert "adult-p" in public_text(client, "/reviews/?q=Trowbridge")
