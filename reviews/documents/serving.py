"""Serving stored documents to readers: the PDF itself and its cover image.

Stored files are streamed through the site's own views, never redirected to, so the storage's
address stays private and every download passes the view's permission check first.
"""

from django.http import FileResponse, Http404

from .storage import open_stored


def pdf_response(document):
    """Stream a stored PDF with a filename we choose and headers that stop browsers guessing.

    `document` is a PdfDocument whose model defines `download_filename()`.
    """
    response = FileResponse(
        open_stored(document.file),
        content_type="application/pdf",
        as_attachment=False,
        filename=document.download_filename(),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def cover_response(document):
    """The small image of a document's first page, made when it was uploaded."""
    if not document.cover:
        raise Http404
    response = FileResponse(open_stored(document.cover), content_type="image/png")
    response["X-Content-Type-Options"] = "nosniff"
    return response
