"""In headless Chromium with the demo data: what the top of every public page gives someone in
danger. On a 360 x 740 phone, 999 and the National Domestic Abuse Helpline can be tapped without
scrolling and the page's heading is still on the first screen, with nothing moving once drawn;
and a keyboard meets "Skip to main content", then "Exit this page", before anything else."""

import pytest
from django.utils import translation

from .browser_checks import (
    DESKTOP,
    FOCUSED,
    LAYOUT_SHIFT,
    PHONE,
    TEL_LINK_BOXES,
    browser_page,
    on_first_screen,
)
from .public_pages import PUBLIC_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NUMBERS = {"999": "tel:999", "National Domestic Abuse Helpline": "tel:08082000247"}
NEUTRAL_SITE = "https://www.bbc.co.uk/weather"


def test_on_a_phone_both_numbers_and_the_heading_are_on_the_first_screen_of_every_page(
    browser, demo_site
):
    failures = {}
    with browser_page(browser, PHONE) as page:
        for path in PUBLIC_PAGES:
            page.goto(demo_site.url + path, wait_until="load")
            problems = []
            for number, href in NUMBERS.items():
                boxes = page.evaluate(TEL_LINK_BOXES, href)
                if not any(on_first_screen(box, PHONE) for box in boxes):
                    problems.append(f"{number} not on the first screen: {boxes[:1]}")
            heading = page.locator("h1").bounding_box()
            if heading is None or heading["y"] + heading["height"] > PHONE["height"]:
                problems.append(f"h1 below the first screen: {heading}")
            shift = page.evaluate(LAYOUT_SHIFT)
            if shift != 0:
                problems.append(f"layout shift {shift}")
            if problems:
                failures[path] = problems

    assert failures == {}


def keyboard_names(path):
    language = "cy" if path.startswith("/cy/") else "en"
    with translation.override(language):
        return translation.gettext("Skip to main content"), translation.gettext("Exit this page")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_second_keyboard_stop_of_every_page_is_exit_this_page(browser, demo_site, viewport):
    failures = {}
    with browser_page(browser, viewport) as page:
        for path in PUBLIC_PAGES:
            page.goto(demo_site.url + path)
            skip, exit_page = keyboard_names(path)
            page.keyboard.press("Tab")
            first = page.evaluate(FOCUSED)
            page.keyboard.press("Tab")
            second = page.evaluate(FOCUSED)
            if (first["text"], first["href"]) != (skip, "#main-content") or (
                second["text"],
                second["href"],
            ) != (exit_page, "#exit-this-page"):
                failures[path] = [first, second]

    assert failures == {}


@pytest.mark.parametrize("path", ["/reviews/ellie/", "/cy/help/"])
def test_enter_on_the_exit_skip_link_focuses_the_button_and_enter_again_leaves(
    browser, demo_site, path
):
    with browser_page(browser, DESKTOP) as page:
        page.route(
            "https://www.bbc.co.uk/**",
            lambda route: route.fulfill(status=200, content_type="text/html", body="Weather"),
        )
        page.goto(demo_site.url + path)
        page.wait_for_selector("[data-dhr-exit-this-page-init]", state="attached")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")

        assert page.evaluate(FOCUSED)["id"] == "exit-this-page"
        page.keyboard.press("Enter")
        page.wait_for_url(NEUTRAL_SITE)
