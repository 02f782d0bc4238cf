"""Step 1 of the pipeline: is this upload a whole, readable PDF within the limits?

An upload is judged by its bytes alone; its name and extension play no part.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader
from pypdf.errors import PyPdfError

PDF_SIGNATURE = b"%PDF-"
# What pypdf raises on a damaged file, besides its own errors.
PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def unreadable(error):
    """The error for a file that is damaged or incomplete."""
    return ValidationError(
        _(
            "This PDF is damaged or incomplete and cannot be read (%(reason)s). "
            "Export it again and upload the new file."
        )
        % {"reason": str(error)[:120] or error.__class__.__name__},
        code="unreadable",
    )


def _check_size(size):
    max_bytes = settings.DHR_MAX_UPLOAD_BYTES
    if size == 0:
        raise ValidationError(_("The file is empty. Choose the PDF again."), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("The file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)},
            code="too_large",
        )


def _check_pages(reader):
    if reader.is_encrypted:
        raise ValidationError(
            _(
                "This PDF is password-protected, so it cannot be checked or cleaned. "
                "Save a copy without a password and upload that."
            ),
            code="encrypted",
        )
    page_count = len(reader.pages)
    if page_count == 0:
        raise ValidationError(_("This PDF has no pages."), code="no_pages")
    max_pages = settings.DHR_MAX_PDF_PAGES
    if page_count > max_pages:
        raise ValidationError(
            _(
                "This PDF has %(count)d pages; the most accepted is %(limit)d. Split it "
                "into parts and upload each one."
            )
            % {"count": page_count, "limit": max_pages},
            code="too_many_pages",
        )
    for page in reader.pages:
        # Reading every page's content proves the file is whole, not just its header.
        page.get_contents()


def open_pdf(file):
    """Judge an upload by its bytes; return them with a reader over them.

    Raises ValidationError with a message an officer can act on.
    """
    _check_size(file.size)
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
        _check_pages(reader)
    except ValidationError:
        raise
    except PARSE_ERRORS as error:
        raise unreadable(error) from error
    return data, reader
