"""Every public page: status, what the reader sees, and queries that do not grow with data."""

import datetime
import re

import pytest
from django.urls import reverse

from reviews.models import Nation, Review

from .factories import (
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    ThemeFactory,
    add_joint_partners,
)

pytestmark = pytest.mark.django_db


def test_home_page_introduces_the_site_and_lists_the_latest_reviews(client):
    ReviewFactory(pseudonym="Ellie", published_on=datetime.date(2021, 11, 1))
    ReviewFactory(pseudonym="Hidden draft", draft=True)

    response = client.get("/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Ellie" in html
    assert "Hidden draft" not in html
    assert 'href="tel:999"' in html
    assert reverse("support:help") in html
    assert "Exit this page" in html


def test_review_list_is_newest_first_twenty_a_page(client):
    for day in range(25):
        ReviewFactory(pseudonym=f"Person {day:02d}", published_on=datetime.date(2015, 1, 1 + day))

    first = client.get("/reviews/").content.decode()
    second = client.get("/reviews/?page=2").content.decode()

    assert first.index("Person 24") < first.index("Person 23")
    assert first.count('class="dhr-review-list__item"') == 20
    assert second.count('class="dhr-review-list__item"') == 5
    assert "Person 00" in second and "Person 00" not in first


def test_review_list_hides_drafts_and_withdrawn_reviews(client):
    ReviewFactory(pseudonym="Shown")
    ReviewFactory(pseudonym="A draft", draft=True)
    ReviewFactory(pseudonym="Taken down", withdrawn=True)

    html = client.get("/reviews/").content.decode()

    assert "Shown" in html
    assert "A draft" not in html
    assert "Taken down" not in html


def test_review_list_filters_by_partnership_type_and_year(client):
    wiltshire = PartnershipFactory(slug="wiltshire", short_name="Wiltshire")
    powys = PartnershipFactory(slug="powys", short_name="Powys", nation=Nation.WALES)
    ReviewFactory(pseudonym="Adult P", lead_partnership=wiltshire, published_on="2017-10-01")
    ReviewFactory(
        pseudonym="Adult A",
        lead_partnership=wiltshire,
        published_on="2015-08-01",
        review_type=Review.ReviewType.JOINT_DHR_MHHI,
    )
    ReviewFactory(pseudonym="Lesley", lead_partnership=powys, published_on=None)

    by_partnership = client.get("/reviews/?partnership=powys").content.decode()
    by_type = client.get("/reviews/?type=joint-dhr-mhhi").content.decode()
    by_year = client.get("/reviews/?partnership=wiltshire&year=2017").content.decode()

    assert "Lesley" in by_partnership and "Adult P" not in by_partnership
    assert "Adult A" in by_type and "Adult P" not in by_type
    assert "Adult P" in by_year and "Adult A" not in by_year and "Lesley" not in by_year


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=-1", "page=99999", "year=zz", "partnership=nowhere", "type=<script>"],
)
def test_strange_query_strings_get_a_page_not_an_error(client, query):
    ReviewFactory(pseudonym="Still here")

    response = client.get(f"/reviews/?{query}")

    assert response.status_code == 200
    assert "Still here" in response.content.decode()


def test_review_page_shows_everything_a_reader_needs(client):
    theme = ThemeFactory(name="Coercive control")
    review = ReviewFactory(
        pseudonym="Adult P",
        reference="007_DHR",
        published_on=datetime.date(2017, 10, 1),
        summary="First paragraph.\n\nSecond <paragraph>.",
    )
    review.themes.add(theme)
    ReviewDocumentFactory(review=review, kind="executive-summary")

    response = client.get(review.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1" in html and "Adult P" in html
    assert review.lead_partnership.name in html
    assert "Domestic Homicide Review" in html
    assert "October 2017" in html
    assert "007_DHR" in html
    assert "Coercive control" in html
    assert '<p class="govuk-body">Second &lt;paragraph&gt;.</p>' in html
    assert "Executive summary" in html
    assert re.search(r"English · PDF, [\d.]+\xa0(KB|bytes), 2 pages", html)
    assert review.documents.get().get_absolute_url() in html


def test_joint_review_names_every_partnership(client):
    lead, partner = PartnershipFactory(name="Lead CSP"), PartnershipFactory(name="Partner CSP")
    review = ReviewFactory(lead_partnership=lead)
    add_joint_partners(review, partner)

    html = client.get(review.get_absolute_url()).content.decode()

    assert "Lead CSP" in html and "Partner CSP" in html


def test_draft_review_page_is_not_found(client):
    review = ReviewFactory(draft=True)

    response = client.get(review.get_absolute_url())

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_withdrawn_review_page_says_it_was_withdrawn_and_is_gone(client):
    review = ReviewFactory(
        withdrawn=True, pseudonym="Adult P", withdrawal_reason="At the family's request."
    )

    response = client.get(review.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 410
    assert "Adult P" in html and "withdrawn this review" in html
    assert "At the family&#x27;s request." in html


def test_partnership_pages_show_about_members_nation_and_published_reviews(client):
    partnership = PartnershipFactory(
        name="Powys Community Safety Partnership",
        slug="powys",
        nation=Nation.WALES,
        about="The partnership decides whether to hold a review.",
        members="Powys County Council\nDyfed-Powys Police",
    )
    ReviewFactory(lead_partnership=partnership, pseudonym="Lesley")
    ReviewFactory(lead_partnership=partnership, pseudonym="Unpublished", draft=True)

    listing = client.get("/partnerships/").content.decode()
    detail = client.get("/partnerships/powys/").content.decode()

    assert "Powys Community Safety Partnership" in listing
    assert "Wales" in detail
    assert "decides whether to hold a review" in detail
    assert "<li>Dyfed-Powys Police</li>" in detail
    assert "Lesley" in detail and "Unpublished" not in detail


def test_inactive_partnership_page_is_not_found(client):
    PartnershipFactory(slug="gone", active=False)

    assert client.get("/partnerships/gone/").status_code == 404


def test_about_reviews_page_explains_the_legal_basis(client):
    html = client.get("/about/reviews/").content.decode()

    assert "section 9 of the Domestic Violence, Crime and Victims Act 2004" in html
    assert "13 April 2011" in html
    assert "courts and coroners" in html


def test_unknown_page_is_a_designed_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" in html
    assert "Exit this page" in html


def test_server_error_page_is_in_the_sites_design(rf):
    from dhrsite.errors import server_error

    response = server_error(rf.get("/"))

    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "0808 2000 247" in html


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/reviews/",
        "/reviews/review/",
        "/partnerships/",
        "/partnerships/area/",
        "/about/reviews/",
    ],
)
def test_every_public_page_has_the_exit_button_and_a_link_to_help(client, url):
    partnership = PartnershipFactory(slug="area")
    ReviewFactory(slug="review", lead_partnership=partnership)

    html = client.get(url).content.decode()

    assert 'class="govuk-exit-this-page"' in html
    assert 'href="/help/"' in html
    assert html.count("<h1") == 1


@pytest.mark.parametrize("url", ["/", "/reviews/", "/partnerships/area/", "/reviews/review/"])
def test_query_count_does_not_grow_with_the_number_of_reviews(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    partnership = PartnershipFactory(slug="area")
    review = ReviewFactory(slug="review", lead_partnership=partnership)
    ReviewDocumentFactory(review=review)

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    few = count()
    for _ in range(15):
        extra = ReviewFactory(lead_partnership=partnership)
        extra.themes.add(ThemeFactory())
        add_joint_partners(extra, PartnershipFactory())
        ReviewDocumentFactory(review=extra)
    many = count()

    assert many == few
