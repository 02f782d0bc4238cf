"""English and Welsh: addresses, the language switch, hreflang, the catalogue, Welsh content
with its visible fallback, and the GOV.UK components' own texts in Welsh."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

from .factories import (
    HelplineFactory,
    InformationPageFactory,
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    StrategyDocumentFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "cy" / "LC_MESSAGES" / "django.po"


def html_of(response):
    return response.content.decode()


# --- The catalogue ----------------------------------------------------------------------------


def test_every_entry_of_the_welsh_catalogue_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(CATALOGUE))

    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]

    assert untranslated == []
    assert fuzzy == []
    assert not catalogue.metadata_is_fuzzy
    assert catalogue.metadata["Language"] == "cy"
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=4;")


def test_every_plural_entry_has_all_four_welsh_forms():
    catalogue = polib.pofile(str(CATALOGUE))

    incomplete = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural and sorted(entry.msgstr_plural) != [0, 1, 2, 3]
    ]

    assert incomplete == []


def test_every_string_in_the_templates_and_code_is_in_the_welsh_catalogue(tmp_path):
    """makemessages, run on a copy of the project, finds no message the catalogue lacks."""
    assert shutil.which("xgettext"), "GNU gettext is needed (apt-get install gettext)"
    base = Path(settings.BASE_DIR)
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ["manage.py"]:
        shutil.copy(base / name, copy / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.mo")
    for name in ["dhrsite", "reviews", "support", "templates", "locale"]:
        shutil.copytree(base / name, copy / name, ignore=ignore)
    env = {**os.environ, "DJANGO_SECRET_KEY": "makemessages-only"}

    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "cy", "--no-location", "-v", "0"],
        cwd=copy,
        env=env,
        check=True,
        capture_output=True,
    )

    fresh = polib.pofile(str(copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"))
    # makemessages gives a new message the Welsh of a similar one, marked fuzzy: a guess, not
    # a translation (Django never shows fuzzy entries, so the page would be in English).
    missing = [entry.msgid for entry in fresh.untranslated_entries() + fresh.fuzzy_entries()]
    stale = [entry.msgid for entry in fresh.obsolete_entries()]
    assert missing == [], "run makemessages -l cy and translate the new entries"
    assert stale == [], "these entries are no longer used anywhere"


def test_the_compiled_catalogue_is_the_one_django_uses():
    from django.utils import translation

    with translation.override("cy"):
        assert translation.gettext("Skip to main content") == "Neidio i'r prif gynnwys"
        assert translation.gettext("Exit this page") == "Gadael y dudalen hon"


# --- Addresses --------------------------------------------------------------------------------

ENGLISH_PAGES = [
    "/",
    "/reviews/",
    "/partnerships/",
    "/themes/",
    "/data/",
    "/about/reviews/",
    "/help/",
    "/safety/",
    "/strategies/",
    "/accessibility/",
]


@pytest.mark.parametrize("path", ENGLISH_PAGES)
def test_english_pages_keep_their_addresses_and_welsh_ones_live_under_cy(client, path):
    english = client.get(path)
    welsh = client.get("/cy" + path)

    assert english.status_code == 200
    assert welsh.status_code == 200
    assert '<html lang="en"' in html_of(english)
    assert '<html lang="cy"' in html_of(welsh)
    assert "Set-Cookie" not in english
    assert "Set-Cookie" not in welsh
    assert not english.cookies
    assert not welsh.cookies


def test_the_language_comes_from_the_address_not_the_browser(client):
    response = client.get("/reviews/", headers={"accept-language": "cy"})

    assert response.status_code == 200
    assert '<html lang="en"' in html_of(response)
    assert "Neidio i'r prif gynnwys" not in html_of(response)


@pytest.mark.parametrize(
    "path",
    ["/cy/robots.txt", "/cy/sitemap.xml", "/cy/data/reviews.csv", "/cy/reviews/feed.atom"],
)
def test_files_and_machine_readable_resources_have_no_welsh_copy(client, path):
    assert client.get(path).status_code == 404
    assert client.get(path.removeprefix("/cy")).status_code == 200


def test_the_admin_has_no_welsh_address(client):
    assert client.get("/cy/" + settings.DHR_ADMIN_PATH).status_code == 404


def test_a_welsh_page_links_to_the_one_permanent_address_of_each_pdf(client):
    document = ReviewDocumentFactory(review=ReviewFactory(slug="ellie"))

    html = html_of(client.get("/cy/reviews/ellie/"))

    assert f'href="{document.get_absolute_url()}"' in html
    assert "/cy/reviews/ellie/documents/executive-summary.pdf" not in html


# --- The language switch and hreflang -----------------------------------------------------------


def test_every_page_links_to_the_same_page_in_the_other_language(client):
    ReviewFactory(slug="ellie")

    english = html_of(client.get("/reviews/ellie/"))
    welsh = html_of(client.get("/cy/reviews/ellie/"))

    assert 'class="govuk-language-navigation' in english
    assert (
        'href="/cy/reviews/ellie/" rel="alternate" lang="cy" hreflang="cy">Cymraeg</a>' in english
    )
    assert 'aria-current="true" lang="en">English</span>' in english
    assert 'href="/reviews/ellie/" rel="alternate" lang="en" hreflang="en">English</a>' in welsh
    assert 'aria-current="true" lang="cy">Cymraeg</span>' in welsh
    assert 'aria-label="Dewis iaith"' in welsh


def test_the_switch_keeps_the_search_and_filters(client):
    html = html_of(client.get("/reviews/?q=housing&sort=newest"))

    assert 'href="/cy/reviews/?q=housing&amp;sort=newest"' in html


def test_a_missing_page_still_offers_the_other_language(client):
    response = client.get("/cy/no-such-page/")

    assert response.status_code == 404
    assert '<html lang="cy"' in html_of(response)
    assert 'href="/no-such-page/"' in html_of(response)


def test_both_versions_are_named_as_hreflang_alternates(client):
    for path in ["/help/", "/cy/help/"]:
        html = html_of(client.get(path))
        assert '<link rel="alternate" hreflang="en" href="http://testserver/help/">' in html
        assert '<link rel="alternate" hreflang="cy" href="http://testserver/cy/help/">' in html


# --- GOV.UK components in Welsh ---------------------------------------------------------------


def test_the_govuk_components_speak_welsh_on_welsh_pages(client):
    partnership = PartnershipFactory()
    for _ in range(21):
        ReviewFactory(lead_partnership=partnership)

    html = html_of(client.get("/cy/reviews/"))

    assert "Neidio i'r prif gynnwys" in html
    assert "Gadael y dudalen hon" in html
    assert 'data-i18n.press-two-more-times="Shift, pwyswch 2 waith eto i adael."' in html
    assert 'data-i18n.press-one-more-time="Shift, pwyswch 1 waith eto i adael."' in html
    assert 'data-i18n.activated="Yn llwytho."' in html
    assert ">Dewislen</summary>" in html
    assert "Nesaf" in html
    assert 'aria-label="Tudalennau o ganlyniadau"' in html
    for english in ["Skip to main content", "Exit this page", ">Menu<", ">Next<"]:
        assert english not in html


def test_dates_are_written_in_welsh_on_welsh_pages(client):
    import datetime

    ReviewFactory(slug="ellie", published_on=datetime.date(2021, 11, 1))

    html = html_of(client.get("/cy/reviews/ellie/"))

    assert "Tachwedd 2021" in html


# --- Welsh content and its fallback ------------------------------------------------------------

FALLBACK_NOTE = "Nid yw'r testun hwn ar gael yn Gymraeg eto."


def test_a_welsh_summary_is_shown_on_the_welsh_page_and_the_english_on_the_english(client):
    ReviewFactory(slug="lesley", summary="An English summary.", summary_cy="Crynodeb Cymraeg.")

    welsh = html_of(client.get("/cy/reviews/lesley/"))
    english = html_of(client.get("/reviews/lesley/"))

    assert '<div lang="cy"><p class="govuk-body">Crynodeb Cymraeg.</p></div>' in welsh
    assert "An English summary." not in welsh
    assert FALLBACK_NOTE not in welsh
    assert "An English summary." in english
    assert "Crynodeb Cymraeg." not in english


def test_without_a_welsh_text_the_english_is_shown_marked_as_english_with_a_note(client):
    ReviewFactory(slug="ellie", summary="Only in English.")

    welsh = html_of(client.get("/cy/reviews/ellie/"))
    english = html_of(client.get("/reviews/ellie/"))

    assert FALLBACK_NOTE in welsh
    assert '<div lang="en"><p class="govuk-body">Only in English.</p></div>' in welsh
    assert FALLBACK_NOTE not in english


def test_partnership_names_and_about_texts_follow_the_page_language(client):
    PartnershipFactory(
        slug="powys",
        name="Powys Community Safety Partnership",
        name_cy="Partneriaeth Diogelwch Cymunedol Powys",
        about="About Powys.",
    )

    welsh = html_of(client.get("/cy/partnerships/powys/"))
    listing = html_of(client.get("/cy/partnerships/"))

    assert '<h1 class="govuk-heading-xl">Partneriaeth Diogelwch Cymunedol Powys</h1>' in welsh
    assert "<title>Partneriaeth Diogelwch Cymunedol Powys - " in welsh
    assert '<div lang="en"><p class="govuk-body">About Powys.</p></div>' in welsh
    assert FALLBACK_NOTE in welsh
    assert "Partneriaeth Diogelwch Cymunedol Powys" in listing


def test_a_name_without_welsh_is_marked_as_english(client):
    PartnershipFactory(slug="wiltshire", name="Wiltshire Community Safety Partnership")

    html = html_of(client.get("/cy/partnerships/"))

    assert '<span lang="en">Wiltshire Community Safety Partnership</span>' in html


def test_help_content_follows_the_page_language(client):
    HelplineFactory(
        name="Live Fear Free",
        name_cy="Byw Heb Ofn",
        description="The helpline for Wales.",
        description_cy="Y llinell gymorth i Gymru.",
    )
    InformationPageFactory(
        slug="what-is-abuse",
        title="What is abuse",
        title_cy="Beth yw cam-drin",
        summary="A summary.",
        body="English body.",
        body_cy="Corff Cymraeg.",
    )

    help_page = html_of(client.get("/cy/help/"))
    info = html_of(client.get("/cy/about/what-is-abuse/"))

    assert "Byw Heb Ofn" in help_page
    assert "Y llinell gymorth i Gymru." in help_page
    assert "Beth yw cam-drin" in help_page
    assert '<h1 class="govuk-heading-xl">Beth yw cam-drin</h1>' in info
    assert "Corff Cymraeg." in info
    assert "English body." not in info
    assert '<span lang="en">A summary.</span>' in info


def test_strategy_and_theme_texts_follow_the_page_language(client):
    theme = ThemeFactory(slug="housing", name="Housing", name_cy="Tai")
    document = StrategyDocumentFactory(
        slug="strategy", title="Domestic Abuse Strategy", title_cy="Strategaeth Cam-drin Domestig"
    )
    document.themes.add(theme)

    strategy = html_of(client.get("/cy/strategies/strategy/"))
    themes = html_of(client.get("/cy/themes/"))

    assert '<h1 class="govuk-heading-xl">Strategaeth Cam-drin Domestig</h1>' in strategy
    assert ">Tai</strong>" in strategy
    assert ">Tai</a>" in themes


# --- Documents in two languages -----------------------------------------------------------------


def test_a_welsh_document_and_its_english_counterpart_link_to_each_other(client):
    review = ReviewFactory(slug="lesley")
    english = ReviewDocumentFactory(review=review)
    welsh = ReviewDocumentFactory(review=review, language="cy")

    html_en = html_of(client.get("/reviews/lesley/"))
    html_cy = html_of(client.get("/cy/reviews/lesley/"))

    assert f'href="{welsh.get_absolute_url()}" type="application/pdf" hreflang="cy">' in html_en
    assert "Read this in Welsh" in html_en
    assert f'href="{english.get_absolute_url()}" type="application/pdf" hreflang="en">' in html_cy
    assert "Darllenwch hwn yn Saesneg" in html_cy
    # A Welsh reader sees the Welsh document first.
    assert html_cy.index(welsh.get_absolute_url()) < html_cy.index(english.get_absolute_url())
    assert html_en.index(english.get_absolute_url()) < html_en.index(welsh.get_absolute_url())


def test_a_document_with_no_counterpart_offers_no_other_language(client):
    ReviewDocumentFactory(review=ReviewFactory(slug="ellie"))

    html = html_of(client.get("/reviews/ellie/"))

    assert "Read this in Welsh" not in html


def test_the_sitemap_lists_both_languages_of_each_page_as_alternates(client):
    ReviewFactory(slug="ellie")

    xml = client.get("/sitemap.xml").content.decode()

    assert "<loc>http://testserver/reviews/ellie/</loc>" in xml
    assert "<loc>http://testserver/cy/reviews/ellie/</loc>" in xml
    assert 'hreflang="cy" href="http://testserver/cy/reviews/ellie/"' in xml
    assert 'hreflang="en-gb" href="http://testserver/reviews/ellie/"' in xml
    assert "<loc>http://testserver/cy/accessibility/</loc>" in xml


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("/en/", "/"),
        ("/en/reviews/", "/reviews/"),
        ("/en/reviews/?q=housing", "/reviews/?q=housing"),
    ],
)
def test_an_en_prefix_leads_to_the_one_english_address(client, path, address):
    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == address


@pytest.mark.parametrize("path", ["/cy//evil.example/", "/cy/%2F%2Fevil.example/", "/cy///x"])
def test_the_language_switch_never_leads_to_another_site(client, path):
    response = client.get(path)

    assert response.status_code == 404
    html = response.content.decode()
    links = re.findall(r'<a class="govuk-language-navigation__link" href="([^"]*)"', html)
    assert len(links) == 1
    assert links[0].startswith("/") and not links[0].startswith(("//", "/\\"))
    assert client.get(links[0]).status_code == 404  # the same address, in English


@pytest.mark.parametrize(
    "path", ["/en//evil.example/", "/en/%2F%2Fevil.example/", "/en/%5C%5Cevil.example/", "/en///x"]
)
def test_an_en_prefix_never_leads_to_another_site(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert "Location" not in response


def test_the_demo_gives_powys_and_lesley_welsh_texts_and_a_welsh_summary_document(client):
    import io

    from django.core.management import call_command

    from reviews.models import ReviewDocument

    call_command("load_demo_data", stdout=io.StringIO())
    call_command("load_demo_data", stdout=io.StringIO())

    welsh = ReviewDocument.objects.filter(review__slug="lesley", language="cy")
    assert [document.kind for document in welsh] == ["executive-summary"]
    html = html_of(client.get("/cy/reviews/lesley/"))
    assert "Partneriaeth Diogelwch Cymunedol Powys" in html
    assert "Cyhoeddodd Partneriaeth Diogelwch Cymunedol Powys" in html
    assert FALLBACK_NOTE not in html
    assert "Darllenwch hwn yn Saesneg" in html
    text = html_of(client.get("/cy/reviews/lesley/documents/executive-summary-cy/text/"))
    assert "DOGFEN DROS DRO" in text
