"""/recommendations/: the register, its search (the review search's syntax, the same answers on
SQLite and PostgreSQL), its filters and counts, its order and its bad-input rules."""

import datetime

import pytest
from django.http import QueryDict

from reviews.models import Nation, Sector
from reviews.recommendations.register import read_params, register

from .factories import PartnershipFactory, ReviewFactory, ThemeFactory
from .recommendation_records import agency, recommendation, update

pytestmark = pytest.mark.django_db


@pytest.fixture
def register_records(wiltshire, powys):
    police = agency("Wiltshire Police", "wiltshire-police", Sector.POLICE, wiltshire)
    health = agency("Powys Teaching Health Board", "powys-health", Sector.HEALTH, powys)
    office = agency("Home Office", "home-office", Sector.NATIONAL_BODY)
    training = ThemeFactory(slug="training", name="Training")
    old = ReviewFactory(
        lead_partnership=wiltshire,
        slug="old",
        pseudonym="Adult A",
        published_on=datetime.date(2015, 8, 1),
    )
    new = ReviewFactory(
        lead_partnership=powys,
        slug="new",
        pseudonym="Lesley",
        published_on=datetime.date(2021, 11, 1),
    )
    made = {
        "a": recommendation(
            old,
            "1",
            "Deliver training on coercive control to every call handler.",
            [police],
            [training],
            due_on=datetime.date(2019, 1, 1),
        ),
        "b": recommendation(
            old,
            "2",
            "Share information between housing and police before a move.",
            [police, office],
            level="national",
            due_on=datetime.date(2030, 1, 1),
            position=1,
        ),
        "c": recommendation(
            new,
            "R1",
            "Offer training in information sharing to GP surgeries.",
            [health],
            [training],
            due_on=datetime.date(2031, 6, 1),
            text_cy="Cynnig hyfforddiant ar rannu gwybodaeth i feddygfeydd.",
        ),
        "d": recommendation(
            new, "R2", "Review the housing allocation policy.", [office], position=1
        ),
    }
    update(made["c"], "in-progress")
    update(made["b"], "implemented")
    return made


def numbers(results):
    return [r.number for r in results.recommendations]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("training", {"1", "R1"}),
        ("TRAINING control", {"1"}),
        ('"information sharing"', {"R1"}),  # "sharing information" is not the phrase
        ("information sharing", {"R1"}),  # words match whole: "share" is not "sharing"
        ("information police", {"2"}),
        ("training OR housing", set()),  # OR is a common word: both words are needed
        ("housing -police", {"R2"}),
        ('training -"call handler"', {"R1"}),
        ("-training", {"2", "R2"}),
        ("hyfforddiant", {"R1"}),  # the Welsh text is searched too
        ("zzzz-no-match", set()),
        ("the and", {"1", "2", "R1", "R2"}),  # nothing but common words: no search
    ],
)
def test_the_search_means_what_review_search_means(register_records, query, expected):
    assert set(numbers(register(query))) == expected


def test_the_default_order_is_newest_review_first_then_the_reviews_order(register_records):
    assert numbers(register("")) == ["R1", "R2", "1", "2"]
    assert numbers(register("", sort="oldest")) == ["1", "2", "R1", "R2"]
    assert numbers(register("", sort="due")) == ["1", "2", "R1", "R2"]  # no date last
    assert numbers(register("", sort="nonsense")) == ["R1", "R2", "1", "2"]


def counts(results, facet):
    return {o.value: o.count for f in results.facets if f.name == facet for o in f.options}


def test_every_facet_is_counted(register_records):
    results = register("")
    assert counts(results, "status") == {"not-reported": 2, "in-progress": 1, "implemented": 1}
    assert counts(results, "overdue") == {"yes": 1}  # 1 is overdue; 2 is done
    assert counts(results, "sector") == {"police": 2, "health": 1, "national-body": 2}
    assert counts(results, "agency") == {"wiltshire-police": 2, "powys-health": 1, "home-office": 2}
    assert counts(results, "level") == {"local": 3, "national": 1}
    assert counts(results, "partnership") == {"wiltshire": 2, "powys": 2}
    assert counts(results, "nation") == {Nation.ENGLAND: 2, Nation.WALES: 2}
    assert counts(results, "theme") == {"training": 2}
    assert counts(results, "year") == {"2015": 2, "2021": 2}


def test_filters_narrow_and_counts_follow_the_other_filters(register_records):
    results = register("", {"nation": {"wales"}, "sector": {"national-body", "health"}})
    assert numbers(results) == ["R1", "R2"]
    # The nation's counts follow the sector choice; the sector's follow the nation.
    assert counts(results, "nation") == {"wales": 2, "england": 1}
    assert counts(results, "sector") == {"health": 1, "national-body": 1}
    assert numbers(register("", {"overdue": {"yes"}})) == ["1"]
    assert numbers(register("training", {"year": {"2015"}})) == ["1"]


def test_unknown_filters_and_values_are_ignored(register_records):
    results = register("", {"status": {"nonsense"}, "colour": {"red"}, "year": {"1900"}})
    assert results.count == 4
    assert all(not f.selected_options for f in results.facets)


def test_drafts_and_withdrawn_reviews_are_not_counted(register_records, wiltshire):
    draft = ReviewFactory(lead_partnership=wiltshire, draft=True, published_on=None)
    recommendation(draft, "1", "Draft training.", [])
    gone = ReviewFactory(lead_partnership=wiltshire, withdrawn=True)
    recommendation(gone, "1", "Withdrawn training.", [])
    results = register("training")
    assert set(numbers(results)) == {"1", "R1"}
    assert counts(results, "partnership") == {"wiltshire": 1, "powys": 1}


def test_a_benchmark_can_call_it_with_the_pages_parameters(register_records):
    text, selected, sort = read_params(QueryDict("q=training&status=in-progress&sort=due"))
    results = register(text, selected, sort, page="1", per_page=1)
    assert numbers(results) == ["R1"]
    assert results.count == 1


# --- The page ----------------------------------------------------------------------------------


def test_the_page_lists_links_and_counts(client, register_records):
    response = client.get("/recommendations/?q=training")
    html = response.content.decode()
    assert response.status_code == 200
    assert "2 recommendations" in html
    assert f'href="/reviews/new/#recommendation-{register_records["c"].pk}"' in html
    assert "Recommendation R1 of Lesley" in html
    assert "Overdue" in html
    # The downloads carry the search.
    assert 'href="/data/recommendations.csv?q=training"' in html
    assert 'href="/data/recommendations.json?q=training"' in html


def test_the_whole_register_is_summed_up_in_links_to_its_parts(client, register_records):
    html = client.get("/recommendations/").content.decode()
    glance = html[
        html.index('id="at-a-glance"') : html.index("</nav>", html.index('id="at-a-glance"'))
    ]
    # "1" is overdue (due 2019, not reported); one each in progress and implemented; two not
    # yet reported.
    assert '<a class="govuk-link" href="?overdue=yes"><strong>Overdue: 1<' in glance
    assert 'href="?status=not-reported">Not yet reported: 2<' in glance
    assert 'href="?status=in-progress">In progress: 1<' in glance
    assert "Not implemented" not in glance  # no recommendation has it
    # Once a search or a filter is chosen, the counts are the filters' own.
    assert 'id="at-a-glance"' not in client.get("/recommendations/?q=training").content.decode()
    assert 'id="at-a-glance"' not in client.get("/recommendations/?level=local").content.decode()


def test_the_welsh_page(client, register_records):
    html = client.get("/cy/recommendations/?q=hyfforddiant").content.decode()
    assert "Cynnig hyfforddiant ar rannu gwybodaeth" in html
    assert "Argymhellion adolygiadau" in html


def test_filters_shown_chosen_can_be_removed(client, register_records):
    html = client.get("/recommendations/?status=in-progress&agency=powys-health").content.decode()
    assert "1 recommendation<" in html
    assert 'value="in-progress" checked' in html
    assert 'href="?agency=powys-health">' in html  # remove the status filter


def test_pages_of_results(client, register_records):
    html = client.get("/recommendations/?page=2&sort=oldest").content.decode()
    assert "4 recommendations" in html  # 4 fit on one page: the nearest real page shows
    assert "Recommendation 1 of Adult A" in html


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=-1",
        "?page=99999999999999999999",
        "?status=%00&sort[]=x",
        "?q=" + "a" * 5000,
        '?q="unclosed phrase',
        "?q=%ff%fe",
        "?q=*:()^&agency=no-such-agency&theme=",
        "?year=abc&overdue=maybe&level=none",
    ],
)
def test_bad_input_gives_a_page(client, register_records, query):
    response = client.get("/recommendations/" + query)
    assert response.status_code == 200
    assert b"Recommendations" in response.content


def test_no_match_says_so(client, register_records):
    html = client.get("/recommendations/?q=zzzz").content.decode()
    assert "No published recommendations match your search." in html


def test_an_empty_register(client, wiltshire):
    html = client.get("/recommendations/").content.decode()
    assert "No recommendations have been published yet." in html


def test_another_partnership_without_recommendations_is_not_a_facet(register_records):
    PartnershipFactory(slug="elsewhere")
    assert "elsewhere" not in counts(register(""), "partnership")
