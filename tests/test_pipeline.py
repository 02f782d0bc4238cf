"""The document pipeline: every upload is validated, cleaned of active content and identifying
metadata, recorded as published and given a cover, or refused with a reason; a failure at any
step leaves nothing behind."""

import hashlib
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from reviews.documents import files_follow_transaction
from reviews.models import Review, ReviewDocument

from . import hostile_pdfs
from .admin_forms import png_bytes, review_form, with_upload
from .conftest import stored_files
from .factories import (
    ReviewDocumentFactory,
    ReviewFactory,
)

pytestmark = pytest.mark.django_db


def upload(client, partnership, content, name="report.pdf"):
    file = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(
        reverse("admin:reviews_review_add"),
        with_upload(review_form(partnership), file),
        follow=True,
    )


def published_bytes():
    document = ReviewDocument.objects.get()
    with document.file.open("rb") as stored:
        return document, stored.read()


@pytest.mark.parametrize(
    ("build", "told"),
    [
        (hostile_pdfs.with_javascript, ["JavaScript (1 script)"]),
        (hostile_pdfs.with_embedded_file, ["1 embedded file (“panel-notes.docx”)"]),
        (
            hostile_pdfs.with_open_action,
            ["JavaScript (1 script)", "an action that ran when the document was opened"],
        ),
        (
            hostile_pdfs.with_launch_link,
            ["1 link or button that starts another program or opens a file"],
        ),
        (
            hostile_pdfs.with_author_and_xmp,
            [
                "document properties: author, creator (the program that made it), producer, "
                "title, subject, keywords",
                "XMP metadata (author, creator (the program that made it))",
            ],
        ),
    ],
    ids=["javascript", "embedded-file", "open-action", "launch-link", "author-and-xmp"],
)
def test_upload_is_cleaned_and_the_officer_is_told_what_was_removed(
    client, officer, partnership, build, told
):
    response = upload(client, partnership, build())

    html = response.content.decode()
    assert "was cleaned before publishing. Removed:" in html
    for item in told:
        assert f"<li>{item}</li>" in html
    document, published = published_bytes()
    assert document.removed_items == told
    assert published.startswith(b"%PDF-")
    for leftover in (
        hostile_pdfs.AUTHOR.encode(),
        b"/JavaScript",
        b"/JS",
        b"app.alert",
        b"/EmbeddedFile",
        b"panel-notes",
        b"/Launch",
        b"/Author",
        b"/Producer",
        b"/Metadata",
        b"Word for Windows",
    ):
        assert leftover not in published
    assert document.size_bytes == len(published)
    assert document.sha256 == hashlib.sha256(published).hexdigest()
    assert document.page_count == len(PdfReader(io.BytesIO(published)).pages) == 2


def test_a_clean_upload_is_checked_and_the_officer_told_so(client, officer, partnership):
    response = upload(client, partnership, hostile_pdfs.plain_pdf())

    assert "was checked: it had no scripts, attachments or identifying details" in (
        response.content.decode()
    )
    assert ReviewDocument.objects.get().removed_content == ""


def test_everything_at_once_is_removed_and_the_text_is_kept(client, officer, partnership):
    upload(client, partnership, hostile_pdfs.with_everything())

    document, published = published_bytes()
    assert hostile_pdfs.AUTHOR.encode() not in published
    assert b"/JavaScript" not in published and b"/EmbeddedFile" not in published
    text = PdfReader(io.BytesIO(published)).pages[0].extract_text()
    assert "The executive summary, page 1" in text
    assert len(document.removed_items) == 5


def test_the_cover_is_a_small_image_of_the_first_page(client, officer, partnership):
    upload(client, partnership, hostile_pdfs.plain_pdf(pages=3))

    document = ReviewDocument.objects.get()
    with document.cover.open("rb") as cover:
        image = Image.open(io.BytesIO(cover.read()))
        image.load()
    assert image.format == "PNG"
    assert image.width == 240
    assert 330 < image.height < 345  # A4's proportions
    # Mostly white paper, with some dark text on it.
    colours = image.convert("L").getextrema()
    assert colours[0] < 200 and colours[1] == 255


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (hostile_pdfs.encrypted(), "This PDF is password-protected"),
        (hostile_pdfs.plain_pdf()[:400], "damaged or incomplete"),
        (b"", "The submitted file is empty"),
        (png_bytes(), "This file is not a PDF"),
        (b"<html><body><p>%PDF-1.4</p></body></html>", "This file is not a PDF"),
        (hostile_pdfs.with_hidden_script(), "active content that could not be removed safely"),
    ],
    ids=["encrypted", "truncated", "zero-bytes", "png-named-pdf", "html-named-pdf", "hidden-js"],
)
def test_upload_that_cannot_be_published_is_refused_and_leaves_nothing(
    client, officer, partnership, media_root, content, message
):
    response = upload(client, partnership, content)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Review.objects.exists()
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


def test_upload_over_the_page_limit_is_refused(client, officer, partnership, media_root, settings):
    settings.DHR_MAX_PDF_PAGES = 3

    response = upload(client, partnership, hostile_pdfs.plain_pdf(pages=4))

    assert "This PDF has 4 pages; the most accepted is 3." in response.content.decode()
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


class CoverWriteFails(FileSystemStorage):
    """A store that takes the PDF, then fails on the cover: the worst moment to fail."""

    def _save(self, name, content):
        if name.startswith("covers/"):
            raise OSError("disk full")
        return super()._save(name, content)


def test_a_storage_write_failure_saves_nothing_and_leaves_no_file(
    client, officer, partnership, media_root, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "tests.test_pipeline.CoverWriteFails"},
    }

    response = upload(client, partnership, hostile_pdfs.plain_pdf())

    assert "The file could not be stored, so nothing was saved." in response.content.decode()
    assert not Review.objects.exists()
    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


def test_files_are_removed_when_a_later_step_of_the_transaction_fails(media_root):
    review = ReviewFactory(draft=True)

    with pytest.raises(RuntimeError), files_follow_transaction():
        ReviewDocumentFactory(review=review)
        assert len(stored_files(media_root)) == 2
        raise RuntimeError("a later step failed")

    assert not ReviewDocument.objects.exists()
    assert stored_files(media_root) == []


def test_a_replaced_file_is_deleted_only_after_the_new_one_is_committed(
    media_root, django_capture_on_commit_callbacks
):
    document = ReviewDocumentFactory(review=ReviewFactory(draft=True))
    old = sorted([document.file.name, document.cover.name])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document.file = ContentFile(hostile_pdfs.plain_pdf(pages=3), name="new.pdf")
        document.full_clean(exclude=["slug"])
        document.save()
        # Until the transaction commits, the old files are still there.
        assert set(old) <= set(stored_files(media_root))
    for callback in callbacks:
        callback()

    new = sorted([document.file.name, document.cover.name])
    assert stored_files(media_root) == new
    assert not set(old) & set(new)
    assert document.page_count == 3


def test_deleting_a_document_removes_its_files_once_committed(
    media_root, django_capture_on_commit_callbacks
):
    document = ReviewDocumentFactory(review=ReviewFactory(draft=True))

    with django_capture_on_commit_callbacks(execute=True):
        document.delete()

    assert stored_files(media_root) == []


def test_a_pdf_whose_only_detail_is_pypdfs_producer_entry_is_reported_as_clean(client, officer):
    # pypdf writes its own name as the producer of every file it saves; that names nobody.
    data = hostile_pdfs.with_metadata({"/Producer": "pypdf"})

    response = upload(client, officer.partnerships.get(), data)

    html = response.content.decode()
    assert "had no scripts, attachments or identifying details to remove" in html
    assert "was cleaned before publishing" not in html
    assert ReviewDocument.objects.get().removed_items == []


def test_another_programs_producer_entry_is_still_reported(client, officer):
    data = hostile_pdfs.with_metadata({"/Producer": "Acrobat Distiller 11"})

    response = upload(client, officer.partnerships.get(), data)

    assert "was cleaned before publishing" in response.content.decode()
    assert ReviewDocument.objects.get().removed_items == ["document properties: producer"]
