"""Moving a partnership's archive in: old reviews and their PDFs from one ZIP file, checked in a
dry run, then imported as drafts, all or nothing, from the command line and the admin."""

import csv
import io
import zipfile

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from reviews.bulk_import import COLUMNS, ImportRefused, import_reviews, plan_import
from reviews.models import Review, ReviewDocument
from reviews.pdf_writer import make_text_pdf

from .conftest import stored_files
from .factories import OfficerFactory, ReviewFactory, sign_in

pytestmark = pytest.mark.django_db

HEADER = [
    "pseudonym",
    "reference",
    "review type",
    "month published",
    "document kind",
    "language",
    "file name",
]


def pdf(text="An old review"):
    return make_text_pdf([[f"{text}, page 1"], [f"{text}, page 2"]])


def manifest(rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def make_zip(rows=None, files=None, *, manifest_text=None, extra=None):
    """A ZIP of `files` ({name: bytes}) and a manifest of `rows`; by default a PDF for each
    row's file name."""
    rows = rows or []
    if files is None:
        files = {row[6]: pdf(row[0]) for row in rows}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.csv", manifest_text if manifest_text is not None else manifest(rows)
        )
        for name, data in {**files, **(extra or {})}.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


# Ten old reviews, most with one document, two with two, and one in Welsh.
TEN = [
    ["Adult Y", "001_DHR", "DHR", "2014-04", "Executive summary", "English", "adult-y-es.pdf"],
    ["Adult C", "002_DHR", "dhr", "2014-10", "executive-summary", "en", "adult-c-es.pdf"],
    [
        "Mrs A and Mr B",
        "003_DHR",
        "Domestic Homicide Review",
        "2014-01",
        "Executive summary",
        "English",
        "mrs-a-mr-b.pdf",
    ],
    ["Adult M", "004_DHR", "DHR", "2015-03", "Executive summary", "English", "adult-m-es.pdf"],
    [
        "Adult A",
        "005_DHR",
        "joint-dhr-mhhi",
        "2015-08",
        "Executive summary",
        "English",
        "adult-a-es.pdf",
    ],
    [
        "Adult A",
        "005_DHR",
        "joint-dhr-mhhi",
        "2015-08",
        "Overview report",
        "English",
        "adult-a-overview.pdf",
    ],
    ["Adult B", "006_DHR", "DHR", "2017-06", "Executive summary", "English", "adult-b-es.pdf"],
    ["Adult P", "007_DHR", "DHR", "2017-10", "EXECUTIVE SUMMARY", "", "adult-p-es.pdf"],
    ["Ellie", "", "DHR", "2021-11", "Executive summary", "English", "ellie-es.pdf"],
    ["Ellie", "", "DHR", "2021-11", "Overview report", "English", "ellie-overview.pdf"],
    [
        "Adult R",
        "LLR-1",
        "Local learning review",
        "2020-02",
        "Learning briefing",
        "English",
        "adult-r.pdf",
    ],
    ["Lesley", "P-01", "SUSR", "", "Crynodeb gweithredol", "Cymraeg", "lesley-cy.pdf"],
]


def plan_problems(plan):
    return [(problem.row, problem.message, problem.file_name) for problem in plan.problems]


# The service: ten old reviews in one go


def test_ten_old_reviews_arrive_from_one_zip_file_as_drafts_with_their_documents(
    wiltshire, media_root
):
    seen = []

    report = import_reviews(
        make_zip(TEN), partnership=wiltshire, progress=lambda *args: seen.append(args)
    )

    reviews = Review.objects.filter(lead_partnership=wiltshire)
    assert reviews.count() == 10
    assert len(report.reviews) == 10 and len(report.documents) == 12
    assert set(reviews.values_list("status", flat=True)) == {Review.Status.DRAFT}
    adult_a = reviews.get(reference="005_DHR")
    assert adult_a.pseudonym == "Adult A"
    assert adult_a.review_type == Review.ReviewType.JOINT_DHR_MHHI
    assert adult_a.published_on.isoformat() == "2015-08-01"
    assert sorted(adult_a.documents.values_list("kind", flat=True)) == [
        "executive-summary",
        "overview-report",
    ]
    lesley = reviews.get(pseudonym="Lesley")
    assert lesley.published_on is None and lesley.review_type == Review.ReviewType.SUSR
    welsh = lesley.documents.get()
    assert (welsh.kind, welsh.language) == ("executive-summary", "cy")
    assert reviews.get(pseudonym="Adult P").documents.get().language == "en"
    # Every file went through the pipeline: cleaned, counted, pictured and its text stored.
    for document in ReviewDocument.objects.all():
        assert document.page_count == 2 and len(document.sha256) == 64 and document.cover
        assert document.pages.count() == 2
    assert "Adult M, page 2" in reviews.get(pseudonym="Adult M").documents.get().pages.last().text
    assert len([name for name in stored_files(media_root) if name.startswith("documents/")]) == 12
    assert seen[0] == (1, 12, "adult-y-es.pdf")
    assert seen[-1] == (12, 12, "lesley-cy.pdf")
    assert [number for number, _total, _name in seen] == list(range(1, 13))


def test_the_dry_run_lists_what_would_be_created_and_creates_nothing(wiltshire, media_root):
    plan = plan_import(make_zip(TEN), partnership=wiltshire)

    assert plan.ok, plan_problems(plan)
    assert [review.pseudonym for review in plan.reviews][:3] == [
        "Adult Y",
        "Adult C",
        "Mrs A and Mr B",
    ]
    assert len(plan.reviews) == 10 and len(plan.documents) == 12
    ellie = next(review for review in plan.reviews if review.pseudonym == "Ellie")
    assert [(d.row, d.kind_label, d.file_name) for d in ellie.documents] == [
        (10, "Executive summary", "ellie-es.pdf"),
        (11, "Overview report", "ellie-overview.pdf"),
    ]
    assert not Review.objects.exists()
    assert stored_files(media_root) == []


# Every problem, with its row; an import with problems creates nothing


ROW = ["Adult Y", "001_DHR", "DHR", "2014-04", "Executive summary", "English", "adult-y.pdf"]


def row(**changes):
    values = dict(zip(HEADER, ROW, strict=True))
    values.update({key.replace("_", " "): value for key, value in changes.items()})
    return [values[column] for column in HEADER]


def only_problem(plan):
    assert len(plan.problems) == 1, plan_problems(plan)
    return plan.problems[0]


def test_a_row_whose_file_is_missing_from_the_zip_is_a_problem_of_its_row(wiltshire):
    rows = [ROW, row(pseudonym="Adult C", reference="002", file_name="adult-c.pdf")]

    plan = plan_import(make_zip(rows, files={"adult-y.pdf": pdf()}), partnership=wiltshire)

    problem = only_problem(plan)
    assert (problem.row, problem.file_name) == (3, "adult-c.pdf")
    assert "no file of this name" in problem.message


def test_a_file_no_row_names_is_a_problem(wiltshire):
    plan = plan_import(make_zip([ROW], extra={"forgotten.pdf": pdf()}), partnership=wiltshire)

    problem = only_problem(plan)
    assert (problem.row, problem.file_name) == (None, "forgotten.pdf")
    assert "No row of manifest.csv names this file" in problem.message


def test_two_rows_naming_one_file_are_a_duplicate(wiltshire):
    rows = [ROW, row(kind="Overview report")]
    rows[1][4] = "Overview report"

    problem = only_problem(plan_import(make_zip(rows), partnership=wiltshire))

    assert problem.row == 3
    assert "Row 2 names the same file" in problem.message


def test_a_second_document_of_the_same_kind_and_language_is_a_duplicate(wiltshire):
    rows = [ROW, row(file_name="adult-y-again.pdf")]

    problem = only_problem(plan_import(make_zip(rows), partnership=wiltshire))

    assert problem.row == 3
    assert "Row 2 already gives this review its executive summary in English" in problem.message


def test_a_review_the_partnership_already_has_is_a_problem(wiltshire, powys):
    ReviewFactory(lead_partnership=wiltshire, pseudonym="Someone", reference="001_DHR")
    ReviewFactory(
        lead_partnership=wiltshire, pseudonym="adult c", reference="", published_on="2014-10-01"
    )
    # Another partnership's review of the same reference is no obstacle.
    ReviewFactory(lead_partnership=powys, pseudonym="Adult D", reference="003_DHR")
    rows = [
        ROW,
        row(pseudonym="Adult C", reference="002_DHR", month_published="2014-10", file_name="c.pdf"),
        row(pseudonym="Adult D", reference="003_DHR", file_name="d.pdf"),
    ]

    plan = plan_import(make_zip(rows), partnership=wiltshire)

    assert [(p.row, p.message) for p in plan.problems] == [
        (2, "The partnership already has a review with the reference 001_DHR."),
        (3, "The partnership already has a review “Adult C” published that month."),
    ]


def test_a_file_that_is_not_a_pdf_or_is_damaged_is_refused_as_an_upload_would_be(wiltshire):
    rows = [ROW, row(pseudonym="Adult C", reference="002", file_name="adult-c.pdf")]
    files = {"adult-y.pdf": b"Dear panel,\nthis is a letter.", "adult-c.pdf": pdf()[:300]}

    plan = plan_import(make_zip(rows, files=files), partnership=wiltshire)

    assert [(p.row, p.file_name) for p in plan.problems] == [(2, "adult-y.pdf"), (3, "adult-c.pdf")]
    assert "This file is not a PDF" in plan.problems[0].message
    assert "damaged or incomplete" in plan.problems[1].message


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"kind": "Minutes"}, "“Minutes” is not a kind of document"),
        ({"review_type": "Inquest"}, "“Inquest” is not a review type"),
        ({"language": "French"}, "“French” is not a language of documents here"),
        ({"month_published": "March 2019"}, "“March 2019” is not a month"),
        ({"month_published": "2019-13"}, "“2019-13” is not a month"),
        ({"month_published": "2999-01"}, "“2999-01” cannot be the month this review was published"),
        ({"pseudonym": ""}, "The row has no pseudonym."),
    ],
)
def test_an_unknown_value_or_a_bad_month_is_a_problem_of_its_row(wiltshire, change, message):
    values = row(**{key: value for key, value in change.items() if key != "kind"})
    if "kind" in change:
        values[4] = change["kind"]

    problem = only_problem(plan_import(make_zip([values]), partnership=wiltshire))

    assert problem.row == 2
    assert message in problem.message


def test_a_missing_required_column_is_a_problem(wiltshire):
    header = [column for column in HEADER if column != "document kind"]
    text = manifest([[cell for cell in ROW if cell != "Executive summary"]], header=header)

    problem = only_problem(
        plan_import(
            make_zip(files={"adult-y.pdf": pdf()}, manifest_text=text), partnership=wiltshire
        )
    )

    assert problem.row == 1
    assert "manifest.csv has no “document kind” column" in problem.message


@pytest.mark.parametrize("text", ["", ",".join(HEADER) + "\r\n,,,,,,\r\n"])
def test_an_empty_manifest_is_a_problem(wiltshire, text):
    problem = only_problem(
        plan_import(make_zip(files={}, manifest_text=text), partnership=wiltshire)
    )

    assert "manifest.csv is empty" in problem.message


def test_a_file_that_is_not_a_zip_is_a_problem(wiltshire):
    problem = only_problem(plan_import(io.BytesIO(pdf()), partnership=wiltshire))

    assert problem.row is None
    assert "This is not a ZIP file" in problem.message


def test_a_zip_without_a_manifest_is_a_problem(wiltshire):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("adult-y.pdf", pdf())

    problem = only_problem(plan_import(buffer, partnership=wiltshire))

    assert "The ZIP file has no manifest.csv" in problem.message


@pytest.mark.parametrize(
    "name", ["../outside.pdf", "/etc/passwd", "reports/../../x.pdf", "C:/x.pdf"]
)
def test_a_zip_with_a_name_pointing_outside_it_is_refused_whole(wiltshire, name):
    problem = only_problem(plan_import(make_zip([ROW], extra={name: pdf()}), partnership=wiltshire))

    assert problem.row is None
    assert "points outside it" in problem.message


def test_a_manifest_row_naming_a_file_outside_the_zip_is_a_problem(wiltshire):
    plan = plan_import(make_zip([row(file_name="../adult-y.pdf")], files={}), partnership=wiltshire)

    assert plan_problems(plan) == [
        (2, "This file name points outside the ZIP file.", "../adult-y.pdf")
    ]


def test_a_zip_that_unpacks_to_more_than_the_limit_is_refused_unread(wiltshire, settings):
    # A zip bomb: megabytes of zeros that compress to almost nothing.
    settings.DHR_MAX_IMPORT_BYTES = 5 * 1024 * 1024
    bomb = make_zip([ROW], extra={"zeros.bin": bytes(6 * 1024 * 1024)})
    assert len(bomb.getvalue()) < 100 * 1024

    problem = only_problem(plan_import(bomb, partnership=wiltshire))

    assert "Unpacked, the ZIP file's contents are 6.0" in problem.message


def test_one_file_larger_than_the_upload_limit_is_a_problem_of_its_row(wiltshire, settings):
    settings.DHR_MAX_UPLOAD_BYTES = 1024 * 1024
    files = {"adult-y.pdf": b"%PDF-1.4\n" + bytes(2 * 1024 * 1024)}

    problem = only_problem(plan_import(make_zip([ROW], files=files), partnership=wiltshire))

    assert (problem.row, problem.file_name) == (2, "adult-y.pdf")
    assert "the largest file accepted is 1.0" in problem.message


def test_a_zip_made_from_a_folder_is_read_from_the_manifests_folder(wiltshire):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("old reviews/manifest.csv", manifest([ROW]))
        archive.writestr("old reviews/adult-y.pdf", pdf())
        archive.writestr("__MACOSX/old reviews/._adult-y.pdf", b"resource fork")

    plan = plan_import(buffer, partnership=wiltshire)

    assert plan.ok, plan_problems(plan)
    assert [d.file_name for d in plan.documents] == ["adult-y.pdf"]


def test_an_import_with_problems_creates_nothing_and_says_why(wiltshire, media_root):
    rows = [*TEN, row(pseudonym="Adult Z", reference="009", kind="Minutes", file_name="z.pdf")]
    rows[-1][4] = "Minutes"

    with pytest.raises(ImportRefused) as refused:
        import_reviews(make_zip(rows), partnership=wiltshire)

    assert [(p.row, p.file_name) for p in refused.value.problems] == [(14, "")]
    assert not Review.objects.exists()
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


# All or nothing


def test_when_the_pipeline_refuses_the_seventh_file_nothing_is_left(
    wiltshire, media_root, monkeypatch
):
    from django.core.exceptions import ValidationError

    from reviews.documents import pipeline

    prepare, calls = pipeline.prepare_pdf, []

    def refuse_the_seventh(file):
        calls.append(file)
        if len(calls) == 7:
            raise ValidationError("This PDF could not be cleaned (a test).")
        return prepare(file)

    monkeypatch.setattr(pipeline, "prepare_pdf", refuse_the_seventh)
    seen = []

    with pytest.raises(ImportRefused) as refused:
        import_reviews(make_zip(TEN), partnership=wiltshire, progress=lambda *a: seen.append(a))

    assert len(calls) == 7 and seen[-1] == (7, 12, "adult-b-es.pdf")
    problem = refused.value.problems[0]
    assert (problem.row, problem.file_name) == (8, "adult-b-es.pdf")
    assert "could not be cleaned (a test)" in problem.message
    assert not Review.objects.exists()
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


# Who may import


def test_an_officer_cannot_import_into_another_partnership(wiltshire, powys):
    officer = OfficerFactory(partnerships=[wiltshire])

    with pytest.raises(PermissionDenied):
        import_reviews(make_zip([ROW]), partnership=powys, by=officer)

    assert not Review.objects.exists()


def test_an_editor_may_import_drafts_and_is_recorded_as_their_author(wiltshire):
    editor = OfficerFactory(partnerships=[wiltshire], role="editor")

    report = import_reviews(make_zip([ROW]), partnership=wiltshire, by=editor)

    review = report.reviews[0]
    assert review.status == Review.Status.DRAFT and review.created_by == editor
    assert review.documents.get().uploaded_by == editor
    assert review.history.first().history_user == editor


# The command


def test_the_command_imports_showing_progress_and_a_summary(wiltshire, tmp_path):
    path = tmp_path / "old.zip"
    path.write_bytes(make_zip(TEN).getvalue())
    out = io.StringIO()

    call_command("import_reviews", str(path), "--partnership", "wiltshire", stdout=out)

    text = out.getvalue()
    assert "1 of 12: adult-y-es.pdf" in text
    assert "6 of 12: adult-a-overview.pdf" in text
    assert (
        "Imported 10 review(s) and 12 document(s) into Wiltshire Community Safety "
        "Partnership, as drafts." in text
    )
    assert Review.objects.filter(status="draft").count() == 10


def test_the_commands_dry_run_prints_the_plan_and_changes_nothing(wiltshire, tmp_path):
    path = tmp_path / "old.zip"
    path.write_bytes(make_zip(TEN).getvalue())
    out = io.StringIO()

    call_command("import_reviews", str(path), "--partnership", "wiltshire", "--dry-run", stdout=out)

    text = out.getvalue()
    assert "Review Adult A, 005_DHR, 2015-08" in text
    assert "  row 7: Overview report, English: adult-a-overview.pdf" in text
    assert "Dry run: 10 review(s) and 12 document(s) would be imported" in text
    assert not Review.objects.exists()


def test_the_command_fails_with_the_problems_and_imports_nothing(wiltshire, tmp_path):
    path = tmp_path / "old.zip"
    path.write_bytes(make_zip([ROW], extra={"forgotten.pdf": pdf()}).getvalue())
    err = io.StringIO()

    for options in ([], ["--dry-run"]):
        with pytest.raises(CommandError, match="1 problem"):
            call_command(
                "import_reviews",
                str(path),
                "--partnership",
                "wiltshire",
                *options,
                stdout=io.StringIO(),
                stderr=err,
            )

    assert (
        "Problem, ZIP file (forgotten.pdf): No row of manifest.csv names this file."
        in err.getvalue()
    )
    assert not Review.objects.exists()


def test_the_command_refuses_an_unknown_partnership(tmp_path):
    path = tmp_path / "old.zip"
    path.write_bytes(make_zip([ROW]).getvalue())

    with pytest.raises(CommandError, match="no partnership with the slug 'nowhere'"):
        call_command("import_reviews", str(path), "--partnership", "nowhere")


# The admin


def zip_upload(buffer, name="old-reviews.zip"):
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="application/zip")


IMPORT_URL = "admin:reviews_review_import"


def check(client, partnership, buffer):
    return client.post(
        reverse(IMPORT_URL),
        {"partnership": partnership.pk, "file": zip_upload(buffer), "check": "1"},
    )


def confirm(client, partnership, buffer, checked):
    return client.post(
        reverse(IMPORT_URL),
        {
            "partnership": partnership.pk,
            "file": zip_upload(buffer),
            "checked": checked,
            "import": "1",
        },
    )


def test_the_review_list_offers_the_import_to_officers_who_may_add_reviews(client, wiltshire):
    for role in ("publisher", "editor"):
        sign_in(client, OfficerFactory(username=role, partnerships=[wiltshire], role=role))

        html = client.get(reverse("admin:reviews_review_changelist")).content.decode()

        assert "Import reviews from a ZIP file" in html
        assert reverse(IMPORT_URL) in html


def test_staff_of_no_partnership_can_neither_see_nor_open_the_import(client, wiltshire):
    sign_in(client, OfficerFactory(username="nobody", partnerships=[]))

    opened = client.get(reverse(IMPORT_URL))
    posted = check(client, wiltshire, make_zip([ROW]))
    template = client.get(reverse("admin:reviews_review_import_template"))

    assert {opened.status_code, posted.status_code, template.status_code} == {403}
    assert not Review.objects.exists()


def test_the_form_offers_only_the_officers_partnerships_and_an_administrator_any(
    client, officer, wiltshire, powys
):
    html = client.get(reverse(IMPORT_URL)).content.decode()
    assert "Wiltshire Community Safety Partnership" in html
    assert "Powys Community Safety Partnership" not in html

    refused = check(client, powys, make_zip([ROW]))
    assert "Select a valid choice" in refused.content.decode()
    assert not Review.objects.exists()

    admin = OfficerFactory(username="admin", is_superuser=True, partnerships=[])
    sign_in(client, admin)
    html = client.get(reverse(IMPORT_URL)).content.decode()
    assert "Powys Community Safety Partnership" in html and "Wiltshire" in html


def test_the_admin_checks_then_imports_with_progress_and_links_to_the_drafts(
    client, officer, wiltshire, media_root
):
    archive = make_zip(TEN)
    checked = check(client, wiltshire, archive)

    html = checked.content.decode()
    assert "Checked old-reviews.zip for Wiltshire Community Safety Partnership" in html
    assert "Adult A (005_DHR): Joint Domestic Homicide Review and Mental Health" in html
    assert "adult-a-overview.pdf" in html and "Overview report, English" in html
    assert "Import as drafts" in html
    assert not Review.objects.exists() and stored_files(media_root) == []
    checked_sha = checked.context["sha256"]

    # The same file again (a ZIP made anew differs: its entries carry the time they were made).
    imported = confirm(client, wiltshire, archive, checked_sha)

    assert imported.streaming
    page = b"".join(imported.streaming_content).decode()
    assert "<li>Processing file 1 of 12: adult-y-es.pdf</li>" in page
    assert "<li>Processing file 12 of 12: lesley-cy.pdf</li>" in page
    assert page.index("file 3 of 12") < page.index("file 4 of 12")
    assert "Imported as drafts: 10 reviews, with 12 documents." in page
    assert f"?lead_partnership__id__exact={wiltshire.pk}&amp;status__exact=draft" in page
    assert page.rstrip().endswith("</html>")
    assert Review.objects.filter(lead_partnership=wiltshire, status="draft").count() == 10
    assert ReviewDocument.objects.filter(uploaded_by=officer).count() == 12


def test_the_admin_shows_every_problem_with_its_row_and_offers_no_import(
    client, officer, wiltshire
):
    rows = [ROW, row(pseudonym="Adult C", reference="002", file_name="missing.pdf")]

    html = check(client, wiltshire, make_zip(rows, files={"adult-y.pdf": pdf()})).content.decode()

    assert "Nothing can be imported until these problems are put right" in html
    assert "<td>3</td><td>missing.pdf</td><td>There is no file of this name" in html
    assert "Import as drafts" not in html


def test_the_admin_imports_only_the_file_it_checked(client, officer, wiltshire):
    checked = check(client, wiltshire, make_zip([ROW])).context["sha256"]

    other = make_zip([row(pseudonym="Adult Q", reference="009", file_name="q.pdf")])
    html = confirm(client, wiltshire, other, checked).content.decode()

    assert "That was not the file you checked, so nothing was imported" in html
    assert "Adult Q" in html
    assert not Review.objects.exists()


def test_an_import_refused_as_it_runs_says_so_and_leaves_nothing(
    client, officer, wiltshire, media_root, monkeypatch
):
    from django.core.exceptions import ValidationError

    from reviews.documents import pipeline

    prepare, calls = pipeline.prepare_pdf, []

    def refuse_the_third(file):
        calls.append(file)
        if len(calls) == 3:
            raise ValidationError("This PDF could not be cleaned (a test).")
        return prepare(file)

    monkeypatch.setattr(pipeline, "prepare_pdf", refuse_the_third)
    archive = make_zip(TEN)
    checked = check(client, wiltshire, archive).context["sha256"]

    response = confirm(client, wiltshire, archive, checked)
    assert response.streaming
    page = b"".join(response.streaming_content).decode()

    assert "Processing file 3 of 12: mrs-a-mr-b.pdf" in page
    assert "Processing file 4 of 12" not in page
    assert "Nothing was imported, because:" in page
    assert (
        "<td>4</td><td>mrs-a-mr-b.pdf</td><td>This PDF could not be cleaned (a test).</td>" in page
    )
    assert not Review.objects.exists()
    assert stored_files(media_root) == []


def test_the_template_manifest_downloads_with_every_column_and_can_be_imported(
    client, officer, wiltshire
):
    response = client.get(reverse("admin:reviews_review_import_template"))

    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="manifest.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == list(COLUMNS) == HEADER
    files = {cells[6]: pdf() for cells in rows[1:]}
    plan = plan_import(
        make_zip(files=files, manifest_text=response.content.decode()), partnership=wiltshire
    )
    assert plan.ok, plan_problems(plan)
    assert [(r.pseudonym, len(r.documents)) for r in plan.reviews] == [("Adult A", 2)]


# Possible personal data: listed for the officer to check, never a reason to refuse


def with_personal_data():
    """Two reviews' files, the second holding a mobile number and a date of birth on page 2."""
    rows = [ROW, ["Adult C", "002_DHR", "DHR", "2014-10", "Executive summary", "", "c.pdf"]]
    files = {
        "adult-y.pdf": pdf("Adult Y"),
        "c.pdf": make_text_pdf([["Adult C"], ["Her mobile was 07700 900123; DOB 01/02/1980."]]),
    }
    return make_zip(rows, files)


def test_the_dry_run_lists_each_files_personal_data_and_still_allows_the_import(wiltshire):
    plan = plan_import(with_personal_data(), partnership=wiltshire)

    assert plan.ok, plan_problems(plan)
    assert [(found.row, found.file_name, found.message) for found in plan.to_check] == [
        (
            3,
            "c.pdf",
            "Page 2: Phone number “07700 900123” (Her mobile was 07700 900123; DOB 01/02/1980.)",
        ),
        (
            3,
            "c.pdf",
            "Page 2: Date of birth “DOB 01/02/1980” (Her mobile was 07700 900123; DOB 01/02/1980.)",
        ),
    ]


def test_the_commands_dry_run_lists_the_personal_data_to_check(wiltshire, tmp_path):
    path = tmp_path / "old.zip"
    path.write_bytes(with_personal_data().getvalue())
    out = io.StringIO()

    call_command("import_reviews", str(path), "--partnership", "wiltshire", "--dry-run", stdout=out)

    text = out.getvalue()
    assert "To check, row 3 (c.pdf): Page 2: Phone number “07700 900123”" in text
    assert "To check, row 3 (c.pdf): Page 2: Date of birth “DOB 01/02/1980”" in text
    assert "2 possible personal data to check (this does not stop the import" in text
    assert not Review.objects.exists()


def test_the_admins_dry_run_lists_the_personal_data_and_offers_the_import(
    client, officer, wiltshire
):
    html = check(client, wiltshire, with_personal_data()).content.decode()

    table = html[html.index("Possible personal data to check") :]
    assert "<td>3</td><td>c.pdf</td><td>Page 2: Phone number “07700 900123”" in table
    assert "Date of birth “DOB 01/02/1980”" in table
    assert "Import as drafts" in html


def test_an_imported_review_keeps_its_findings_for_its_officers(wiltshire):
    import_reviews(with_personal_data(), partnership=wiltshire)

    review = Review.objects.get(reference="002_DHR")
    findings = review.documents.get().personal_data_findings.all()
    assert [(f.kind, f.page, f.matched) for f in findings] == [
        ("phone", 2, "07700 900123"),
        ("date-of-birth", 2, "DOB 01/02/1980"),
    ]
    assert (
        not Review.objects.get(reference="001_DHR").documents.get().personal_data_findings.exists()
    )
