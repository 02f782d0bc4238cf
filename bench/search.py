"""`make bench` (search): a synthetic national archive in its own database, searched two ways.

For each backend (SQLite with FTS5, PostgreSQL with GIN-indexed tsvectors) this script:

1. creates an empty database that belongs to the benchmark alone (bench/out/search.sqlite3, and
   the PostgreSQL database named by BENCH_POSTGRES_URL, `dhrsite_bench` by default; the demo
   database is never touched) and migrates it;
2. generates 2,000 reviews with 4,000 documents: an executive summary of about 40 KB of text
   and an overview report of about 250 KB each, as pages of about 4 KB. The text is sentences
   of words drawn with a Zipf-like distribution from a domain word list (bench/vocabulary.py),
   with a few rare words and one planted phrase whose right answer is known. Page text is
   inserted straight into DocumentPage rather than rendered into 4,000 PDFs and read back:
   the text extraction is tested elsewhere, and rendering would only slow the benchmark;
3. builds the index with `reviews.search.rebuild_index`, the same code the app and
   `manage.py rebuild_search_index` use, and times it;
4. checks the known answers, then times four searches (a common word, a rare word, a phrase,
   a word with filters) the way the search page runs them (`reviews.search.search`: the first
   page of results with its facet counts and each result's best page and snippet), and the
   same searches with a plain `icontains` scan over the same tables answering the engine's
   questions instead (`ScanBackend`, passed as the search's backend).

Run everything: `make bench` (or `python bench/search.py`). A smaller archive for a quick look:
`python bench/search.py --reviews 200`. One backend: `--backend sqlite` or `--backend postgresql`.
The scale run: `--reviews 10000`; then `--reviews 10000 --compare-sizes` times the list and a
review page on that archive and on the default one in alternate processes, round after round,
and says whether the larger archive's pages are within 20% of the default's.
"""

import argparse
import functools
import itertools
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
SQLITE_PATH = OUT / "search.sqlite3"
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/dhrsite_bench"
)
BACKENDS = ["sqlite", "postgresql"]
# The default archive, about today's national one; --reviews 10000 is the scale run.
DEFAULT_REVIEWS = 2000

PAGE_CHARS = 4_000
EXECUTIVE_SUMMARY_CHARS = 40_000
OVERVIEW_REPORT_CHARS = 250_000
SEED = 2011

QUERIES = [
    ("common word", "police", {}),
    ("rare word", "trampoline", {}),
    ("phrase", '"neighbour heard shouting through the kitchen window"', {}),
    ("word and filters", "housing", {"nation": {"wales"}, "theme": {"alcohol"}}),
]
# The case characteristics' facets (issue 15), timed as the searches are (no scan to compare:
# they narrow by the facts each process keeps, not by the text).
FACET_QUERIES = [
    (
        "characteristics, no words",
        "",
        {"case_type": {"intimate-partner"}, "relationship": {"former-partner"}},
    ),
    (
        "word and characteristics",
        "police",
        {"case_type": {"intimate-partner"}, "victim_age": {"25-34"}, "victim_sex": {"female"}},
    ),
]
# /insights/ as the site serves it with its page cache off (issue 15): every review, and the
# charts of a common word's results.
INSIGHTS_PAGES = [
    ("insights, everything", "/insights/"),
    ("insights, common word", "/insights/?q=police"),
]


# ---------------------------------------------------------------------------------------------
# A database of the benchmark's own
# ---------------------------------------------------------------------------------------------


def database_url(backend, sqlite_path=SQLITE_PATH, postgres_url=POSTGRES_URL):
    if backend == "sqlite":
        return f"sqlite:///{sqlite_path}"
    return postgres_url


def fresh_database(backend, sqlite_path=SQLITE_PATH, postgres_url=POSTGRES_URL):
    """An empty database for a benchmark (bench/recommendations_register.py names its own)."""
    OUT.mkdir(parents=True, exist_ok=True)
    if backend == "sqlite":
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    import dj_database_url
    import psycopg
    from psycopg import sql

    name = dj_database_url.parse(postgres_url)["NAME"]
    if "bench" not in name.split("_"):
        sys.exit(f"Refusing to recreate {name!r}: a benchmark database has _bench in its name.")
    maintenance = postgres_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(maintenance, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(backend, url=None):
    os.environ["DATABASE_URL"] = url or database_url(backend)
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-not-a-secret")
    os.environ["DJANGO_MEDIA_ROOT"] = str(OUT / "media")
    os.environ["DJANGO_SETTINGS_MODULE"] = "dhrsite.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


# ---------------------------------------------------------------------------------------------
# The synthetic archive
# ---------------------------------------------------------------------------------------------


class TextMaker:
    """Pages of sentences whose words follow a Zipf-like distribution over the vocabulary."""

    def __init__(self, rng):
        from bench.vocabulary import DOMAIN_WORDS, FUNCTION_WORDS

        self.rng = rng
        vocabulary = FUNCTION_WORDS + DOMAIN_WORDS
        weights = [1 / (rank + 1) ** 1.05 for rank in range(len(vocabulary))]
        cumulative = list(itertools.accumulate(weights))
        self.sentences = []
        for _ in range(20_000):
            words = rng.choices(vocabulary, cum_weights=cumulative, k=rng.randint(8, 22))
            self.sentences.append(" ".join(words).capitalize() + ".")

    def page(self, chars=PAGE_CHARS):
        parts, size = [], 0
        pool, pick = self.sentences, self.rng.randrange
        count = len(pool)
        while size < chars:
            sentence = pool[pick(count)]
            parts.append(sentence)
            size += len(sentence) + 1
        return " ".join(parts)


def build_archive(reviews_wanted, rng, with_pages=True):
    """Insert partnerships, themes, reviews, documents and page texts; return the plants.

    `with_pages=False` leaves the page texts out (the register benchmark searches recommendations,
    not documents); the documents are still made, with their page counts."""
    import datetime

    from django.db import connection, transaction
    from django.utils.text import slugify

    from bench.vocabulary import PLANTED_PHRASE, RARE_WORDS
    from reviews.models import (
        CASE_TYPE_FIELDS,
        AgeBand,
        DocumentPage,
        Nation,
        Partnership,
        Relationship,
        Review,
        ReviewDocument,
        Sex,
        Theme,
    )
    from reviews.theme_vocabulary import VOCABULARY

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # a throwaway database: speed over durability
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=OFF")

    text = TextMaker(rng)
    partnerships = Partnership.objects.bulk_create(
        Partnership(
            name=f"Area {n} Community Safety Partnership",
            short_name=f"Area {n}",
            slug=f"area-{n}",
            nation=Nation.WALES if n % 14 == 0 else Nation.ENGLAND,
        )
        for n in range(300)
    )
    # The site's own vocabulary, so that the theme facet looks as it will in use.
    themes = Theme.objects.bulk_create(
        Theme(name=entry.name, slug=slugify(entry.name), group=entry.group) for entry in VOCABULARY
    )
    types = [value for value, _label in Review.ReviewType.choices]
    flags = list(CASE_TYPE_FIELDS.values())
    bands = [*AgeBand.values, ""]
    relationships = [*Relationship.values, ""]
    statuses = (
        [Review.Status.PUBLISHED] * 47 + [Review.Status.DRAFT] * 2 + [Review.Status.WITHDRAWN]
    )
    reviews = []
    for n in range(reviews_wanted):
        published = datetime.date(2011, 6, 1) + datetime.timedelta(days=rng.randrange(5100))
        reviews.append(
            Review(
                lead_partnership=rng.choice(partnerships),
                pseudonym=f"Adult {n}",
                slug=f"bench-review-{n}",
                reference=f"{n:04d}_DHR",
                review_type=rng.choices(types, weights=[80, 5, 5, 5, 5])[0],
                # Up to two case types, and characteristics stated for some.
                **dict.fromkeys(rng.sample(flags, rng.randint(0, 2)), True),
                relationship=rng.choice(relationships),
                victim_age=rng.choice(bands),
                victim_sex=rng.choice([*Sex.values, ""]),
                perpetrator_age=rng.choice(bands),
                perpetrator_sex=rng.choice([*Sex.values, ""]),
                published_on=published,
                year_of_death=published.year - rng.randint(1, 3) if rng.random() < 0.8 else None,
                summary=text.page(600),
                status=rng.choice(statuses),
            )
        )
    reviews = Review.objects.bulk_create(reviews, batch_size=500)
    Through = Review.themes.through
    Through.objects.bulk_create(
        Through(review_id=review.pk, theme_id=theme.pk)
        for review in reviews
        for theme in rng.sample(themes, rng.randint(1, 4))
    )
    # Joint partners as the public sees them: confirmed by their publishers.
    Joint = Review.partnerships.through
    confirmed_at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    Joint.objects.bulk_create(
        Joint(
            review_id=review.pk,
            partnership_id=rng.choice(partnerships).pk,
            confirmed_at=confirmed_at,
        )
        for review in reviews
        if rng.random() < 0.05
    )

    published = [review for review in reviews if review.status == Review.Status.PUBLISHED]
    draft = next(review for review in reviews if review.status == Review.Status.DRAFT)
    rare = {word: rng.sample(published, 3) for word in RARE_WORDS}
    phrase_review = rng.choice(published)
    phrase_page = 37
    planted = defaultdict_list()
    for word, owners in rare.items():
        for owner in owners:
            planted[(owner.pk, "overview-report", rng.randint(1, 60))].append(
                f"The {word} was mentioned."
            )
    planted[(draft.pk, "overview-report", 3)].append("The trampoline was mentioned.")
    planted[(phrase_review.pk, "overview-report", phrase_page)].append(
        f"A {PLANTED_PHRASE} that evening."
    )

    documents = []
    for review in reviews:
        for kind, chars in [
            (ReviewDocument.Kind.EXECUTIVE_SUMMARY, EXECUTIVE_SUMMARY_CHARS),
            (ReviewDocument.Kind.OVERVIEW_REPORT, OVERVIEW_REPORT_CHARS),
        ]:
            pages = math.ceil(chars / PAGE_CHARS)
            documents.append(
                ReviewDocument(
                    review_id=review.pk,
                    kind=kind,
                    slug=kind,
                    file=f"documents/bench-{review.pk}-{kind}.pdf",
                    size_bytes=chars * 3,
                    page_count=pages,
                    sha256=f"{rng.getrandbits(256):064x}",
                )
            )
    documents = ReviewDocument.objects.bulk_create(documents, batch_size=1000)

    characters = pages_written = 0
    batch = []
    for document in documents if with_pages else []:
        for number in range(1, document.page_count + 1):
            page = text.page()
            extra = planted.get((document.review_id, document.kind, number))
            if extra:
                page = f"{page} {' '.join(extra)}"
            batch.append(DocumentPage(document_id=document.pk, number=number, text=page))
            characters += len(page)
            pages_written += 1
        if len(batch) >= 2000:
            with transaction.atomic():
                DocumentPage.objects.bulk_create(batch, batch_size=500)
            batch = []
    DocumentPage.objects.bulk_create(batch, batch_size=500)

    return {
        "reviews": len(reviews),
        "published": len(published),
        "documents": len(documents),
        "pages": pages_written,
        "text_mb": round(characters / 1e6, 1),
        "rare": {word: sorted(owner.pk for owner in owners) for word, owners in rare.items()},
        "phrase": {"review": phrase_review.pk, "page": phrase_page},
    }


def defaultdict_list():
    from collections import defaultdict

    return defaultdict(list)


# ---------------------------------------------------------------------------------------------
# Timing
# ---------------------------------------------------------------------------------------------


def percentile(samples, fraction):
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def timed(function, runs):
    function()  # warm the caches once
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return {
        "p50": round(statistics.median(samples), 1),
        "p95": round(percentile(samples, 0.95), 1),
        "runs": runs,
    }


def describe(text, selected):
    return text + "".join(f" {k}={','.join(sorted(v))}" for k, v in selected.items())


@functools.cache
def site_client():
    """One client for every page, as a worker holds one middleware stack: a new client would
    build the stack again for each request (WhiteNoise reads the list of static files)."""
    from django.test import Client

    return Client(HTTP_HOST="127.0.0.1")


def uncached_page(path):
    """A page through the whole middleware stack, with the page cache off."""
    from django.conf import settings

    settings.DHR_PAGE_CACHE_SECONDS = 0
    response = site_client().get(path, secure=True)
    assert response.status_code == 200, (path, response.status_code)
    return response


def indexed_search(text, selected):
    """One search as the search page runs it, on the database's own engine."""
    from reviews.search import parse_query, search

    return search(parse_query(text), selected)


def icontains_terms(needle):
    """For one term, (how many pages of a review's documents contain it, whether the review's
    other searchable fields do): the same text the index holds (pseudonym, reference,
    summary, partnerships' and themes' names, every page). Counting the pages reads every
    page of every review, as ranking by relevance needs; the fields stop at the first hit."""
    from django.db.models import Case, Count, Exists, OuterRef, Q, Subquery, Value, When
    from django.db.models.functions import Coalesce

    from reviews.models import DocumentPage, Partnership, Theme

    review = OuterRef("pk")
    pages = (
        DocumentPage.objects.filter(document__review=review, text__icontains=needle)
        .order_by()
        .values("document__review")
        .annotate(count=Count("*"))
        .values("count")
    )
    partnerships = Partnership.objects.filter(joint_reviews=review).filter(
        Q(name__icontains=needle) | Q(short_name__icontains=needle)
    )
    themes = Theme.objects.filter(reviews=review, name__icontains=needle)
    fields = (
        Q(pseudonym__icontains=needle)
        | Q(reference__icontains=needle)
        | Q(summary__icontains=needle)
        | Q(lead_partnership__name__icontains=needle)
        | Q(lead_partnership__short_name__icontains=needle)
        | Exists(partnerships)
        | Exists(themes)
    )
    return Coalesce(Subquery(pages), Value(0)), Case(When(fields, then=Value(1)), default=Value(0))


class ScanBackend:
    """The questions a search asks its engine (reviews.search.backends.base.SearchQueries),
    answered by plain `icontains` scans with no index: what the same search costs without one.

    A word or phrase is found as a substring of the text the index holds, so a scan finds no
    other forms of a word. Only published reviews are scanned: the search keeps no others."""

    vendor = "scan"

    def _hits(self, needles, reviews):
        """{review id: [for each needle, pages that contain it + 10 if a field does]}, in one
        statement that reads each review's counts once."""
        annotations = {}
        for number, needle in enumerate(needles):
            pages, fields = icontains_terms(needle)
            annotations[f"pages_{number}"], annotations[f"fields_{number}"] = pages, fields
        rows = reviews.order_by().annotate(**annotations).values_list("pk", *annotations)
        return {
            pk: [counts[2 * n] + 10 * counts[2 * n + 1] for n in range(len(needles))]
            for pk, *counts in rows
        }

    def match(self, words, exclude_words, *, rank_now=False):
        """The score, for ranking by relevance, is how many pages and fields have the words."""
        from reviews.models import Review
        from reviews.search.backends.base import ScoredMatches

        scores = {}
        found = self._hits([*words, *exclude_words], Review.objects.published())
        for pk, hits in found.items():
            wanted, unwanted = hits[: len(words)], hits[len(words) :]
            if all(wanted) and not any(unwanted):
                scores[pk] = float(sum(wanted))
        return ScoredMatches(scores)

    def with_any_word(self, words):
        from reviews.models import Review

        found = self._hits(words, Review.objects.published())
        return {pk for pk, hits in found.items() if any(hits)}

    def with_phrase(self, words, among):
        from reviews.models import Review

        found = self._hits([" ".join(words)], Review.objects.filter(pk__in=among))
        return {pk for pk, [hit] in found.items() if hit}

    def pages_with(self, terms, documents):
        from reviews.models import DocumentPage

        pages = DocumentPage.objects.filter(document_id__in=documents).order_by()
        return {
            term: {
                page_id: (document_id, number)
                for page_id, document_id, number in pages.filter(
                    text__icontains=" ".join(term.words)
                ).values_list("pk", "document_id", "number")
            }
            for term in terms
        }

    def rank_pages(self, terms, documents):
        """A page's score is how often the terms occur on it."""
        from reviews.models import DocumentPage

        needles = [" ".join(term.words) for term in terms]
        pages = DocumentPage.objects.filter(Q_any(needles), document_id__in=documents)
        return {
            page_id: float(sum(text.casefold().count(needle) for needle in needles))
            for page_id, text in pages.values_list("pk", "text").iterator()
        }

    def snippets(self, page_ids, terms):
        """Some 200 characters around the first term on the page, that term marked; pages
        with none of the terms are left out."""
        from reviews.models import DocumentPage
        from reviews.search import MARK_END, MARK_START

        needles = [" ".join(term.words) for term in terms]
        snippets = {}
        pages = DocumentPage.objects.filter(pk__in=page_ids).values_list("pk", "text")
        for page_id, text in pages:
            folded = text.casefold()
            places = [(folded.find(needle), needle) for needle in needles if needle in folded]
            if not places:
                continue
            at, needle = min(places)
            end = at + len(needle)
            before, after = text[max(0, at - 100) : at], text[end : end + 100]
            snippets[page_id] = f"{before}{MARK_START}{text[at:end]}{MARK_END}{after}"
        return snippets


def Q_any(needles):  # noqa: N802 - reads as the Q it builds
    from functools import reduce
    from operator import or_

    from django.db.models import Q

    return reduce(or_, [Q(text__icontains=needle) for needle in needles])


def icontains_scan(text, selected):
    """The same search with the scan answering the engine's questions: the same code for the
    filters, facet counts, ordering, page of results and each result's named page and snippet
    as the search page; only the answers to match, rank and find come from the scan."""
    from reviews.search import parse_query, search

    return search(parse_query(text), selected, backend=ScanBackend())


def archive_path(backend, reviews_wanted):
    return OUT / f"search-{backend}-archive{archive_suffix(reviews_wanted)}.json"


def archive_suffix(reviews_wanted):
    """The default archive's files and database have plain names; a larger one (the scale run,
    `--reviews 10000`) gets its own beside it, so that neither replaces the other."""
    return "" if reviews_wanted == DEFAULT_REVIEWS else f"-{reviews_wanted}"


def archive_database(backend, reviews_wanted):
    suffix = archive_suffix(reviews_wanted)
    if backend == "sqlite":
        return database_url(backend, sqlite_path=OUT / f"search{suffix}.sqlite3")
    return database_url(backend, postgres_url=POSTGRES_URL + suffix.replace("-", "_"))


def database_bytes():
    """The size of the benchmark's database: PostgreSQL's own count, or SQLite's files."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    path = Path(connection.settings_dict["NAME"])
    return sum(p.stat().st_size for p in (path, Path(f"{path}-wal")) if p.exists())


def listing_pages():
    """The uncached pages whose cost item 4 of issue 18 compares between archive sizes."""
    return [("review list", "/reviews/"), ("review page", review_page_path())]


def review_page_path():
    from reviews.models import Review

    return f"/reviews/{Review.objects.published().order_by('pk').first().slug}/"


def worker_memory(backend, reviews_wanted):
    """A new process's memory once it has served the review list, a search and a review page:
    what each gunicorn worker holds (its facet bitmaps and date orders among it)."""
    setup_django(backend, archive_database(backend, reviews_wanted))
    from reviews.search.facets import facet_bitmaps

    for path in ("/reviews/", "/reviews/?q=police", review_page_path()):
        uncached_page(path)
    facts = facet_bitmaps()
    bitmaps = sum(
        sys.getsizeof(bitmap) for values in facts.bitmaps.values() for bitmap in values.values()
    )
    orders = sys.getsizeof(facts.known) + sum(map(sys.getsizeof, facts.date_orders.values()))
    status = Path("/proc/self/status").read_text()
    rss_kb = int(next(line for line in status.splitlines() if line.startswith("VmRSS")).split()[1])
    print(
        json.dumps(
            {
                "rss_mb": round(rss_kb / 1024, 1),
                "bitmaps_kb": round(bitmaps / 1024, 1),
                "date_orders_kb": round(orders / 1024, 1),
            }
        )
    )


def run_backend(backend, reviews_wanted, runs, baseline_runs, reuse=False):
    saved = archive_path(backend, reviews_wanted)
    reuse = reuse and saved.exists() and json.loads(saved.read_text())["reviews"] == reviews_wanted
    url = archive_database(backend, reviews_wanted)
    if not reuse:
        saved.unlink(missing_ok=True)
        if backend == "sqlite":
            fresh_database(backend, sqlite_path=Path(url.removeprefix("sqlite:///")))
        else:
            fresh_database(backend, postgres_url=url)
    setup_django(backend, url)
    from django.core.management import call_command
    from django.db import connection

    from reviews.search import matching_reviews_in_order, parse_query, rebuild_index

    call_command("migrate", verbosity=0)
    if reuse:
        # The archive and index of an earlier run (`--reuse`): only the searches are timed.
        archive = json.loads(saved.read_text())
        load_seconds, index_seconds = archive.pop("load_seconds"), archive.pop("index_seconds")
        index_bytes = archive.pop("index_bytes")
        print(f"[{backend}] reusing the archive of an earlier run", flush=True)
    else:
        rng = random.Random(SEED)
        started = time.perf_counter()
        archive = build_archive(reviews_wanted, rng)
        load_seconds = time.perf_counter() - started
        print(
            f"[{backend}] archive loaded in {load_seconds:.0f} s: {archive['pages']} pages",
            flush=True,
        )

        before_index = database_bytes()
        started = time.perf_counter()
        rebuild_index()
        with connection.cursor() as cursor:
            # Rebuilding rewrote every row; a live site's autovacuum would have tidied up
            # long before anyone searched, so do it now rather than while timing.
            cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
            if connection.vendor == "sqlite":
                # The build wrote through a write-ahead log; until it is copied back into the
                # database, every read looks there first, which made a fresh run's searches
                # slower than a rerun's on the same file. A site's log is checkpointed as it
                # goes.
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        index_seconds = time.perf_counter() - started
        index_bytes = database_bytes() - before_index
        print(
            f"[{backend}] index built in {index_seconds:.0f} s ({index_bytes / 1e6:.0f} MB)",
            flush=True,
        )
        saved.write_text(
            json.dumps(
                {
                    **archive,
                    "load_seconds": load_seconds,
                    "index_seconds": index_seconds,
                    "index_bytes": index_bytes,
                }
            )
        )

    # The known answers, before any timing.
    rare = indexed_search("trampoline", {})
    assert sorted(hit.review.pk for hit in rare.hits) == archive["rare"]["trampoline"], "rare"
    [hit] = indexed_search(QUERIES[2][1], {}).hits
    assert hit.review.pk == archive["phrase"]["review"], "phrase"
    assert (hit.document.kind, hit.page_number) == ("overview-report", archive["phrase"]["page"])
    for label, text, selected in QUERIES:
        ours = set(matching_reviews_in_order(parse_query(text), selected))
        theirs = set(matching_reviews_in_order(parse_query(text), selected, backend=ScanBackend()))
        # Stemming lets ours find a few more (e.g. "policed"); it never misses the scan's.
        assert theirs <= ours, label
    print(f"[{backend}] known answers found (phrase on page {hit.page_number})", flush=True)

    results = []
    for label, text, selected in QUERIES:
        ours = timed(lambda t=text, s=selected: indexed_search(t, s), runs)
        theirs = timed(lambda t=text, s=selected: icontains_scan(t, s), baseline_runs)
        count = indexed_search(text, selected).count
        results.append(
            {
                "query": label,
                "text": describe(text, selected),
                "matches": count,
                "search": ours,
                "baseline": theirs,
                "ratio_p50": round(theirs["p50"] / ours["p50"], 1),
                "ratio_p95": round(theirs["p95"] / ours["p95"], 1),
            }
        )
        print(
            f"[{backend}] {label}: search p50 {ours['p50']} ms p95 {ours['p95']} ms; "
            f"icontains p50 {theirs['p50']} ms",
            flush=True,
        )
    for label, text, selected in FACET_QUERIES:
        ours = timed(lambda t=text, s=selected: indexed_search(t, s), runs)
        count = indexed_search(text, selected).count
        results.append(
            {"query": label, "text": describe(text, selected), "matches": count, "search": ours}
        )
        print(f"[{backend}] {label}: p50 {ours['p50']} ms p95 {ours['p95']} ms", flush=True)
    from django.test.utils import CaptureQueriesContext

    pages = []
    for label, path in [*listing_pages(), *INSIGHTS_PAGES]:
        page = timed(lambda p=path: uncached_page(p), runs)
        with CaptureQueriesContext(connection) as queries:
            uncached_page(path)
        pages.append({"page": label, "path": path, "queries": len(queries), **page})
        print(
            f"[{backend}] {label}: p50 {page['p50']} ms p95 {page['p95']} ms, "
            f"{len(queries)} queries",
            flush=True,
        )
    command = [sys.executable, __file__, "--worker-memory", "--backend", backend]
    command += ["--reviews", str(reviews_wanted)]
    memory = json.loads(
        subprocess.run(command, check=True, capture_output=True, text=True).stdout  # noqa: S603
    )
    print(f"[{backend}] a worker's memory: {memory}", flush=True)
    report = {
        "backend": backend,
        "database": connection.vendor,
        "pages": pages,
        "worker": memory,
        "database_mb": round(database_bytes() / 1e6),
        "index_mb": round(index_bytes / 1e6),
        "archive": {k: v for k, v in archive.items() if k not in {"rare", "phrase"}},
        "load_seconds": round(load_seconds, 1),
        "index_seconds": round(index_seconds, 1),
        "queries": results,
    }
    result_path(backend, reviews_wanted).write_text(json.dumps(report, indent=2))
    return report


def page_times(backend, reviews_wanted, runs=60):
    """In a process of its own: the uncached list's and a review page's p50 on one archive."""
    setup_django(backend, archive_database(backend, reviews_wanted))
    times = {}
    for label, path in listing_pages():
        for _ in range(10):  # as a worker that has served a few
            uncached_page(path)
        times[label] = timed(lambda p=path: uncached_page(p), runs)["p50"]
    print(json.dumps(times))


def compare_sizes(backend, reviews_wanted, rounds=5):
    """The pages' cost at 2,000 reviews and at `reviews_wanted`, measured in alternate
    processes, round after round, so that the machine's drift falls on both alike (item 4 of
    issue 18: within 20%). Both archives must have been built by earlier runs."""
    sizes = [DEFAULT_REVIEWS, reviews_wanted]
    missing = [size for size in sizes if not archive_path(backend, size).exists()]
    if missing:
        sys.exit(
            f"[{backend}] no archive of {', '.join(map(str, missing))} reviews yet: run "
            f"bench/search.py --backend {backend} --reviews N for each first"
        )
    samples = {size: [] for size in sizes}
    for _ in range(rounds):
        for size in sizes:
            command = [sys.executable, __file__, "--page-times", "--backend", backend]
            command += ["--reviews", str(size)]
            done = subprocess.run(command, check=True, capture_output=True, text=True)  # noqa: S603
            samples[size].append(json.loads(done.stdout.splitlines()[-1]))
    for label in samples[DEFAULT_REVIEWS][0]:
        small, large = (statistics.median(row[label] for row in samples[size]) for size in sizes)
        change = (large / small - 1) * 100
        verdict = "within 20%" if change <= 20 else "MORE THAN 20% slower"
        print(
            f"[{backend}] {label}: p50 {small:.1f} ms at {sizes[0]:,}, {large:.1f} ms at "
            f"{sizes[1]:,} ({change:+.0f}%, {verdict}; medians of {rounds} alternate rounds)",
            flush=True,
        )


def result_path(backend, reviews_wanted):
    return OUT / f"search-{backend}{archive_suffix(reviews_wanted)}.json"


def table(reports):
    lines = [
        "| backend | query | matches | search p50 | search p95 | icontains p50 | icontains p95 "
        "| faster (p50) | faster (p95) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        for row in report["queries"]:
            scan = "| | | | |"  # the characteristics' searches have no scan to compare
            if "baseline" in row:
                scan = (
                    f"| {row['baseline']['p50']} ms | {row['baseline']['p95']} ms "
                    f"| {row['ratio_p50']}× | {row['ratio_p95']}× |"
                )
            lines.append(
                f"| {report['backend']} | {row['query']}: `{row['text']}` | {row['matches']} "
                f"| {row['search']['p50']} ms | {row['search']['p95']} ms {scan}"
            )
    lines.append("")
    lines.append("| backend | page, uncached | p50 | p95 | queries |")
    lines.append("|---|---|---:|---:|---:|")
    for report in reports:
        for page in report["pages"]:
            lines.append(
                f"| {report['backend']} | {page['page']}: `{page['path']}` | {page['p50']} ms "
                f"| {page['p95']} ms | {page['queries']} |"
            )
    lines.append("")
    lines.append("| backend | database | index | a worker's memory | its facet bitmaps |")
    lines.append("|---|---:|---:|---:|---:|")
    for report in reports:
        worker = report["worker"]
        lines.append(
            f"| {report['backend']} | {report['database_mb']} MB | {report['index_mb']} MB "
            f"| {worker['rss_mb']} MB | {worker['bitmaps_kb']} KB bitmaps, "
            f"{worker['date_orders_kb']} KB date orders |"
        )
    lines.append("")
    lines.append("| backend | reviews | documents | pages | text | load | index build |")
    lines.append("|---|---:|---:|---:|---:|---:|---:|")
    for report in reports:
        archive = report["archive"]
        lines.append(
            f"| {report['backend']} | {archive['reviews']} ({archive['published']} published) "
            f"| {archive['documents']} | {archive['pages']} | {archive['text_mb']} MB "
            f"| {report['load_seconds']} s | {report['index_seconds']} s |"
        )
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backend", choices=[*BACKENDS, "all"], default="all")
    parser.add_argument("--reviews", type=int, default=DEFAULT_REVIEWS)
    parser.add_argument("--runs", type=int, default=30, help="timed runs of each search")
    parser.add_argument("--baseline-runs", type=int, default=5, help="timed icontains scans")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="time the searches again on the archive an earlier run built (if the same size)",
    )
    parser.add_argument(
        "--compare-sizes",
        action="store_true",
        help="time the list and a review page at 2,000 reviews and at --reviews, in alternate "
        "rounds (both archives built by earlier runs)",
    )
    parser.add_argument("--worker-memory", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--page-times", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker_memory:
        worker_memory(args.backend, args.reviews)
        return
    if args.page_times:
        page_times(args.backend, args.reviews)
        return
    if args.compare_sizes:
        for backend in BACKENDS if args.backend == "all" else [args.backend]:
            compare_sizes(backend, args.reviews)
        return
    if args.backend != "all":
        run_backend(args.backend, args.reviews, args.runs, args.baseline_runs, args.reuse)
        return
    reports = []
    for backend in BACKENDS:
        # Each backend in its own process: Django reads DATABASE_URL once, at start-up.
        command = [sys.executable, __file__, "--backend", backend, "--reviews", str(args.reviews)]
        command += ["--runs", str(args.runs), "--baseline-runs", str(args.baseline_runs)]
        command += ["--reuse"] if args.reuse else []
        subprocess.run(command, check=True)  # noqa: S603 - this script, our arguments
        reports.append(json.loads(result_path(backend, args.reviews).read_text()))
    print()
    print(table(reports))
    (OUT / f"search-results{archive_suffix(args.reviews)}.md").write_text(table(reports) + "\n")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
