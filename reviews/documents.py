"""Published PDF documents: how an upload is judged, what is recorded about it, how it is served.

Review documents and strategy documents share this one implementation: the abstract
`PdfDocument` model, whose `clean()` runs every new upload through the pipeline
(`prepare_pdf`), `extract_page_texts` and `pdf_response`.
"""

import contextlib
import contextvars
import hashlib
import io
import logging
import re
import unicodedata
import uuid
from dataclasses import dataclass

import pypdfium2 as pdfium
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject

logger = logging.getLogger(__name__)

PDF_SIGNATURE = b"%PDF-"


# The document pipeline -------------------------------------------------------------------------
#
# Every PDF uploaded through a PdfDocument model passes through `prepare_pdf` in `clean()`:
#
#   1. validate  - a real PDF (signature and a parse of every page), not encrypted, within the
#                  size and page limits (`open_pdf`);
#   2. clean     - remove scripts, actions, embedded files and the metadata that can name people,
#                  and say what was removed (`strip_pdf`); refuse what cannot be cleaned;
#   3. record    - size, page count and SHA-256 of the cleaned bytes: the file as published;
#   4. cover     - a small image of page 1 (`render_cover`), shown on the review page;
#   5. text      - the model's save() hands the stored, cleaned file to search, which reads it
#                  page by page with `extract_page_texts`.
#
# Nothing is stored until the model is saved, and `PdfDocument.save()` removes whatever it wrote
# if any step of the save fails.

COVER_WIDTH = 240  # pixels: twice the width it is shown at, for sharp screens

# Actions a link or bookmark may keep: move within the document, open a web address, or a
# viewer command such as "next page". Everything else (JavaScript, Launch, SubmitForm,
# ImportData, GoToR, GoToE, Rendition, ...) is removed.
SAFE_ACTIONS = {"/GoTo", "/URI", "/Named"}
# Annotations that carry files or multimedia players rather than marks on the page.
UNSAFE_ANNOTATIONS = {"/FileAttachment", "/Screen", "/Movie", "/Sound", "/RichMedia", "/3D"}
# Keys that should not appear anywhere in a cleaned document.
ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFile", "/EmbeddedFiles", "/XFA"}
# The information dictionary's entries, named as an office suite shows them.
INFO_LABELS = {
    "/Author": _("author"),
    "/Creator": _("creator (the program that made it)"),
    "/Producer": _("producer"),
    "/Title": _("title"),
    "/Subject": _("subject"),
    "/Keywords": _("keywords"),
}
XMP_LABELS = [
    ("dc_creator", _("author")),
    ("xmp_creator_tool", _("creator (the program that made it)")),
    ("pdf_producer", _("producer")),
    ("dc_title", _("title")),
    ("dc_subject", _("subject")),
    ("pdf_keywords", _("keywords")),
    ("dc_description", _("description")),
]


@dataclass(frozen=True)
class PublishedPdf:
    """A PDF ready to publish: the cleaned bytes and what we record about them."""

    data: bytes
    size_bytes: int
    page_count: int
    sha256: str
    cover_png: bytes
    removed: tuple = ()


def _unreadable(error):
    return ValidationError(
        _(
            "This PDF is damaged or incomplete and cannot be read (%(reason)s). "
            "Export it again and upload the new file."
        )
        % {"reason": str(error)[:120] or error.__class__.__name__},
        code="unreadable",
    )


PARSE_ERRORS = (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError)


def open_pdf(file):
    """Step 1: judge an upload by its bytes; return them with a reader over them.

    Raises ValidationError with a message an officer can act on. The file name and extension
    play no part.
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
    except ValidationError:
        raise
    except PARSE_ERRORS as error:
        raise _unreadable(error) from error
    return data, reader


class _Removals:
    """What the cleaner took out, counted, then described in words an officer understands."""

    def __init__(self):
        self.scripts = 0
        self.open_action = False
        self.document_actions = False
        self.page_actions = 0
        self.field_actions = 0
        self.link_actions = {}
        self.attachments = []
        self.multimedia = 0
        self.xfa = False
        self.info_fields = []
        self.xmp_fields = []
        self.xmp = False
        self.private_data = False

    def action(self, action):
        kind = str(action.get("/S", "")) or "?"
        if kind == "/JavaScript":
            self.scripts += 1
        else:
            self.link_actions[kind] = self.link_actions.get(kind, 0) + 1

    def describe(self):
        said = []
        if self.scripts:
            said.append(
                ngettext(
                    "JavaScript (%(count)d script)", "JavaScript (%(count)d scripts)", self.scripts
                )
                % {"count": self.scripts}
            )
        if self.open_action:
            said.append(_("an action that ran when the document was opened"))
        if self.document_actions:
            said.append(_("actions that ran when the document was closed, saved or printed"))
        if self.page_actions:
            said.append(
                ngettext(
                    "actions that ran when %(count)d page was shown",
                    "actions that ran when %(count)d pages were shown",
                    self.page_actions,
                )
                % {"count": self.page_actions}
            )
        if self.field_actions:
            said.append(
                ngettext(
                    "actions in %(count)d form field",
                    "actions in %(count)d form fields",
                    self.field_actions,
                )
                % {"count": self.field_actions}
            )
        for kind, count in sorted(self.link_actions.items()):
            label = {
                "/Launch": _("starts another program or opens a file"),
                "/SubmitForm": _("sends form data to a website"),
                "/ImportData": _("imports data from a file"),
                "/GoToR": _("opens another PDF"),
                "/GoToE": _("opens an embedded PDF"),
            }.get(
                kind, _("does something other than follow a link (%(kind)s)") % {"kind": kind[1:]}
            )
            said.append(
                ngettext(
                    "%(count)d link or button that %(label)s",
                    "%(count)d links or buttons that %(label)s",
                    count,
                )
                % {"count": count, "label": label}
            )
        if self.attachments:
            names = ", ".join(f"“{name}”" for name in self.attachments)
            said.append(
                ngettext(
                    "%(count)d embedded file (%(names)s)",
                    "%(count)d embedded files (%(names)s)",
                    len(self.attachments),
                )
                % {"count": len(self.attachments), "names": names}
            )
        if self.multimedia:
            said.append(
                ngettext(
                    "%(count)d embedded media player",
                    "%(count)d embedded media players",
                    self.multimedia,
                )
                % {"count": self.multimedia}
            )
        if self.xfa:
            said.append(_("an XFA form, which can run scripts"))
        if self.info_fields:
            said.append(
                _("document properties: %(fields)s")
                % {"fields": ", ".join(str(f) for f in self.info_fields)}
            )
        if self.xmp:
            fields = ", ".join(str(f) for f in self.xmp_fields) or _("no named fields")
            said.append(_("XMP metadata (%(fields)s)") % {"fields": fields})
        if self.private_data:
            said.append(_("private data left by the program that made the file"))
        return tuple(str(item) for item in said)


def _safe_action(action, removals):
    """True if an action may stay; its chained /Next actions are removed either way."""
    action = action.get_object() if action is not None else None
    if not isinstance(action, DictionaryObject):
        return True
    if "/Next" in action:
        chained = action["/Next"].get_object()
        for item in chained if isinstance(chained, ArrayObject) else [chained]:
            item = item.get_object()
            if isinstance(item, DictionaryObject):
                removals.action(item)
        del action["/Next"]
    kind = action.get("/S")
    if kind == "/URI":
        uri = str(action.get("/URI", "")).strip().lower()
        if uri.startswith(("javascript:", "file:", "data:")):
            removals.action(DictionaryObject({NameObject("/S"): NameObject("/JavaScript")}))
            return False
    if kind in SAFE_ACTIONS:
        return True
    removals.action(action)
    return False


def _xmp_fields(reader):
    try:
        xmp = reader.xmp_metadata
    except PARSE_ERRORS:
        return []
    if xmp is None:
        return []
    found = []
    for attribute, label in XMP_LABELS:
        try:
            value = getattr(xmp, attribute)
        except PARSE_ERRORS:
            continue
        if value:
            found.append(label)
    return found


def _strip_outline(item, removals, seen):
    while isinstance(item, DictionaryObject) and id(item) not in seen:
        seen.add(id(item))
        if "/A" in item and not _safe_action(item["/A"], removals):
            del item["/A"]
        first = item.get("/First")
        if first is not None:
            _strip_outline(first.get_object(), removals, seen)
        following = item.get("/Next")
        item = following.get_object() if following is not None else None


def _strip_fields(fields, removals, seen):
    for field in fields.get_object() if fields is not None else []:
        field = field.get_object()
        if not isinstance(field, DictionaryObject) or id(field) in seen:
            continue
        seen.add(id(field))
        if "/AA" in field:
            del field["/AA"]
            removals.field_actions += 1
        if "/A" in field and not _safe_action(field["/A"], removals):
            del field["/A"]
        _strip_fields(field.get("/Kids"), removals, seen)


def strip_pdf(reader):
    """Step 2: a copy of the document without active content or identifying metadata.

    Returns `(cleaned bytes, descriptions of what was removed)`.
    """
    removals = _Removals()
    removals.info_fields = [
        label for key, label in INFO_LABELS.items() if (reader.metadata or {}).get(key)
    ]
    removals.xmp_fields = _xmp_fields(reader)
    writer = PdfWriter(clone_from=reader)
    root = writer.root_object

    names = root.get("/Names")
    names = names.get_object() if names is not None else None
    if isinstance(names, DictionaryObject):
        if "/JavaScript" in names:
            tree = names["/JavaScript"].get_object()
            scripts = tree.get("/Names", []) if isinstance(tree, DictionaryObject) else []
            removals.scripts += max(1, len(scripts) // 2)
            del names["/JavaScript"]
        if "/EmbeddedFiles" in names:
            tree = names["/EmbeddedFiles"].get_object()
            entries = tree.get("/Names", []) if isinstance(tree, DictionaryObject) else []
            attached = [str(entries[i]) for i in range(0, len(entries), 2)] or ["?"]
            removals.attachments.extend(attached)
            del names["/EmbeddedFiles"]
        if not names:
            del root["/Names"]
    if "/OpenAction" in root:
        opening = root["/OpenAction"].get_object()
        # An open action that is only "show page N at this zoom" is harmless and kept.
        if isinstance(opening, DictionaryObject):
            if opening.get("/S") == "/JavaScript":
                removals.scripts += 1
            removals.open_action = True
            del root["/OpenAction"]
    if "/AA" in root:
        removals.document_actions = True
        del root["/AA"]
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else None
    if isinstance(form, DictionaryObject):
        if "/XFA" in form:
            removals.xfa = True
            del form["/XFA"]
        _strip_fields(form.get("/Fields"), removals, set())
    outlines = root.get("/Outlines")
    if outlines is not None:
        first = outlines.get_object().get("/First")
        if first is not None:
            _strip_outline(first.get_object(), removals, set())
    if "/Metadata" in root:
        removals.xmp = True
        del root["/Metadata"]
    if "/PieceInfo" in root:
        removals.private_data = True
        del root["/PieceInfo"]

    for page in writer.pages:
        if "/AA" in page:
            removals.page_actions += 1
            del page["/AA"]
        for key in ("/Metadata", "/PieceInfo"):
            if key in page:
                removals.xmp = removals.xmp or key == "/Metadata"
                removals.private_data = removals.private_data or key == "/PieceInfo"
                del page[key]
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else None
        if not isinstance(annotations, ArrayObject):
            continue
        kept = ArrayObject()
        for reference in annotations:
            annotation = reference.get_object()
            if not isinstance(annotation, DictionaryObject):
                continue
            subtype = annotation.get("/Subtype")
            if subtype == "/FileAttachment":
                spec = annotation.get("/FS")
                spec = spec.get_object() if spec is not None else None
                name = ""
                if isinstance(spec, DictionaryObject):
                    name = str(spec.get("/UF") or spec.get("/F") or "")
                removals.attachments.append(name or "?")
                continue
            if subtype in UNSAFE_ANNOTATIONS:
                removals.multimedia += 1
                continue
            if "/AA" in annotation:
                removals.page_actions += 1
                del annotation["/AA"]
            if "/A" in annotation and not _safe_action(annotation["/A"], removals):
                del annotation["/A"]
            kept.append(reference)
        page[NameObject("/Annots")] = kept

    output = io.BytesIO()
    writer.write(output)
    # What was cut loose is still in the writer; copying once more from the catalog takes only
    # what the cleaned document still refers to.
    writer = PdfWriter(clone_from=PdfReader(output, strict=False))
    # No information dictionary at all: not even the name of the program that cleaned it.
    writer.metadata = None
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue(), removals.describe()


def find_active_content(data):
    """Keys of active content still present anywhere in a PDF (an empty set is a pass).

    Every object in the file is read, not just the ones reachable from the usual places, so
    a script hidden where the cleaner does not look is still found.
    """
    reader = PdfReader(io.BytesIO(data), strict=False)
    found = set()
    for generation in reader.xref.values():
        for number in list(generation):
            obj = reader.get_object(number)
            found.update(_active_keys_in(obj))
    for number in getattr(reader, "xref_objStm", {}):
        found.update(_active_keys_in(reader.get_object(number)))
    if "/Info" in reader.trailer:
        found.add("/Info")
    return found


def _active_keys_in(obj):
    obj = obj.get_object() if obj is not None else None
    if isinstance(obj, StreamObject):
        obj = DictionaryObject(obj)
    if not isinstance(obj, DictionaryObject):
        return set()
    found = {key for key in obj if key in ACTIVE_KEYS}
    action = obj.get("/S")
    if action is not None and str(action) in {
        "/JavaScript",
        "/Launch",
        "/SubmitForm",
        "/ImportData",
    }:
        found.add(str(action))
    if obj.get("/Type") == "/Metadata":
        found.add("/Metadata")
    return found


def render_cover(data, width=COVER_WIDTH):
    """Step 4: PNG bytes of page 1, `width` pixels wide. Only that one page is ever loaded."""
    pdf = pdfium.PdfDocument(data)
    try:
        page = pdf[0]
        try:
            scale = width / page.get_width()
            bitmap = page.render(scale=scale)
            image = bitmap.to_pil().convert("RGB")
        finally:
            page.close()
    finally:
        pdf.close()
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def prepare_pdf(file):
    """The pipeline for one upload (steps 1 to 4). Returns a PublishedPdf or raises
    ValidationError saying why the file cannot be published."""
    data, reader = open_pdf(file)
    page_count = len(reader.pages)
    try:
        cleaned, removed = strip_pdf(reader)
    except PARSE_ERRORS as error:
        raise ValidationError(
            _(
                "This PDF could not be cleaned of scripts and hidden details "
                "(%(reason)s). Export it again, for example with “Save as PDF”, and upload "
                "the new file."
            )
            % {"reason": str(error)[:120] or error.__class__.__name__},
            code="uncleanable",
        ) from error
    del reader
    try:
        left = find_active_content(cleaned)
    except PARSE_ERRORS as error:
        raise _unreadable(error) from error
    if left:
        raise ValidationError(
            _(
                "This PDF contains active content that could not be removed safely (%(what)s). "
                "Export it again without scripts, attachments or form actions, for example "
                "by printing it to a new PDF, and upload that file."
            )
            % {"what": ", ".join(sorted(key.lstrip("/") for key in left))},
            code="uncleanable",
        )
    try:
        cover = render_cover(cleaned)
    except (pdfium.PdfiumError, OSError, ValueError) as error:
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


class DocumentStorageError(Exception):
    """The file store refused a write. Nothing was saved."""


# Files written by PdfDocument.save() inside `files_follow_transaction()`, so that a rollback
# of the enclosing transaction can remove them again.
_written_files = contextvars.ContextVar("dhr_written_files", default=None)


@contextlib.contextmanager
def files_follow_transaction(using=None):
    """An atomic block whose document files disappear again if it rolls back.

    Django has no rollback hook, so a save that wrote its files and then saw a later step of
    the same transaction fail would leave them behind; inside this block it does not.
    """
    written = []
    token = _written_files.set(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        _delete_quietly(written)
        raise
    finally:
        _written_files.reset(token)


def _delete_quietly(files):
    for storage, name in files:
        try:
            storage.delete(name)
        except Exception:  # noqa: BLE001 - cleaning up after a failure must not hide it
            logger.exception("Could not delete %s after a failed save", name)


def cover_upload_to(instance, filename):
    return f"covers/{uuid.uuid4().hex}.png"


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
    cover = models.ImageField(
        _("cover image"), upload_to=cover_upload_to, max_length=200, blank=True, editable=False
    )
    removed_content = models.TextField(
        _("removed when uploaded"),
        blank=True,
        editable=False,
        help_text=_("What the upload checks took out of the file before publishing it."),
    )

    # Files a document owns in storage, deleted with it or when replaced.
    stored_file_fields = ("file", "cover")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        """Write new files, then the row; if anything fails, remove what was written.

        A file this save replaces is deleted only once the transaction has committed, so a
        rollback never leaves a record pointing at a file that is gone.
        """
        new_fields = [
            name
            for name in self.stored_file_fields
            if getattr(self, name) and not getattr(getattr(self, name), "_committed", True)
        ]
        replaced = self._stored_names(new_fields) if self.pk and new_fields else []
        written = []
        tracker = _written_files.get()
        try:
            for name in new_fields:
                field_file = getattr(self, name)
                try:
                    field_file.save(field_file.name, field_file.file, save=False)
                except Exception as error:
                    raise DocumentStorageError(
                        _("The file could not be stored (%(reason)s).")
                        % {"reason": error.__class__.__name__}
                    ) from error
                written.append((field_file.storage, field_file.name))
                if tracker is not None:
                    tracker.append((field_file.storage, field_file.name))
            with transaction.atomic():
                super().save(*args, **kwargs)
        except BaseException:
            _delete_quietly(written)
            raise
        if replaced:
            transaction.on_commit(lambda: _delete_quietly(replaced))

    def _stored_names(self, field_names):
        """(storage, name) of the files now stored for these fields, that a save replaces."""
        stored = type(self)._default_manager.filter(pk=self.pk).values(*field_names).first()
        if not stored:
            return []
        return [
            (getattr(self, name).storage, stored[name])
            for name in field_names
            if stored[name] and stored[name] != getattr(self, name).name
        ]

    def clean(self):
        super().clean()
        upload = self.file
        # Only a new upload goes through the pipeline; a stored file went through it already.
        if upload and not getattr(upload, "_committed", True):
            try:
                published = prepare_pdf(upload)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error
            # What is stored and served is the cleaned file, never the upload as it came.
            self.file = ContentFile(published.data, name="document.pdf")
            self.cover = ContentFile(published.cover_png, name="cover.png")
            self.size_bytes = published.size_bytes
            self.page_count = published.page_count
            self.sha256 = published.sha256
            self.removed_content = "\n".join(published.removed)
            # Read by the admin to tell the officer what this upload lost, if anything.
            self.upload_report = published.removed

    @property
    def removed_items(self):
        return [line for line in self.removed_content.splitlines() if line]

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


@receiver(post_delete, dispatch_uid="pdf_document_files")
def _delete_files_of_deleted_document(sender, instance, using, **kwargs):
    # Also reached by cascades and bulk deletes, which skip Model.delete().
    if not isinstance(instance, PdfDocument):
        return
    files = [
        (getattr(instance, name).storage, getattr(instance, name).name)
        for name in instance.stored_file_fields
        if getattr(instance, name)
    ]
    if files:
        transaction.on_commit(lambda: _delete_quietly(files), using=using)


class StorageUnavailable(Exception):
    """The document storage (a disk or an S3 endpoint) could not be reached: a 503, not a 500."""


def open_stored(field_file):
    """Open a stored file for streaming, fetching it now so that an outage is caught here.

    Past this point the response has begun, and a storage error could only cut it short. A file
    that is missing from a working storage is a 404.
    """
    try:
        handle = field_file.storage.open(field_file.name, "rb")
        # S3 files are fetched on first use; do it while we can still answer 503.
        getattr(handle, "file", None)
    except FileNotFoundError as error:
        raise Http404 from error
    except Exception as error:
        if _is_missing_object(error):
            raise Http404 from error
        logger.warning("document storage unavailable: %s", error)
        raise StorageUnavailable(str(error)) from error
    return handle


def _is_missing_object(error):
    response = getattr(error, "response", None)
    code = (response or {}).get("Error", {}).get("Code") if isinstance(response, dict) else None
    return code in {"404", "NoSuchKey", "NotFound"}


def pdf_response(document):
    """Stream a stored PDF with a filename we choose and headers that stop browsers guessing.

    `document` is a PdfDocument whose model defines `download_filename()`. Stored files are
    streamed through this view, never redirected to, so the storage's address stays private.
    """
    response = FileResponse(
        open_stored(document.file),
        content_type="application/pdf",
        as_attachment=False,
        filename=document.download_filename(),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
