"""/reviews/ as the search page, and /themes/: what a visitor sees, shares and cannot break.

Run on SQLite and on PostgreSQL (CI runs the suite under both DATABASE_URLs).
"""

import datetime
import re
from urllib.parse import urlencode

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviews.models import Nation
from reviews.pdf_writer import make_text_pdf
from reviews.search import MAX_QUERY_LENGTH

from .factories import (
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    ThemeFactory,
    add_joint_partners,
)

pytestmark = pytest.mark.django_db


def pdf_pages(*pages):
    return ContentFile(make_text_pdf([[text] for text in pages]), name="upload.pdf")


@pytest.fixture
def search_page_reviews():
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire Community Safety Partnership")
    powys = PartnershipFactory(
        slug="powys", name="Powys Community Safety Partnership", nation=Nation.WALES
    )
    housing = ThemeFactory(slug="housing", name="Housing")
    strangulation = ThemeFactory(slug="non-fatal-strangulation", name="Non-fatal strangulation")
    lesley = ReviewFactory(
        pseudonym="Lesley",
        slug="lesley",
        lead_partnership=powys,
        published_on=datetime.date(2020, 5, 1),
        year_of_death=2018,
    )
    lesley.themes.add(housing, strangulation)
    ReviewDocumentFactory(
        review=lesley,
        kind="overview-report",
        file=pdf_pages("Contents.", "Her GP was told about non-fatal strangulation in 2017."),
    )
    ellie = ReviewFactory(
        pseudonym="Ellie",
        slug="ellie",
        lead_partnership=wiltshire,
        published_on=datetime.date(2021, 11, 1),
        summary="The review considered housing and information sharing.",
    )
    ellie.themes.add(housing)
    ReviewDocumentFactory(review=ellie, file=pdf_pages("The landlord contacted the police."))
    ReviewFactory(pseudonym="Adult P", lead_partnership=wiltshire, published_on="2017-10-01")
    hidden = ReviewFactory(pseudonym="Hidden draft", lead_partnership=powys, draft=True)
    hidden.themes.add(strangulation)
    ReviewDocumentFactory(review=hidden, file=pdf_pages("Non-fatal strangulation was known."))


def page_html(client, **params):
    response = client.get("/reviews/", params)
    assert response.status_code == 200
    return response.content.decode()


def result_names(html):
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">([^<]+)</a>', html
    )


def test_a_phrase_search_finds_the_review_and_names_the_page(client, search_page_reviews):
    html = page_html(client, q='"non-fatal strangulation"')

    assert result_names(html) == ["Lesley"]
    assert "1 review" in html
    assert 'href="/reviews/lesley/documents/overview-report.pdf#page=2"' in html
    assert "Overview report, page 2" in html
    assert "strangulation</mark>" in html
    assert "Hidden draft" not in html


def test_the_question_from_the_issue_is_one_search(client, search_page_reviews):
    html = page_html(
        client, q="strangulation housing", nation="wales", year=["2020", "2021", "2022"]
    )

    assert result_names(html) == ["Lesley"]


def test_filters_are_checkboxes_with_counts_in_a_get_form(client, search_page_reviews):
    html = page_html(client)

    assert '<form method="get" action="/reviews/"' in html
    assert (
        'name="partnership" type="checkbox" value="powys"' in html
        and 'name="theme" type="checkbox" value="housing"' in html
    )
    # Drafts are not counted: Powys has one published review, strangulation one.
    assert re.search(
        r"Powys Community Safety Partnership <span class=\"dhr-facet-count\">\(1", html
    )
    assert re.search(r"Non-fatal strangulation <span class=\"dhr-facet-count\">\(1", html)
    assert re.search(r"Housing <span class=\"dhr-facet-count\">\(2", html)
    for label in ["Nation", "Review type", "Theme", "Year published", "Year of death"]:
        assert label in html


def test_chosen_filters_stay_ticked_and_can_be_removed_one_by_one(client, search_page_reviews):
    html = page_html(client, theme="housing", partnership="wiltshire")

    assert result_names(html) == ["Ellie"]
    assert 'value="housing" checked' in html
    assert 'href="?theme=housing"' in html  # removes the partnership, keeps the theme


def test_results_can_be_sorted_and_the_address_can_be_shared(client, search_page_reviews):
    newest = page_html(client, q="police OR housing", sort="newest")
    oldest = page_html(client, sort="oldest")

    assert result_names(oldest) == ["Adult P", "Lesley", "Ellie"]
    assert "Oldest first" in oldest
    assert 'name="sort" value="newest"' in newest  # a new search keeps the chosen order


def test_a_search_with_no_results_says_what_to_try(client, search_page_reviews):
    html = page_html(client, q="zebra", theme="housing")

    assert "No published reviews match your search." in html
    assert "check the spelling" in html
    assert "remove a filter" in html
    assert 'value="zebra"' in html


def test_ignored_words_are_explained(client, search_page_reviews):
    html = page_html(client, q="the housing")

    assert "Very common words were left out of the search: the." in html


def test_results_link_to_downloads_of_the_same_search(client, search_page_reviews):
    html = page_html(client, q="housing", theme="housing")

    assert 'href="/data/reviews.csv?q=housing&amp;theme=housing"' in html
    assert 'href="/data/reviews.json?q=housing&amp;theme=housing"' in html


@pytest.mark.parametrize("q", ["", "housing", '"information sharing" -alcohol'])
def test_query_count_does_not_grow_with_the_number_of_reviews(client, q):
    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/reviews/", {"q": q, "theme": "housing"}).status_code == 200
        return len(captured)

    theme = ThemeFactory(slug="housing")

    def add_review():
        review = ReviewFactory(summary="Housing and information sharing.")
        review.themes.add(theme, ThemeFactory())
        add_joint_partners(review, PartnershipFactory())
        ReviewDocumentFactory(review=review, file=pdf_pages("Housing.", "Information sharing."))

    add_review()
    few = count()
    for _ in range(25):
        add_review()
    many = count()

    assert many == few


BAD_INPUT = [
    {"q": ""},
    {"q": "x" * 1000},
    {"q": "housing " * 200},
    {"q": '"unbalanced quotes'},
    {"q": '* " ( ) : ^ NEAR AND OR NOT'},
    {"q": "NEAR(housing police, 3)"},
    {"q": "housing OR 1=1; DROP TABLE reviews_review; --"},
    {"q": "' OR ''='"},
    {"q": "title:housing ^police"},
    {"q": "-"},
    {"q": '---"""---'},
    {"q": "\x00\x01 housing \u202e"},
    {"q": "ŵyn ŷd crëwyd"},
    {"theme": "no-such-theme", "partnership": "<script>", "year": "1066"},
    {"nation": "atlantis", "type": "x", "case_type": "y", "year_of_death": "z"},
    {"sort": "sideways"},
    {"page": "-1"},
    {"page": "abc"},
    {"page": "99999"},
    {"page": "1e3"},
]


@pytest.mark.parametrize("params", BAD_INPUT, ids=lambda params: repr(params)[:40])
def test_bad_input_is_a_normal_page(client, search_page_reviews, params):
    response = client.get("/reviews/?" + urlencode(params))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1" in html
    assert "Hidden draft" not in html
    assert "<script>" not in html


QUERY_PIECES = st.sampled_from(
    [
        '"',
        "-",
        "*",
        "(",
        ")",
        ":",
        "^",
        "NEAR",
        "AND",
        "OR",
        "NOT",
        "'",
        ";",
        "--",
        "/*",
        "\\",
        "%",
        "_",
        "{title}",
        "housing",
        "strangulation",
        "DROP TABLE",
        "1=1",
        "\x00",
    ]
)
QUERY_TEXT = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(QUERY_PIECES, st.text(max_size=8)), max_size=12).map(" ".join),
)


@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(q=QUERY_TEXT, page=st.one_of(st.none(), st.text(max_size=5), st.integers()))
def test_any_query_string_gets_a_page_not_an_error(client, search_page_reviews, q, page):
    params = {"q": q} if page is None else {"q": q, "page": page}

    response = client.get("/reviews/", params)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Hidden draft" not in html
    names = set(result_names(html))
    assert names <= {"Lesley", "Ellie", "Adult P"}


def test_themes_list_counts_published_reviews(client, search_page_reviews):
    ThemeFactory(slug="training", name="Training")

    html = client.get("/themes/").content.decode()

    assert html.count("<h1") == 1
    assert 'href="/themes/housing/"' in html
    assert "2 published reviews" in html
    assert "1 published review" in html  # strangulation: the draft does not count
    assert "no published reviews yet" in html


def test_theme_page_lists_its_published_reviews_and_its_feed(client, search_page_reviews):
    response = client.get("/themes/non-fatal-strangulation/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lesley" in html and "Hidden draft" not in html
    assert 'href="/themes/non-fatal-strangulation/feed.atom"' in html
    assert 'href="/reviews/?theme=non-fatal-strangulation"' in html
    assert client.get("/themes/no-such-theme/").status_code == 404


def test_the_search_box_takes_as_much_text_as_the_search_reads(client):
    html = page_html(client)

    [search_box] = re.findall(r'<input[^>]* id="id_q"[^>]*>', html)
    assert re.search(r'maxlength="(\d+)"', search_box).group(1) == str(MAX_QUERY_LENGTH)


def test_a_page_number_past_the_end_shows_the_last_page_of_results(client):
    for number in range(21):
        ReviewFactory(
            pseudonym=f"Adult {number:02d}", published_on=datetime.date(2000 + number, 1, 1)
        )

    html = page_html(client, page="99")

    assert result_names(html) == ["Adult 00"]  # newest first: the oldest is alone on page 2
    assert "21 reviews" in html
    assert 'aria-current="page">2</a>' in html


def test_each_chosen_filter_is_a_link_that_takes_only_it_away(client, search_page_reviews):
    html = page_html(client, q="housing", partnership="wiltshire", year="2021")

    links = {
        label: href
        for href, label in re.findall(
            r'class="govuk-link dhr-active-filters__link" href="([^"]+)">'
            r'<span class="govuk-visually-hidden">Remove filter </span>([^<]+)<',
            html,
        )
    }
    assert set(links) == {
        "Partnership: Wiltshire Community Safety Partnership",
        "Year published: 2021",
    }
    without_year = links["Year published: 2021"].replace("&amp;", "&")
    assert without_year == "?q=housing&partnership=wiltshire"
    assert result_names(page_html(client, q="housing", partnership="wiltshire")) == ["Ellie"]


def test_the_order_links_offer_relevance_only_to_a_search(client, search_page_reviews):
    listing = page_html(client)
    searched = page_html(client, q="housing")

    assert "Most relevant" not in listing and "Newest first" in listing
    assert "Most relevant" in searched and "sort=newest" in searched
