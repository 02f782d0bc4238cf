"""Step 3 of the pipeline: a small image of page 1, shown beside the document's link."""

import io

import pypdfium2 as pdfium

COVER_WIDTH = 240  # pixels: twice the width it is shown at, for sharp screens
RENDER_ERRORS = (pdfium.PdfiumError, OSError, ValueError)


def render_cover(data, width=COVER_WIDTH):
    """PNG bytes of page 1, `width` pixels wide. Only that one page is ever loaded."""
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
