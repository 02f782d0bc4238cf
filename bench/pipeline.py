"""Benchmark of the upload pipeline: a 200-page, 10 MB PDF from upload to published bytes,
cover image and page texts for search.

Run with `make bench` (or `python bench/pipeline.py`). It prints the time of each step, the
total against the 5-second budget, and the peak memory Python allocated (tracemalloc), for
files of the same size with 100, 200 and 400 pages: a peak that stays flat as the page count
grows shows that no step holds every page at once.
"""

import hashlib
import io
import os
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dhrsite.settings")
os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only")

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402

from reviews.documents import (  # noqa: E402
    extract_page_texts,
    find_active_content,
    open_pdf,
    render_cover,
    strip_pdf,
)
from reviews.pdf_writer import PAGE_HEIGHT, PAGE_WIDTH, _page_stream  # noqa: E402

BUDGET_SECONDS = 5.0
TARGET_BYTES = 10 * 1024 * 1024


def scanned_report(pages, total_bytes=TARGET_BYTES):
    """A report like a real one: text on every page and a picture (incompressible, as a scan
    or photograph is) sized so the whole file is about `total_bytes`."""
    side = max(8, int(((total_bytes / pages) / 3) ** 0.5))
    objects = []

    def add(body):
        objects.append(body)
        return len(objects)

    catalog, tree = add(None), add(None)
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    kids = []
    for number in range(pages):
        text = [
            f"Overview report, page {number + 1}. " * 6,
            "The panel considered what each agency knew and what it could have done. " * 8,
        ]
        stream = _page_stream(text) + b"\nq 200 0 0 200 56 300 cm /Im0 Do Q"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        pixels = zlib.compress(os.urandom(side * side * 3), 1)
        image = add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB "
            b"/BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
            % (side, side, len(pixels))
            + pixels
            + b"\nendstream"
        )
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Resources << /Font << "
                b"/F1 %d 0 R >> /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>"
                % (tree, PAGE_WIDTH, PAGE_HEIGHT, font, image, content)
            )
        )
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % kid for kid in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(out)


def run(pages):
    data = scanned_report(pages)
    upload = ContentFile(data, name="report.pdf")
    steps = {}
    tracemalloc.start()
    started = time.perf_counter()

    mark = time.perf_counter()
    _, reader = open_pdf(upload)
    steps["validate"] = time.perf_counter() - mark

    mark = time.perf_counter()
    cleaned, _ = strip_pdf(reader)
    del reader
    steps["clean"] = time.perf_counter() - mark

    mark = time.perf_counter()
    assert not find_active_content(cleaned)
    hashlib.sha256(cleaned).hexdigest()
    steps["re-check and hash"] = time.perf_counter() - mark

    mark = time.perf_counter()
    render_cover(cleaned)
    steps["cover"] = time.perf_counter() - mark

    mark = time.perf_counter()
    texts = sum(1 for _ in extract_page_texts(io.BytesIO(cleaned)))
    steps["page texts"] = time.perf_counter() - mark

    total = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert texts == pages
    return len(data), total, peak, steps


def main():
    print(f"Upload pipeline benchmark (budget {BUDGET_SECONDS:.0f} s for 200 pages, 10 MB)")
    print(f"{'pages':>6} {'file':>8} {'total':>8} {'peak memory':>12}   steps")
    failed = False
    for pages in (100, 200, 400):
        size, total, peak, steps = run(pages)
        detail = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in steps.items())
        print(
            f"{pages:>6} {size / 1048576:>6.1f}MB {total:>7.2f}s {peak / 1048576:>10.1f}MB   "
            f"{detail}"
        )
        if pages == 200 and total > BUDGET_SECONDS:
            failed = True
    if failed:
        print("OVER BUDGET: the 200-page file took longer than 5 seconds.")
        sys.exit(1)


if __name__ == "__main__":
    main()
