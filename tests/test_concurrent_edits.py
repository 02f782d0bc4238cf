"""No lost edits: two officers open the same record in the admin and both save; the second is
told who changed it and what, keeps their own input on the form, and saves again knowingly."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from reviews.models import Recommendation, Review
from reviews.publishing import publish_review
from support.models import Helpline, InformationPage

from .admin_forms import form_as_sent
from .factories import (
    HelplineFactory,
    InformationPageFactory,
    OfficerFactory,
    RecommendationFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    ready_draft,
    sign_in,
)

pytestmark = pytest.mark.django_db

STOPPED = "Sam Jones saved changes here after you opened this page."
KEPT = "Nothing of yours has been saved yet: your changes are still in the form below."


@pytest.fixture
def sam(wiltshire):
    """A second publisher for Wiltshire, signed in on a client of her own."""
    client = Client()
    sign_in(
        client,
        OfficerFactory(
            username="sam", first_name="Sam", last_name="Jones", partnerships=[wiltshire]
        ),
    )
    return client


@pytest.fixture
def adult_q(wiltshire):
    return ReviewFactory(
        lead_partnership=wiltshire,
        pseudonym="Adult Q",
        slug="adult-q",
        draft=True,
        summary="The first summary.",
    )


def change_url(record):
    return reverse(
        f"admin:{record._meta.app_label}_{record._meta.model_name}_change", args=[record.pk]
    )


def errors(response):
    """The messages at the top of the form, as the officer reads them."""
    form = response.context["adminform"].form
    return [str(message) for message in form.non_field_errors()]


def test_second_officer_to_save_a_review_is_told_who_changed_what_and_keeps_their_input(
    client, officer, sam, adult_q
):
    url = change_url(adult_q)
    hers = form_as_sent(sam.get(url), summary="Sam's better summary.")
    mine = form_as_sent(client.get(url), reference="WILTS-7")

    assert sam.post(url, hers).status_code == 302
    stopped = client.post(url, mine)

    assert stopped.status_code == 200
    told = errors(stopped)
    assert told[0].startswith(STOPPED)
    assert KEPT in told[0]
    assert "Summary: now “Sam's better summary.”" in told
    assert len(told) == 2  # the explanation and the one change: nothing else is reported
    assert 'value="WILTS-7"' in stopped.content.decode()  # my input is still on the form
    adult_q.refresh_from_db()
    assert adult_q.summary == "Sam's better summary."
    assert adult_q.reference == ""

    # Having read what changed, I take her summary and save again: this time it is saved.
    again = form_as_sent(stopped, summary="Sam's better summary.")
    assert again["reference"] == "WILTS-7"
    assert client.post(url, again).status_code == 302
    adult_q.refresh_from_db()
    assert (adult_q.summary, adult_q.reference) == ("Sam's better summary.", "WILTS-7")


def test_choosing_to_keep_my_own_value_after_being_told_replaces_theirs(
    client, officer, sam, adult_q
):
    url = change_url(adult_q)
    hers = form_as_sent(sam.get(url), summary="Her summary.")
    mine = form_as_sent(client.get(url), summary="My summary.")
    sam.post(url, hers)

    stopped = client.post(url, mine)
    saved = client.post(url, form_as_sent(stopped))

    assert saved.status_code == 302
    adult_q.refresh_from_db()
    assert adult_q.summary == "My summary."


def test_a_change_to_a_recommendation_or_a_document_on_the_review_stops_the_save(
    client, officer, sam, adult_q
):
    recommendation = RecommendationFactory(review=adult_q, number="1", text="Share records.")
    document = ReviewDocumentFactory(review=adult_q)
    url = change_url(adult_q)
    hers = form_as_sent(
        sam.get(url),
        **{
            "recommendations-0-text": "Share records within a week.",
            "documents-0-DELETE": "on",
        },
    )
    mine = form_as_sent(client.get(url), pseudonym="Adult R")

    assert sam.post(url, hers).status_code == 302
    stopped = client.post(url, mine)

    told = errors(stopped)
    assert told[0].startswith(STOPPED)
    assert "Recommendation 1 of Adult Q, text: now “Share records within a week.”" in told
    assert "Executive summary: removed" in told
    adult_q.refresh_from_db()
    assert adult_q.pseudonym == "Adult Q"
    assert Recommendation.objects.get(pk=recommendation.pk).text == "Share records within a week."
    assert not adult_q.documents.filter(pk=document.pk).exists()


def test_a_recommendation_added_elsewhere_is_reported_and_kept_when_i_save_again(
    client, officer, adult_q
):
    url = change_url(adult_q)
    mine = form_as_sent(client.get(url), pseudonym="Adult R")
    RecommendationFactory(review=adult_q, number="4", text="Train reception staff.")

    stopped = client.post(url, mine)
    assert "Recommendation 4 of Adult Q: added" in errors(stopped)

    assert client.post(url, form_as_sent(stopped)).status_code == 302
    adult_q.refresh_from_db()
    assert adult_q.pseudonym == "Adult R"
    assert adult_q.recommendations.get().text == "Train reception staff."


def test_publishing_in_between_counts_as_a_change(client, officer, sam, wiltshire):
    review = ready_draft(wiltshire, pseudonym="Adult S")
    url = change_url(review)
    mine = form_as_sent(client.get(url), summary="A summary.")
    publish_review(review, by=get_user_model().objects.get(username="sam"))

    stopped = client.post(url, mine)

    told = errors(stopped)
    assert told[0].startswith(STOPPED)
    assert "Status: now “Published”" in told
    review.refresh_from_db()
    assert review.status == Review.Status.PUBLISHED
    assert review.summary == ""


def test_a_save_that_changed_nothing_stops_nobody(client, officer, sam, adult_q):
    url = change_url(adult_q)
    unchanged = form_as_sent(sam.get(url))
    mine = form_as_sent(client.get(url), reference="WILTS-8")

    assert sam.post(url, unchanged).status_code == 302
    assert client.post(url, mine).status_code == 302
    adult_q.refresh_from_db()
    assert adult_q.reference == "WILTS-8"


def test_my_own_save_in_another_tab_is_named_as_mine(client, officer, adult_q):
    url = change_url(adult_q)
    first_tab = form_as_sent(client.get(url), summary="From the first tab.")
    second_tab = form_as_sent(client.get(url), reference="WILTS-9")
    client.post(url, first_tab)

    told = errors(client.post(url, second_tab))

    assert told[0].startswith(
        "You saved changes here in another window or tab after you opened this page."
    )
    assert "Summary: now “From the first tab.”" in told


def test_a_marker_that_was_tampered_with_stops_the_save_with_a_message(client, officer, adult_q):
    url = change_url(adult_q)
    mine = form_as_sent(client.get(url), reference="WILTS-10", _edit_marker="forged")

    stopped = client.post(url, mine)

    assert errors(stopped) == [
        "We could not tell whether someone else saved changes here after you opened this "
        "page, so nothing has been saved yet. Check the form below, then save again."
    ]
    adult_q.refresh_from_db()
    assert adult_q.reference == ""
    assert client.post(url, form_as_sent(stopped)).status_code == 302


def test_a_marker_of_another_record_does_not_let_a_save_through(
    client, officer, adult_q, wiltshire
):
    other = ReviewFactory(lead_partnership=wiltshire, draft=True)
    marker = form_as_sent(client.get(change_url(other)))["_edit_marker"]
    mine = form_as_sent(client.get(change_url(adult_q)), reference="X", _edit_marker=marker)

    stopped = client.post(change_url(adult_q), mine)

    assert stopped.status_code == 200
    assert errors(stopped)[0].startswith("We could not tell")


# Help content: the support app's admin uses the same check.


def test_second_officer_to_save_a_helpline_is_told_who_changed_its_number_and_hours(
    client, officer, sam, wiltshire
):
    helpline = HelplineFactory(
        name="Wiltshire evening line", local=True, partnership=wiltshire, phone="01225 712880"
    )
    url = change_url(helpline)
    hers = form_as_sent(
        sam.get(url),
        phone="01225 712999",
        open_24_hours="",
        **{
            "opening_hours-TOTAL_FORMS": "1",
            "opening_hours-0-weekday": "0",
            "opening_hours-0-opens": "18:00",
            "opening_hours-0-closes": "22:00",
        },
    )
    hers.pop("open_24_hours")
    mine = form_as_sent(client.get(url), name="Wiltshire night line")

    assert sam.post(url, hers).status_code == 302
    stopped = client.post(url, mine)

    told = errors(stopped)
    assert told[0].startswith(STOPPED)
    assert "Phone number: now “01225712999”" in told
    assert "Open 24 hours, every day: now “No”" in told
    assert "Monday 18:00-22:00: added" in told
    assert 'value="Wiltshire night line"' in stopped.content.decode()
    helpline.refresh_from_db()
    assert helpline.name == "Wiltshire evening line"

    assert client.post(url, form_as_sent(stopped)).status_code == 302
    helpline.refresh_from_db()
    assert helpline.name == "Wiltshire night line"
    assert helpline.opening_hours.count() == 1


def test_second_officer_to_save_an_information_page_is_told_what_changed(
    client, officer, sam, wiltshire
):
    page = InformationPageFactory(
        partnership=wiltshire, title="About us", slug="about-wiltshire", body="Old text."
    )
    url = change_url(page)
    hers = form_as_sent(sam.get(url), body="New text from Sam.", is_published="")
    hers.pop("is_published")
    mine = form_as_sent(client.get(url), title="About the partnership")

    assert sam.post(url, hers).status_code == 302
    stopped = client.post(url, mine)

    told = errors(stopped)
    assert told[0].startswith(STOPPED)
    assert "Body: now “New text from Sam.”" in told
    assert "Shown on the public site: now “No”" in told
    page.refresh_from_db()
    assert (page.title, page.body) == ("About us", "New text from Sam.")

    assert client.post(url, form_as_sent(stopped, body="New text from Sam.")).status_code == 302
    page.refresh_from_db()
    assert (page.title, page.body) == ("About the partnership", "New text from Sam.")
    assert InformationPage.history.filter(id=page.pk).first().history_user.username == (
        "wiltshire-officer"
    )


def test_help_content_keeps_who_saved_each_version(client, officer, wiltshire):
    helpline = HelplineFactory(name="Line", local=True, partnership=wiltshire)
    url = change_url(helpline)

    client.post(url, form_as_sent(client.get(url), name="Renamed line"))

    latest = Helpline.history.filter(id=helpline.pk).first()
    assert latest.name == "Renamed line"
    assert latest.history_user.username == "wiltshire-officer"


# A recommendation and a document have pages of their own too.


def test_a_recommendation_changed_on_its_review_page_is_not_overwritten_from_its_own_page(
    client, officer, sam, adult_q
):
    recommendation = RecommendationFactory(review=adult_q, number="1", text="Share records.")
    mine = form_as_sent(client.get(change_url(recommendation)), due_on="2027-03-31")
    review_url = change_url(adult_q)
    hers = form_as_sent(sam.get(review_url), **{"recommendations-0-text": "Share records now."})
    assert sam.post(review_url, hers).status_code == 302

    stopped = client.post(change_url(recommendation), mine)

    told = errors(stopped)
    assert told[0].startswith(STOPPED)
    assert "Text: now “Share records now.”" in told
    recommendation.refresh_from_db()
    assert (recommendation.text, recommendation.due_on) == ("Share records now.", None)


def test_second_officer_to_retitle_a_document_is_told_the_first_ones_title(
    client, officer, sam, adult_q
):
    document = ReviewDocumentFactory(review=adult_q)
    url = change_url(document)
    hers = form_as_sent(sam.get(url), title="Summary for families")
    mine = form_as_sent(client.get(url), title="Executive summary (2026)")
    assert sam.post(url, hers).status_code == 302

    stopped = client.post(url, mine)

    assert "Title: now “Summary for families”" in errors(stopped)
    document.refresh_from_db()
    assert document.title == "Summary for families"
