"""In headless Chromium against a live server: a filter too long to list whole beside the
results (Facet.shortlist), which the demo data has none of, and its page of every option. axe
finds nothing on either, in either language, and without JavaScript a visitor reaches any
partnership from the results and comes back with it chosen and the search kept."""

import re

import pytest

from .browser_checks import DESKTOP, browser_page
from .conftest import axe_violations
from .factories import partnerships_with_reviews

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = [
    "/reviews/",
    "/reviews/?q=area&partnership=area-3&sort=oldest",
    "/reviews/filters/partnership/?q=area&partnership=area-3&type=dhr",
]


@pytest.fixture
def long_filter_site(live_server):
    """The live server with 25 partnerships, each with a published review."""
    partnerships_with_reviews(25)
    return live_server.url


def test_a_shortlisted_filter_and_its_page_of_every_option_have_no_axe_violations(
    page, long_filter_site
):
    failures = {}
    for path in PAGES + ["/cy" + path for path in PAGES]:
        page.goto(long_filter_site + path)
        # The filters are closed <details>; axe checks what is inside them open.
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        violations = axe_violations(page)
        if violations:
            failures[path] = violations

    assert failures == {}


@pytest.mark.parametrize("language", ["", "/cy"])
def test_without_javascript_any_partnership_is_reached_from_the_results(
    browser, long_filter_site, language
):
    with browser_page(browser, DESKTOP, java_script_enabled=False) as page:
        page.goto(f"{long_filter_site}{language}/reviews/?q=area&sort=oldest")
        partnership = page.locator("details.dhr-facet").first
        partnership.locator("summary").click()
        # Area 3 has one review: it is not among the ten with the most.
        assert partnership.get_by_label(re.compile(r"^Area 3 Community")).count() == 0
        partnership.locator("a[href*='/reviews/filters/partnership/']").click()

        assert re.search(r"/reviews/filters/partnership/\?q=area&sort=oldest$", page.url)
        assert page.locator("input[name=partnership]").count() == 25
        page.get_by_label(re.compile(r"^Area 3 Community")).check()
        page.locator("form button[type=submit]").click()

        assert page.url == (
            f"{long_filter_site}{language}/reviews/?q=area&sort=oldest&partnership=area-3"
        )
        assert page.get_by_label(re.compile(r"^Area 3 Community")).is_checked()
        assert page.locator("h2#results").inner_text().startswith("1 ")
        assert page.locator("#id_q").input_value() == "area"
