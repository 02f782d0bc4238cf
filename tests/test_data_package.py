"""/data/datapackage.json: the open data's description for programs (a Frictionless Data
Package), checked by validating the live CSV files against it with `frictionless`; and the
same description for people, the codebook on /data/."""

import json

import frictionless
import pytest

from .public_pages import add_review_with_recommendations

pytestmark = pytest.mark.django_db


def download(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def package_folder(client, demo, tmp_path):
    """The package and its files as a researcher saves them, side by side."""
    add_review_with_recommendations()
    (tmp_path / "datapackage.json").write_bytes(download(client, "/data/datapackage.json"))
    for name in ("reviews.csv", "recommendations.csv", "themes.csv"):
        (tmp_path / name).write_bytes(download(client, f"/data/{name}"))
    return tmp_path


def problems(report):
    return report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_live_files_are_valid_against_the_published_package(package_folder):
    package = json.loads((package_folder / "datapackage.json").read_text())
    assert [resource["path"] for resource in package["resources"]] == [
        "reviews.csv",
        "recommendations.csv",
        "themes.csv",
    ]

    report = frictionless.validate(str(package_folder / "datapackage.json"))

    assert problems(report) == []
    assert report.valid
    counted = {task.name: task.stats["rows"] for task in report.tasks}
    assert counted["reviews"] > 5 and counted["recommendations"] > 5 and counted["themes"] > 30


def test_a_filtered_download_is_valid_against_the_same_schema(client, package_folder):
    (package_folder / "reviews.csv").write_bytes(download(client, "/data/reviews.csv?nation=wales"))
    (package_folder / "recommendations.csv").write_bytes(
        download(client, "/data/recommendations.csv?status=in-progress")
    )
    package = json.loads((package_folder / "datapackage.json").read_text())
    # Only the reviews of Wales: the recommendations' link to every review cannot hold.
    del package["resources"][1]["schema"]["foreignKeys"]
    (package_folder / "datapackage.json").write_text(json.dumps(package))

    report = frictionless.validate(str(package_folder / "datapackage.json"))

    assert problems(report) == []


def test_a_file_that_breaks_the_schema_is_caught(package_folder):
    reviews = package_folder / "reviews.csv"
    text = reviews.read_text(encoding="utf-8-sig")
    header, first, *rest = text.splitlines(keepends=True)
    columns = header.strip().split(",")
    cells = first.split(",")
    cells[columns.index("review_type")] = "not-a-type"
    reviews.write_text(header + ",".join(cells) + "".join(rest), encoding="utf-8-sig")

    report = frictionless.validate(str(package_folder / "datapackage.json"))

    assert not report.valid
    assert ("review_type", "constraint-error") in {
        (field, kind) for _row, field, kind, _note in problems(report)
    }


def test_a_theme_in_a_group_the_package_does_not_know_is_caught(package_folder):
    themes = package_folder / "themes.csv"
    text = themes.read_text(encoding="utf-8-sig")
    themes.write_text(text.replace(",aggravating,", ",not-a-group,", 1), encoding="utf-8-sig")

    report = frictionless.validate(str(package_folder / "datapackage.json"))

    assert ("group", "constraint-error") in {
        (field, kind) for _row, field, kind, _note in problems(report)
    }


def test_the_package_names_every_column_with_its_type(client):
    package = json.loads(download(client, "/data/datapackage.json"))
    reviews, recommendations, themes = package["resources"]
    fields = {field["name"]: field for field in reviews["schema"]["fields"]}
    assert fields["published"]["type"] == "yearmonth"
    assert fields["review_type"]["constraints"]["enum"][0] == "dhr"
    assert "permanent identifier" in fields["slug"]["description"]
    assert reviews["schema"]["primaryKey"] == ["slug"]
    fields = {field["name"]: field for field in recommendations["schema"]["fields"]}
    assert fields["overdue"] == {
        "name": "overdue",
        "type": "boolean",
        "description": "true when the due date has passed and it is not finished with.",
        "trueValues": ["true"],
        "falseValues": ["false"],
        "constraints": {"required": True},
    }
    fields = {field["name"]: field for field in themes["schema"]["fields"]}
    assert fields["group"]["constraints"] == {
        "required": True,
        "enum": ["victim", "perpetrator", "children", "aggravating", "agency-contact", "process"],
    }
    assert fields["review_count"]["type"] == "integer"
    assert package["licenses"][0]["name"] == "OGL-UK-3.0"
    assert package["homepage"] == "http://testserver/data/"


def test_the_codebook_on_the_data_page_shows_types_and_codes(client):
    html = client.get("/data/").content.decode()
    assert 'href="/data/datapackage.json"' in html
    row = html[html.index('id="column-reviews-review_type"') :]
    row = row[: row.index("</tr>")]
    assert "Text, one of:" in row
    assert "<code>dhr</code> Domestic Homicide Review" in row
    row = html[html.index('id="column-recommendations-due"') :]
    assert "Date, YYYY-MM-DD" in row[: row.index("</tr>")]
    row = html[html.index('id="column-reviews-nations"') :]
    assert "one or more of:" in row[: row.index("</tr>")]
    row = html[html.index('id="column-themes-group"') :]
    assert "<code>agency-contact</code> Contact with agencies" in row[: row.index("</tr>")]
    welsh = client.get("/cy/data/").content.decode()
    assert 'id="column-reviews-review_type"' in welsh
    assert "<code>agency-contact</code> Cyswllt ag asiantaethau" in welsh
