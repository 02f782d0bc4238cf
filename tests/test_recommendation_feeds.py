"""Atom feeds of updates on recommendations: all, per agency, per partnership
(reviews/recommendations/feeds.py)."""

import datetime
from xml.etree import ElementTree

import pytest

from reviews.models import Agency, Recommendation
from reviews.publishing import withdraw_review
from reviews.recommendations.updates import record_update

from .factories import OfficerFactory, PartnershipFactory, ReviewFactory, add_joint_partners

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def parse_xml(content):
    return ElementTree.fromstring(content)  # noqa: S314 - our own server's response


def atom_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


def agency(slug, partnership=None):
    return Agency.objects.create(
        name=slug.replace("-", " ").title(),
        slug=slug,
        sector="police",
        scope="local" if partnership else "national",
        partnership=partnership,
    )


def recommendation(review, number, *agencies):
    made = Recommendation.objects.create(review=review, number=number, text=f"Do {number}.")
    made.agencies.set(agencies)
    return made


def update(recommendation, status, days_ago, note="", **fields):
    return record_update(
        recommendation,
        status=status,
        recorded_by=None,
        recorded_on=datetime.date.today() - datetime.timedelta(days=days_ago),
        note=note,
        **fields,
    )


@pytest.fixture
def updates():
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire CSP")
    powys = PartnershipFactory(slug="powys", name="Powys CSP")
    sample = PartnershipFactory(slug="sample", name="Sample CSP (fictional)", fictional=True)
    police = agency("wiltshire-police", wiltshire)
    health = agency("powys-health-board", powys)
    home_office = agency("home-office")
    ellie = ReviewFactory(pseudonym="Ellie", slug="ellie", lead_partnership=wiltshire)
    lesley = ReviewFactory(pseudonym="Lesley", slug="lesley", lead_partnership=powys)
    add_joint_partners(lesley, wiltshire)  # a joint review
    invented = ReviewFactory(pseudonym="Adult S", slug="adult-s", lead_partnership=sample)
    draft = ReviewFactory(pseudonym="Draft", slug="draft", lead_partnership=wiltshire, draft=True)
    gone = ReviewFactory(pseudonym="Gone", slug="gone", lead_partnership=wiltshire)

    ellie_1 = recommendation(ellie, "1", police, home_office)
    update(ellie_1, "in-progress", 30, "Training booked.")
    update(
        ellie_1, "implemented", 2, "Every officer trained.", agency=police, reported_by_agency=True
    )
    update(recommendation(lesley, "4.2", health), "partly-implemented", 10, "Half done.")
    update(recommendation(invented, "R1", home_office), "in-progress", 5)
    update(recommendation(draft, "1", police, home_office), "implemented", 1, "Draft note.")
    update(recommendation(gone, "1", police), "implemented", 3, "Withdrawn note.")
    withdraw_review(gone, by=OfficerFactory(partnerships=[wiltshire]))


def test_feed_of_all_updates_is_newest_first_and_of_published_reviews_only(client, updates):
    titles = atom_titles(client.get("/recommendations/updates.atom"))

    assert titles == [
        "Recommendation 1 of Ellie: Implemented",
        "Recommendation R1 of Adult S: In progress (fictional sample)",
        "Recommendation 4.2 of Lesley: Partly implemented",
        "Recommendation 1 of Ellie: In progress",
    ]


def test_an_entry_has_the_note_the_date_who_reported_it_and_links_to_the_recommendation(
    client, updates
):
    feed = parse_xml(client.get("/recommendations/updates.atom").content)
    first, *others = feed.iter(f"{ATOM}entry")
    ellie_1 = Recommendation.objects.get(review__slug="ellie", number="1")

    assert first.find(f"{ATOM}link").get("href") == (
        f"http://testserver/reviews/ellie/#recommendation-{ellie_1.pk}"
    )
    assert first.find(f"{ATOM}summary").text == (
        "Every officer trained. Reported by Wiltshire Police."
    )
    assert first.find(f"{ATOM}author/{ATOM}name").text == "Wiltshire Police"
    two_days_ago = datetime.date.today() - datetime.timedelta(days=2)
    assert first.find(f"{ATOM}published").text.startswith(two_days_ago.isoformat())
    assert "Reported by" not in others[-1].find(f"{ATOM}summary").text
    ids = [entry.find(f"{ATOM}id").text for entry in feed.iter(f"{ATOM}entry")]
    assert len(set(ids)) == len(ids) and all(id.startswith("tag:testserver,") for id in ids)
    body = client.get("/recommendations/updates.atom").content.decode()
    assert "Draft" not in body and "Withdrawn note" not in body


def test_agency_feed_has_the_updates_on_recommendations_addressed_to_it(client, updates):
    police = atom_titles(client.get("/agencies/wiltshire-police/updates.atom"))
    national = atom_titles(client.get("/agencies/home-office/updates.atom"))

    assert police == [
        "Recommendation 1 of Ellie: Implemented",
        "Recommendation 1 of Ellie: In progress",
    ]
    assert national == [
        "Recommendation 1 of Ellie: Implemented",
        "Recommendation R1 of Adult S: In progress (fictional sample)",
        "Recommendation 1 of Ellie: In progress",
    ]
    assert client.get("/agencies/nowhere/updates.atom").status_code == 404


def test_partnership_feed_includes_joint_reviews_and_leaves_out_others(client, updates):
    wiltshire = atom_titles(client.get("/partnerships/wiltshire/updates.atom"))
    powys = atom_titles(client.get("/partnerships/powys/updates.atom"))

    assert wiltshire == [
        "Recommendation 1 of Ellie: Implemented",
        "Recommendation 4.2 of Lesley: Partly implemented",
        "Recommendation 1 of Ellie: In progress",
    ]
    assert powys == ["Recommendation 4.2 of Lesley: Partly implemented"]
    assert client.get("/partnerships/nowhere/updates.atom").status_code == 404


def test_update_feeds_are_answered_by_their_etag_not_a_date(client, updates):
    first = client.get("/recommendations/updates.atom")

    assert "Last-Modified" not in first
    again = client.get("/recommendations/updates.atom", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert client.head("/recommendations/updates.atom").status_code == 200


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/recommendations/", "/recommendations/updates.atom"),
        ("/cy/recommendations/", "/recommendations/updates.atom"),
        ("/agencies/wiltshire-police/", "/agencies/wiltshire-police/updates.atom"),
        ("/partnerships/wiltshire/", "/partnerships/wiltshire/updates.atom"),
    ],
)
def test_the_pages_name_their_feed_of_updates_for_feed_readers(client, updates, page, feed):
    html = client.get(page).content.decode()

    assert f'<link rel="alternate" type="application/atom+xml" href="{feed}"' in html
    assert client.get(feed).status_code == 200


def test_the_feeds_link_back_to_the_register_and_the_agency_page(client, updates):
    everything = parse_xml(client.get("/recommendations/updates.atom").content)
    police = parse_xml(client.get("/agencies/wiltshire-police/updates.atom").content)

    def alternate(feed):
        return next(
            link.get("href")
            for link in feed.findall("{http://www.w3.org/2005/Atom}link")
            if link.get("rel") == "alternate"
        )

    assert alternate(everything).endswith("/recommendations/")
    assert alternate(police).endswith("/agencies/wiltshire-police/")
