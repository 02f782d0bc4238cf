"""Published PDF documents: how an upload is judged, what is recorded about it, how it is served.

Review documents and (later) strategy documents share this one implementation: the abstract
`PdfDocument` model, `inspect_pdf`, `extract_page_texts` and `pdf_response`.
"""

import hashlib
import io
import re
import unicodedata
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import FileResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF_SIGNATURE = b"%PDF-"


@dataclass(frozen=True)
class PdfFacts:
    size_bytes: int
    page_count: int
    sha256: str


def inspect_pdf(file):
    """Judge an uploaded file by its content and return what we record about it.

    Raises ValidationError with a message an officer can act on. The file name and extension
    play no part: only the bytes do.
    """
    max_bytes = settings.DHR_MAX_UPLOAD_BYTES
    size = file.size
    if size == 0:
        raise ValidationError(_("The file is empty. Choose the PDF again."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )
    file.seek(0)
    data = file.read()
    file.seek(0)
    if not data.lstrip(b"\x00\t\n\f\r ")[:5] == PDF_SIGNATURE:
        raise ValidationError(
            _("This file is not a PDF. Save the document as a PDF and upload that file."),
            code="not_pdf",
        )
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("This PDF is password-protected. Upload a copy without a password."),
                code="encrypted",
            )
        page_count = len(reader.pages)
        for page in reader.pages:
            # Reading every page's content proves the file is whole, not just its header.
            page.get_contents()
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise ValidationError(
            _(
                "This PDF is damaged or incomplete and cannot be read (%(reason)s). "
                "Export it again and upload the new file."
            )
            % {"reason": str(error)[:120] or error.__class__.__name__},
            code="unreadable",
        ) from error
    if page_count == 0:
        raise ValidationError(_("This PDF has no pages."), code="no_pages")
    return PdfFacts(size_bytes=size, page_count=page_count, sha256=hashlib.sha256(data).hexdigest())


# Control characters other than tab and newline (PostgreSQL text cannot hold NUL at all).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_page_text(text):
    """Text as search stores it: NFC, no control characters, runs of spaces made single."""
    text = unicodedata.normalize("NFC", text or "")
    text = _CONTROL_CHARACTERS.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _BLANK_LINES.sub("\n\n", text)
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def extract_page_texts(file):
    """Yield `(page_number, text)` for each page of a PDF, numbered from 1.

    `file` is any readable binary file object (an upload, a stored FieldFile, an open file).
    Pages are read one at a time and nothing is kept once a page has been yielded, so memory
    does not grow with the page count. A page whose text cannot be read gives "" rather than
    stopping the rest: a scanned page has no text layer, and one bad page should not hide the
    others from search. The caller decides what to do with the text (search stores it; a
    cleaning pipeline may check it for names).
    """
    file.seek(0)
    reader = PdfReader(file, strict=False)
    for index in range(len(reader.pages)):
        try:
            text = reader.pages[index].extract_text() or ""
        except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError):
            text = ""
        # pypdf keeps every object it has parsed; dropping them page by page keeps memory flat
        # (they are parsed again from the file if ever needed).
        resolved = getattr(reader, "resolved_objects", None)
        if isinstance(resolved, dict):
            resolved.clear()
        yield index + 1, clean_page_text(text)


def document_upload_to(instance, filename):
    """Storage names are ours, never the uploader's: a random name that reveals nothing."""
    return f"documents/{uuid.uuid4().hex}.pdf"


class PdfDocument(models.Model):
    """A published PDF with the facts a reader needs before downloading it."""

    file = models.FileField(_("PDF file"), upload_to=document_upload_to, max_length=200)
    size_bytes = models.PositiveBigIntegerField(_("size in bytes"), editable=False, default=0)
    page_count = models.PositiveIntegerField(_("pages"), editable=False, default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, editable=False, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        upload = self.file
        # Only a new upload needs judging; a stored file was judged when it arrived.
        if upload and not getattr(upload, "_committed", True):
            try:
                facts = inspect_pdf(upload)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
            self.size_bytes = facts.size_bytes
            self.page_count = facts.page_count
            self.sha256 = facts.sha256

    @property
    def description(self):
        """What a reader sees beside the link: "PDF, 1.2 MB, 34 pages"."""
        pages = ngettext("%(count)d page", "%(count)d pages", self.page_count) % {
            "count": self.page_count
        }
        return _("PDF, %(size)s, %(pages)s") % {
            "size": filesizeformat(self.size_bytes),
            "pages": pages,
        }


def pdf_response(document):
    """Stream a stored PDF with a filename we choose and headers that stop browsers guessing.

    `document` is a PdfDocument whose model defines `download_filename()`.
    """
    response = FileResponse(
        document.file.open("rb"),
        content_type="application/pdf",
        as_attachment=False,
        filename=document.download_filename(),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
