"""A feed for every search: /reviews/feed.atom takes the parameters of /reviews/ (its words and
filters), lists what that search finds newest first, and names each review's identifier and its
documents with their addresses and SHA-256 checksums. Every results page announces its own."""

import datetime
import hashlib
from xml.etree import ElementTree

import pytest
from django.core.files.base import ContentFile

from reviews.models import Nation
from reviews.pdf_writer import make_text_pdf

from .factories import PartnershipFactory, ReviewDocumentFactory, ReviewFactory, ThemeFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
DHR = "{urn:dhrsite:feed}"


def entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)  # noqa: S314 - our own server's response
    return feed, list(feed.iter(f"{ATOM}entry"))


def identifiers(response):
    _feed, found = entries(response)
    return [entry.find(f"{DHR}identifier").text for entry in found]


@pytest.fixture
def searched_reviews():
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire Community Safety Partnership")
    powys = PartnershipFactory(slug="powys", name="Powys CSP", nation=Nation.WALES)
    strangulation = ThemeFactory(slug="non-fatal-strangulation", name="Non-fatal strangulation")
    lesley = ReviewFactory(
        pseudonym="Lesley", slug="lesley", lead_partnership=powys, published_on="2020-05-01"
    )
    lesley.themes.add(strangulation)
    ReviewDocumentFactory(
        review=lesley,
        kind="overview-report",
        file=ContentFile(
            make_text_pdf([["Contents."], ["Her GP was told about coercive control."]]),
            name="upload.pdf",
        ),
    )
    older = ReviewFactory(
        pseudonym="Adult Q",
        slug="adult-q",
        lead_partnership=powys,
        published_on="2016-02-01",
        summary="Coercive control over many years.",
    )
    older.themes.add(strangulation)
    ReviewFactory(
        pseudonym="Ellie",
        slug="ellie",
        lead_partnership=wiltshire,
        published_on=datetime.date(2021, 11, 1),
        summary="Coercive control and housing.",
    )
    ReviewFactory(
        pseudonym="Draft",
        slug="draft",
        lead_partnership=powys,
        summary="Coercive control.",
        draft=True,
    )
    return lesley


def test_a_search_and_its_filters_are_a_feed_newest_first(client, searched_reviews):
    everything = "/reviews/feed.atom?q=coercive+control"
    assert identifiers(client.get(everything)) == ["ellie", "lesley", "adult-q"]
    in_wales = everything + "&nation=wales&theme=non-fatal-strangulation"
    assert identifiers(client.get(in_wales)) == ["lesley", "adult-q"]
    # "Most relevant" is the page's order, not the feed's: a feed is always newest first.
    assert identifiers(client.get(in_wales + "&sort=relevance")) == ["lesley", "adult-q"]


def test_the_feed_names_its_search_and_links_back_to_it(client, searched_reviews):
    feed, _found = entries(client.get("/reviews/feed.atom?q=coercive+control&nation=wales&page=3"))
    assert feed.find(f"{ATOM}title").text == "New reviews matching “coercive control”"
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["alternate"] == "http://testserver/reviews/?q=coercive+control&nation=wales"
    feed, _found = entries(client.get("/reviews/feed.atom?nation=wales"))
    assert feed.find(f"{ATOM}title").text == "New reviews matching your filters"


def test_each_entry_names_the_reviews_documents_with_their_checksums(client, searched_reviews):
    document = searched_reviews.documents.get()
    _feed, found = entries(client.get("/reviews/feed.atom?q=coercive+control&nation=wales"))
    entry = found[0]
    assert entry.find(f"{DHR}identifier").text == "lesley"
    [enclosure] = [link for link in entry.findall(f"{ATOM}link") if link.get("rel") == "enclosure"]
    url = "http://testserver/reviews/lesley/documents/overview-report.pdf"
    assert enclosure.get("href") == url
    assert enclosure.get("type") == "application/pdf"
    body = b"".join(client.get(url.removeprefix("http://testserver")).streaming_content)
    assert enclosure.get(f"{DHR}sha256") == hashlib.sha256(body).hexdigest() == document.sha256
    assert enclosure.get("length") == str(len(body))


def test_without_a_search_the_feed_is_every_new_review(client, searched_reviews):
    assert identifiers(client.get("/reviews/feed.atom")) == ["ellie", "lesley", "adult-q"]
    assert identifiers(client.get("/reviews/feed.atom?q=the")) == ["ellie", "lesley", "adult-q"]


@pytest.mark.parametrize(
    "query",
    ["?q=%00", "?page=abc&sort=x", "?partnership=nowhere", '?q="unclosed', "?q=" + "a" * 5000],
)
def test_strange_searches_get_a_feed(client, searched_reviews, query):
    feed, _found = entries(client.get("/reviews/feed.atom" + query))
    assert feed.find(f"{ATOM}title").text


def test_every_results_page_announces_the_feed_of_its_search(client, searched_reviews):
    html = client.get("/reviews/?q=coercive+control&nation=wales&page=1&sort=oldest").content
    html = html.decode()
    announced = '<link rel="alternate" type="application/atom+xml" href="/reviews/feed.atom?'
    assert announced + 'q=coercive+control&amp;nation=wales"' in html
    assert 'href="/reviews/feed.atom?q=coercive+control&amp;nation=wales">' in html  # visible
    welsh = client.get("/cy/reviews/?q=coercive+control").content.decode()
    assert 'href="/reviews/feed.atom?q=coercive+control"' in welsh
