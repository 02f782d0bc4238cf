"""The help page in headless Chromium with the demo data, on a 360 px phone and a desktop: the
helpline filter comes before the long list, the tags on each helpline keep apart when they
wrap, and the "Hours" value sits level with its label as the other values do."""

import pytest

from .browser_checks import DESKTOP, PHONE, browser_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Each helpline's two tags ("Open now", "Free to call") as boxes.
TAG_BOXES = """() => [...document.querySelectorAll('.dhr-helpline')].map(card =>
    [...card.querySelectorAll('.govuk-tag')].map(tag => {
        const box = tag.getBoundingClientRect();
        return {top: box.top, bottom: box.bottom, left: box.left, right: box.right};
    }))"""

# For each helpline, each row of its details: the label's first line of text and the value's,
# as (left, top) of the text itself (not of the boxes around it).
ROW_TEXT = """() => {
    const firstLine = element => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT,
            node => node.textContent.trim() ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP);
        const range = document.createRange();
        range.selectNodeContents(walker.nextNode());
        const box = range.getClientRects()[0];
        return [box.left, box.top];
    };
    return [...document.querySelectorAll('.dhr-helpline')].map(card =>
        [...card.querySelectorAll('.govuk-summary-list__row')].map(row => ({
            label: row.querySelector('dt').textContent.trim(),
            key: firstLine(row.querySelector('dt')),
            value: firstLine(row.querySelector('dd')),
        })));
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_helpline_filter_comes_before_the_first_helpline(browser, demo_site, viewport):
    with browser_page(browser, viewport) as page:
        page.goto(demo_site.url + "/help/")
        fold = page.locator("summary", has_text="Find helplines for you")
        first_helpline = page.locator(".dhr-helpline").first.bounding_box()
        box = fold.bounding_box()
        assert box["y"] + box["height"] <= first_helpline["y"]
        assert box["y"] + box["height"] <= viewport["height"]

        fold.click()
        page.select_option("#id_who", "men")
        page.get_by_role("button", name="Show helplines").click()
        page.wait_for_url("**/help/?who=men*")
        # The choices stay in view, unfolded, above the lines they chose.
        assert page.locator("#id_who").is_visible()
        assert page.locator("#id_who").input_value() == "men"


@pytest.mark.parametrize("width", [320, 360, 1024])
def test_a_helplines_tags_keep_a_gap_when_they_wrap(browser, demo_site, width):
    with browser_page(browser, {"width": width, "height": 740}) as page:
        page.goto(demo_site.url + "/help/")
        cards = [tags for tags in page.evaluate(TAG_BOXES) if len(tags) == 2]

    assert cards
    touching = []
    for first, second in cards:
        wrapped = second["top"] >= first["bottom"] - 1 or second["left"] < first["right"]
        gap = second["top"] - first["bottom"] if wrapped else second["left"] - first["right"]
        if gap <= 0:
            touching.append((first, second))
    assert touching == []


@pytest.mark.parametrize("width", [320, 360, 700, 1024, 1280])
def test_the_hours_value_lines_up_with_its_label_like_every_other_value(browser, demo_site, width):
    with browser_page(browser, {"width": width, "height": 740}) as page:
        page.goto(demo_site.url + "/help/")
        cards = page.evaluate(ROW_TEXT)

    misaligned = []
    for rows in cards:
        # Where a value's text starts relative to its label's: the same for every row.
        offsets = {
            row["label"]: (
                round(row["value"][0] - row["key"][0]),
                round(row["value"][1] - row["key"][1]),
            )
            for row in rows
        }
        if offsets["Hours"] != offsets["Cost"]:
            misaligned.append(offsets)
    assert misaligned == []
