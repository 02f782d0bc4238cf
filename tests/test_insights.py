"""/insights/: the register in charts, for every published review or for any search of
/reviews/. Each chart is drawn as SVG in the page, summed up in a sentence and given as a table;
nothing of a draft is counted; a search's charts count only what it finds."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.models import Nation, Sector

from .factories import PartnershipFactory, ReviewFactory, ThemeFactory, case_types
from .recommendation_records import agency, recommendation, update

pytestmark = pytest.mark.django_db


@pytest.fixture
def charted():
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire CSP")
    powys = PartnershipFactory(slug="powys", name="Powys CSP", nation=Nation.WALES)
    housing = ThemeFactory(slug="housing", name="Housing", name_cy="Tai")
    training = ThemeFactory(slug="training", name="Training")
    police = agency("Wiltshire Police", "wiltshire-police", Sector.POLICE, wiltshire)
    health = agency("Powys Health", "powys-health", Sector.HEALTH, powys)
    made = {}
    for slug, partnership, published, case_type in [
        ("a", wiltshire, "2021-03-01", "intimate-partner"),
        ("b", wiltshire, "2021-06-01", "familial"),
        ("c", powys, "2021-09-01", "intimate-partner"),
        ("d", powys, "2019-01-01", ""),
    ]:
        made[slug] = ReviewFactory(
            slug=slug,
            pseudonym=f"Adult {slug.upper()}",
            lead_partnership=partnership,
            published_on=published,
            **case_types(*filter(None, [case_type])),
            summary="Coercive control." if slug != "b" else "Housing.",
        )
    made["a"].themes.add(housing, training)
    made["c"].themes.add(housing)
    draft = ReviewFactory(
        slug="draft", lead_partnership=powys, draft=True, **case_types("familial")
    )
    draft.themes.add(training)
    recommendation(draft, "1", "A draft's recommendation.", [health])
    done = recommendation(made["a"], "1", "Flag repeat calls.", [police])
    update(done, "implemented")
    recommendation(made["a"], "2", "Share records.", [police, health])
    update(recommendation(made["c"], "1", "Ask about safety.", [health]), "in-progress")
    return made


def table_of(html, slug):
    """The chart's numbers as the table gives them: [(row label, [cells])]."""
    section = html[html.index(f'<section class="dhr-chart" aria-labelledby="chart-{slug}"') :]
    section = section[: section.index("</section>")]
    body = section[section.index("<tbody") : section.index("</tbody>")]
    rows = []
    for row in re.findall(r"<tr.*?</tr>", body, re.S):
        label = re.sub(r"<[^>]+>", "", re.search(r"<th.*?</th>", row, re.S).group(0)).strip()
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td.*?</td>", row, re.S)]
        rows.append((label, cells))
    return rows, section


def test_every_published_review_is_charted(client, charted):
    response = client.get("/insights/")
    html = response.content.decode()

    assert response.status_code == 200
    assert '<h1 class="govuk-heading-xl">The register in charts</h1>' in html
    years, section = table_of(html, "reviews-by-year")
    assert years == [("2021", ["2", "1", "3"]), ("2019", ["0", "1", "1"])]
    assert "5 reviews" not in section and "4 reviews in all" in section
    cases, _ = table_of(html, "case-types")
    assert ("Intimate partner (current or former)", ["2"]) in cases
    assert ("Familial", ["1"]) in cases  # the draft's is not counted
    assert ("Not stated", ["1"]) in cases
    themes, _ = table_of(html, "themes")
    assert themes == [("Housing", ["2"]), ("Training", ["1"])]
    statuses, _ = table_of(html, "recommendation-status")
    assert ("Implemented", ["1"]) in statuses and ("Not yet reported", ["1"]) in statuses
    sectors, section = table_of(html, "recommendation-sectors")
    assert sectors == [("Police", ["2"]), ("Health", ["2"])]  # one is addressed to both
    shares, _ = table_of(html, "implemented-by-year")
    assert shares == [("2021", ["1", "3", "33%"])]


def test_each_chart_is_drawn_and_summed_up(client, charted):
    html = client.get("/insights/").content.decode()
    _rows, section = table_of(html, "themes")
    assert '<svg class="dhr-chart__drawing" viewBox="0 0 360 100" role="img"' in section
    assert 'aria-labelledby="chart-themes chart-themes-summary"' in section
    # The longest bar fills the space; the others are in proportion.
    widths = re.findall(
        r'<rect class="dhr-chart__series-0" x="0.0" y="\d+" width="([\d.]+)"', section
    )
    assert widths == ["290.0", "145.0"]
    assert "4 reviews in all" not in section
    # A review may have several themes: the summary gives no total.
    assert "The largest group is Housing, with 2 reviews." in section
    _rows, section = table_of(html, "reviews-by-year")
    assert "England" in section and "Wales" in section  # the legend and the table's columns
    assert 'class="dhr-chart__series-1"' in section


def test_a_search_charts_only_what_it_finds(client, charted):
    html = client.get("/insights/?q=coercive+control&nation=wales&sort=oldest&page=3").content
    html = html.decode()
    assert "Charts of your search" in html
    years, _ = table_of(html, "reviews-by-year")
    assert years == [("2021", ["0", "1", "1"]), ("2019", ["0", "1", "1"])]
    assert 'href="/reviews/?q=coercive+control&amp;nation=wales">Back to these reviews' in html
    assert 'href="?q=coercive+control"' in html  # take the nation filter away
    assert "Words searched for: coercive control" in html


def test_the_results_page_offers_its_selection_as_charts(client, charted):
    html = client.get("/reviews/?q=coercive+control&nation=wales").content.decode()
    assert (
        'href="/insights/?q=coercive+control&amp;nation=wales">See these reviews as charts' in html
    )
    html = client.get("/reviews/").content.decode()
    assert 'href="/insights/">See all the reviews as charts' in html


def test_the_welsh_page_names_themes_in_welsh(client, charted):
    html = client.get("/cy/insights/").content.decode()
    themes, section = table_of(html, "themes")
    assert themes[0] == ("Tai", ["2"])
    assert 'lang="en">Training</text>' in section  # no Welsh name yet: marked as English
    assert 'lang="cy"' in section


def test_fictional_records_are_said_to_be_fictional(client, charted):
    sample = PartnershipFactory(slug="sample", name="Sample (fictional)", fictional=True)
    ReviewFactory(lead_partnership=sample, published_on="2020-01-01")
    html = client.get("/insights/").content.decode()
    assert "These counts include 1 review of the fictional sample partnership" in html
    assert "fictional sample" not in client.get("/insights/?partnership=wiltshire").content.decode()


def test_an_empty_selection_says_so(client, charted):
    html = client.get("/insights/?q=zzzz-no-match").content.decode()
    assert "Nothing to count in this selection." in html
    assert "<svg" not in html


@pytest.mark.parametrize(
    "query",
    ["?q=%00", "?page=abc&sort=x", "?partnership=nowhere&year=abc", '?q="open', "?q=" + "a" * 5000],
)
def test_strange_addresses_get_a_page(client, charted, query):
    response = client.get("/insights/" + query)
    assert response.status_code == 200
    assert b"dhr-chart" in response.content


def test_the_number_of_queries_does_not_grow_with_the_reviews(client, charted):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/insights/").status_code == 200
        return len(captured)

    before = queries()
    for _number in range(10):
        ReviewFactory(lead_partnership=charted["a"].lead_partnership, published_on="2018-01-01")
    assert queries() == before
