"""The PDF pipeline, shared by review documents and strategy documents.

A reader looking for how an upload is judged, cleaned, pictured, read and served finds each
step in a module of its own (see pipeline.py for the order):

- validate.py  - is it a whole PDF within the limits
- sanitise.py  - what is taken out, and the check that nothing active is left
- cover.py     - the image of page 1
- text.py      - the page texts, stored once, and the signals that follow them
- pipeline.py  - the steps in order, and `prepare_upload`, which every save relies on
- storage.py   - file names, files that follow a transaction, opening a stored file
- serving.py   - `pdf_response` and `cover_response`
- models.py    - the abstract `PdfDocument` and `PageText`
"""

from .cover import render_cover
from .models import PageText, PdfDocument
from .pipeline import PublishedPdf, prepare_pdf, prepare_upload
from .sanitise import find_active_content, strip_pdf
from .serving import cover_response, pdf_response
from .storage import (
    DocumentStorageError,
    StorageUnavailable,
    cover_upload_to,
    document_upload_to,
    files_follow_transaction,
    open_stored,
)
from .text import clean_page_text, extract_page_texts, store_page_texts
from .validate import open_pdf

__all__ = [
    "DocumentStorageError",
    "PageText",
    "PdfDocument",
    "PublishedPdf",
    "StorageUnavailable",
    "clean_page_text",
    "cover_response",
    "cover_upload_to",
    "document_upload_to",
    "extract_page_texts",
    "files_follow_transaction",
    "find_active_content",
    "open_pdf",
    "open_stored",
    "pdf_response",
    "prepare_pdf",
    "prepare_upload",
    "render_cover",
    "store_page_texts",
    "strip_pdf",
]
