"""`make bench` (page weight): what a browser downloads for each page type, with a cold cache.

For each page: the HTML as sent (Brotli, when the browser accepts it, as Chromium does over
HTTPS) and uncompressed, then every stylesheet, script and icon the HTML names, as whitenoise
sends them from collectstatic's hashed, compressed copies, and the modules those scripts import
at once (`import ... from "./x.mjs"`; site.mjs has none: the modules it imports later, only on
pages that need them, are counted by the browser test, tests/test_page_weight_browser.py).
Response headers are counted as HTTP/1.1 writes them; Chromium's own count, which the browser
test asserts on, is within a few bytes.

The site runs in this process (Django's test client through every middleware, whitenoise
included) on a SQLite database of its own with the demo data, and a collectstatic of its own;
nothing of the demo site is touched. `help_weight` is also used by bench/load.py against
gunicorn.

Then the review list's pages again, at national scale: a second process (Django sets up once a
process) on a second database with bench/search.py's synthetic archive (2,000 reviews from 300
partnerships; the documents' page texts left out, as no page weighed here shows them) and the
demo data, as bench/load.py builds it. The filters are most of those pages' weight.

Run: `make bench`, or `python bench/page_weight.py` (`--reviews 200` for a smaller archive,
`--reviews 0` for none). Figures go to stdout and bench/out/page_weight.json; BENCHMARKS.md
records them.
"""

import argparse
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
# What Chromium sends over HTTPS.
ACCEPT_ENCODING = "gzip, deflate, br, zstd"
PAGE_TYPES = [
    ("home", "/"),
    ("reviews", "/reviews/"),
    ("search", "/reviews/?q=coercive+control"),
    ("review", "/reviews/ellie/"),
    ("document text", "/reviews/ellie/documents/overview-report/text/"),
    ("partnerships", "/partnerships/"),
    ("partnership", "/partnerships/wiltshire/"),
    ("themes", "/themes/"),
    ("help", "/help/"),
    ("help (Welsh)", "/cy/help/"),
    ("safety", "/safety/"),
    ("strategies", "/strategies/"),
    ("about reviews", "/about/reviews/"),
]
# The review list's pages, weighed again with the synthetic archive (area-7 is one of its
# partnerships).
ARCHIVE_PAGE_TYPES = [
    ("reviews", "/reviews/"),
    ("reviews (Welsh)", "/cy/reviews/"),
    ("search", "/reviews/?q=housing"),
    ("partnership and year", "/reviews/?partnership=area-7&year=2019"),
    ("every partnership", "/reviews/filters/partnership/"),
    ("every partnership (Welsh)", "/cy/reviews/filters/partnership/"),
]
ASSET = re.compile(
    rb'<(?:link[^>]*rel="(?:stylesheet|icon)"[^>]*href|script[^>]*src)="(/static/[^"]+)"'
)
STATIC_IMPORT = re.compile(rb'(?:from|import)\s*"(\./[^"]+\.m?js)"')
KINDS = {"css": "css", "mjs": "js", "js": "js", "svg": "icon", "ico": "icon", "png": "icon"}


def header_bytes(status, headers):
    """The size of a response's status line and headers as HTTP/1.1 writes them."""
    lines = [f"HTTP/1.1 {status} OK"] + [f"{name}: {value}" for name, value in headers]
    return sum(len(line) + 2 for line in lines) + 2


def weigh(get, path):
    """The weight of one page: `get(path, accept_encoding)` returns (status, header pairs,
    body bytes) as the server sent them."""
    status, headers, sent = get(path, ACCEPT_ENCODING)
    coding = {name.lower(): value for name, value in headers}.get("content-encoding")
    plain = get(path, None)[2]
    weight = {
        "path": path,
        "status": status,
        "html_coding": coding or "identity",
        "html_bytes": len(plain),
        "html_sent": len(sent),
        "css": 0,
        "js": 0,
        "icon": 0,
        "headers": header_bytes(status, headers),
        "scripts": [],
    }
    pending = [asset.decode() for asset in ASSET.findall(plain)]
    seen = set()
    while pending:
        asset = pending.pop(0)
        if asset in seen:
            continue
        seen.add(asset)
        asset_status, asset_headers, body = get(asset, ACCEPT_ENCODING)
        kind = KINDS.get(asset.rsplit(".", 1)[-1], "other")
        weight[kind] = weight.get(kind, 0) + len(body)
        weight["headers"] += header_bytes(asset_status, asset_headers)
        if kind == "js":
            weight["scripts"].append(re.sub(r"\.[0-9a-f]{12}\.", ".", asset.rsplit("/", 1)[1]))
            folder = asset.rsplit("/", 1)[0]
            plain_script = get(asset, None)[2]
            pending += [
                f"{folder}/{name.decode()[2:]}" for name in STATIC_IMPORT.findall(plain_script)
            ]
    weight["total"] = (
        weight["html_sent"] + weight["css"] + weight["js"] + weight["icon"] + weight["headers"]
    )
    return weight


def help_weight(get):
    """/help/ only (bench/load.py, against gunicorn)."""
    return weigh(get, "/help/")


def describe(weight):
    return (
        f"{weight['path']}: HTML {weight['html_bytes']:,} B ({weight['html_sent']:,} B "
        f"{weight['html_coding']}), CSS {weight['css']:,} B, JS {weight['js']:,} B "
        f"({', '.join(weight['scripts'])}), icon {weight['icon']:,} B, headers "
        f"{weight['headers']:,} B; total {weight['total'] / 1024:.1f} KB"
    )


def site_in_this_process(folder, archive=0):
    """Django set up on a new SQLite database with the demo data (after `archive` synthetic
    reviews, if any) and static files collected as production collects them; a `get` for
    weigh()."""
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/page-weight.sqlite3"
    os.environ["DJANGO_MEDIA_ROOT"] = f"{folder}/media"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dhrsite.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client

    settings.STATIC_ROOT = f"{folder}/static"
    call_command("migrate", verbosity=0)
    if archive:
        import random

        from bench import search
        from reviews.search import rebuild_index

        search.build_archive(archive, random.Random(search.SEED), with_pages=False)
    call_command("load_demo_data", stdout=io.StringIO())
    if archive:
        rebuild_index()
    call_command("collectstatic", interactive=False, verbosity=0)
    client = Client(SERVER_NAME="localhost")

    def get(path, accept_encoding):
        extra = {"HTTP_ACCEPT_ENCODING": accept_encoding} if accept_encoding else {}
        response = client.get(path, secure=True, **extra)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return response.status_code, list(response.items()), body

    return get


def archive_weights(reviews):
    """The weights of ARCHIVE_PAGE_TYPES with `reviews` synthetic reviews, from a process of
    their own."""
    run = subprocess.run(  # noqa: S603
        [sys.executable, __file__, "--reviews", str(reviews), "--archive-only"],
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(run.stdout)


def table(weights):
    lines = [
        "| page | HTML | HTML sent | CSS | JS (modules) | icon | headers | total |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for w in weights:
        lines.append(
            f"| {w['page']} (`{w['path']}`) | {w['html_bytes']:,} B | {w['html_sent']:,} B "
            f"{w['html_coding']} | {w['css']:,} B | {w['js']:,} B ({', '.join(w['scripts'])}) "
            f"| {w['icon']:,} B | {w['headers']:,} B | {w['total'] / 1024:.1f} KB |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=int, default=2000, help="the archive's size (0: none)")
    parser.add_argument("--archive-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.archive_only:
        with tempfile.TemporaryDirectory(prefix="dhr-page-weight-archive-") as folder:
            get = site_in_this_process(folder, archive=args.reviews)
            weights = [
                dict(weigh(get, path), page=label, archive=args.reviews)
                for label, path in ARCHIVE_PAGE_TYPES
            ]
        print(json.dumps(weights))
        return
    with tempfile.TemporaryDirectory(prefix="dhr-page-weight-") as folder:
        get = site_in_this_process(folder)
        weights = [dict(weigh(get, path), page=label) for label, path in PAGE_TYPES]
    print(table(weights))
    if args.reviews:
        archived = archive_weights(args.reviews)
        print(f"\nWith the demo data and {args.reviews:,} synthetic reviews (300 partnerships):\n")
        print(table(archived))
        weights += archived
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "page_weight.json").write_text(json.dumps(weights, indent=2))


if __name__ == "__main__":
    main()
