"""`make bench` (register): the learning register over a synthetic national archive (issue 14).

For each backend (SQLite, and PostgreSQL) this script:

1. creates an empty database of its own (bench/out/register.sqlite3, and the PostgreSQL
   database named by BENCH_REGISTER_POSTGRES_URL, `dhrsite_bench_register` by default; the demo
   database is never touched) and migrates it;
2. builds the 2,000-review archive with bench/search.py's builder (without the documents' page
   texts, which the register does not read), then gives each review 8-15 recommendations
   (about 20,000), addressed to one or two of some 1,200 local and 25 national agencies, with
   0-2 themes, a due date, and 1-3 updates each; a recommendation's status is its latest
   update's, as `record_update` leaves it. The data is inserted in bulk, not through
   `record_update` (whose rules are tested elsewhere), so the archive loads in seconds. One
   rare word is planted in a known set of recommendations, drafts' and withdrawn reviews'
   included, and checked before any timing;
3. times a text search of the register and a faceted query (status + sector + year), each the
   page of 20 results with the total and the counts of status, sector, year and overdue, p50
   and p95 over repeated runs against a target p95 of 100 ms. The step is `register_page`
   below: a plain ORM text match and facet counts, written so that the register's own search
   (reviews/recommendations/register.py) can take its place in one line;
4. renders the review page (`/reviews/<slug>/`) of a review with 1 recommendation and of one
   with 15, each with a history of 3 updates, counting the database queries of each (they
   should be equal) and timing the page; it says whether the page lists the recommendations.

Run everything: `make bench` (or `python bench/recommendations_register.py`). Smaller:
`--reviews 200`. One backend: `--backend sqlite` or `--backend postgresql`. `--reuse` times
again on the database an earlier run built.
"""

import argparse
import datetime
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import search as archive  # noqa: E402 - the archive builder and timing helpers

OUT = archive.OUT
SQLITE_PATH = OUT / "register.sqlite3"
POSTGRES_URL = os.environ.get(
    "BENCH_REGISTER_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/dhrsite_bench_register"
)
SEED = 14
TARGET_P95_MS = 100
RARE_WORD = "trampoline"
PAGE_SIZE = 20

QUERIES = [
    ("text search: common word", {"text": "housing"}),
    ("text search: rare word", {"text": RARE_WORD}),
    ("faceted", {"status": ["in-progress"], "sector": ["police"], "year": [2019]}),
    (
        "text and facets",
        {"text": "housing", "status": ["in-progress"], "sector": ["police"], "year": [2019]},
    ),
]


# ---------------------------------------------------------------------------------------------
# The register's search, as the benchmark runs it
# ---------------------------------------------------------------------------------------------


def register_page(text="", status=(), sector=(), year=()):
    """The first page of the register for a query, with its total and facet counts: the
    register's own search (`reviews.recommendations.register.register`), as /recommendations/
    calls it, and what the template reads of each recommendation on the page."""
    from reviews.recommendations.register import register

    selected = {"status": set(status), "sector": set(sector), "year": {str(y) for y in year}}
    results = register(text, selected)
    for recommendation in results.recommendations:  # what the template reads of each
        list(recommendation.agencies.all()), list(recommendation.updates.all())
    return {"total": results.count, "facets": results.facets, "page": results.recommendations}


# ---------------------------------------------------------------------------------------------
# The synthetic register
# ---------------------------------------------------------------------------------------------

LOCAL_SECTORS = ["police", "health", "housing", "community-safety-partnership", "probation"]
NATIONAL_SECTORS = ["national-body"] * 3 + ["police", "health"]


def build_register(rng, text):
    """Agencies, about 10 recommendations a review and 1-3 updates each, in bulk."""
    from reviews.models import Agency, Partnership, Recommendation, Review, Theme, Update
    from reviews.models.recommendations import CLOSED, REPORTED

    today = datetime.date.today()
    national = Agency.objects.bulk_create(
        Agency(
            name=f"National body {n}",
            slug=f"national-{n}",
            sector=NATIONAL_SECTORS[n % len(NATIONAL_SECTORS)],
            scope="national",
        )
        for n in range(25)
    )
    local = {}
    for partnership in Partnership.objects.all():
        local[partnership.pk] = [
            Agency(
                name=f"{partnership.short_name} {sector}",
                slug=f"{partnership.slug}-{sector}",
                sector=sector,
                scope="local",
                nation=partnership.nation,
                partnership=partnership,
            )
            for sector in rng.sample(LOCAL_SECTORS, 4)
        ]
    Agency.objects.bulk_create([agency for agencies in local.values() for agency in agencies])
    themes = list(Theme.objects.all())
    reports = [value for value, _label in REPORTED]

    reviews = list(Review.objects.order_by("pk"))
    rare_reviews = set(rng.sample([review.pk for review in reviews], 40))
    recommendations, planned = [], []
    for review in reviews:
        for position in range(rng.randint(8, 15)):
            words = text.page(rng.randint(150, 450))
            if position == 0 and review.pk in rare_reviews:
                words = f"{words} The {RARE_WORD} was mentioned."
            published = review.published_on or today - datetime.timedelta(days=365)
            history = []
            for step in range(rng.randint(1, 3)):
                on = published + datetime.timedelta(days=60 + 120 * step + rng.randrange(60))
                history.append((min(on, today), rng.choice(reports)))
            recommendations.append(
                Recommendation(
                    review_id=review.pk,
                    number=str(position + 1),
                    position=position,
                    text=words,
                    level=rng.choice(["local", "local", "local", "regional", "national"]),
                    due_on=published + datetime.timedelta(days=rng.randint(180, 900)),
                    status=history[-1][1],
                    status_on=history[-1][0],
                )
            )
            agencies = rng.sample(local[review.lead_partnership_id], rng.randint(1, 2))
            if rng.random() < 0.1:
                agencies.append(rng.choice(national))
            planned.append((agencies, rng.sample(themes, rng.randint(0, 2)), history))
    recommendations = Recommendation.objects.bulk_create(recommendations, batch_size=1000)
    addressed, themed, updates = [], [], []
    for recommendation, (agencies, chosen, history) in zip(recommendations, planned, strict=True):
        addressed += [
            Recommendation.agencies.through(recommendation_id=recommendation.pk, agency_id=a.pk)
            for a in agencies
        ]
        themed += [
            Recommendation.themes.through(recommendation_id=recommendation.pk, theme_id=t.pk)
            for t in chosen
        ]
        updates += [
            Update(
                recommendation_id=recommendation.pk,
                recorded_on=on,
                status=status,
                note=text.page(120),
                agency_id=agencies[0].pk,
                reported_by_agency=rng.random() < 0.3,
            )
            for on, status in history
        ]
    Recommendation.agencies.through.objects.bulk_create(addressed, batch_size=2000)
    Recommendation.themes.through.objects.bulk_create(themed, batch_size=2000)
    Update.objects.bulk_create(updates, batch_size=2000)
    published = Recommendation.objects.published()
    return {
        "recommendations": len(recommendations),
        "published_recommendations": published.count(),
        "updates": len(updates),
        "agencies": len(national) + sum(len(agencies) for agencies in local.values()),
        "overdue": published.overdue().count(),
        "open": published.exclude(status__in=CLOSED).count(),
        "rare": sorted(published.filter(text__icontains=RARE_WORD).values_list("pk", flat=True)),
        "rare_everywhere": Recommendation.objects.filter(text__icontains=RARE_WORD).count(),
    }


def build_review_pages(text):
    """Two published reviews alike but for their recommendations: 1 and 15, each with a
    history of 3 updates, addressed to an agency, with a theme and the page it is stated on."""
    from reviews.models import (
        Agency,
        Partnership,
        Recommendation,
        Review,
        ReviewDocument,
        Theme,
        Update,
    )

    partnership = Partnership.objects.order_by("pk").first()
    agency = Agency.objects.filter(partnership=partnership).first()
    theme = Theme.objects.order_by("pk").first()
    slugs = {}
    for count in (1, 15):
        review = Review.objects.create(
            lead_partnership=partnership,
            pseudonym=f"Adult with {count}",
            slug=f"bench-page-{count}",
            published_on=datetime.date(2022, 3, 1),
            summary=text.page(400),
            status=Review.Status.PUBLISHED,
        )
        document = ReviewDocument.objects.create(
            review=review,
            kind=ReviewDocument.Kind.OVERVIEW_REPORT,
            slug="overview-report",
            file=f"documents/bench-page-{count}.pdf",
            size_bytes=300_000,
            page_count=80,
            sha256="0" * 64,
        )
        for number in range(1, count + 1):
            recommendation = Recommendation.objects.create(
                review=review,
                number=str(number),
                position=number,
                text=f"Recommendation text {number}: {text.page(250)}",
                document=document,
                page=70 + number % 10,
                due_on=datetime.date(2023, 3, 1),
                status="in-progress",
                status_on=datetime.date(2023, 1, 1),
            )
            recommendation.agencies.add(agency)
            recommendation.themes.add(theme)
            for step in range(3):
                Update.objects.create(
                    recommendation=recommendation,
                    recorded_on=datetime.date(2022, 5, 1) + datetime.timedelta(days=120 * step),
                    status="in-progress",
                    note=text.page(150),
                    agency=agency,
                    reported_by_agency=step == 2,
                )
        slugs[count] = review.slug
    return slugs


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def review_page(slugs, runs):
    """Queries and time of each review page; whether it lists its recommendations."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from reviews.models import Review

    client = Client(HTTP_HOST="localhost")
    pages = {}
    for count, slug in slugs.items():
        url = f"/reviews/{slug}/"
        client.get(url)  # warm
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        html = response.content.decode()
        review = Review.objects.get(slug=slug)
        shown = sum(
            1
            for recommendation in review.recommendations.all()
            if recommendation.text.split(":")[0] + ":" in html
        )
        pages[count] = {
            "queries": len(queries),
            "listed": shown,
            "time": archive.timed(lambda u=url: client.get(u), runs),
        }
    return pages


def run_backend(backend, reviews_wanted, runs, reuse=False):
    url = archive.database_url(backend, SQLITE_PATH, POSTGRES_URL)
    saved = OUT / f"register-{backend}-archive.json"
    reuse = reuse and saved.exists() and json.loads(saved.read_text())["reviews"] == reviews_wanted
    if not reuse:
        saved.unlink(missing_ok=True)
        archive.fresh_database(backend, SQLITE_PATH, POSTGRES_URL)
    # Pages straight from the view, over plain HTTP, as a request the cache has not seen.
    os.environ["DHR_PAGE_CACHE_SECONDS"] = "0"
    os.environ["DJANGO_HTTPS"] = "0"
    archive.setup_django(backend, url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)  # the pages name hashed files
    if reuse:
        built = json.loads(saved.read_text())
        print(f"[{backend}] reusing the register of an earlier run", flush=True)
    else:
        rng = random.Random(SEED)
        started = time.perf_counter()
        built = archive.build_archive(reviews_wanted, rng, with_pages=False)
        text = archive.TextMaker(rng)
        built.update(build_register(rng, text))
        built["slugs"] = build_review_pages(text)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        built["load_seconds"] = round(time.perf_counter() - started, 1)
        saved.write_text(json.dumps(built))
        print(
            f"[{backend}] {built['recommendations']} recommendations, {built['updates']} "
            f"updates loaded in {built['load_seconds']} s",
            flush=True,
        )

    # The known answer, before any timing: the planted word, in published reviews only.
    found = register_page(text=RARE_WORD)
    assert found["total"] == len(built["rare"]), ("rare", found["total"], len(built["rare"]))
    assert built["rare_everywhere"] > len(built["rare"]), "the plant reaches no draft"
    assert {r.pk for r in found["page"]} <= set(built["rare"]), "rare page"
    print(f"[{backend}] known answer found ({found['total']} recommendations)", flush=True)

    results = []
    for label, query in QUERIES:
        timing = archive.timed(lambda q=query: register_page(**q), runs)
        matches = register_page(**query)["total"]
        results.append({"query": label, "arguments": query, "matches": matches, **timing})
        print(
            f"[{backend}] {label}: {matches} matches, p50 {timing['p50']} ms, "
            f"p95 {timing['p95']} ms",
            flush=True,
        )
    slugs = {int(count): slug for count, slug in built["slugs"].items()}
    pages = review_page(slugs, max(5, runs // 2))
    for count, page in pages.items():
        print(
            f"[{backend}] review page with {count}: {page['queries']} queries, "
            f"{page['listed']} recommendations listed, p50 {page['time']['p50']} ms",
            flush=True,
        )
    report = {
        "backend": backend,
        "database": connection.vendor,
        "archive": {k: v for k, v in built.items() if k not in {"rare", "slugs"}},
        "queries": results,
        "review_page": pages,
    }
    (OUT / f"register-{backend}.json").write_text(json.dumps(report, indent=2))
    return report


def table(reports):
    lines = [
        "| backend | query | matches | p50 | p95 | target p95 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for report in reports:
        for row in report["queries"]:
            shown = " ".join(f"{k}={v}" for k, v in row["arguments"].items())
            lines.append(
                f"| {report['backend']} | {row['query']}: `{shown}` | {row['matches']} "
                f"| {row['p50']} ms | {row['p95']} ms | {TARGET_P95_MS} ms |"
            )
    lines += [
        "",
        "| backend | review page | queries | recommendations listed | p50 | p95 |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for report in reports:
        for count, page in report["review_page"].items():
            lines.append(
                f"| {report['backend']} | {count} recommendation(s), 3 updates each "
                f"| {page['queries']} | {page['listed']} | {page['time']['p50']} ms "
                f"| {page['time']['p95']} ms |"
            )
    lines += [
        "",
        "| backend | reviews | recommendations (published) | updates | agencies | load |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        a = report["archive"]
        lines.append(
            f"| {report['backend']} | {a['reviews']} | {a['recommendations']} "
            f"({a['published_recommendations']}) | {a['updates']} | {a['agencies']} "
            f"| {a['load_seconds']} s |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=[*archive.BACKENDS, "all"], default="all")
    parser.add_argument("--reviews", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each query")
    parser.add_argument("--reuse", action="store_true", help="time again on an earlier build")
    args = parser.parse_args()
    if args.backend != "all":
        run_backend(args.backend, args.reviews, args.runs, args.reuse)
        return
    reports = []
    for backend in archive.BACKENDS:
        # Each backend in its own process: Django reads DATABASE_URL once, at start-up.
        command = [sys.executable, __file__, "--backend", backend, "--reviews", str(args.reviews)]
        command += ["--runs", str(args.runs)] + (["--reuse"] if args.reuse else [])
        subprocess.run(command, check=True)  # noqa: S603 - this script, our arguments
        reports.append(json.loads((OUT / f"register-{backend}.json").read_text()))
    print()
    print(table(reports))
    (OUT / "register-results.md").write_text(table(reports) + "\n")


if __name__ == "__main__":
    main()
