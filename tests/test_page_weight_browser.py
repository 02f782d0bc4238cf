"""What a phone downloads, in headless Chromium with a cold cache, from a server that sends
what production sends: pages compressed by the site, static files by whitenoise from
collectstatic's hashed, compressed copies. `/help/` weighs at most 30 KB, and each page
type asks for only the JavaScript it uses."""

import re
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import override_settings

from .public_pages import PAGE_TYPES, add_review_with_recommendations, add_withdrawn_review

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
BUDGET = 30 * 1024
# What Chromium asks for over HTTPS; over the test's plain HTTP it would leave out Brotli.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected_static(tmp_path_factory):
    """collectstatic as `make collectstatic` runs it: hashed names, .br and .gz copies."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(STATIC_ROOT=root, STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


@pytest.fixture(scope="module")
def production_server(collected_static, django_db_setup, django_db_blocker):
    """A live server whose static files whitenoise serves (the usual live server serves them
    itself, uncompressed, before the site's middleware sees the request). Kept for the module,
    as pytest-django keeps its own for the session: a browser's idle connection may outlive a
    test, and must not find the database it shares already taken back."""
    from pytest_django.live_server_helper import LiveServer

    with (
        django_db_blocker.unblock(),
        override_settings(STATIC_ROOT=collected_static, STORAGES=PRODUCTION_STORAGES),
    ):
        server = LiveServer("127.0.0.1", start=False)
        server.thread.static_handler = lambda application: application
        with server._live_server_modified_settings:
            server.start()
            yield server
            server.stop()


@pytest.fixture
def production_site(production_server, demo):
    """The production-like server, with the demo data, a withdrawn review and one with
    recommendations (PAGE_TYPES)."""
    add_withdrawn_review()
    add_review_with_recommendations()
    return production_server.url


def phone_visit(browser, url, route=None, then=None):
    """Open `url` as a 360 x 740 phone with an empty cache: each response as (address, bytes
    on the wire with its headers, as Chromium counts them, Content-Encoding). `route` is a
    Playwright route (pattern, handler); `then(page)` runs once the page has loaded."""
    context = browser.new_context(
        viewport=PHONE,
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
        extra_http_headers={"Accept-Encoding": ACCEPT_ENCODING},
    )
    page = context.new_page()
    if route:
        page.route(*route)
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    urls, sizes, encodings = {}, {}, {}
    cdp.on(
        "Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"])
    )
    cdp.on(
        "Network.responseReceived",
        lambda e: encodings.__setitem__(
            e["requestId"],
            {k.lower(): v for k, v in e["response"]["headers"].items()}.get("content-encoding"),
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]),
    )
    page.goto(url, wait_until="networkidle")
    if then:
        then(page)
    context.close()
    return [(urls[rid], sizes[rid], encodings.get(rid)) for rid in sizes if rid in urls]


def kind(address):
    """What a response is, by its address: html, css, js or icon."""
    path = urlsplit(address).path
    if path.startswith("/static/"):
        return {"css": "css", "mjs": "js", "js": "js", "svg": "icon"}.get(path.rsplit(".", 1)[-1])
    return "html"


def scripts(responses):
    """The scripts asked for, by their unhashed names (js/site.mjs)."""
    return sorted(
        re.sub(r"\.[0-9a-f]{12}\.", ".", urlsplit(address).path.removeprefix("/static/"))
        for address, _, _ in responses
        if kind(address) == "js"
    )


@pytest.mark.parametrize("path", ["/help/", "/cy/help/"])
def test_the_help_page_weighs_at_most_30_kb_on_a_phone_with_a_cold_cache(
    browser, production_site, path
):
    responses = phone_visit(browser, production_site + path)

    by_kind = {}
    for address, size, coding in responses:
        assert address.startswith(production_site), address
        assert coding == "br", (address, coding)
        by_kind[kind(address)] = by_kind.get(kind(address), 0) + size
    total = sum(size for _, size, _ in responses)
    assert sorted(by_kind) == ["css", "html", "icon", "js"], responses
    assert len(responses) == 4, responses
    assert total <= BUDGET, f"{total} bytes: {by_kind}"


def test_each_page_type_loads_only_the_sites_one_script_and_it_runs(browser, production_site):
    """Every page uses the skip link and the exit button, which site.mjs starts; no page
    has checkboxes that need GOV.UK's checkboxes script."""
    started = {}

    def exit_button_started(page):
        started[page.url] = page.evaluate(
            "document.body.classList.contains('govuk-frontend-supported') && document"
            ".querySelector('[data-module=dhr-exit-this-page]')"
            ".hasAttribute('data-dhr-exit-this-page-init')"
        )

    loaded = {}
    for path in PAGE_TYPES + ["/cy/help/", "/cy/reviews/"]:
        responses = phone_visit(browser, production_site + path, then=exit_button_started)
        loaded[path] = scripts(responses)

    assert loaded == {path: ["js/site.mjs"] for path in loaded}
    assert len(started) == len(loaded)
    assert all(started.values()), started


def with_an_exclusive_checkbox(route):
    """/reviews/ as the server sends it, its first filter checkbox made a "none of these" box."""
    response = route.fetch()
    html = response.text().replace(
        'class="govuk-checkboxes__input"',
        'class="govuk-checkboxes__input" data-behaviour="exclusive"',
        1,
    )
    headers = {
        name: value
        for name, value in response.headers.items()
        if name.lower() not in ("content-encoding", "content-length")
    }
    route.fulfill(response=response, body=html, headers=headers)


def test_checkboxes_that_need_the_checkboxes_script_get_it_and_it_works(browser, production_site):
    ticked = {}

    def tick_a_box_then_the_exclusive_one(page):
        page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
        group = page.locator(".govuk-checkboxes").first.locator(".govuk-checkboxes__input")
        page.wait_for_function(
            "document.querySelector('[data-module=govuk-checkboxes]')"
            ".hasAttribute('data-govuk-checkboxes-init')"
        )
        group.nth(1).check()
        group.nth(0).check()
        ticked["others"] = group.nth(1).is_checked()
        ticked["exclusive"] = group.nth(0).is_checked()

    responses = phone_visit(
        browser,
        production_site + "/reviews/",
        route=("**/reviews/", with_an_exclusive_checkbox),
        then=tick_a_box_then_the_exclusive_one,
    )

    assert scripts(responses) == ["js/checkboxes.mjs", "js/site.mjs"]
    assert ticked == {"others": False, "exclusive": True}
