"""Recommendations in the officers' admin: the inline on a review, the list and its filters,
recording updates (in bulk and one at a time), suggestions found in an upload, agencies, and
the agency responder, who may only record updates on their agency's published
recommendations."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from reviews.models import Agency, Recommendation, Review, Status, Suggestion, Update
from reviews.pdf_writer import make_text_pdf
from reviews.publishing import publish_review

from . import recommendation_reports
from .admin_forms import png_bytes, review_form, with_upload
from .conftest import stored_files
from .factories import (
    AgencyFactory,
    NoticeFactory,
    OfficerFactory,
    PartnershipFactory,
    RecommendationFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    confirm_anonymised,
    make_responder,
    ready_draft,
    sign_in,
)

pytestmark = pytest.mark.django_db

LIST = "admin:reviews_recommendation_changelist"


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def with_recommendation(data, agencies, **fields):
    """`data` (a review form) with one new recommendation in its recommendations formset."""
    row = {
        "number": "1",
        "position": "0",
        "text": "The police should flag repeat calls from one address.",
        "text_cy": "",
        "level": "local",
        "due_on": "",
        "document": "",
        "page": "",
        **fields,
    }
    data.update({f"recommendations-0-{name}": value for name, value in row.items()})
    data["recommendations-0-agencies"] = [str(agency.pk) for agency in agencies]
    data["recommendations-TOTAL_FORMS"] = "1"
    return data


def listing(client, **query):
    response = client.get(reverse(LIST), query)
    assert response.status_code == 200
    return {str(recommendation) for recommendation in response.context["cl"].result_list}


def record_in_bulk(client, recommendations, **fields):
    data = {
        "action": "record_update",
        "_selected_action": [str(r.pk) for r in recommendations],
        "apply": "1",
        "status": "in-progress",
        "recorded_on": timezone.localdate().isoformat(),
        "note": "Training has started.",
        "note_cy": "",
        "evidence_url": "",
        "agency": "",
        **fields,
    }
    return client.post(reverse(LIST), data, follow=True)


# The inline on a review


def test_an_editor_adds_a_recommendation_to_a_draft_on_its_page(client, own):
    sign_in(client, OfficerFactory(partnerships=[own], role="editor"))
    police = AgencyFactory(name="Wiltshire Police", partnership=own)
    review = ready_draft(own)

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        with_recommendation(
            review_form(own, pseudonym=review.pseudonym, slug=review.slug), [police]
        ),
    )

    assert response.status_code == 302
    recommendation = review.recommendations.get()
    assert recommendation.number == "1"
    assert list(recommendation.agencies.all()) == [police]
    assert recommendation.status == Status.NOT_REPORTED
    # A draft's recommendation is not public.
    assert not Recommendation.objects.published().exists()


def test_the_inline_offers_national_agencies_and_the_reviews_partnerships_local_ones(
    client, officer, own
):
    national = AgencyFactory(name="Home Office")
    local = AgencyFactory(name="Wiltshire Police", partnership=own)
    AgencyFactory(name="Dyfed-Powys Police", partnership=PartnershipFactory())
    review = ready_draft(own)

    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    start = page.index('name="recommendations-__prefix__-agencies"')
    offered = page[start : page.index("</select>", start)]

    assert national.name in offered and local.name in offered
    assert "Dyfed-Powys Police" not in offered


def test_another_partnerships_local_agency_is_refused_on_a_review(client, officer, own):
    review = ready_draft(own)
    elsewhere = AgencyFactory(name="Dyfed-Powys Police", partnership=PartnershipFactory())

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        with_recommendation(
            review_form(own, pseudonym=review.pseudonym, slug=review.slug), [elsewhere]
        ),
    )

    assert response.status_code == 200
    assert not review.recommendations.exists()


def test_an_editor_cannot_change_a_published_reviews_recommendation_but_its_publisher_can(
    client, own
):
    recommendation = RecommendationFactory(review=ReviewFactory(lead_partnership=own))
    url = reverse("admin:reviews_recommendation_change", args=[recommendation.pk])
    form = {
        "number": "1",
        "position": "0",
        "text": "Rewritten.",
        "text_cy": "",
        "level": "local",
        "agencies": [str(a.pk) for a in recommendation.agencies.all()],
        "due_on": "",
        "document": "",
        "page": "",
        "updates-TOTAL_FORMS": "0",
        "updates-INITIAL_FORMS": "0",
        "updates-MIN_NUM_FORMS": "0",
        "updates-MAX_NUM_FORMS": "1000",
    }

    sign_in(client, OfficerFactory(partnerships=[own], role="editor"))
    refused = client.post(url, form)
    recommendation.refresh_from_db()
    text_after_editor = recommendation.text
    sign_in(client, OfficerFactory(partnerships=[own], role="publisher"))
    accepted = client.post(url, form)
    recommendation.refresh_from_db()

    assert refused.status_code == 403
    assert text_after_editor != "Rewritten."
    assert accepted.status_code == 302
    assert recommendation.text == "Rewritten."


def test_a_recommendation_with_updates_cannot_be_removed(client, officer, own):
    recommendation = RecommendationFactory(review=ReviewFactory(lead_partnership=own))
    Update.objects.create(recommendation=recommendation, status=Status.IN_PROGRESS)

    response = client.post(
        reverse("admin:reviews_recommendation_delete", args=[recommendation.pk]), {"post": "yes"}
    )

    assert response.status_code == 403
    assert Recommendation.objects.filter(pk=recommendation.pk).exists()


# The list and its filters


def test_the_list_shows_only_the_officers_partnerships_recommendations(client, officer, own):
    RecommendationFactory(review=ReviewFactory(lead_partnership=own, pseudonym="Adult P"))
    RecommendationFactory(review=ReviewFactory(lead_partnership=own, pseudonym="Draft", draft=True))
    RecommendationFactory(review=ReviewFactory(pseudonym="Lesley"))

    shown = " ".join(listing(client))

    assert "Adult P" in shown and "Draft" in shown
    assert "Lesley" not in shown


def test_the_administrator_lists_every_partnerships_recommendations(client, own):
    sign_in(client, OfficerFactory(is_superuser=True))
    RecommendationFactory(review=ReviewFactory(lead_partnership=own, pseudonym="Adult P"))
    RecommendationFactory(review=ReviewFactory(pseudonym="Lesley"))

    shown = " ".join(listing(client))

    assert "Adult P" in shown and "Lesley" in shown


def test_another_partnerships_recommendation_does_not_exist_for_an_officer(client, officer):
    other = RecommendationFactory(review=ReviewFactory(pseudonym="Lesley"))

    change = client.get(reverse("admin:reviews_recommendation_change", args=[other.pk]))
    assert change.status_code == 302  # to the admin index: "doesn't exist", as for reviews
    history = client.get(reverse("admin:reviews_recommendation_history", args=[other.pk]))
    assert history.status_code == 302
    update = client.get(reverse("admin:reviews_recommendation_record_update", args=[other.pk]))
    assert update.status_code == 404
    assert other.text not in change.content.decode()


@pytest.fixture
def filtered(own):
    """Three recommendations of one partnership, each told apart by one filter, and one of
    another partnership."""
    police = AgencyFactory(name="Wiltshire Police", slug="wiltshire-police", sector="police")
    housing = AgencyFactory(name="Selwood Housing", slug="selwood-housing", sector="housing")
    review = ReviewFactory(lead_partnership=own, pseudonym="Adult P")
    overdue = RecommendationFactory(
        review=review, number="1", agencies=[police], due_on=datetime.date(2020, 1, 1)
    )
    later = RecommendationFactory(
        review=review, number="2", agencies=[housing], due_on=datetime.date(2099, 1, 1)
    )
    done = RecommendationFactory(
        review=review, number="3", agencies=[police], due_on=datetime.date(2020, 1, 1)
    )
    Update.objects.create(recommendation=done, status=Status.IMPLEMENTED)
    Recommendation.objects.filter(pk=done.pk).update(status=Status.IMPLEMENTED)
    elsewhere = OfficerFactory(partnerships=[PartnershipFactory(name="Elsewhere CSP")])
    RecommendationFactory(review=ReviewFactory(lead_partnership=elsewhere.partnerships.get()))
    return {"overdue": str(overdue), "later": str(later), "done": str(done)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "implemented"}, {"done"}),
        ({"status": "not-reported"}, {"overdue", "later"}),
        ({"sector": "housing"}, {"later"}),
        ({"sector": "police"}, {"overdue", "done"}),
        ({"agency": "selwood-housing"}, {"later"}),
        ({"overdue": "yes"}, {"overdue"}),
        ({"overdue": "no"}, {"later", "done"}),
        ({}, {"overdue", "later", "done"}),
    ],
)
def test_each_filter_narrows_the_list(client, officer, filtered, query, expected):
    assert listing(client, **query) == {filtered[name] for name in expected}


def test_the_partnership_filter_narrows_the_administrators_list(client, own, filtered):
    sign_in(client, OfficerFactory(is_superuser=True))

    everything = listing(client)
    own_only = listing(client, review__lead_partnership__id__exact=str(own.pk))

    assert len(everything) == 4
    assert own_only == set(filtered.values())


@pytest.mark.parametrize(
    "query", [{"status": "bogus"}, {"sector": "x" * 300}, {"overdue": "maybe"}, {"agency": "no"}]
)
def test_a_strange_filter_value_gives_a_page_not_an_error(client, officer, filtered, query):
    response = client.get(reverse(LIST), query)

    assert response.status_code in (200, 302)


def test_the_list_search_finds_text_number_and_review(client, officer, own):
    RecommendationFactory(
        review=ReviewFactory(lead_partnership=own, pseudonym="Adult P"), text="Flag repeat calls."
    )
    RecommendationFactory(
        review=ReviewFactory(lead_partnership=own, pseudonym="Ellie"), text="Train GPs."
    )

    assert len(listing(client, q="repeat")) == 1
    assert len(listing(client, q="Ellie")) == 1


# Recording updates


def test_the_bulk_action_asks_for_the_update_then_records_it_on_each(client, officer, own):
    review = ReviewFactory(lead_partnership=own)
    first, second = RecommendationFactory(review=review), RecommendationFactory(review=review)

    form_page = client.post(
        reverse(LIST), {"action": "record_update", "_selected_action": [first.pk, second.pk]}
    )
    response = record_in_bulk(client, [first, second])

    assert form_page.status_code == 200
    assert 'name="status"' in form_page.content.decode()
    assert not Update.objects.filter(recommendation__in=[first, second], note="x").exists()
    assert "An update was recorded on 2 recommendations." in messages_of(response)
    for recommendation in (first, second):
        recommendation.refresh_from_db()
        assert recommendation.status == Status.IN_PROGRESS
        assert recommendation.updates.get().note == "Training has started."


def test_a_later_update_sets_the_status_and_the_earlier_one_is_kept(client, officer, own):
    recommendation = RecommendationFactory(review=ReviewFactory(lead_partnership=own))
    today = timezone.localdate()

    record_in_bulk(
        client, [recommendation], recorded_on=(today - datetime.timedelta(5)).isoformat()
    )
    record_in_bulk(client, [recommendation], status="implemented", recorded_on=today.isoformat())

    recommendation.refresh_from_db()
    assert recommendation.status == Status.IMPLEMENTED
    assert recommendation.status_on == today
    assert list(recommendation.updates.values_list("status", flat=True)) == [
        Status.IN_PROGRESS,
        Status.IMPLEMENTED,
    ]


def test_an_update_on_a_draft_is_refused_with_a_message(client, officer, own):
    draft = RecommendationFactory(review=ReviewFactory(lead_partnership=own, draft=True))
    public = RecommendationFactory(review=ReviewFactory(lead_partnership=own))

    response = record_in_bulk(client, [draft, public])

    shown = messages_of(response)
    assert "An update was recorded on 1 recommendation." in shown
    assert any(
        message.startswith("Not recorded: ") and "its review is not published" in message
        for message in shown
    )
    assert not draft.updates.exists()
    assert public.updates.count() == 1


def test_an_editor_is_not_offered_the_action_and_a_posted_one_records_nothing(client, own):
    sign_in(client, OfficerFactory(partnerships=[own], role="editor"))
    recommendation = RecommendationFactory(review=ReviewFactory(lead_partnership=own))

    page = client.get(reverse(LIST)).content.decode()
    response = record_in_bulk(client, [recommendation])
    one = client.get(
        reverse("admin:reviews_recommendation_record_update", args=[recommendation.pk])
    )

    assert 'value="record_update"' not in page
    assert response.status_code == 200
    assert one.status_code == 403
    assert not recommendation.updates.exists()


def test_a_publisher_here_and_editor_there_is_refused_there_with_a_message(client, own):
    elsewhere = PartnershipFactory()
    officer = OfficerFactory(partnerships=[own], role="publisher")
    officer.partnerships.add(elsewhere, through_defaults={"role": "editor"})
    sign_in(client, officer)
    there = RecommendationFactory(review=ReviewFactory(lead_partnership=elsewhere))

    response = record_in_bulk(client, [there])

    assert any("only a publisher of its partnership" in m for m in messages_of(response))
    assert not there.updates.exists()


def test_a_future_date_is_refused_on_the_form(client, officer, own):
    recommendation = RecommendationFactory(review=ReviewFactory(lead_partnership=own))
    tomorrow = timezone.localdate() + datetime.timedelta(1)

    response = client.post(
        reverse("admin:reviews_recommendation_record_update", args=[recommendation.pk]),
        {"status": "implemented", "recorded_on": tomorrow.isoformat()},
    )

    assert response.status_code == 200
    assert "cannot be in the future" in response.content.decode()
    assert not recommendation.updates.exists()


def test_one_recommendations_page_records_an_update_with_evidence_and_shows_its_history(
    client, officer, own
):
    police = AgencyFactory(name="Wiltshire Police")
    recommendation = RecommendationFactory(
        review=ReviewFactory(lead_partnership=own), agencies=[police]
    )
    change_url = reverse("admin:reviews_recommendation_change", args=[recommendation.pk])
    update_url = reverse("admin:reviews_recommendation_record_update", args=[recommendation.pk])

    change_page = client.get(change_url).content.decode()
    response = client.post(
        update_url,
        {
            "status": "partly-implemented",
            "recorded_on": timezone.localdate().isoformat(),
            "note": "Half the staff are trained.",
            "agency": str(police.pk),
            "evidence_url": "https://example.org/training",
            "evidence_file": SimpleUploadedFile("evidence.pdf", make_text_pdf([["Trained"]])),
        },
    )
    history = client.get(change_url).content.decode()

    assert update_url in change_page
    assert response.status_code == 302 and response["Location"] == change_url
    update = recommendation.updates.get()
    assert (update.agency, update.reported_by_agency, update.recorded_by) == (
        police,
        False,
        officer,
    )
    assert update.evidence.page_count == 1
    assert "Half the staff are trained." in history
    assert "https://example.org/training" in history
    # The history is read only: no field of an update is offered for change.
    assert 'name="updates-0-note"' not in history


def test_updates_have_no_admin_pages_to_change_or_delete_them(client):
    for name in ("changelist", "add"):
        with pytest.raises(NoReverseMatch):
            reverse(f"admin:reviews_update_{name}")


def test_a_bad_evidence_file_is_refused_and_leaves_no_update_and_no_file(
    client, officer, own, media_root
):
    recommendation = RecommendationFactory(review=ReviewFactory(lead_partnership=own))

    response = record_in_bulk(
        client,
        [recommendation],
        evidence_file=SimpleUploadedFile("evidence.pdf", png_bytes()),
    )

    assert any(m.startswith("Not recorded: ") for m in messages_of(response))
    assert not Update.objects.exists()
    recommendation.refresh_from_db()
    assert recommendation.status == Status.NOT_REPORTED
    assert stored_files(media_root) == []


# Suggestions


def overview_report():
    pages, expected = recommendation_reports.numbered_section()
    return SimpleUploadedFile("overview.pdf", make_text_pdf(pages)), expected


def test_an_upload_tells_the_officer_how_many_recommendations_were_found(client, officer, own):
    review = ready_draft(own)
    upload, expected = overview_report()

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        with_upload(
            review_form(own, pseudonym=review.pseudonym, slug=review.slug),
            upload,
            kind="overview-report",
        ),
        follow=True,
    )
    page = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()

    assert "3 recommendations found in the overview report: review them below." in messages_of(
        response
    )
    assert "waiting for you" in page
    assert "Wiltshire Police should make sure" in page
    suggestion = Suggestion.objects.get(number="2")
    assert reverse("admin:reviews_review_suggestion", args=[review.pk, suggestion.pk]) in page
    assert f"#page={suggestion.page}" in page


@pytest.fixture
def suggested(own):
    review = ready_draft(own)
    upload, _ = overview_report()
    ReviewDocumentFactory(review=review, kind="overview-report", file=upload)
    confirm_anonymised(review)  # the report too, so that the review may be published
    return review, Suggestion.objects.get(number="1")


def test_an_accepted_suggestion_becomes_public_once_its_review_is_published(
    client, officer, own, suggested
):
    review, suggestion = suggested
    police = AgencyFactory(name="Wiltshire Police", partnership=own)
    url = reverse("admin:reviews_review_suggestion", args=[review.pk, suggestion.pk])

    page = client.get(url)
    response = client.post(
        url,
        {
            "number": "1",
            "text": "Wiltshire Police should flag every call from a known address.",
            "agencies": [str(police.pk)],
            "level": "local",
            "due_on": "2027-06-30",
            "accept": "Accept",
        },
    )

    assert page.status_code == 200 and suggestion.text[:30] in page.content.decode()
    assert response.status_code == 302
    recommendation = review.recommendations.get()
    assert recommendation.text == "Wiltshire Police should flag every call from a known address."
    assert recommendation.page == suggestion.page
    assert not Recommendation.objects.published().exists()
    publish_review(Review.objects.get(pk=review.pk), by=officer)
    assert list(Recommendation.objects.published()) == [recommendation]
    # Decided: no longer waiting on the review's page.
    change_page = client.get(reverse("admin:reviews_review_change", args=[review.pk]))
    assert url not in change_page.content.decode()


def test_a_discarded_suggestion_leaves_no_recommendation(client, officer, suggested):
    review, suggestion = suggested

    response = client.post(
        reverse("admin:reviews_review_suggestion", args=[review.pk, suggestion.pk]),
        {"discard": "Discard"},
        follow=True,
    )

    assert "Suggested recommendation 1 was discarded." in messages_of(response)
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.DISCARDED
    assert not Recommendation.objects.exists()


def test_accepting_needs_an_agency(client, officer, suggested):
    review, suggestion = suggested

    response = client.post(
        reverse("admin:reviews_review_suggestion", args=[review.pk, suggestion.pk]),
        {"number": "1", "text": "x", "level": "local", "accept": "Accept"},
    )

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not Recommendation.objects.exists()


def test_a_stranger_cannot_see_or_decide_on_a_suggestion(client, suggested):
    review, suggestion = suggested
    sign_in(client, OfficerFactory(partnerships=[PartnershipFactory()]))
    url = reverse("admin:reviews_review_suggestion", args=[review.pk, suggestion.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"discard": "Discard"}).status_code == 404
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.WAITING


def test_an_editor_cannot_decide_on_a_published_reviews_suggestion(client, own, suggested):
    review, suggestion = suggested
    Review.objects.filter(pk=review.pk).update(status=Review.Status.PUBLISHED)
    sign_in(client, OfficerFactory(partnerships=[own], role="editor"))

    response = client.post(
        reverse("admin:reviews_review_suggestion", args=[review.pk, suggestion.pk]),
        {"discard": "Discard"},
    )

    assert response.status_code == 403
    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.WAITING


# Agencies


def agency_form(**fields):
    return {
        "name": "Selwood Housing",
        "name_cy": "",
        "slug": "selwood-housing",
        "sector": "housing",
        "scope": "local",
        "nation": "",
        "partnership": "",
        **fields,
    }


def test_an_officer_adds_a_local_agency_of_their_partnership_only(client, officer, own):
    other = PartnershipFactory(name="Other CSP")

    page = client.get(reverse("admin:reviews_agency_add")).content.decode()
    theirs = client.post(
        reverse("admin:reviews_agency_add"), agency_form(partnership=str(other.pk))
    )
    national = client.post(
        reverse("admin:reviews_agency_add"),
        agency_form(scope="national", slug="home-office", name="Home Office"),
    )
    ours = client.post(reverse("admin:reviews_agency_add"), agency_form(partnership=str(own.pk)))

    assert "Other CSP" not in page
    assert theirs.status_code == 200 and national.status_code == 200
    assert ours.status_code == 302
    assert list(Agency.objects.values_list("name", "partnership")) == [("Selwood Housing", own.pk)]


def test_an_officer_sees_national_agencies_read_only_and_not_others_local_ones(
    client, officer, own
):
    national = AgencyFactory(name="Home Office", slug="home-office")
    hidden = AgencyFactory(name="Dyfed-Powys Police", partnership=PartnershipFactory())

    listed = client.get(reverse("admin:reviews_agency_changelist")).content.decode()
    page = client.get(reverse("admin:reviews_agency_change", args=[national.pk]))
    posted = client.post(
        reverse("admin:reviews_agency_change", args=[national.pk]),
        agency_form(name="Renamed", slug="home-office", scope="national"),
    )
    other = client.get(reverse("admin:reviews_agency_change", args=[hidden.pk]))

    assert "Home Office" in listed and "Dyfed-Powys Police" not in listed
    assert page.status_code == 200 and 'name="name"' not in page.content.decode()
    assert posted.status_code == 403
    national.refresh_from_db()
    assert national.name == "Home Office"
    assert other.status_code == 302  # to the admin index: "doesn't exist"


def test_the_administrator_manages_national_agencies_and_their_responders(client):
    sign_in(client, OfficerFactory(is_superuser=True))

    response = client.post(
        reverse("admin:reviews_agency_add"),
        {
            **agency_form(scope="national", slug="home-office", name="Home Office"),
            "responders-TOTAL_FORMS": "0",
            "responders-INITIAL_FORMS": "0",
            "responders-MIN_NUM_FORMS": "0",
            "responders-MAX_NUM_FORMS": "1000",
        },
    )

    assert response.status_code == 302
    assert Agency.objects.get().scope == Agency.Scope.NATIONAL


# The agency responder


@pytest.fixture
def police(own):
    return AgencyFactory(name="Wiltshire Police", slug="wiltshire-police")


@pytest.fixture
def responder(client, police):
    return sign_in(client, make_responder(police, username="police-responder"))


def test_a_responder_sees_only_their_agencys_published_recommendations(
    client, responder, police, own
):
    ours = RecommendationFactory(
        review=ReviewFactory(lead_partnership=own, pseudonym="Adult P"), agencies=[police]
    )
    elsewhere = RecommendationFactory(
        review=ReviewFactory(pseudonym="Lesley"), agencies=[police, AgencyFactory()]
    )
    RecommendationFactory(
        review=ReviewFactory(lead_partnership=own, pseudonym="Draft", draft=True),
        agencies=[police],
    )
    RecommendationFactory(
        review=ReviewFactory(lead_partnership=own, pseudonym="Withdrawn", withdrawn=True),
        agencies=[police],
    )
    RecommendationFactory(review=ReviewFactory(lead_partnership=own, pseudonym="Not ours"))

    assert listing(client) == {str(ours), str(elsewhere)}


def test_a_responder_records_an_update_reported_by_their_agency(client, responder, police, own):
    recommendation = RecommendationFactory(
        review=ReviewFactory(lead_partnership=own), agencies=[police, AgencyFactory()]
    )
    url = reverse("admin:reviews_recommendation_record_update", args=[recommendation.pk])

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            "status": "in-progress",
            "recorded_on": timezone.localdate().isoformat(),
            "note": "A new flagging policy is being written.",
            "evidence_file": SimpleUploadedFile("policy.pdf", make_text_pdf([["Policy"]])),
        },
    )

    assert "You report for Wiltshire Police" in page
    assert 'name="agency"' not in page
    assert response.status_code == 302
    update = recommendation.updates.get()
    assert (update.agency, update.reported_by_agency, update.recorded_by) == (
        police,
        True,
        responder,
    )
    assert update.evidence.page_count == 1
    recommendation.refresh_from_db()
    assert recommendation.status == Status.IN_PROGRESS


def test_a_responder_uses_the_bulk_action_on_their_recommendations(client, responder, police, own):
    recommendation = RecommendationFactory(
        review=ReviewFactory(lead_partnership=own), agencies=[police]
    )

    response = record_in_bulk(client, [recommendation])

    assert "An update was recorded on 1 recommendation." in messages_of(response)
    assert recommendation.updates.get().reported_by_agency is True


def test_a_responder_cannot_change_a_recommendation(client, responder, police, own):
    recommendation = RecommendationFactory(
        review=ReviewFactory(lead_partnership=own), agencies=[police]
    )
    Update.objects.create(
        recommendation=recommendation,
        status=Status.IN_PROGRESS,
        note="Started.",
        recorded_by=OfficerFactory(username="wiltshire-clerk"),
    )
    url = reverse("admin:reviews_recommendation_change", args=[recommendation.pk])

    page = client.get(url)
    posted = client.post(url, {"number": "9", "text": "Rewritten.", "level": "local"})

    assert page.status_code == 200 and 'name="text"' not in page.content.decode()
    # They see the history, but not which officer typed it in.
    assert "Started." in page.content.decode()
    assert "wiltshire-clerk" not in page.content.decode()
    assert posted.status_code == 403
    recommendation.refresh_from_db()
    assert recommendation.number != "9"


def test_a_responder_gets_nothing_else(client, responder, police, own):
    review = ReviewFactory(lead_partnership=own)
    document = ReviewDocumentFactory(review=review)
    notice = NoticeFactory(partnership=own)
    not_ours = RecommendationFactory(review=review)
    draft = RecommendationFactory(
        review=ReviewFactory(lead_partnership=own, draft=True), agencies=[police]
    )

    # Other kinds of record refuse them outright; recommendations not theirs do not exist (a
    # change page says so by sending them to the index, as everywhere in the admin).
    forbidden = [
        reverse("admin:reviews_review_changelist"),
        reverse("admin:reviews_review_add"),
        reverse("admin:reviews_review_change", args=[review.pk]),
        reverse("admin:reviews_reviewdocument_changelist"),
        reverse("admin:reviews_reviewdocument_change", args=[document.pk]),
        reverse("admin:reviews_partnership_changelist"),
        reverse("admin:reviews_agency_changelist"),
        reverse("admin:support_notice_changelist"),
        reverse("admin:support_notice_change", args=[notice.pk]),
        reverse("admin:reviews_recommendation_add"),
    ]
    absent = [
        reverse("admin:reviews_recommendation_change", args=[not_ours.pk]),
        reverse("admin:reviews_recommendation_change", args=[draft.pk]),
    ]
    not_found = [
        reverse("admin:reviews_recommendation_record_update", args=[not_ours.pk]),
        reverse("admin:reviews_recommendation_record_update", args=[draft.pk]),
        reverse("admin:reviews_review_preview", args=[review.pk]),
    ]

    for url in forbidden:
        assert client.get(url).status_code == 403, url
    for url in absent:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("admin:index")
    for url in not_found:
        assert client.get(url).status_code == 404, url
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse(LIST) in index
    assert reverse("admin:reviews_review_changelist") not in index
    assert not Update.objects.exists()


def test_a_responder_without_the_second_factor_does_not_reach_the_admin(client, police, own):
    recommendation = RecommendationFactory(
        review=ReviewFactory(lead_partnership=own), agencies=[police]
    )
    client.force_login(make_responder(police))

    response = client.get(
        reverse("admin:reviews_recommendation_record_update", args=[recommendation.pk])
    )

    assert response.status_code == 302 and "/login/" in response["Location"]
