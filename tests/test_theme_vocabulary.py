"""Themes as a controlled vocabulary: the Home Office library's groups, a description and the
search terms of each theme (reviews/theme_vocabulary.py), kept by administrators only, shown on
/themes/ and each theme's page, and given as open data."""

import csv
import importlib
import io
import json
import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils.text import slugify

from reviews.models import Review, Theme, ThemeGroup
from reviews.theme_vocabulary import VOCABULARY, load_vocabulary

from .admin_forms import form_as_sent
from .factories import OfficerFactory, ReviewFactory, ThemeFactory, sign_in

pytestmark = pytest.mark.django_db

# The demo's themes before they had groups: their addresses must not change.
FIRST_DEMO_SLUGS = [
    "coercive-control",
    "economic-abuse",
    "stalking",
    "separation",
    "non-fatal-strangulation",
    "honour-based-abuse-and-forced-marriage",
    "mental-health",
    "alcohol",
    "drug-use",
    "housing",
    "older-victims",
    "disability",
    "pregnancy",
    "children-in-the-household",
    "information-sharing-between-agencies",
    "risk-assessment-dash-and-marac",
    "professional-curiosity",
    "training",
    "record-keeping",
]
# A bare word like these is in almost every report: a theme's term must say more.
TOO_COMMON = {"police", "health", "abuse", "children", "family", "report", "review", "risk"}


def test_the_demo_themes_keep_their_addresses_and_every_group_has_themes(client):
    load_vocabulary()

    for slug in FIRST_DEMO_SLUGS:
        assert client.get(f"/themes/{slug}/").status_code == 200, slug
    for group in ThemeGroup:
        assert Theme.objects.filter(group=group).count() >= 3, group


def test_every_theme_is_described_in_both_languages_with_specific_terms():
    names = [entry.name.casefold() for entry in VOCABULARY]
    assert len(set(names)) == len(names)
    assert len({slugify(entry.name) for entry in VOCABULARY}) == len(names)
    for entry in VOCABULARY:
        assert entry.name_cy and entry.description and entry.description_cy, entry.name
        assert entry.name_cy != entry.name or entry.name == "Alcohol"
        assert len(entry.terms) >= 3, entry.name
        assert not TOO_COMMON & {term.casefold() for term in entry.terms}, entry.name


def test_the_vocabulary_finds_a_theme_by_its_synonyms_and_abbreviations():
    load_vocabulary()

    strangulation = Theme.objects.get(slug="non-fatal-strangulation")
    assert strangulation.group == ThemeGroup.AGGRAVATING
    assert {"strangled", "choked", "NFS", "hands around her neck"} <= set(strangulation.terms())
    assert {"DASH", "MARAC"} <= set(
        Theme.objects.get(slug="risk-assessment-dash-and-marac").terms()
    )
    coercive = Theme.objects.get(slug="coercive-control")
    assert "controlling or coercive behaviour" in coercive.terms()
    assert Theme.objects.get(slug="older-victims").group == ThemeGroup.VICTIM


def test_loading_again_keeps_what_an_administrator_changed():
    load_vocabulary()
    count = Theme.objects.count()
    Theme.objects.filter(slug="housing").update(
        group=ThemeGroup.PROCESS, description="Our own words.", search_terms="tenancy"
    )
    Theme.objects.filter(slug="stalking").update(description_cy="")

    load_vocabulary()

    housing = Theme.objects.get(slug="housing")
    assert (housing.group, housing.description, housing.search_terms) == (
        ThemeGroup.PROCESS,
        "Our own words.",
        "tenancy",
    )
    assert Theme.objects.get(slug="stalking").description_cy.startswith("Dilyn")
    assert Theme.objects.count() == count


def test_the_migration_puts_a_databases_demo_themes_into_their_groups():
    [path] = (Path(settings.BASE_DIR) / "reviews" / "migrations").glob("*_demo_theme_groups.py")
    migration = importlib.import_module(f"reviews.migrations.{path.stem}")
    for slug in FIRST_DEMO_SLUGS:
        ThemeFactory(name=slug, slug=slug)
    Theme.objects.filter(slug="housing").update(group=ThemeGroup.PROCESS)  # chosen by hand

    migration.group_demo_themes(apps, None)

    groups = dict(Theme.objects.values_list("slug", "group"))
    wanted = {slugify(entry.name): entry.group for entry in VOCABULARY}
    assert {slug: groups[slug] for slug in FIRST_DEMO_SLUGS if slug != "housing"} == {
        slug: wanted[slug] for slug in FIRST_DEMO_SLUGS if slug != "housing"
    }
    assert groups["housing"] == ThemeGroup.PROCESS


def test_an_officer_sees_the_themes_but_cannot_change_them(client, officer):
    theme = ThemeFactory(name="Stalking", slug="stalking", search_terms="stalked")
    url = reverse("admin:reviews_theme_change", args=[theme.pk])

    listed = client.get(reverse("admin:reviews_theme_changelist"))
    page = client.get(url)
    post = client.post(url, {"name": "Renamed", "slug": "renamed", "group": "process"})

    assert listed.status_code == 200 and "Stalking" in listed.content.decode()
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert post.status_code == 403
    assert client.get(reverse("admin:reviews_theme_add")).status_code == 403
    assert client.get(reverse("admin:reviews_theme_delete", args=[theme.pk])).status_code == 403
    theme.refresh_from_db()
    assert (theme.name, theme.group) == ("Stalking", ThemeGroup.AGGRAVATING)


def test_an_administrator_changes_a_theme_and_finds_it_by_group_and_term(client):
    sign_in(client, OfficerFactory(is_superuser=True))
    theme = ThemeFactory(name="Non-fatal strangulation", slug="non-fatal-strangulation")
    ThemeFactory(name="Training", slug="training", group=ThemeGroup.PROCESS)
    ReviewFactory().themes.add(theme)
    url = reverse("admin:reviews_theme_change", args=[theme.pk])
    page = client.get(url)
    assert "one on each line" in page.content.decode()

    response = client.post(url, form_as_sent(page, search_terms="strangled\nNFS"))

    assert response.status_code == 302
    theme.refresh_from_db()
    assert theme.terms() == ["Non-fatal strangulation", "strangled", "NFS"]
    changelist = reverse("admin:reviews_theme_changelist")
    by_term = client.get(changelist, {"q": "NFS"}).content.decode()
    assert "Non-fatal strangulation" in by_term and "Training" not in by_term
    by_group = client.get(changelist, {"group__exact": "process"}).content.decode()
    assert "Training" in by_group and "Non-fatal strangulation" not in by_group
    assert 'class="field-review_count">1<' in client.get(changelist).content.decode()


def test_the_themes_page_shows_the_groups_in_order_with_published_counts(client):
    victim = ThemeFactory(
        name="Older victims",
        slug="older-victims",
        group=ThemeGroup.VICTIM,
        name_cy="Dioddefwyr hŷn",
        description="Victims aged 65 or over.",
        description_cy="Dioddefwyr 65 oed neu'n hŷn.",
    )
    agency = ThemeFactory(name="Housing", slug="housing", group=ThemeGroup.AGENCY_CONTACT)
    ThemeFactory(name="Training", slug="training", group=ThemeGroup.PROCESS)
    ReviewFactory().themes.add(victim)
    ReviewFactory(draft=True).themes.add(agency)

    html = client.get("/themes/").content.decode()
    welsh = client.get("/cy/themes/").content.decode()

    headings = [
        ">The victim</h2>",
        ">Contact with agencies</h2>",
        ">The review&#x27;s process</h2>",
    ]
    assert [html.index(h) for h in headings] == sorted(html.index(h) for h in headings)
    assert ">The perpetrator</h2>" not in html  # no theme in that group
    victims = html[html.index(">The victim</h2>") : html.index(">Contact with agencies</h2>")]
    assert "Older victims" in victims and "1 published review" in victims
    assert "Victims aged 65 or over." in victims
    housing = html[html.index(">Contact with agencies</h2>") :]
    assert "no published reviews yet" in housing[: housing.index("</li>")]  # a draft's theme
    assert ">Y dioddefwr</h2>" in welsh and "Dioddefwyr hŷn" in welsh
    assert "Dioddefwyr 65 oed neu&#x27;n hŷn." in welsh


def test_a_groups_themes_are_in_the_order_of_the_names_the_page_shows(client):
    for name, name_cy in [
        ("Alcohol", "Alcohol"),
        ("Mental health", "Iechyd meddwl"),
        ("Drug use", "Defnyddio cyffuriau"),
        ("Isolation", ""),
    ]:
        ThemeFactory(name=name, slug=slugify(name), name_cy=name_cy, group=ThemeGroup.VICTIM)

    def order(path):
        html = client.get(path).content.decode()
        links = re.findall(r'href="(?:/cy)?/themes/([a-z-]+)/"', html)
        return [
            slug for slug in links if slug in {"alcohol", "mental-health", "drug-use", "isolation"}
        ]

    assert order("/themes/") == ["alcohol", "drug-use", "isolation", "mental-health"]
    # Welsh names, and the English one where there is no Welsh name yet ("Isolation").
    assert order("/cy/themes/") == ["alcohol", "drug-use", "mental-health", "isolation"]


def test_a_theme_page_names_its_group_and_the_words_reports_use(client):
    ThemeFactory(
        name="Non-fatal strangulation",
        slug="non-fatal-strangulation",
        name_cy="Tagu nad yw'n angheuol",
        search_terms="strangled\nNFS",
    )

    html = client.get("/themes/non-fatal-strangulation/").content.decode()
    welsh = client.get("/cy/themes/non-fatal-strangulation/").content.decode()

    assert (
        'Group: <a class="govuk-link" href="/themes/#aggravating">Aggravating factors</a>' in html
    )
    assert "Words and phrases for this theme" in html
    assert "<li>strangled</li><li>NFS</li>" in html
    assert 'href="/cy/themes/#aggravating">Ffactorau gwaethygol</a>' in welsh
    assert "Geiriau ac ymadroddion ar gyfer y thema hon" in welsh


def test_the_themes_csv_and_json_give_the_vocabulary(client):
    theme = ThemeFactory(
        name="Non-fatal strangulation",
        slug="non-fatal-strangulation",
        name_cy="Tagu nad yw'n angheuol",
        search_terms="strangled\nNFS",
    )
    ThemeFactory(name="Older victims", slug="older-victims", group=ThemeGroup.VICTIM)
    ReviewFactory().themes.add(theme)
    ReviewFactory(draft=True).themes.add(theme)

    response = client.get("/data/themes.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    data = json.loads(client.get("/data/themes.json").content)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert [row["slug"] for row in rows] == ["older-victims", "non-fatal-strangulation"]
    assert rows[1]["group"] == "aggravating" and rows[1]["group_name"] == "Aggravating factors"
    assert rows[1]["search_terms"] == "strangled; NFS"
    assert rows[1]["review_count"] == "1"  # the draft's is not counted
    assert rows[1]["url"] == "http://testserver/themes/non-fatal-strangulation/"
    assert data["themes"][1]["search_terms"] == ["strangled", "NFS"]
    assert data["themes"][1]["name_cy"] == "Tagu nad yw'n angheuol"
    assert 'href="/data/themes.csv"' in client.get("/data/").content.decode()


def test_only_the_fictional_sample_gets_invented_themes(client, demo):
    real = Review.objects.filter(lead_partnership__fictional=False)
    filed = {(review.slug, theme.slug) for review in real for theme in review.themes.all()}
    # The one theme a source states: Adult R's learning briefing is about coercive control.
    assert filed == {("wiltshire-adult-r", "coercive-control")}

    sample = Review.objects.filter(lead_partnership__fictional=True)
    groups = {theme.group for review in sample for theme in review.themes.all()}
    assert groups == set(ThemeGroup.values)
    strangulation = sample.filter(
        case_intimate_partner=True, themes__slug="non-fatal-strangulation"
    )
    assert strangulation.exists()
    page = client.get("/themes/non-fatal-strangulation/").content.decode()
    assert "Adult S (fictional)" in page
    search = {"theme": "non-fatal-strangulation", "case_type": "intimate-partner"}
    found = client.get("/reviews/", search)
    assert "Adult S (fictional)" in found.content.decode()


def test_the_theme_filters_page_lists_the_options_under_their_groups(client):
    groups = [("Training", "process"), ("Older victims", "victim"), ("Stalking", "aggravating")]
    for name, group in groups:
        theme = ThemeFactory(name=name, slug=slugify(name), group=group)
        ReviewFactory().themes.add(theme)

    html = client.get("/reviews/filters/theme/").content.decode()

    legends = [
        '--m">The victim</legend>',
        '--m">Aggravating factors</legend>',
        '--m">The review&#x27;s process</legend>',
    ]
    assert [html.index(legend) for legend in legends] == sorted(map(html.index, legends))
    victims = html[html.index(legends[0]) : html.index(legends[1])]
    assert 'value="older-victims"' in victims and 'value="training"' not in victims
    assert sorted(set(re.findall(r'id="(theme-\d+)"', html))) == ["theme-1", "theme-2", "theme-3"]
