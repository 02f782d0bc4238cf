"""The publication record of a statutory review: what must be recorded before it is published
(panel approval, executive summary, anonymisation confirmed, family told), what is optional
(the panel's letter, copies sent), the checklist page that shows it, the history that keeps it,
and who may see and confirm it."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import strip_tags

from reviews.models import Review
from reviews.publication_record import publication_record

from .admin_forms import review_form
from .factories import (
    AgencyFactory,
    OfficerFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    make_responder,
    pdf_file,
    ready_draft,
    sign_in,
)

pytestmark = pytest.mark.django_db

MISSING = {
    "family": (
        {"family_told_on": None},
        "Enter the date the family was told when the review will be published",
    ),
    "anonymisation": (
        {"anonymisation_confirmed_at": None},
        "A publisher confirms that the documents to be published are anonymised",
    ),
    "qa_approval": (
        {"qa_panel_approved_on": None},
        "Enter the date the Home Office Quality Assurance Panel approved the report",
    ),
    "executive_summary": ({}, "Upload the executive summary."),
}


def draft_missing(partnership, missing):
    """A draft that meets every rule but the one named."""
    review = ready_draft(partnership, pseudonym="Adult Z")
    fields, _ = MISSING[missing]
    Review.objects.filter(pk=review.pk).update(**fields)
    if missing == "executive_summary":
        # The same file, now an overview report: the confirmation still covers it.
        review.documents.update(kind="overview-report")
    review.refresh_from_db()
    return review


def record_url(review):
    return reverse("admin:reviews_review_publication_record", args=[review.pk])


def anonymisation_url(review):
    return reverse("admin:reviews_review_anonymisation", args=[review.pk])


def text_of(response):
    return re.sub(r"\s+", " ", strip_tags(response.content.decode()))


def row(response, label):
    """The text of the checklist's row for the item `label`."""
    html = response.content.decode()
    rows = [strip_tags(r) for r in html.split("<tr>") if label in r]
    assert len(rows) == 1, label
    return re.sub(r"\s+", " ", rows[0]).strip()


# Publishing is refused, naming what is missing


@pytest.mark.parametrize("missing", list(MISSING))
def test_publishing_is_refused_naming_what_is_missing(client, officer, wiltshire, missing):
    review = draft_missing(wiltshire, missing)
    url = reverse("admin:reviews_review_publication", args=[review.pk])
    message = MISSING[missing][1]
    others = [text for name, (_, text) in MISSING.items() if name != missing]

    page = text_of(client.get(url))
    posted = text_of(client.post(url, {"when": "now", "publish": "Publish"}))
    listed = text_of(
        client.post(
            reverse("admin:reviews_review_changelist"),
            {"action": "publish", "_selected_action": [review.pk]},
            follow=True,
        )
    )

    assert "This review cannot be published yet" in page and message in page
    assert not any(other in page for other in others)
    assert message in posted
    assert f"Not published: Adult Z: {message}" in listed
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT
    client.logout()
    assert client.get(review.get_absolute_url()).status_code == 404


def test_a_complete_record_is_published_without_the_optional_items(client, officer, wiltshire):
    review = ready_draft(wiltshire, slug="adult-z")
    assert review.home_office_copy_sent_on is None and review.qa_panel_letter_published is None

    response = client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "now", "publish": "Publish"},
        follow=True,
    )

    assert "is published: the public can see it now" in text_of(response)
    client.logout()
    assert client.get("/reviews/adult-z/").status_code == 200


def test_a_document_uploaded_after_the_confirmation_needs_a_new_one(client, officer, wiltshire):
    review = ready_draft(wiltshire)
    ReviewDocumentFactory(
        review=review, kind="overview-report", file=pdf_file(text="Names left in")
    )
    url = reverse("admin:reviews_review_publication", args=[review.pk])

    client.post(url, {"when": "now", "publish": "Publish"})

    assert "uploaded or replaced after the anonymisation was confirmed" in text_of(client.get(url))
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT


def test_a_local_learning_review_needs_no_record(client, officer, wiltshire):
    review = ReviewFactory(
        lead_partnership=wiltshire, draft=True, review_type=Review.ReviewType.LOCAL_LEARNING
    )

    page = text_of(client.get(record_url(review)))
    client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "now", "publish": "Publish"},
    )

    assert "nothing needs recording before it is published" in page
    review.refresh_from_db()
    assert review.is_public


# The checklist


def test_the_checklist_shows_what_is_done_and_what_is_missing(client, officer, wiltshire):
    review = ReviewFactory(
        lead_partnership=wiltshire,
        draft=True,
        qa_panel_approved_on=datetime.date(2026, 11, 2),
        qa_panel_letter_published=False,
    )
    ReviewDocumentFactory(review=review)
    change = reverse("admin:reviews_review_change", args=[review.pk])

    response = client.get(record_url(review))

    html = response.content.decode()
    assert response.status_code == 200
    assert "2 items needed before publishing are missing." in text_of(response)
    approval = row(response, "Quality Assurance Panel approved the report")
    assert "Required" in approval and "Done: 2 November 2026" in approval
    assert "Done: No, it is not published." in row(response, "panel&#x27;s letter is published")
    assert "Done: Uploaded." in row(response, "executive summary is uploaded")
    family = row(response, "family was told the publication date")
    assert "Required" in family and "Missing: Enter the date the family was told" in family
    assert "Missing" in row(response, "confirmed the documents are anonymised")
    home_office = row(response, "copy was sent to the Home Office")
    assert "Optional" in home_office and "Optional until the duty" in home_office
    assert "Optional" in row(response, "copy was sent to the Domestic Abuse Commissioner")
    assert f'href="{change}#id_family_told_on"' in html
    assert f'href="{change}#documents-group"' in html
    assert f'href="{anonymisation_url(review)}"' in html
    assert f'href="{reverse("admin:reviews_review_publication", args=[review.pk])}"' in html


def test_a_complete_record_says_so_and_the_pages_link_to_it(client, officer, wiltshire):
    review = ready_draft(wiltshire)

    checklist = client.get(record_url(review))
    change = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    publish = client.get(
        reverse("admin:reviews_review_publication", args=[review.pk])
    ).content.decode()

    assert "Everything needed before publishing is recorded." in text_of(checklist)
    for label in [
        "Quality Assurance Panel approved the report",
        "executive summary is uploaded",
        "confirmed the documents are anonymised",
        "family was told the publication date",
    ]:
        assert "Required Done" in row(checklist, label), label
    assert f'href="{record_url(review)}"' in change and "Publication record" in change
    assert f'href="{record_url(review)}"' in publish


def test_the_panel_letter_said_published_but_not_uploaded_is_shown_missing(
    client, officer, wiltshire
):
    review = ready_draft(wiltshire, qa_panel_letter_published=True)

    response = client.get(record_url(review))

    letter = row(response, "panel&#x27;s letter is published")
    assert "Optional" in letter and "Missing: You said the panel" in letter


# Recording the entries, and the history that keeps them


def test_the_review_form_records_the_dates_and_the_history_keeps_them(client, officer, wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire, draft=True, slug="adult-z")

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(
            wiltshire,
            qa_panel_approved_on="2026-10-01",
            qa_panel_letter_published="true",
            family_told_on="2026-10-20",
            home_office_copy_sent_on="2026-10-21",
            commissioner_copy_sent_on="",
        ),
    )

    assert response.status_code == 302
    latest = review.history.first()
    assert latest.history_user == officer
    assert latest.family_told_on == datetime.date(2026, 10, 20)
    assert latest.qa_panel_letter_published is True
    assert latest.home_office_copy_sent_on == datetime.date(2026, 10, 21)
    assert latest.commissioner_copy_sent_on is None
    changed = latest.diff_against(latest.prev_record).changed_fields
    assert {"family_told_on", "qa_panel_letter_published", "home_office_copy_sent_on"} <= set(
        changed
    )
    form = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    assert "Publication record" in form and "not from the news" in form
    assert "Optional until the duty in the Victims and Prisoners Act 2024" in form


def test_a_date_still_to_come_is_refused(client, officer, wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire, draft=True, slug="adult-z")
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(wiltshire, family_told_on=tomorrow.isoformat()),
    )

    assert response.status_code == 200
    assert "This date is in the future. Enter it once it has happened." in text_of(response)
    review.refresh_from_db()
    assert review.family_told_on is None


def test_a_publisher_confirms_the_anonymisation_and_the_history_keeps_who_and_when(
    client, officer, wiltshire
):
    review = ReviewFactory(lead_partnership=wiltshire, draft=True)
    document = ReviewDocumentFactory(review=review)
    url = anonymisation_url(review)

    page = client.get(url).content.decode()
    unticked = text_of(client.post(url, {}))
    review.refresh_from_db()
    assert review.anonymisation_confirmed_at is None
    confirmed = client.post(url, {"confirmed": "on"}, follow=True)

    assert document.display_title in page
    assert reverse("admin:reviews_review_preview_document", args=[review.pk, document.slug]) in page
    assert "Tick the box to confirm" in unticked
    assert "You confirmed that the documents" in text_of(confirmed)
    assert f"Confirmed by {officer.username} on" in row(
        confirmed, "confirmed the documents are anonymised"
    )
    latest = review.history.first()
    assert latest.anonymisation_confirmed_by == officer and latest.history_user == officer
    assert latest.anonymisation_confirmed_at is not None
    assert latest.history_change_reason == "Anonymisation confirmed"
    history = client.get(reverse("admin:reviews_review_history", args=[review.pk]))
    assert "Anonymisation confirmed" in history.content.decode()


def test_nothing_to_confirm_before_a_document_is_uploaded(client, officer, wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire, draft=True)

    page = text_of(client.get(anonymisation_url(review)))
    client.post(anonymisation_url(review), {"confirmed": "on"})

    assert "Upload the documents first" in page
    review.refresh_from_db()
    assert review.anonymisation_confirmed_at is None


# Who may see and confirm it


def test_an_editor_may_see_the_checklist_but_not_publish_or_confirm(client, wiltshire):
    sign_in(client, OfficerFactory(partnerships=[wiltshire], role="editor"))
    review = ready_draft(wiltshire)
    Review.objects.filter(pk=review.pk).update(anonymisation_confirmed_at=None)
    publish_url = reverse("admin:reviews_review_publication", args=[review.pk])

    checklist = client.get(record_url(review))
    confirm = client.post(anonymisation_url(review), {"confirmed": "on"})
    publish = client.post(publish_url, {"when": "now", "publish": "Publish"})

    assert checklist.status_code == 200
    anonymisation = row(checklist, "confirmed the documents are anonymised")
    assert (
        "Missing" in anonymisation and "A publisher of the partnership does this." in anonymisation
    )
    assert f'href="{anonymisation_url(review)}"' not in checklist.content.decode()
    assert f'href="{publish_url}"' not in checklist.content.decode()
    assert confirm.status_code == 403 and publish.status_code == 403
    review.refresh_from_db()
    assert review.status == Review.Status.DRAFT and review.anonymisation_confirmed_at is None


def test_another_partnerships_record_is_not_found(client, officer, powys):
    review = ready_draft(powys)

    for url in [record_url(review), anonymisation_url(review)]:
        assert client.get(url).status_code == 404, url
    assert client.post(anonymisation_url(review), {"confirmed": "on"}).status_code == 404
    assert client.get(record_url(ReviewFactory.build(pk=999999))).status_code == 404


def test_a_responder_finds_no_record(client, wiltshire):
    sign_in(client, make_responder(AgencyFactory()))
    review = ready_draft(wiltshire)

    assert client.get(record_url(review)).status_code == 404


# In Welsh, and the demo data


def test_the_checklist_items_are_translated_into_welsh(wiltshire):
    review = ReviewFactory(lead_partnership=wiltshire, draft=True)
    english = publication_record(review)

    with translation.override("cy"):
        welsh = publication_record(review)

    assert len(welsh) == len(english) > 0
    for ours, theirs in zip(english, welsh, strict=True):
        assert theirs.label != ours.label and theirs.to_do != ours.to_do


def test_the_demo_records_nothing_it_does_not_know_and_stays_published(client, demo):
    statutory = [r for r in Review.objects.all() if r.is_statutory]

    assert statutory and all(r.status == Review.Status.PUBLISHED for r in statutory)
    assert all(
        (r.family_told_on, r.anonymisation_confirmed_at, r.home_office_copy_sent_on) == (None,) * 3
        for r in statutory
    )
    assert client.get("/reviews/ellie/").status_code == 200


def test_the_checklist_shows_whether_the_personal_data_findings_were_checked(
    client, officer, wiltshire
):
    from reviews.models import PersonalDataFinding
    from reviews.personal_data import record_reviewed

    review = ready_draft(wiltshire, slug="adult-z")
    document = review.documents.get()
    found = [
        PersonalDataFinding.objects.create(
            document=document, kind=kind, page=12, matched=matched, position=number
        )
        for number, (kind, matched) in enumerate(
            [("postcode", "BA14 8AB"), ("date-of-birth", "12 March 1984")]
        )
    ]

    checked = row(client.get(record_url(review)), "Personal data found in the documents")
    assert "Optional" in checked
    assert "Missing: 0 of 2 findings checked" in checked
    record_reviewed(review, reviewed=[finding.pk for finding in found], by=officer)
    checked = row(client.get(record_url(review)), "Personal data found in the documents")
    assert "Done: All 2 findings have been checked." in checked

    # Findings are warnings: publishing is not refused while some are unchecked.
    record_reviewed(review, reviewed=[found[0].pk], by=officer)
    response = client.post(
        reverse("admin:reviews_review_publication", args=[review.pk]),
        {"when": "now", "publish": "Publish"},
        follow=True,
    )
    assert "is published: the public can see it now" in text_of(response)
