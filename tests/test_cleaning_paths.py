"""Every way a PDF reaches storage goes through the one pipeline: a form, a loader, a plain
`save()` in a shell, an archive import. And page texts are stored once, for every kind of PDF."""

import hashlib
import io
import json
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from reviews.documents import find_active_content
from reviews.models import DocumentPage, Review, ReviewDocument
from reviews.pdf_writer import make_text_pdf
from support.models import StrategyDocument, StrategyDocumentPage

from . import hostile_pdfs
from .conftest import stored_files
from .factories import PartnershipFactory, ReviewFactory

pytestmark = pytest.mark.django_db

SCRIPT_MARK = b"the document ran a script"


def stored_bytes(document):
    with document.file.open("rb") as file:
        return file.read()


def test_a_plain_save_without_full_clean_stores_the_cleaned_file():
    review = ReviewFactory()
    document = ReviewDocument(review=review, kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY)
    document.file = ContentFile(hostile_pdfs.with_everything(), name="report.pdf")

    document.save()  # no full_clean(): as a shell, a script or a bulk import would

    data = stored_bytes(document)
    assert SCRIPT_MARK not in data
    assert hostile_pdfs.AUTHOR.encode() not in data
    assert find_active_content(data) == set()
    document.refresh_from_db()
    assert document.sha256 and document.page_count == 2 and document.cover
    assert "JavaScript (2 scripts)" in document.removed_items


def test_a_plain_save_of_a_strategy_document_is_cleaned_too():
    document = StrategyDocument(
        partnership=PartnershipFactory(), title="Strategy", slug="strategy", kind="strategy"
    )
    document.file = ContentFile(hostile_pdfs.with_everything(), name="strategy.pdf")

    document.save()

    data = stored_bytes(document)
    assert SCRIPT_MARK not in data and hostile_pdfs.AUTHOR.encode() not in data


def test_a_plain_save_of_a_file_that_is_not_a_pdf_is_refused_and_leaves_nothing(media_root):
    review = ReviewFactory()
    document = ReviewDocument(review=review, kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY)
    document.file = ContentFile(b"not a pdf at all", name="report.pdf")

    with pytest.raises(ValidationError, match="not a PDF"):
        document.save()

    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


def test_cleaning_twice_is_not_done_when_the_form_already_cleaned(monkeypatch):
    from reviews.documents import pipeline

    calls = []
    real = pipeline.prepare_pdf
    monkeypatch.setattr(pipeline, "prepare_pdf", lambda file: calls.append(1) or real(file))
    document = ReviewDocument(review=ReviewFactory(), kind=ReviewDocument.Kind.OVERVIEW_REPORT)
    document.file = ContentFile(hostile_pdfs.plain_pdf(), name="report.pdf")

    document.full_clean(exclude=["slug"])
    document.save()

    assert calls == [1]


def test_the_demo_loader_stores_only_cleaned_files():
    call_command("load_demo_data", stdout=io.StringIO())

    documents = [*ReviewDocument.objects.all(), *StrategyDocument.objects.all()]
    assert documents
    for document in documents:
        data = stored_bytes(document)
        assert find_active_content(data) == set(), document
        assert document.sha256 and document.cover


def test_page_texts_are_stored_once_for_both_kinds_of_document():
    review_document = ReviewDocument(
        review=ReviewFactory(), kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY
    )
    review_document.file = ContentFile(
        make_text_pdf([["Review text, page one"], ["Review text, page two"]]), name="a.pdf"
    )
    review_document.save()
    strategy = StrategyDocument(
        partnership=PartnershipFactory(), title="Plan", slug="plan", kind="strategy"
    )
    strategy.file = ContentFile(make_text_pdf([["Strategy text, page one"]]), name="b.pdf")
    strategy.save()

    assert list(DocumentPage.objects.values_list("number", "text")) == [
        (1, "Review text, page one"),
        (2, "Review text, page two"),
    ]
    assert list(StrategyDocumentPage.objects.values_list("number", "text")) == [
        (1, "Strategy text, page one")
    ]


def test_a_strategy_documents_text_version_never_opens_its_pdf(client, monkeypatch):
    strategy = StrategyDocument(
        partnership=PartnershipFactory(),
        title="Plan",
        slug="plan",
        kind="strategy",
        is_published=True,
    )
    strategy.file = ContentFile(make_text_pdf([["Safe accommodation for everyone"]]), name="p.pdf")
    strategy.save()

    def no_opening(*args, **kwargs):
        raise AssertionError("the PDF was opened")

    monkeypatch.setattr(type(strategy.file), "open", no_opening)
    response = client.get(f"/strategies/{strategy.slug}/document/text/")

    assert response.status_code == 200
    assert "Safe accommodation for everyone" in response.content.decode()


def test_a_replaced_file_replaces_the_page_texts():
    document = ReviewDocument(review=ReviewFactory(), kind=ReviewDocument.Kind.OVERVIEW_REPORT)
    document.file = ContentFile(make_text_pdf([["First version"], ["Page two"]]), name="a.pdf")
    document.save()
    document.file = ContentFile(make_text_pdf([["Second version"]]), name="b.pdf")
    document.save()

    assert list(document.pages.values_list("number", "text")) == [(1, "Second version")]


@pytest.mark.django_db(transaction=True)
def test_an_archive_holding_an_uncleaned_pdf_is_refused(tmp_path, settings):
    review = ReviewFactory(lead_partnership=PartnershipFactory(), status=Review.Status.DRAFT)
    document = ReviewDocument(review=review, kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY)
    document.file = ContentFile(hostile_pdfs.plain_pdf(), name="report.pdf")
    document.save()
    archive = tmp_path / "backup.zip"
    call_command("export_archive", str(archive), stdout=io.StringIO())
    # A forged archive: the document's file swapped for one with a script, and the manifest's
    # and the record's checksums made to match, so only the pipeline's own check can tell.
    forged = tmp_path / "forged.zip"
    _swap_file(archive, forged, document.file.name, hostile_pdfs.with_javascript())
    call_command("flush", "--noinput", verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "restored-media"

    with pytest.raises(CommandError, match="active content"):
        call_command("import_archive", str(forged), stdout=io.StringIO())

    assert not ReviewDocument.objects.exists()
    assert stored_files(settings.MEDIA_ROOT) == []


def _swap_file(source_path, target_path, name, data):
    digest = hashlib.sha256(data).hexdigest()
    with zipfile.ZipFile(source_path) as source, zipfile.ZipFile(target_path, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == f"files/{name}":
                content = data
            elif item.filename == "manifest.json":
                manifest = json.loads(content)
                manifest["files"][name] = digest
                content = json.dumps(manifest).encode()
            elif item.filename == "records.json":
                records = json.loads(content)
                for record in records:
                    if record["model"] == "reviews.reviewdocument":
                        record["fields"]["sha256"] = digest
                content = json.dumps(records).encode()
            target.writestr(item, content)
