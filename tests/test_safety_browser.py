"""In a real browser (headless Chromium): the quick exit on every public page, and the help page
on a phone, with and without JavaScript, passing axe."""

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from reviews.models import ReviewDocument

from .browser_checks import LAYOUT_SHIFT
from .conftest import axe_violations
from .factories import (
    HelplineFactory,
    InformationPageFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    StrategyDocumentFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL_SITE = "https://www.bbc.co.uk/weather"
PHONE = {"width": 360, "height": 640}


@pytest.fixture
def site(live_server):
    wiltshire = PartnershipFactory(name="Wiltshire CSP", short_name="Wiltshire", slug="wiltshire")
    review = ReviewFactory(lead_partnership=wiltshire, slug="ellie", pseudonym="Ellie")
    ReviewDocumentFactory(review=review, kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY)
    HelplineFactory(
        name="Emergency services",
        phone="999",
        emergency=True,
        order=0,
        description="Ask for the police.",
    )
    HelplineFactory(
        name="National Domestic Abuse Helpline",
        organisation="Refuge",
        phone="0808 2000 247",
        order=1,
        description="Free, confidential advice, day and night.",
    )
    HelplineFactory(name="Men's Advice Line", phone="0808 801 0327", audience="men", order=2)
    HelplineFactory(
        name="Galop",
        phone="0800 999 5428",
        audience="lgbt",
        open_24_hours=False,
        hours=[(day, "10:00", "20:30") for day in range(4)],
    )
    HelplineFactory(
        name="Wiltshire out-of-hours helpline",
        phone="01225 712880",
        local=True,
        partnership=wiltshire,
        open_24_hours=False,
        hours=[(day, "17:00", "08:00") for day in range(5)],
    )
    StrategyDocumentFactory(slug="wiltshire-strategy", partnership=wiltshire)
    InformationPageFactory(slug="domestic-abuse", title="What domestic abuse is")
    return live_server


def neutral_site_stub(page):
    """The exit goes to BBC Weather; the test answers for it, so nothing leaves this machine."""
    page.route(
        "https://www.bbc.co.uk/**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<title>Weather</title>Weather"
        ),
    )


PUBLIC_PAGES = [
    "/",
    "/reviews/",
    "/reviews/ellie/",
    "/partnerships/",
    "/partnerships/wiltshire/",
    "/about/reviews/",
    "/help/",
    "/safety/",
    "/about/domestic-abuse/",
    "/strategies/",
    "/strategies/wiltshire-strategy/",
    "/no-such-page/",
]


def test_every_public_page_has_the_exit_button_and_three_shift_presses_leave_it(page, site):
    neutral_site_stub(page)
    stayed = []
    for path in PUBLIC_PAGES:
        page.goto(site.url + path)
        button = page.get_by_role("button", name="Emergency Exit this page")
        assert button.is_visible(), path
        # The site's script has set the button up (it marks the element when it has).
        page.wait_for_selector("[data-dhr-exit-this-page-init]", state="attached")

        for _ in range(3):
            page.keyboard.press("Shift")
        try:
            page.wait_for_url(NEUTRAL_SITE, timeout=15000)
        except PlaywrightTimeoutError:
            stayed.append(path)

    assert stayed == []


def test_exit_replaces_the_page_in_history_so_back_does_not_return_to_it(page, site):
    neutral_site_stub(page)
    page.goto(site.url + "/")
    page.goto(site.url + "/help/")

    page.get_by_role("button", name="Emergency Exit this page").click()
    page.wait_for_url(NEUTRAL_SITE)
    page.go_back()

    # Back skips the help page, which the weather page replaced, and lands on the one before.
    assert page.url == site.url + "/"


def test_help_page_on_a_phone_shows_both_numbers_at_once_and_passes_axe(page, site):
    page.set_viewport_size(PHONE)
    page.goto(site.url + "/help/")

    for number in ["999", "0808 2000 247"]:
        link = page.locator("a[href^='tel:']", has_text=number).first
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= PHONE["height"], (number, box)
    assert axe_violations(page) == []


def test_help_page_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport=PHONE)
    page = context.new_page()
    neutral_site_stub(page)
    try:
        page.goto(site.url + "/help/")
        assert page.locator("main a[href='tel:999']").is_visible()
        assert page.get_by_text("Open now, 24 hours a day").first.is_visible()

        # The filter is folded under the emergency panel, and opens without a script.
        page.locator("summary", has_text="Find helplines for you").click()
        page.select_option("#id_who", "men")
        page.select_option("#id_where", "wiltshire")
        page.get_by_role("button", name="Show helplines").click()
        page.wait_for_url("**/help/?who=men&where=wiltshire")
        listed = page.locator(".dhr-helpline h3").all_inner_texts()
        assert listed == [
            "National Domestic Abuse Helpline",
            "Men's Advice Line",
            "Wiltshire out-of-hours helpline",
        ]

        page.get_by_text("If you cannot speak on the phone").click()
        assert page.get_by_text("press 55").is_visible()

        page.get_by_role("button", name="Emergency Exit this page").click()
        page.wait_for_url(NEUTRAL_SITE)
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_on_a_phone_the_menu_folds_behind_a_button_that_opens_it(browser, site, javascript):
    context = browser.new_context(java_script_enabled=javascript, viewport=PHONE)
    page = context.new_page()
    try:
        page.goto(site.url + "/help/")
        menu = page.locator("summary", has_text="Menu")
        nav = page.get_by_role("navigation", name="Menu")
        reviews_link = nav.get_by_role("link", name="Reviews", exact=True)
        assert menu.is_visible()
        assert not reviews_link.is_visible()

        menu.click()
        assert reviews_link.is_visible()
        assert nav.get_by_role("link", name="Get help", exact=True).is_visible()
    finally:
        context.close()


def test_on_a_wide_screen_the_menu_is_open_with_no_button(browser, site):
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    try:
        page.goto(site.url + "/help/")
        assert not page.locator("summary", has_text="Menu").is_visible()
        nav = page.get_by_role("navigation", name="Menu")
        for name in ["Reviews", "Partnerships", "Strategies", "About reviews", "Get help"]:
            assert nav.get_by_role("link", name=name, exact=True).is_visible(), name
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1024, "height": 768}], ids=["phone", "wide"])
def test_nothing_on_the_help_page_moves_once_it_is_drawn(browser, site, viewport):
    """The page's scripts add no layout shift (a folding menu once moved the whole page)."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    try:
        page.goto(site.url + "/help/", wait_until="load")
        assert page.evaluate(LAYOUT_SHIFT) == 0
    finally:
        context.close()
