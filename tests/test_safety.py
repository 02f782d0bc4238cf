"""A visit leaves as little trace as possible: every public page sets no cookie, loads nothing
from another origin, tells the browser not to send a referrer, and has the exit button."""

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from reviews.models import ReviewDocument

from .factories import (
    HelplineFactory,
    InformationPageFactory,
    NoticeFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    StrategyDocumentFactory,
)

pytestmark = pytest.mark.django_db

# Attributes that make a browser fetch something as the page loads (links a visitor follows,
# such as the exit button's, are not among them).
RESOURCE_ATTRIBUTES = {
    "script": ["src"],
    "link": ["href"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
    "form": ["action"],
}


class ResourceFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.resources = []
        self.inline_scripts = 0
        self.inline_styles = 0
        self._in_script_without_src = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in RESOURCE_ATTRIBUTES.get(tag, []):
            value = attributes.get(name)
            if value:
                urls = [part.strip().split(" ")[0] for part in value.split(",")]
                self.resources.extend((tag, name, url) for url in urls if url)
        if tag == "script" and not attributes.get("src"):
            self.inline_scripts += 1
        if tag == "style" or "style" in attributes:
            self.inline_styles += 1
        if any(name.startswith("on") for name in attributes):
            self.inline_scripts += 1


def is_same_origin(url):
    parts = urlsplit(url)
    return parts.scheme in ("", "http", "https") and parts.netloc in ("", "testserver")


@pytest.fixture
def public_urls():
    """One of every kind of public page, with content on it."""
    wiltshire = PartnershipFactory(name="Wiltshire", short_name="Wiltshire", slug="wiltshire")
    review = ReviewFactory(lead_partnership=wiltshire, slug="ellie", pseudonym="Ellie")
    ReviewDocumentFactory(review=review, kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY)
    HelplineFactory(name="Emergency services", phone="999", emergency=True)
    HelplineFactory(name="National line", website="https://helpline.example/")
    HelplineFactory(name="Wiltshire line", local=True, partnership=wiltshire, open_24_hours=False)
    StrategyDocumentFactory(slug="wiltshire-strategy", partnership=wiltshire)
    InformationPageFactory(slug="domestic-abuse", body="[A site](https://elsewhere.example/)")
    NoticeFactory(partnership=wiltshire, link_url="https://film.example/", link_text="The film")
    return [
        "/",
        "/reviews/",
        "/reviews/?partnership=wiltshire",
        "/reviews/ellie/",
        "/reviews/ellie/documents/executive-summary.pdf",
        "/partnerships/",
        "/partnerships/wiltshire/",
        "/about/reviews/",
        "/help/",
        "/help/?who=men&where=wiltshire",
        "/safety/",
        "/about/domestic-abuse/",
        "/strategies/",
        "/strategies/?partnership=wiltshire&kind=strategy&status=final",
        "/strategies/wiltshire-strategy/",
        "/strategies/wiltshire-strategy/document.pdf",
        "/no-such-page/",
    ]


def test_no_public_page_sets_a_cookie(client, public_urls):
    for url in public_urls:
        response = client.get(url)

        assert response.status_code in (200, 404), url
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in response.headers, url
    assert not client.cookies


def test_public_pages_load_nothing_from_another_origin(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        if response["Content-Type"].startswith("application/pdf"):
            continue
        finder = ResourceFinder()
        finder.feed(response.content.decode())

        foreign = [resource for resource in finder.resources if not is_same_origin(resource[2])]
        assert foreign == [], url
        assert finder.resources, url  # the stylesheet and script at least
        assert finder.inline_scripts == 0, url
        assert finder.inline_styles == 0, url


def test_the_stylesheet_loads_nothing_from_another_origin():
    css = (Path(settings.BASE_DIR) / "build" / "static" / "css" / "site.css").read_text()

    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    assert [url for url in urls if not (url.startswith("data:") or is_same_origin(url))] == []
    assert "@import" not in css


def test_every_public_page_asks_for_no_referrer(client, public_urls):
    for url in public_urls:
        response = client.get(url)

        assert response["Referrer-Policy"] == "no-referrer", url


def test_every_public_html_page_has_the_exit_button_first_in_the_page(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        if response["Content-Type"].startswith("application/pdf"):
            continue
        html = response.content.decode()

        assert 'data-module="dhr-exit-this-page"' in html, url
        assert 'href="https://www.bbc.co.uk/weather"' in html, url
        assert html.index("govuk-exit-this-page__button") < html.index("<h1"), url


def test_links_to_other_sites_do_not_send_a_referrer(client, public_urls):
    for url in ["/help/", "/about/domestic-abuse/", "/partnerships/wiltshire/"]:
        html = client.get(url).content.decode()
        external = re.findall(r'<a [^>]*href="https?://(?!testserver)[^"]*"[^>]*>', html)

        assert external, url
        assert all("noreferrer" in link for link in external), (url, external)
