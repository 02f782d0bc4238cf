"""Step 4 of the pipeline: each page's text, read once when a file is stored and kept.

Search finds reviews by these texts, and the text versions of documents show them; neither
ever opens a PDF. `store_page_texts` is the one place page texts are written, for every kind
of document, and it tells whoever listens (the search index) through `signals`.
"""

import re
import unicodedata

from django.db import transaction
from pypdf import PdfReader

from . import signals
from .validate import PARSE_ERRORS

PAGE_BATCH = 200

# Control characters other than tab and newline (PostgreSQL text cannot hold NUL at all).
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def clean_page_text(text):
    """Text as it is stored: NFC, no control characters, runs of spaces made single."""
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
    others.
    """
    file.seek(0)
    reader = PdfReader(file, strict=False)
    for index in range(len(reader.pages)):
        try:
            text = reader.pages[index].extract_text() or ""
        except PARSE_ERRORS:
            text = ""
        # pypdf keeps every object it has parsed; dropping them page by page keeps memory flat
        # (they are parsed again from the file if ever needed).
        resolved = getattr(reader, "resolved_objects", None)
        if isinstance(resolved, dict):
            resolved.clear()
        yield index + 1, clean_page_text(text)


def store_page_texts(document):
    """Read a stored document's file page by page and keep its texts, replacing any it had.

    `document` is a PdfDocument whose pages are a `pages` relation to a PageText model.
    """
    sender = type(document)
    pages = document.pages
    with transaction.atomic():
        signals.page_texts_replacing.send(sender=sender, document=document)
        pages.all().delete()
        batch = []
        with document.file.open("rb") as file:
            for number, text in extract_page_texts(file):
                batch.append(pages.model(document=document, number=number, text=text))
                if len(batch) == PAGE_BATCH:
                    pages.model.objects.bulk_create(batch)
                    batch = []
        pages.model.objects.bulk_create(batch)
        signals.page_texts_stored.send(sender=sender, document=document)
