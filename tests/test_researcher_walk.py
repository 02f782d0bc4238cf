"""The researcher's walk of the national codebook, end to end: filter the register to
intimate-partner reviews in Wales filed under non-fatal strangulation, open the same selection
as charts, follow it as a feed, and download it as a CSV that the published data package
accepts."""

import csv
import html
import io
import json
import re
from urllib.parse import urlsplit

import frictionless
import pytest

from reviews.models import Nation

from .factories import PartnershipFactory, ReviewFactory, ThemeFactory, case_types

pytestmark = pytest.mark.django_db

WALK = "case_type=intimate-partner&nation=wales&theme=non-fatal-strangulation"


@pytest.fixture
def codebook_register():
    """One review that the walk must find, and three that each miss one of its filters."""
    strangulation = ThemeFactory(name="Non-fatal strangulation", slug="non-fatal-strangulation")
    powys = PartnershipFactory(name="Powys Community Safety Partnership", nation=Nation.WALES)
    wiltshire = PartnershipFactory(name="Wiltshire Community Safety Partnership")
    found = ReviewFactory(
        pseudonym="Adult W", lead_partnership=powys, **case_types("intimate-partner")
    )
    found.themes.add(strangulation)
    in_england = ReviewFactory(
        pseudonym="Adult E", lead_partnership=wiltshire, **case_types("intimate-partner")
    )
    in_england.themes.add(strangulation)
    familial = ReviewFactory(pseudonym="Adult F", lead_partnership=powys, **case_types("familial"))
    familial.themes.add(strangulation)
    ReviewFactory(pseudonym="Adult U", lead_partnership=powys, **case_types("intimate-partner"))
    return found


def body(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def link_to(page, path):
    """The address of the first link on `page` to `path` (with whatever query it has)."""
    match = re.search(rf'href="({re.escape(path)}[^"]*)"', page)
    assert match, path
    return html.unescape(match.group(1))


def same_selection(address):
    return sorted(urlsplit(address).query.split("&")) == sorted(WALK.split("&"))


def test_filter_chart_follow_and_download_one_selection(client, codebook_register, tmp_path):
    results = body(client.get(f"/reviews/?{WALK}")).decode()
    assert "Adult W" in results
    assert not {"Adult E", "Adult F", "Adult U"} & set(re.findall(r"Adult [A-Z]\b", results))

    # The same selection as charts: one review, an intimate-partner one.
    charts_address = link_to(results, "/insights/")
    assert same_selection(charts_address)
    charts = body(client.get(charts_address)).decode()
    assert "Charts of your search" in charts
    assert "The 1 published review that your search of the reviews finds, counted." in charts
    case_types_table = charts[charts.index('id="chart-case-types"') :]
    assert re.search(r"Intimate partner \(current or former\)</th>\s*<td[^>]*>1<", case_types_table)

    # The same selection as a feed: the page announces it, and it names the one review.
    feed_address = html.unescape(
        re.search(r'<link rel="alternate" type="application/atom\+xml" href="([^"]+)"', results)[1]
    )
    assert same_selection(feed_address)
    feed = body(client.get(feed_address)).decode()
    assert feed.count("<entry>") == 1
    assert f"<dhr:identifier>{codebook_register.slug}</dhr:identifier>" in feed

    # The same selection as a CSV, valid against the data package the site publishes.
    csv_address = link_to(results, "/data/reviews.csv")
    assert same_selection(csv_address)
    download = body(client.get(csv_address))
    rows = list(csv.DictReader(io.StringIO(download.decode("utf-8-sig"))))
    assert [row["pseudonym"] for row in rows] == ["Adult W"]
    package = json.loads(body(client.get("/data/datapackage.json")))
    for resource in package["resources"]:
        path = resource["path"]
        saved = download if path == "reviews.csv" else body(client.get(f"/data/{path}"))
        (tmp_path / path).write_bytes(saved)
        # A selection of the reviews cannot satisfy links from every other file to them.
        resource["schema"].pop("foreignKeys", None)
    (tmp_path / "datapackage.json").write_text(json.dumps(package))
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.flatten(["rowNumber", "fieldName", "type", "note"]) == []
    assert report.valid
