"""In headless Chromium against a live server with the demo data: axe-core (WCAG 2.2 A and AA)
on every public page type in both languages, a keyboard journey through the main pages, and
reflow at 320 CSS pixels."""

import pytest

from .conftest import axe_violations
from .public_pages import PUBLIC_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NARROW = {"width": 320, "height": 640}

# Everything a keyboard can reach: marks each visible focusable element with data-kb.
MARK_FOCUSABLE = """() => {
  const selector = 'a[href], button, input:not([type=hidden]), select, textarea, summary,'
    + ' [tabindex]:not([tabindex="-1"])';
  // checkVisibility() is false inside a closed <details>, which a keyboard cannot enter either.
  const reachable = [...document.querySelectorAll(selector)].filter(element =>
    !element.disabled && element.checkVisibility({visibilityProperty: true}));
  reachable.forEach((element, index) => { element.dataset.kb = String(index); });
  return reachable.map(element => element.outerHTML.slice(0, 120));
}"""

# The focus indicator: outline, shadow, background and border (a colour change alone is not
# enough), and for a GOV.UK checkbox or radio, whose input is invisible, the box its label draws.
APPEARANCE = """element => {
  // An outline or border that is not drawn does not count, whatever its colour.
  const pick = style => [
    style.outlineStyle === 'none' || style.outlineWidth === '0px' ? 'no outline'
      : [style.outlineStyle, style.outlineWidth, style.outlineColor].join(' '),
    style.boxShadow, style.backgroundColor,
    style.borderStyle === 'none' || style.borderWidth === '0px' ? 'no border'
      : [style.borderStyle, style.borderWidth, style.borderColor].join(' '),
  ].join('|');
  const parts = [pick(getComputedStyle(element))];
  if (element.matches('input[type=checkbox], input[type=radio]') && element.labels.length) {
    parts.push(pick(getComputedStyle(element.labels[0], '::before')));
    parts.push(pick(getComputedStyle(element.labels[0], '::after')));
  }
  return parts.join('#');
}"""


def test_every_public_page_type_in_both_languages_has_no_axe_violations(page, demo_site):
    failures = {}
    for path in PUBLIC_PAGES:
        response = page.goto(demo_site.url + path)
        assert response.status in (200, 404, 410), path
        violations = axe_violations(page)
        if violations:
            failures[path] = violations

    assert failures == {}


def test_no_page_scrolls_sideways_at_320_pixels_in_either_language(page, demo_site):
    page.set_viewport_size(NARROW)
    too_wide = {}
    for path in PUBLIC_PAGES:
        page.goto(demo_site.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > NARROW["width"]:
            too_wide[path] = width

    assert too_wide == {}


@pytest.mark.parametrize(
    "path", ["/", "/reviews/", "/reviews/?partnership=wiltshire&year=2017", "/help/", "/cy/help/"]
)
def test_a_keyboard_reaches_the_skip_link_first_then_everything_with_visible_focus(
    page, demo_site, path
):
    page.goto(demo_site.url + path)
    page.wait_for_function("document.body.classList.contains('govuk-frontend-supported')")
    reachable = page.evaluate(MARK_FOCUSABLE)
    unfocused = {
        index: page.locator(f'[data-kb="{index}"]').evaluate(APPEARANCE)
        for index in range(len(reachable))
    }

    stops = []
    invisible_focus = []
    for _ in range(len(reachable) + 5):
        page.keyboard.press("Tab")
        index = page.evaluate("document.activeElement.dataset.kb ?? null")
        if index is None or (stops and int(index) == stops[0]):
            break
        index = int(index)
        stops.append(index)
        focused = page.evaluate(f"({APPEARANCE})(document.activeElement)")
        if focused == unfocused[index]:
            invisible_focus.append(reachable[index])

    first = page.locator(f'[data-kb="{stops[0]}"]')
    assert "govuk-skip-link" in first.get_attribute("class")
    assert invisible_focus == []
    missed = [reachable[i] for i in range(len(reachable)) if i not in set(stops)]
    assert missed == []
    assert len(stops) == len(set(stops)) == len(reachable)
