"""Atom feeds of new reviews, /sitemap.xml and /robots.txt."""

import datetime
import time
from xml.etree import ElementTree

import pytest
from django.utils.http import http_date

from reviews.models import Review
from reviews.publishing import withdraw_review

from .factories import (
    OfficerFactory,
    PartnershipFactory,
    ReviewFactory,
    ThemeFactory,
    add_joint_partners,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def parse_xml(content):
    return ElementTree.fromstring(content)  # noqa: S314 - our own server's response


def atom_titles(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = parse_xml(response.content)
    return [entry.find(f"{ATOM}title").text for entry in feed.iter(f"{ATOM}entry")]


@pytest.fixture
def reviews():
    powys = PartnershipFactory(slug="powys", name="Powys CSP")
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire CSP")
    housing = ThemeFactory(slug="housing", name="Housing")
    ReviewFactory(
        pseudonym="Ellie",
        slug="ellie",
        lead_partnership=wiltshire,
        published_on=datetime.date(2021, 11, 1),
    ).themes.add(housing)
    ReviewFactory(pseudonym="Adult P", lead_partnership=wiltshire, published_on="2017-10-01")
    joint = ReviewFactory(pseudonym="Lesley", lead_partnership=powys, published_on=None)
    add_joint_partners(joint, wiltshire)
    ReviewFactory(pseudonym="Draft", lead_partnership=wiltshire, draft=True).themes.add(housing)


def test_feed_of_all_new_reviews_is_newest_first_and_published_only(client, reviews):
    titles = atom_titles(client.get("/reviews/feed.atom"))

    assert [title.split(":")[0] for title in titles] == ["Ellie", "Adult P", "Lesley"]
    assert titles[0] == "Ellie: Domestic Homicide Review, Wiltshire CSP"


def test_a_withdrawn_review_leaves_the_feed_of_a_reader_asking_what_changed(client, reviews):
    first = client.get("/reviews/feed.atom")
    assert "Ellie" in first.content.decode()
    assert "Last-Modified" not in first
    assert client.get("/reviews/feed.atom", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    ellie = Review.objects.get(slug="ellie")
    withdraw_review(ellie, by=OfficerFactory(partnerships=[ellie.lead_partnership]))

    since = http_date(time.time())
    again = client.get(
        "/reviews/feed.atom", HTTP_IF_MODIFIED_SINCE=since, HTTP_IF_NONE_MATCH=first["ETag"]
    )
    only_since = client.get("/reviews/feed.atom", HTTP_IF_MODIFIED_SINCE=since)

    assert again.status_code == only_since.status_code == 200
    assert "Ellie" not in again.content.decode()


def test_partnership_feed_includes_joint_reviews(client, reviews):
    titles = atom_titles(client.get("/partnerships/wiltshire/feed.atom"))

    assert [title.split(":")[0] for title in titles] == ["Ellie", "Adult P", "Lesley"]
    assert [t.split(":")[0] for t in atom_titles(client.get("/partnerships/powys/feed.atom"))] == [
        "Lesley"
    ]
    assert client.get("/partnerships/nowhere/feed.atom").status_code == 404


def test_theme_feed(client, reviews):
    titles = atom_titles(client.get("/themes/housing/feed.atom"))

    assert [title.split(":")[0] for title in titles] == ["Ellie"]
    assert client.get("/themes/nowhere/feed.atom").status_code == 404


def test_feed_entries_link_to_the_review(client, reviews):
    feed = parse_xml(client.get("/reviews/feed.atom").content)
    entry = next(feed.iter(f"{ATOM}entry"))

    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/reviews/ellie/"
    assert entry.find(f"{ATOM}category").get("term") == "Housing"
    assert entry.find(f"{ATOM}published").text.startswith("2021-11-01")


def test_sitemap_lists_public_pages_and_published_reviews_only(client, reviews):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    root = parse_xml(response.content)
    locations = [element.text for element in root.iter(f"{SITEMAP}loc")]
    paths = {location.removeprefix("http://testserver") for location in locations}
    assert {"/", "/reviews/", "/partnerships/", "/themes/", "/data/"} <= paths
    assert "/partnerships/powys/" in paths and "/themes/housing/" in paths
    review_paths = {path for path in paths if path.startswith("/reviews/") and path != "/reviews/"}
    assert len(review_paths) == 3


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    body = response.content.decode()
    assert "User-agent: *" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
    # Searches never end; the sitemap lists what they would find.
    assert "Disallow: /reviews/?" in body
    assert "Disallow: /reviews/filters/" in body
    assert "Disallow: /recommendations/?" in body
    assert "Disallow: /insights/?" in body
    # The same in Welsh: /cy/ is every page again.
    for path in [
        "/cy/reviews/?",
        "/cy/reviews/filters/",
        "/cy/recommendations/?",
        "/cy/insights/?",
    ]:
        assert f"Disallow: {path}" in body
    assert "Disallow: /cy/reviews/\n" not in body  # the list itself may be read
    assert "admin" not in body  # the admin's address is not advertised


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/data/reviews.csv", "text/csv; charset=utf-8"),
        ("/data/reviews.json", "application/json; charset=utf-8"),
    ],
)
def test_a_head_request_is_answered_like_a_get(client, path, content_type):
    response = client.head(path)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert client.post(path).status_code == 405


def test_partnership_and_review_list_pages_link_to_their_feeds(client, reviews):
    partnership = client.get("/partnerships/powys/").content.decode()
    listing = client.get("/reviews/").content.decode()

    assert 'href="/partnerships/powys/feed.atom"' in partnership
    assert 'type="application/atom+xml" href="/reviews/feed.atom"' in listing
