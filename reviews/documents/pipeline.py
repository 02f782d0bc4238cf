"""The upload pipeline: the one way a PDF becomes a published document.

    1. validate  - a real PDF, whole, not encrypted, within the limits      (validate.py)
    2. sanitise  - scripts, actions, attachments, identifying metadata out  (sanitise.py)
    3. cover     - a small image of page 1                                  (cover.py)
    4. text      - each page's text, stored once the file is               (text.py)

`prepare_upload` runs steps 1 to 3 on a document whose file is a new upload and puts the
cleaned file and its facts in its place. Every path to storage relies on it: a form's
`full_clean()` calls it through `PdfDocument.clean()` (so errors show on the field), and
`PdfDocument.save()` calls it again for an upload nobody cleaned (a loader, an import, a
shell), so an uncleaned file can never be stored. The save then stores the file and, once the
row is saved, its page texts (step 4).
"""

import hashlib
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _

from .cover import RENDER_ERRORS, render_cover
from .sanitise import find_active_content, strip_pdf
from .validate import PARSE_ERRORS, open_pdf, unreadable


@dataclass(frozen=True)
class PublishedPdf:
    """A PDF ready to publish: the cleaned bytes and what we record about them."""

    data: bytes
    size_bytes: int
    page_count: int
    sha256: str
    cover_png: bytes
    removed: tuple = ()


def _reason(error):
    return str(error)[:120] or error.__class__.__name__


def _sanitised(reader):
    """Steps 2 and its check: the cleaned bytes and what was removed, or a refusal."""
    try:
        cleaned, removed = strip_pdf(reader)
    except PARSE_ERRORS as error:
        raise ValidationError(
            _(
                "This PDF could not be cleaned of scripts and hidden details "
                "(%(reason)s). Export it again, for example with “Save as PDF”, and upload "
                "the new file."
            )
            % {"reason": _reason(error)},
            code="uncleanable",
        ) from error
    left = _active_content_left(cleaned)
    if left:
        raise ValidationError(
            _(
                "This PDF contains active content that could not be removed safely (%(what)s). "
                "Export it again without scripts, attachments or form actions, for example "
                "by printing it to a new PDF, and upload that file."
            )
            % {"what": left},
            code="uncleanable",
        )
    return cleaned, removed


def _active_content_left(data):
    """The active content a PDF still holds, named as its keys ("JS, OpenAction"); "" if
    none. Every object of the file is read (sanitise.find_active_content)."""
    try:
        left = find_active_content(data)
    except PARSE_ERRORS as error:
        raise unreadable(error) from error
    return ", ".join(sorted(key.lstrip("/") for key in left))


def prepare_pdf(file):
    """Steps 1 to 3 for one upload. Returns a PublishedPdf or raises ValidationError saying
    why the file cannot be published."""
    data, reader = open_pdf(file)
    page_count = len(reader.pages)
    cleaned, removed = _sanitised(reader)
    del reader
    try:
        cover = render_cover(cleaned)
    except RENDER_ERRORS as error:
        raise ValidationError(
            _("This PDF cannot be displayed (%(reason)s). Export it again and upload the new file.")
            % {"reason": str(error)[:120]},
            code="unrenderable",
        ) from error
    return PublishedPdf(
        data=cleaned,
        size_bytes=len(cleaned),
        page_count=page_count,
        sha256=hashlib.sha256(cleaned).hexdigest(),
        cover_png=cover,
        removed=removed,
    )


def has_new_upload(document):
    """True when the document's file was given but not yet stored."""
    return bool(document.file) and not getattr(document.file, "_committed", True)


def _was_prepared(document):
    return getattr(getattr(document.file, "file", None), "prepared_by_pipeline", False)


def prepare_upload(document):
    """Run a new upload through steps 1 to 3 and give the document the cleaned file, its
    cover and their facts. Does nothing for a stored file or one already prepared; raises
    ValidationError (nothing changed) for a file that cannot be published."""
    if not has_new_upload(document) or _was_prepared(document):
        return
    published = prepare_pdf(document.file)
    cleaned = ContentFile(published.data, name="document.pdf")
    cleaned.prepared_by_pipeline = True
    # What is stored and served is the cleaned file, never the upload as it came.
    document.file = cleaned
    document.cover = ContentFile(published.cover_png, name="cover.png")
    document.size_bytes = published.size_bytes
    document.page_count = published.page_count
    document.sha256 = published.sha256
    document.removed_content = "\n".join(published.removed)
    # Read by the admin to tell the officer what this upload lost, if anything.
    document.upload_report = published.removed


def check_restored(document):
    """A document restored as a record (an archive import, a fixture) skips the upload, so its
    stored file is checked instead: the bytes the record describes (its SHA-256), with nothing
    active left in them. Raises ValidationError otherwise."""
    with document.file.open("rb") as file:
        data = file.read()
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise ValidationError(
            _("Its file is not the one its record describes (the SHA-256 differs)."),
            code="changed",
        )
    left = _active_content_left(data)
    if left:
        raise ValidationError(
            _("Its file holds active content the upload checks would have removed (%(what)s).")
            % {"what": left},
            code="uncleaned",
        )
