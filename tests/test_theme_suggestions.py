"""Themes suggested from a review's documents: kept when a document's text is stored, made again
when it is stored again, combined across documents, never public, and decided on by officers in
the admin (accept adds the theme to the review; reject sets it aside for good)."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from reviews.models import Review, ThemeSuggestion
from reviews.pdf_writer import make_text_pdf
from reviews.theme_suggestions import AlreadyDecided, accept, reject, waiting_for

from .admin_forms import review_form, with_upload
from .factories import OfficerFactory, ReviewDocumentFactory, ReviewFactory, ThemeFactory, sign_in

pytestmark = pytest.mark.django_db

# An invented report (test data): stalking on pages 2 and 3, strangulation negated on page 2.
REPORT = [
    ["Overview report: Adult S (fictional test data)", "1.1 Adult S lived alone."],
    ["2.1 He stalked her after the separation.", "2.2 There was no evidence of strangulation."],
    ["3.1 The stalking went on for a year, and the stalking was reported twice."],
]


def pdf(pages, name="report.pdf"):
    return ContentFile(make_text_pdf(pages), name=name)


@pytest.fixture
def stalking():
    return ThemeFactory(name="Stalking", slug="stalking", search_terms="stalked\nstalker")


@pytest.fixture
def strangulation():
    return ThemeFactory(
        name="Non-fatal strangulation", slug="nfs", search_terms="strangulation\nstrangled"
    )


@pytest.fixture
def themed_draft(wiltshire, stalking, strangulation):
    """A draft of Wiltshire's whose overview report suggests stalking (and not strangulation)."""
    review = ReviewFactory(lead_partnership=wiltshire, pseudonym="Adult S", draft=True)
    ReviewDocumentFactory(review=review, kind="overview-report", file=pdf(REPORT))
    return review


def suggested(review):
    return [
        (s.theme.name, s.mentions, [(e.document.kind, e.page_counts()) for e in s.evidence.all()])
        for s in waiting_for(review)
    ]


def decide_url(review, suggestion):
    return reverse("admin:reviews_review_theme_suggestion", args=[review.pk, suggestion.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# Kept when the text is stored


def test_a_stored_text_suggests_the_themes_it_mentions_with_their_pages(themed_draft):
    assert suggested(themed_draft) == [("Stalking", 3, [("overview-report", [(2, 1), (3, 2)])])]
    assert list(themed_draft.themes.all()) == []


def test_a_theme_already_on_the_review_is_not_suggested(wiltshire, stalking):
    review = ReviewFactory(lead_partnership=wiltshire, draft=True)
    review.themes.add(stalking)

    ReviewDocumentFactory(review=review, kind="overview-report", file=pdf(REPORT))

    assert suggested(review) == []


def test_mentions_in_all_the_reviews_documents_make_one_suggestion(themed_draft):
    ReviewDocumentFactory(
        review=themed_draft,
        kind="executive-summary",
        file=pdf([["Summary (fictional)."], ["She was stalked."]]),
    )

    assert suggested(themed_draft) == [
        ("Stalking", 4, [("executive-summary", [(2, 1)]), ("overview-report", [(2, 1), (3, 2)])])
    ]
    assert ThemeSuggestion.objects.count() == 1


def test_a_document_stored_again_replaces_what_it_suggested(themed_draft, strangulation):
    document = themed_draft.documents.get()

    document.file = pdf([["Now (fictional): he strangled her."], ["Nothing else."]])
    document.full_clean(exclude=["slug"])
    document.save()

    assert suggested(themed_draft) == [
        ("Non-fatal strangulation", 1, [("overview-report", [(1, 1)])])
    ]


def test_a_rejected_or_accepted_theme_is_not_suggested_again(themed_draft, officer, strangulation):
    reject(waiting_for(themed_draft).get(), by=officer)
    document = themed_draft.documents.get()
    document.file = pdf([*REPORT, ["4.1 He strangled her; he had stalked her before."]])
    document.full_clean(exclude=["slug"])
    document.save()
    accept(waiting_for(themed_draft).get(), by=officer)

    ReviewDocumentFactory(review=themed_draft, file=pdf([["Stalked and strangled."]]))

    assert suggested(themed_draft) == []
    assert list(themed_draft.themes.all()) == [strangulation]


def test_a_deleted_document_no_longer_suggests(themed_draft):
    themed_draft.documents.get().delete()

    assert suggested(themed_draft) == []


def test_a_document_moved_to_another_review_suggests_to_that_review(
    client, officer, themed_draft, wiltshire
):
    document = themed_draft.documents.get()
    other = ReviewFactory(lead_partnership=wiltshire, draft=True)

    moved = client.post(
        reverse("admin:reviews_reviewdocument_change", args=[document.pk]),
        {"review": other.pk, "kind": document.kind, "language": "en", "title": ""},
    )

    assert moved.status_code == 302
    assert suggested(themed_draft) == []
    assert suggested(other) == [("Stalking", 3, [("overview-report", [(2, 1), (3, 2)])])]


def test_a_second_decision_is_refused(themed_draft, officer):
    suggestion = waiting_for(themed_draft).get()
    accept(suggestion, by=officer)

    with pytest.raises(AlreadyDecided):
        reject(suggestion, by=officer)
    suggestion.refresh_from_db()
    assert suggestion.state == ThemeSuggestion.State.ACCEPTED


def test_only_an_accepted_theme_is_public(client, themed_draft, officer, stalking):
    Review.objects.filter(pk=themed_draft.pk).update(status=Review.Status.PUBLISHED)
    public_page = themed_draft.get_absolute_url()

    waiting = client.get(public_page).content.decode()
    accept(waiting_for(themed_draft).get(), by=officer)
    accepted = client.get(public_page).content.decode()

    assert "Adult S" in waiting and "Stalking" not in waiting
    assert "Stalking" in accepted
    search = client.get(reverse("reviews:review_list"), {"theme": "stalking"}).content.decode()
    assert "Adult S" in search


# The officer's view


def test_an_upload_tells_the_officer_how_many_themes_its_text_suggests(
    client, officer, wiltshire, stalking, strangulation
):
    review = ReviewFactory(lead_partnership=wiltshire, draft=True)
    pages = [*REPORT, ["4.1 He strangled her in March (fictional)."]]
    upload = SimpleUploadedFile("overview.pdf", make_text_pdf(pages))

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        with_upload(
            review_form(wiltshire, pseudonym=review.pseudonym, slug=review.slug),
            upload,
            kind="overview-report",
        ),
        follow=True,
    )

    assert (
        "The text of the overview report suggests 2 themes: accept or reject them below."
        in messages_of(response)
    )


def test_the_reviews_page_lists_each_theme_with_links_to_its_pages_of_a_draft(
    client, officer, themed_draft
):
    document = themed_draft.documents.get()
    suggestion = waiting_for(themed_draft).get()

    page = client.get(reverse("admin:reviews_review_change", args=[themed_draft.pk]))
    html = page.content.decode()

    assert "Themes suggested by the reports' text: waiting for you" in html
    assert "Overview report, 3 mentions:" in html
    link = reverse("admin:reviews_review_preview_document", args=[themed_draft.pk, document.slug])
    assert f'href="{link}#page=2">page 2</a>' in html
    assert f'href="{link}#page=3">page 3</a> (2)' in html
    assert f'formaction="{decide_url(themed_draft, suggestion)}"' in html
    assert 'form id="theme-decisions" method="post"' in html
    listed = html[html.index('id="theme-suggestions"') :]
    listed = listed[: listed.index("</table>")]
    assert "Stalking" in listed and "Non-fatal strangulation" not in listed  # negated
    pdf_response = client.get(link)
    assert pdf_response.status_code == 200 and pdf_response["Content-Type"] == "application/pdf"


def test_accepting_adds_the_theme_to_the_review(client, officer, themed_draft, stalking):
    suggestion = waiting_for(themed_draft).get()

    response = client.post(decide_url(themed_draft, suggestion), {"decision": "accept"})

    assert response.status_code == 302
    assert "“Stalking” was added to the review's themes." in messages_of(response)
    assert list(themed_draft.themes.all()) == [stalking]
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.decided_by) == ("accepted", officer)
    change_page = client.get(response["Location"]).content.decode()
    assert "waiting for you" not in change_page


def test_rejecting_sets_the_theme_aside(client, officer, themed_draft):
    suggestion = waiting_for(themed_draft).get()

    response = client.post(decide_url(themed_draft, suggestion), {"decision": "reject"})

    assert "“Stalking” was rejected: it will not be suggested for this review again." in (
        messages_of(response)
    )
    assert list(themed_draft.themes.all()) == []
    suggestion.refresh_from_db()
    assert suggestion.state == ThemeSuggestion.State.REJECTED


def test_the_suggestions_own_page_lists_every_page_and_offers_the_decision(
    client, officer, themed_draft
):
    response = client.get(decide_url(themed_draft, waiting_for(themed_draft).get()))

    html = response.content.decode()
    assert response.status_code == 200
    assert "mentions “Stalking” 3 times" in html
    assert "Stalking; stalked; stalker" in html
    assert 'name="decision" value="accept"' in html and 'name="decision" value="reject"' in html


def test_a_second_accept_is_answered_with_a_page(client, officer, themed_draft):
    suggestion = waiting_for(themed_draft).get()
    client.post(decide_url(themed_draft, suggestion), {"decision": "accept"})

    response = client.post(decide_url(themed_draft, suggestion), {"decision": "accept"})

    html = response.content.decode()
    assert response.status_code == 409
    assert "This suggestion was decided on already." in html
    assert "Accepted by wiltshire-officer on" in html
    assert themed_draft.themes.count() == 1


def test_a_decision_that_is_neither_is_answered_with_a_page(client, officer, themed_draft):
    suggestion = waiting_for(themed_draft).get()

    response = client.post(decide_url(themed_draft, suggestion), {"decision": "maybe"})

    assert response.status_code == 400
    assert "Choose whether to accept or reject the theme." in response.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.state == ThemeSuggestion.State.WAITING


def test_a_suggestion_of_another_review_is_not_found(client, officer, themed_draft, wiltshire):
    other = ReviewFactory(lead_partnership=wiltshire, draft=True)

    response = client.post(
        decide_url(other, waiting_for(themed_draft).get()), {"decision": "accept"}
    )

    assert response.status_code == 404
    assert themed_draft.themes.count() == 0 and other.themes.count() == 0


def test_a_decision_needs_the_forms_csrf_token(officer, themed_draft):
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, officer)

    response = browser.post(
        decide_url(themed_draft, waiting_for(themed_draft).get()), {"decision": "accept"}
    )

    assert response.status_code == 403
    assert themed_draft.themes.count() == 0


def test_an_officer_of_another_partnership_cannot_see_or_decide(client, themed_draft, powys):
    sign_in(client, OfficerFactory(partnerships=[powys]))
    url = decide_url(themed_draft, waiting_for(themed_draft).get())

    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "accept"}).status_code == 404
    assert themed_draft.themes.count() == 0


def test_an_editor_decides_on_a_draft_but_not_on_a_published_review(
    client, themed_draft, wiltshire
):
    sign_in(client, OfficerFactory(partnerships=[wiltshire], role="editor"))
    suggestion = waiting_for(themed_draft).get()
    Review.objects.filter(pk=themed_draft.pk).update(status=Review.Status.PUBLISHED)

    refused = client.post(decide_url(themed_draft, suggestion), {"decision": "accept"})
    change_page = client.get(reverse("admin:reviews_review_change", args=[themed_draft.pk]))
    Review.objects.filter(pk=themed_draft.pk).update(status=Review.Status.DRAFT)
    allowed = client.post(decide_url(themed_draft, suggestion), {"decision": "accept"})

    assert refused.status_code == 403
    assert "Themes suggested" not in change_page.content.decode()
    assert allowed.status_code == 302
    assert themed_draft.themes.count() == 1
