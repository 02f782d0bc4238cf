"""Measurements the browser tests share: layout shift, boxes on the first screen, the keyboard's
focus, and accessible names read from Chromium's accessibility tree."""

from contextlib import contextmanager

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1024, "height": 768}

# The page's cumulative layout shift since it started loading (0 when nothing moved).
LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 500);
})"""

# The boxes of the links that dial a number, in document order, as the viewport sees them.
TEL_LINK_BOXES = """href => [...document.querySelectorAll(`a[href="${href}"]`)].map(link => {
    const box = link.getBoundingClientRect();
    return {top: box.top, bottom: box.bottom, left: box.left, right: box.right,
            width: box.width, height: box.height, visible: link.checkVisibility()};
})"""

# What the keyboard has focused: its text as a reader hears it, and where it leads.
FOCUSED = """() => {
    const element = document.activeElement;
    return {text: element.innerText.trim().replace(/\\s+/g, " "), id: element.id,
            href: element.getAttribute("href") || ""};
}"""


def on_first_screen(box, viewport):
    """True when a box lies wholly inside the first screen of the page."""
    return (
        box["visible"]
        and box["width"] > 1
        and box["height"] > 1
        and box["top"] >= 0
        and box["left"] >= 0
        and box["bottom"] <= viewport["height"]
        and box["right"] <= viewport["width"]
    )


@contextmanager
def browser_page(browser, viewport, **options):
    """A page in a fresh context (no cache, no history) of the given size."""
    context = browser.new_context(viewport=viewport, **options)
    try:
        yield context.new_page()
    finally:
        context.close()
