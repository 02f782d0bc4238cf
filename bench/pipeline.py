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
from reviews.pdf_writer import make_text_pdf  # noqa: E402

BUDGET_SECONDS = 5.0
TARGET_BYTES = 10 * 1024 * 1024


def scanned_report(pages, total_bytes=TARGET_BYTES):
    """A report like a real one: text on every page and a picture (incompressible, as a scan
    or photograph is) sized so the whole file is about `total_bytes`."""
    side = max(8, int(((total_bytes / pages) / 3) ** 0.5))
    text = [
        [
            f"Overview report, page {number + 1}. " * 6,
            "The panel considered what each agency knew and what it could have done. " * 8,
        ]
        for number in range(pages)
    ]
    pictures = [(side, zlib.compress(os.urandom(side * side * 3), 1)) for _ in range(pages)]
    return make_text_pdf(text, pictures=pictures)


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
