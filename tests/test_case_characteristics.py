"""Case characteristics (issue 15): what a published report states about the case (ages, sex,
relationship, case types), filtered and counted on /reviews/, downloaded, shown on the review's
page only where stated, edited in the admin and charted on /insights/."""

import csv
import importlib
import io
import json
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from reviews.models import Review

from .admin_forms import review_form
from .factories import ReviewFactory, case_types

pytestmark = pytest.mark.django_db

migration = importlib.import_module("reviews.migrations.0015_case_characteristics")


@pytest.fixture
def characterised(wiltshire, powys):
    """Three published reviews with characteristics, one without, and a draft with some."""
    made = {
        "anna": ReviewFactory(
            pseudonym="Anna",
            slug="anna",
            lead_partnership=wiltshire,
            relationship="former-partner",
            victim_age="25-34",
            victim_sex="female",
            perpetrator_age="35-44",
            perpetrator_sex="male",
            **case_types("intimate-partner", "children-present"),
        ),
        "bryn": ReviewFactory(
            pseudonym="Bryn",
            slug="bryn",
            lead_partnership=powys,
            relationship="son",
            victim_age="65-plus",
            victim_sex="male",
            **case_types("familial", "parricide"),
        ),
        "cara": ReviewFactory(
            pseudonym="Cara",
            slug="cara",
            lead_partnership=powys,
            relationship="current-partner",
            victim_age="25-34",
            **case_types("intimate-partner"),
        ),
        "dai": ReviewFactory(pseudonym="Dai", slug="dai", lead_partnership=wiltshire),
    }
    ReviewFactory(
        pseudonym="Draft",
        lead_partnership=wiltshire,
        draft=True,
        relationship="son",
        victim_age="25-34",
        **case_types("familial", "intimate-partner"),
    )
    return made


def options_on(html, facet):
    """{value: (label, count)} of one filter's checkboxes as the page lists them."""
    found = re.findall(
        rf'name="{facet}" type="checkbox" value="([^"]+)"[^>]*>'
        r'<label[^>]*>(.*?) <span class="dhr-facet-count">\((\d+)<',
        html,
    )
    return {value: (label, int(count)) for value, label, count in found}


def listed(html):
    return re.findall(
        r'<h3 class="govuk-heading-s[^"]*"><a class="govuk-link" href="[^"]+">(\w+)<', html
    )


def test_each_characteristic_is_a_filter_counting_published_reviews_only(client, characterised):
    html = client.get("/reviews/").content.decode()

    assert options_on(html, "case_type") == {
        "intimate-partner": ("Intimate partner (current or former)", 2),
        "familial": ("Familial", 1),
        "parricide": ("Parricide (a parent killed by their child)", 1),
        "children-present": ("Children present", 1),
    }
    assert options_on(html, "relationship") == {
        "current-partner": ("Current partner", 1),
        "former-partner": ("Former partner", 1),
        "son": ("Son", 1),
    }
    assert options_on(html, "victim_age") == {
        "25-34": ("25 to 34", 2),
        "65-plus": ("65 and over", 1),
    }
    assert options_on(html, "victim_sex") == {"female": ("Female", 1), "male": ("Male", 1)}
    assert options_on(html, "perpetrator_age") == {"35-44": ("35 to 44", 1)}
    assert options_on(html, "perpetrator_sex") == {"male": ("Male", 1)}


def test_a_review_with_several_case_types_is_found_under_each(client, characterised):
    partner = client.get("/reviews/", {"case_type": "intimate-partner"}).content.decode()
    children = client.get("/reviews/", {"case_type": "children-present"}).content.decode()

    assert sorted(listed(partner)) == ["Anna", "Cara"]
    assert listed(children) == ["Anna"]
    # Within the filter, the other case types are counted among the chosen reviews' fellows.
    assert options_on(children, "case_type")["intimate-partner"][1] == 2
    assert options_on(children, "relationship") == {"former-partner": ("Former partner", 1)}


def test_the_old_case_type_address_still_filters_and_takes_several_values(client, characterised):
    one = client.get("/reviews/?case_type=familial").content.decode()
    two = client.get("/reviews/?case_type=familial&case_type=children-present").content.decode()
    unknown = client.get("/reviews/?case_type=no-such-type")

    assert listed(one) == ["Bryn"]
    assert sorted(listed(two)) == ["Anna", "Bryn"]
    assert unknown.status_code == 200
    assert sorted(listed(unknown.content.decode())) == ["Anna", "Bryn", "Cara", "Dai"]


def test_characteristics_narrow_together(client, characterised):
    html = client.get(
        "/reviews/", {"victim_age": "25-34", "relationship": "current-partner"}
    ).content.decode()

    assert listed(html) == ["Cara"]


def test_filter_labels_are_in_welsh_on_welsh_pages(client, characterised):
    html = client.get("/cy/reviews/").content.decode()

    assert "Perthynas â&#x27;r dioddefwr" in html or "Perthynas â'r dioddefwr" in html
    assert options_on(html, "victim_age")["65-plus"] == ("65 a throsodd", 1)
    assert options_on(html, "relationship")["son"] == ("Mab", 1)
    assert options_on(html, "case_type")["parricide"][0].startswith("Lladd rhiant")


def test_the_review_page_shows_only_what_the_report_states(client, characterised):
    anna = client.get("/reviews/anna/").content.decode()
    cara = client.get("/reviews/cara/").content.decode()
    dai = client.get("/reviews/dai/").content.decode()

    assert "Case types</dt>" in anna
    assert "Intimate partner (current or former)<br>Children present" in anna
    assert "Former partner" in anna and "35 to 44" in anna
    assert "Perpetrator&#x27;s sex</dt>" in anna or "Perpetrator's sex</dt>" in anna
    assert "Case type</dt>" in cara
    assert "sex</dt>" not in cara  # neither sex is stated
    for absent in ("Case type", "age band", "relationship to the victim", "Not stated"):
        assert absent not in dai


def test_the_downloads_carry_each_characteristic_as_codes(client, characterised):
    body = b"".join(client.get("/data/reviews.csv").streaming_content).decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(body))}
    records = {
        record["slug"]: record
        for record in json.loads(b"".join(client.get("/data/reviews.json").streaming_content))[
            "reviews"
        ]
    }

    assert rows["anna"]["case_types"] == "intimate-partner; children-present"
    assert rows["anna"]["relationship"] == "former-partner"
    assert rows["anna"]["victim_age"] == "25-34"
    assert rows["anna"]["perpetrator_sex"] == "male"
    assert rows["dai"]["case_types"] == "" and rows["dai"]["victim_sex"] == ""
    assert "draft" not in rows
    assert records["bryn"]["case_types"] == ["familial", "parricide"]
    assert records["bryn"]["case_type_names"] == [
        "Familial",
        "Parricide (a parent killed by their child)",
    ]
    assert records["bryn"]["victim_age"] == "65-plus"


def test_the_data_package_describes_the_new_columns_and_their_codes(client):
    package = client.get("/data/datapackage.json").json()
    fields = {field["name"]: field for field in package["resources"][0]["schema"]["fields"]}
    codebook = client.get("/data/").content.decode()

    assert fields["victim_age"]["constraints"]["enum"][-1] == "65-plus"
    assert fields["relationship"]["constraints"]["enum"][0] == "current-partner"
    assert "constraints" not in fields["case_types"]  # several codes to a cell
    assert "case_type" not in fields
    assert "children-present" in codebook and "grandchild" in codebook


def test_insights_chart_relationships_ages_and_flags_counting_each(client, characterised):
    html = client.get("/insights/").content.decode()

    def rows(slug):
        section = html[html.index(f'aria-labelledby="chart-{slug}"') :]
        section = section[: section.index("</section>")]
        body = section[section.index("<tbody") :]
        return dict(
            re.findall(
                r'<th scope="row" class="govuk-table__header">([^<]+)</th>\s*'
                r'<td class="govuk-table__cell govuk-table__cell--numeric">(\d+)</td>',
                body,
            )
        ), section

    cases, section = rows("case-types")
    assert cases["Intimate partner (current or former)"] == "2"  # the draft is not counted
    assert cases["Children present"] == "1" and cases["Not stated"] == "1"
    assert "in all" not in section.split("<table")[0]  # overlapping: no total
    relationships, _ = rows("relationships")
    assert relationships["Son"] == "1" and relationships["Not stated"] == "1"
    ages, _ = rows("victim-ages")
    assert ages["25 to 34"] == "2" and ages["65 and over"] == "1" and ages["Not stated"] == "1"


def test_the_admin_form_saves_the_characteristics(client, officer, wiltshire):
    form = review_form(
        wiltshire,
        relationship="daughter",
        victim_age="55-64",
        perpetrator_sex="female",
        case_types=["familial", "victim-suicide"],
    )
    page = client.get(reverse("admin:reviews_review_add")).content.decode()

    response = client.post(reverse("admin:reviews_review_add"), form)

    assert "Case characteristics" in page
    assert "Leave blank unless the published report states it." in page
    assert response.status_code == 302
    review = Review.objects.get(slug="adult-z")
    assert review.case_types() == ["familial", "victim-suicide"]
    assert (review.relationship, review.victim_age, review.perpetrator_sex) == (
        "daughter",
        "55-64",
        "female",
    )
    assert review.victim_sex == ""
    change = client.get(reverse("admin:reviews_review_change", args=[review.pk])).content.decode()
    assert re.search(r'value="victim-suicide"[^>]*checked', change)
    assert not re.search(r'value="parricide"[^>]*checked', change)


def test_unticking_a_case_type_in_the_admin_clears_it(client, officer, wiltshire):
    review = ReviewFactory(
        pseudonym="Adult Z",
        slug="adult-z",
        lead_partnership=wiltshire,
        draft=True,
        **case_types("familial", "parricide"),
    )

    response = client.post(
        reverse("admin:reviews_review_change", args=[review.pk]),
        review_form(wiltshire, case_types=["familial"]),
    )

    assert response.status_code == 302
    review.refresh_from_db()
    assert review.case_types() == ["familial"]


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_each_old_case_type_into_its_flag(wiltshire):
    """Back to before the flags, a review of each old case type; then the migration forward."""
    before = [("reviews", "0014_joint_partnership_confirmation")]
    after = [("reviews", "0015_case_characteristics")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old_apps = executor.loader.project_state(before).apps
    OldReview = old_apps.get_model("reviews", "Review")
    for code in [*migration.FLAG_OF_CASE_TYPE, ""]:
        OldReview.objects.create(
            pseudonym=code or "none",
            slug=code or "none",
            lead_partnership_id=wiltshire.pk,
            case_type=code,
        )
    try:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    finally:
        call_command("migrate", verbosity=0)

    for review in Review.objects.all():
        expected = [] if review.slug == "none" else [review.slug]
        assert review.case_types() == expected
