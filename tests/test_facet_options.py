"""A long filter of /reviews/ (the partnerships: some 300 nationally) lists beside the results
only the options chosen and those with the most reviews, so that the page stays light; every
option is one link away, on a page of its own that needs no script
(/reviews/filters/<facet>/), whose form keeps the search and the other filters.

Run on SQLite and on PostgreSQL (CI runs the suite under both DATABASE_URLs).
"""

import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from .factories import PartnershipFactory, ReviewFactory, ThemeFactory, partnerships_with_reviews

pytestmark = pytest.mark.django_db

PARTNERSHIPS = 300
# The most a results page over PARTNERSHIPS partnerships may weigh, before compression. With
# every partnership's checkbox it was about 130 KB in this test.
BUDGET = 60_000
BOX = re.compile(r'<input class="govuk-checkboxes__input"[^>]*name="(\w+)"[^>]*value="([^"]*)"')
FORM = re.compile(r'<form method="get" action="([^"]+)">(.*?)</form>', re.S)
HIDDEN = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)">')


@pytest.fixture
def many_partnerships():
    """PARTNERSHIPS partnerships with a published review each; "Area 290" to "Area 299" have
    two more each. Their slugs."""
    return partnerships_with_reviews(PARTNERSHIPS)


def boxes(page_html, name):
    return [value for box_name, value in BOX.findall(page_html) if box_name == name]


def options_link(page_html):
    """The address of the results page's link to every partnership."""
    [link] = re.findall(r'href="(/(?:cy/)?reviews/filters/partnership/[^"]*)"', page_html)
    return html.unescape(link)


def test_a_results_page_over_300_partnerships_stays_light_and_reaches_every_one_without_script(
    client, many_partnerships
):
    response = client.get("/reviews/")
    page_html = response.content.decode()

    assert response.status_code == 200
    assert len(response.content) <= BUDGET, len(response.content)
    # The ten with the most reviews, most first, then "See all 300 options".
    assert boxes(page_html, "partnership") == [f"area-{n}" for n in range(290, 300)]
    assert "Those with the most reviews." in page_html
    assert re.search(
        r">See all 300 options<span class=\"govuk-visually-hidden\"> for Partnership<", page_html
    )

    every = client.get(options_link(page_html))
    every_html = every.content.decode()

    assert every.status_code == 200
    [(action, form)] = FORM.findall(every_html)
    assert action == "/reviews/"
    assert sorted(boxes(form, "partnership")) == sorted(many_partnerships)
    assert 'type="submit"' in form
    assert re.search(
        r"Area 7 Community Safety Partnership <span class=\"dhr-facet-count\">\(1<", every_html
    )
    assert re.search(
        r"Area 295 Community Safety Partnership <span class=\"dhr-facet-count\">\(3<", every_html
    )


def test_an_option_chosen_from_the_page_of_every_option_stays_ticked_beside_the_results(
    client, many_partnerships
):
    page_html = client.get("/reviews/", {"partnership": "area-7"}).content.decode()

    assert 'value="area-7" checked' in page_html
    # The chosen first, then the ten with the most reviews.
    assert boxes(page_html, "partnership") == ["area-7"] + [f"area-{n}" for n in range(290, 300)]
    assert "Those you chose, then those with the most reviews." in page_html
    assert "1 review" in page_html
    assert options_link(page_html) == "/reviews/filters/partnership/?partnership=area-7"


def test_a_short_filter_is_listed_whole_with_no_page_of_its_own(client):
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire Community Safety Partnership")
    for n in range(3):
        ReviewFactory(lead_partnership=wiltshire).themes.add(ThemeFactory(slug=f"theme-{n}"))

    page_html = client.get("/reviews/").content.decode()

    assert boxes(page_html, "partnership") == ["wiltshire"]
    assert boxes(page_html, "theme") == ["theme-0", "theme-1", "theme-2"]
    assert "/reviews/filters/" not in page_html
    assert "the most reviews" not in page_html


@pytest.fixture
def filtered_partnerships():
    """Two partnerships with housing reviews, a third with none, and a theme of two reviews."""
    housing = ThemeFactory(slug="housing", name="Housing")
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire Community Safety Partnership")
    powys = PartnershipFactory(slug="powys", name="Powys Community Safety Partnership")
    dorset = PartnershipFactory(slug="dorset", name="Dorset Community Safety Partnership")
    ReviewFactory(lead_partnership=wiltshire, summary="Housing and tenancy.").themes.add(housing)
    ReviewFactory(lead_partnership=powys, summary="Housing advice.").themes.add(housing)
    ReviewFactory(lead_partnership=dorset, summary="Police contact.")


def test_the_page_of_every_option_keeps_the_search_and_the_other_filters(
    client, filtered_partnerships
):
    response = client.get(
        "/reviews/filters/partnership/",
        {
            "q": "housing",
            "theme": ["housing", "no-such-theme"],
            "partnership": "powys",
            "sort": "oldest",
            "page": "3",
            "utm_source": "<script>",
        },
    )
    page_html = response.content.decode()

    assert response.status_code == 200
    [(action, form)] = FORM.findall(page_html)
    assert action == "/reviews/"
    # The form changes the partnerships and carries the rest, less what means nothing.
    assert HIDDEN.findall(form) == [("q", "housing"), ("sort", "oldest"), ("theme", "housing")]
    assert boxes(form, "partnership") == ["powys", "wiltshire"]  # Dorset has no housing review
    assert 'value="powys" checked' in form
    assert "<script>" not in page_html
    assert "matching “housing” it would show, with your other filters" in page_html
    back = html.unescape(re.search(r'href="([^"]+)">Back to the reviews', page_html).group(1))
    assert back == "/reviews/?q=housing&sort=oldest&partnership=powys&theme=housing"
    assert '<h1 class="govuk-heading-xl">Partnership</h1>' in page_html
    assert "<title>Filter reviews: Partnership - Domestic Homicide Reviews</title>" in page_html


def test_the_page_of_every_option_speaks_welsh_under_cy(client, filtered_partnerships):
    response = client.get("/cy/reviews/filters/theme/", {"partnership": "wiltshire"})
    page_html = response.content.decode()

    assert response.status_code == 200
    assert '<html lang="cy"' in page_html
    assert "Hidlo adolygiadau:" in page_html and "Dangos adolygiadau" in page_html
    [(action, form)] = FORM.findall(page_html)
    assert action == "/cy/reviews/"
    assert HIDDEN.findall(form) == [("partnership", "wiltshire")]
    assert boxes(form, "theme") == ["housing"]


def test_a_search_that_matches_nothing_leaves_nothing_to_choose_and_a_way_back(
    client, filtered_partnerships
):
    response = client.get("/reviews/filters/partnership/", {"q": "zzzz-no-match"})
    page_html = response.content.decode()

    assert response.status_code == 200
    assert "this filter has no options to choose from" in page_html
    assert 'type="checkbox"' not in page_html
    assert 'href="/reviews/?q=zzzz-no-match">Back to the reviews' in page_html


@pytest.mark.parametrize("facet", ["no-such-filter", "q", "sort", "page", "Partnership"])
def test_a_filter_that_does_not_exist_has_no_page(client, facet):
    assert client.get(f"/reviews/filters/{facet}/").status_code == 404
    assert client.get(f"/cy/reviews/filters/{facet}/").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "partnership=%00",
        "partnership=" + "a" * 5000,
        "q=%ff%fe&year=NaN&year_of_death=-1",
        "theme=<script>alert(1)</script>&nation=atlantis",
        'q="unbalanced&sort=sideways&page=99999999999999999999',
        "partnership&partnership=&=&&",
    ],
)
@pytest.mark.parametrize("facet", ["partnership", "nation", "type", "case_type", "theme", "year"])
def test_strange_query_strings_get_the_page(client, filtered_partnerships, facet, query):
    response = client.get(f"/reviews/filters/{facet}/?{query}")

    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_the_page_of_every_option_asks_the_same_queries_however_many_partnerships(client):
    def count():
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/reviews/filters/partnership/", {"q": "Area", "type": "dhr"})
            assert response.status_code == 200
        return len(captured)

    partnerships_with_reviews(3, most_frequent=1)
    few = count()
    for n in range(40):
        ReviewFactory(lead_partnership=PartnershipFactory(slug=f"another-{n}"))
    many = count()

    assert many == few


@pytest.mark.parametrize(
    ("params", "says"),
    [
        ({"q": "housing", "theme": "housing"}, "matching “housing” it would show, with your other"),
        ({"q": "housing", "partnership": "powys"}, "reviews matching “housing” it would show."),
        ({"theme": "housing", "partnership": "powys"}, "reviews it would show, with your other"),
        ({"partnership": "powys"}, "many published reviews it would show."),
    ],
)
def test_the_page_of_every_option_says_what_its_counts_count(
    client, filtered_partnerships, params, says
):
    page_html = client.get("/reviews/filters/partnership/", params).content.decode()

    [intro] = re.findall(r'<p class="govuk-body">(Tick any number[^<]*)</p>', page_html)
    assert says in intro
    assert intro.endswith("filters.") == ("other" in says)
