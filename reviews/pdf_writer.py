"""Writes simple PDFs: the demo site's placeholder documents, the tests' fixtures and the
benchmark's reports.

A page is a list of paragraphs; each is wrapped to the page width and set in Helvetica, and may
carry a picture. A paragraph may instead be a `Table`, whose cells are wrapped to their columns
and written one cell after another, row by row, as office suites write tables (so a text
extractor reads a row as its cells' lines in turn). The output is a valid PDF 1.4 file with a
correct cross-reference table.
"""

import textwrap
from dataclasses import dataclass

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN, FONT_SIZE, LEADING, WRAP_AT = 56, 11, 15, 88
CHARACTER_WIDTH = 5.5  # points per character of 11-point Helvetica, on average


@dataclass(frozen=True)
class Table:
    """Rows of cells (strings); `widths` gives each column's width in characters."""

    widths: tuple
    rows: tuple


def _escape(text):
    text = text.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _table_ops(table, top):
    """The operators that draw `table` from height `top` down, and the height it ends at."""
    ops = []
    for row in table.rows:
        x, tallest = MARGIN, 1
        for cell, width in zip(row, table.widths, strict=True):
            cell_lines = textwrap.wrap(cell, width) or [""]
            ops.extend(["BT", f"/F1 {FONT_SIZE} Tf", f"{LEADING} TL", f"{x:g} {top} Td"])
            ops.extend(f"({_escape(line)}) Tj T*" for line in cell_lines)
            ops.append("ET")
            x += (width + 2) * CHARACTER_WIDTH
            tallest = max(tallest, len(cell_lines))
        top -= (tallest + 1) * LEADING
    return ops, top


def _page_stream(paragraphs):
    if any(isinstance(paragraph, Table) for paragraph in paragraphs):
        return _mixed_page_stream(paragraphs)
    lines = []
    for paragraph in paragraphs:
        lines.extend(textwrap.wrap(paragraph, WRAP_AT) or [""])
        lines.append("")
    ops = ["BT", f"/F1 {FONT_SIZE} Tf", f"{LEADING} TL", f"{MARGIN} {PAGE_HEIGHT - MARGIN} Td"]
    ops.extend(f"({_escape(line)}) Tj T*" for line in lines)
    ops.append("ET")
    return "\n".join(ops).encode("latin-1")


def _mixed_page_stream(paragraphs):
    """A page with tables among its paragraphs: each block placed at its own height."""
    ops, top = [], PAGE_HEIGHT - MARGIN
    for paragraph in paragraphs:
        if isinstance(paragraph, Table):
            table_ops, top = _table_ops(paragraph, top)
            ops.extend(table_ops)
            continue
        lines = textwrap.wrap(paragraph, WRAP_AT) or [""]
        ops.extend(["BT", f"/F1 {FONT_SIZE} Tf", f"{LEADING} TL", f"{MARGIN} {top} Td"])
        ops.extend(f"({_escape(line)}) Tj T*" for line in lines)
        ops.append("ET")
        top -= (len(lines) + 1) * LEADING
    return "\n".join(ops).encode("latin-1")


def _picture(side, pixels):
    """An image XObject: `pixels` are side x side RGB bytes, Flate-compressed."""
    return (
        b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
        b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
        % (side, side, len(pixels))
        + pixels
        + b"\nendstream"
    )


def make_text_pdf(pages, *, title=None, author=None, pictures=None):
    """Return the bytes of a PDF with one page per item of `pages` (each a list of paragraphs,
    strings or `Table`s).

    `title` and `author` go into the document information dictionary, as an office suite would
    write them. `pictures`, if given, holds for each page a `(side, pixels)` square image
    (Flate-compressed RGB) drawn under its text, as a scan or photograph would be.
    """
    objects = []  # bodies of objects 1..n, in order

    def add(body):
        objects.append(body)
        return len(objects)

    catalog = add(None)
    page_tree = add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    page_ids = []
    for index, paragraphs in enumerate(pages):
        stream = _page_stream(paragraphs)
        resources = b"/Font << /F1 %d 0 R >>" % font
        if pictures:
            stream += b"\nq 200 0 0 200 56 300 cm /Im0 Do Q"
            resources += b" /XObject << /Im0 %d 0 R >>" % add(_picture(*pictures[index]))
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] "
                b"/Resources << %s >> /Contents %d 0 R >>"
                % (page_tree, PAGE_WIDTH, PAGE_HEIGHT, resources, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % page_tree
    kids = b" ".join(b"%d 0 R" % pid for pid in page_ids)
    objects[page_tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(page_ids))
    info_entries = []
    if title:
        info_entries.append(b"/Title (%s)" % _escape(title).encode("latin-1"))
    if author:
        info_entries.append(b"/Author (%s)" % _escape(author).encode("latin-1"))
    info = add(b"<< " + b" ".join(info_entries) + b" >>") if info_entries else None

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)
