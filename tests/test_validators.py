"""The Nu Html Checker (vnu-jar, pinned in package.json) finds no error in any public page type,
in English or in Welsh. It runs once, on Java, over every page's HTML saved to a folder."""

import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from .factories import partnerships_with_reviews
from .public_pages import PUBLIC_PAGES, add_review_with_recommendations, add_withdrawn_review

pytestmark = pytest.mark.django_db

VNU_JAR = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


# The pages of a filter too long to list whole beside the results (Facet.shortlist), which the
# demo data has none of: the results with its shortlist, and the filter's page of every option.
LONG_FILTER_PAGES = [
    "/reviews/",
    "/reviews/?q=area&partnership=area-3&sort=oldest",
    "/reviews/filters/partnership/",
    "/reviews/filters/partnership/?q=area&partnership=area-3&type=dhr",
]


def nu_errors(client, paths, folder):
    """The Nu Html Checker's errors in the pages at `paths`, each "path: line n: message", and
    its exit status."""
    java = shutil.which("java")
    assert java, "Java is needed to run the Nu Html Checker"
    assert VNU_JAR.exists(), "vnu-jar is missing: run npm ci (make install)"
    folder.mkdir()
    names = {}
    for number, path in enumerate(paths):
        response = client.get(path)
        assert response.status_code in (200, 404, 410), path
        assert response["Content-Type"].startswith("text/html"), path
        page = folder / f"page-{number:02d}.html"
        page.write_bytes(response.content)
        names[f"file:{page}"] = path

    # The machine's own Java, running the pinned checker on files this test wrote.
    result = subprocess.run(  # noqa: S603
        [
            java,
            "-jar",
            str(VNU_JAR),
            "--format",
            "json",
            *sorted(map(str, folder.glob("*.html"))),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )

    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{names.get(message.get('url'), message.get('url'))}: line {message.get('lastLine')}: "
        f"{message['message']}"
        for message in messages
        if message["type"] == "error"
        or (message["type"] == "non-document-error")
        or message.get("subType") == "fatal"
    ]
    return errors, result.returncode


def test_every_public_page_type_is_valid_html_in_both_languages(client, tmp_path):
    call_command("load_demo_data", stdout=io.StringIO())
    add_withdrawn_review()
    add_review_with_recommendations()

    errors, status = nu_errors(client, PUBLIC_PAGES, tmp_path / "html")

    assert errors == []
    assert status == 0


def test_a_long_filter_and_its_page_of_every_option_are_valid_html(client, tmp_path):
    partnerships_with_reviews(25)
    paths = LONG_FILTER_PAGES + ["/cy" + path for path in LONG_FILTER_PAGES]

    errors, status = nu_errors(client, paths, tmp_path / "html")

    assert errors == []
    assert status == 0
    assert "See all 25 options" in client.get("/reviews/").content.decode()
