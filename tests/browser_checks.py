"""Measurements the browser tests share: layout shift, boxes on the first screen, the keyboard's
focus, accessible names read from Chromium's accessibility tree, and an officer's sign-in."""

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


def accessible_names(page, roles=("link", "button")):
    """Every element of the given roles as Chromium's accessibility tree names it, with the
    language it is marked as (its own or nearest ancestor's `lang`) and the text inside it that
    is marked as another language than that: [(role, name, lang, {lang: [texts]})]."""
    cdp = page.context.new_cdp_session(page)
    try:
        tree = cdp.send("Accessibility.getFullAXTree")["nodes"]
        document = cdp.send("DOM.getDocument", {"depth": -1})["root"]
    finally:
        cdp.detach()

    elements = {}

    def walk(node, lang):
        attributes = node.get("attributes", [])
        own = dict(zip(attributes[::2], attributes[1::2], strict=True))
        lang = own.get("lang", lang)
        children = node.get("children", []) + node.get("contentDocument", {}).get("children", [])
        texts = []  # (lang, text) of the text nodes below, in order
        if node.get("nodeType") == 3:
            texts.append((lang, node.get("nodeValue", "")))
        for child in children:
            texts += walk(child, lang)
        elements[node["backendNodeId"]] = (lang, texts)
        return texts

    walk(document, "")
    found = []
    for node in tree:
        role = node.get("role", {}).get("value")
        if role not in roles or node.get("ignored") or "backendDOMNodeId" not in node:
            continue
        name = node.get("name", {}).get("value", "")
        lang, texts = elements.get(node["backendDOMNodeId"], ("", []))
        others = {}
        for text_lang, text in texts:
            if text_lang != lang and text.strip():
                others.setdefault(text_lang, []).append(text.strip())
        found.append((role, name, lang, others))
    return found


def sign_in_in_the_browser(page, base, user, password):
    """Sign `user` in to the admin in `page`: the password, then the authenticator's code when
    the user has a confirmed device (as every officer must)."""
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    page.goto(base + "/admin/login/")
    page.wait_for_load_state("load")
    page.fill("#id_username", user.username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    if device is None:
        return
    assert "Enter your sign-in code" in page.content()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    page.fill("#id_code", f"{code:06d}")
    page.click("input[type=submit]")
    assert "/second-factor/" not in page.url
