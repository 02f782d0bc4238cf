"""What every public page says before its content, as the server sends it: the help strip's
numbers, the skip link to the exit, and a description of the page for search engines and
link previews, in English and in Welsh."""

import html
import re

import pytest
from django.conf import settings
from django.utils import translation

from .public_pages import PAGE_TYPES

pytestmark = pytest.mark.django_db

DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)">')
STRIP = re.compile(r'<aside class="dhr-help-strip".*?</aside>', re.S)


def strip_of(page_html):
    found = STRIP.findall(page_html)
    assert len(found) == 1
    return found[0]


def test_every_public_page_has_the_help_strip_with_999_the_helpline_and_help(public_pages_html):
    for path, page_html in public_pages_html.items():
        strip = strip_of(page_html)
        assert 'href="tel:999"' in strip, path
        assert 'href="tel:08082000247"' in strip and "0808 2000 247" in strip, path
        help_url = "/cy/help/" if path.startswith("/cy/") else "/help/"
        assert f'href="{help_url}"' in strip, path


@pytest.mark.parametrize(
    ("path", "shows_live_fear_free"),
    [
        ("/", False),
        ("/reviews/ellie/", False),
        ("/partnerships/wiltshire/", False),
        ("/reviews/lesley/", True),
        ("/reviews/lesley/documents/executive-summary-cy/text/", True),
        ("/partnerships/powys/", True),
        ("/cy/", True),
        ("/cy/reviews/ellie/", True),
        ("/cy/no-such-page/", True),
    ],
)
def test_live_fear_free_is_in_the_strip_on_welsh_pages_and_welsh_partnerships_pages(
    client, demo, path, shows_live_fear_free
):
    strip = strip_of(client.get(path).content.decode())

    assert ('href="tel:08088010800"' in strip) is shows_live_fear_free
    assert ("0808 80 10 800" in strip) is shows_live_fear_free


def test_the_strip_speaks_welsh_on_welsh_pages(client, demo):
    strip = strip_of(client.get("/cy/").content.decode())

    assert "Argyfwng" in strip and "Llinell Gymorth Genedlaethol Cam-drin Domestig" in strip
    assert "Byw Heb Ofn" in strip and "Cael help nawr" in strip
    assert "Emergency" not in strip


def test_the_admin_has_no_help_strip(client, officer):
    response = client.get(f"/{settings.DHR_ADMIN_PATH}")

    assert response.status_code == 200
    assert "dhr-help-strip" not in response.content.decode()


def test_the_second_link_of_every_page_skips_to_the_exit_button(public_pages_html):
    for path, page_html in public_pages_html.items():
        links = re.findall(r"<a [^>]*>", page_html)
        assert 'href="#main-content"' in links[0], path
        assert 'href="#exit-this-page"' in links[1], path
        assert 'id="exit-this-page"' in page_html, path


def test_every_page_type_has_one_description_of_its_own_in_each_language(public_pages_html):
    descriptions = {}
    for path, page_html in public_pages_html.items():
        found = DESCRIPTION.findall(page_html)
        assert len(found) == 1, path
        descriptions[path] = html.unescape(found[0]).strip()
        assert descriptions[path], path

    for language in ("", "/cy"):
        by_text = {}
        for path in PAGE_TYPES:
            by_text.setdefault(descriptions[language + path], []).append(language + path)
        assert [paths for paths in by_text.values() if len(paths) > 1] == []
    untranslated = [path for path in PAGE_TYPES if descriptions[path] == descriptions["/cy" + path]]
    assert untranslated == []


def test_a_reviews_description_names_its_partnership_type_and_month(public_pages_html):
    english = html.unescape(DESCRIPTION.findall(public_pages_html["/reviews/ellie/"])[0])
    welsh = html.unescape(DESCRIPTION.findall(public_pages_html["/cy/reviews/ellie/"])[0])

    assert english.startswith("Ellie: Domestic Homicide Review by Wiltshire Community Safety")
    assert "published in November 2021" in english
    with translation.override("cy"):
        assert translation.gettext("Domestic Homicide Review") in welsh
    assert "Tachwedd 2021" in welsh
