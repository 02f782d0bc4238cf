"""Full-text search over published reviews: one interface, two database engines.

What is searched
    A review's pseudonym and reference, its partnerships' names, its themes, its summary and
    the text of its documents. Document text is extracted page by page when a file is uploaded
    (`index_document_text`) and stored as `DocumentPage` rows; searching never opens a PDF.

Query syntax
    `parse_query` turns what a person typed into a `ParsedQuery` of terms built only from
    letters and digits: words (every word must match), "quoted phrases" (the words together,
    in order, on one page or in one field) and `-word` or `-"a phrase"` to exclude. Nothing
    else has a meaning, so `* ( ) : ^ NEAR AND OR NOT` are plain words or are ignored. Each
    backend builds its own engine query from that structure; what a person typed never reaches
    FTS5's MATCH or PostgreSQL's to_tsquery.

Two indexes, on either engine
    * A review index with one entry per review: pseudonym and reference weigh most, then
      partnerships and themes, then the summary, then a digest of the words in the review's
      documents (each distinct word, repeated a little more the more often it appears). Which
      reviews contain every word, how they rank, and the counts beside each filter all come
      from this small index, so a common word costs one entry per review, not one per page.
    * A page index of every page's text, for phrases, for excluded phrases, and for naming the
      best page of each review shown, with a highlighted snippet.

    SQLite keeps both in FTS5 virtual tables (migration 0003); PostgreSQL keeps them in the
    GIN-indexed `search_vector` columns of Review and DocumentPage. `search_backend()` chooses
    by the database vendor.

Only published reviews
    The index answers which reviews match; the database then keeps those that
    `Review.objects.published()` allows at that moment (its condition is compiled into the
    same statement), so drafts, withdrawn reviews and their documents never reach results or
    counts, even if the index has not caught up with a change of status.

Where the time goes
    A search is a fixed number of statements whatever the size of the archive: the match and
    its ranking (in the engine's index) and the ids of the published reviews; the facet counts
    and the order are worked out in memory from bitmaps each process keeps until anything
    public changes (FacetBitmaps); then, for the 20 reviews on the page only, their records and
    each one's best page and snippet.
"""

# The SQL built here joins constant fragments and table names from the models' metadata;
# every value a visitor chooses is passed as a parameter.
# ruff: noqa: S608

import html
import math
import re
import time
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Q, Value
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .documents import extract_page_texts
from .models import DocumentPage, Nation, Partnership, Review, ReviewDocument, Theme

# ---------------------------------------------------------------------------------------------
# Parsing what people type
# ---------------------------------------------------------------------------------------------

MAX_QUERY_LENGTH = 1000  # longer input is cut short, not refused
MAX_TERMS = 10
MAX_PHRASE_WORDS = 10
MAX_WORD_LENGTH = 60

# PostgreSQL's English stop words (the Snowball list). Both engines ignore them as single words
# so that the same query means the same thing on either; inside a phrase they are kept.
STOP_WORDS = frozenset(
    """i me my myself we our ours ourselves you your yours yourself yourselves he him his himself
    she her hers herself it its itself they them their theirs themselves what which who whom
    this that these those am is are was were be been being have has had having do does did
    doing a an the and but if or because as until while of at by for with about against between
    into through during before after above below to from up down in out on off over under again
    further then once here there when where why how all any both each few more most other some
    such no nor not only own same so than too very s t can will just don should now""".split()  # noqa: SIM905
)

_WORD = re.compile(r"[^\W_]+")
_TOKEN = re.compile(r'(?P<dashes>-*)"(?P<phrase>[^"]*)"?|(?P<chunk>[^\s"]+)')


def words_of(text):
    """The searchable words of a text: runs of letters and digits, case-folded."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True)
class Term:
    """A word, or a phrase of several words in order; `exclude` for a `-term`."""

    words: tuple
    exclude: bool = False

    @property
    def is_phrase(self):
        return len(self.words) > 1

    def __str__(self):
        text = " ".join(self.words)
        text = f'"{text}"' if self.is_phrase else text
        return f"-{text}" if self.exclude else text


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple = ()
    ignored: tuple = ()  # stop words left out, to tell the reader

    def __bool__(self):
        return bool(self.terms)

    def __str__(self):
        return " ".join(str(term) for term in self.terms)

    @property
    def included(self):
        return [term for term in self.terms if not term.exclude]

    @property
    def excluded(self):
        return [term for term in self.terms if term.exclude]

    @property
    def required_words(self):
        """Every word that a matching review must contain, phrases' words included."""
        seen = []
        for term in self.included:
            for word in term.words:
                if word not in STOP_WORDS and word not in seen:
                    seen.append(word)
        return seen

    @property
    def highlight_words(self):
        return {word for term in self.included for word in term.words if word not in STOP_WORDS}


def parse_query(text):
    """Parse a search box's text into a ParsedQuery. Never raises, whatever it is given."""
    text = unicodedata.normalize("NFKC", str(text or ""))[:MAX_QUERY_LENGTH]
    terms, ignored = [], []
    for match in _TOKEN.finditer(text):
        if match.group("chunk") is not None:
            chunk = match.group("chunk")
            exclude = chunk.startswith("-")
            words = words_of(chunk)
        else:
            exclude = bool(match.group("dashes"))
            words = words_of(match.group("phrase"))
        words = tuple(word for word in words if len(word) <= MAX_WORD_LENGTH)[:MAX_PHRASE_WORDS]
        if not words:
            continue
        if all(word in STOP_WORDS for word in words):
            ignored.extend(word for word in words if word not in ignored)
            continue
        term = Term(words=words, exclude=exclude)
        if term not in terms and Term(words=words, exclude=not exclude) not in terms:
            terms.append(term)
        if len(terms) == MAX_TERMS:
            break
    return ParsedQuery(terms=tuple(terms), ignored=tuple(ignored))


# ---------------------------------------------------------------------------------------------
# Keeping the index up to date
# ---------------------------------------------------------------------------------------------

PAGE_BATCH = 200


def word_digest(texts):
    """Each distinct word of `texts` once, and again for every fourfold more occurrences (at
    most four times), so the review index knows which words a review uses and roughly how much
    without holding its whole text."""
    counts = Counter()
    for text in texts:
        counts.update(words_of(text))
    return " ".join(
        " ".join([word] * min(4, 1 + int(math.log(count, 4))))
        for word, count in sorted(counts.items())
    )


@dataclass(frozen=True)
class ReviewIndexEntry:
    review_id: int
    title: str  # pseudonym and reference
    partnerships: str
    themes: str
    summary: str
    body: str  # the word digest of the review's documents


def review_index_entries(review_ids):
    """What the review index holds for each review, read from the database."""
    reviews = (
        Review.objects.filter(pk__in=review_ids)
        .select_related("lead_partnership")
        .prefetch_related("partnerships", "themes")
    )
    texts = defaultdict(list)
    pages = DocumentPage.objects.filter(document__review_id__in=review_ids).values_list(
        "document__review_id", "text"
    )
    for review_id, text in pages.iterator(chunk_size=PAGE_BATCH):
        texts[review_id].append(text)
    entries = []
    for review in reviews:
        partnerships = {review.lead_partnership, *review.partnerships.all()}
        entries.append(
            ReviewIndexEntry(
                review_id=review.pk,
                title=f"{review.pseudonym} {review.reference}".strip(),
                partnerships=" ".join(f"{p.name} {p.short_name}" for p in partnerships),
                themes=" ".join(theme.name for theme in review.themes.all()),
                summary=review.summary,
                body=word_digest(texts.pop(review.pk, [])),
            )
        )
    return entries


def index_reviews(review_ids):
    """Bring the review index up to date for these reviews (whatever their status)."""
    review_ids = list(review_ids)
    if not review_ids:
        return
    backend = search_backend()
    entries = review_index_entries(review_ids)
    with transaction.atomic():
        backend.remove_reviews(review_ids)
        backend.add_reviews(entries)


def index_document_text(document):
    """Extract a document's text page by page, store it and index it. Called when a document is
    saved with a new file; replaces whatever pages the document had."""
    backend = search_backend()
    with transaction.atomic():
        backend.remove_pages([document.pk])
        DocumentPage.objects.filter(document=document).delete()
        batch = []
        with document.file.open("rb") as file:
            for number, text in extract_page_texts(file):
                batch.append(DocumentPage(document=document, number=number, text=text))
                if len(batch) == PAGE_BATCH:
                    DocumentPage.objects.bulk_create(batch)
                    batch = []
        DocumentPage.objects.bulk_create(batch)
        backend.add_pages([document.pk])
        index_reviews([document.review_id])


def rebuild_index(*, batch_size=50, progress=None):
    """Rebuild both indexes from the stored page texts and review records. `manage.py
    rebuild_search_index` and the benchmark use this; day to day the index follows each save."""
    backend = search_backend()
    with transaction.atomic():
        backend.rebuild_pages()
    review_ids = list(Review.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(review_ids), batch_size):
        chunk = review_ids[start : start + batch_size]
        index_reviews(chunk)
        if progress:
            progress(start + len(chunk), len(review_ids))


# Index upkeep follows saves made anywhere (the admin, commands, tests). A change of status
# needs no upkeep: searches only ever return reviews that are published at that moment.


def _review_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        index_reviews([instance.pk])


def _review_links_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if reverse:  # a theme or partnership gained or lost reviews
        ids = pk_set or []
        if action == "post_clear":
            return
        index_reviews(ids)
    else:
        index_reviews([instance.pk])


def _label_saved(sender, instance, created, raw=False, **kwargs):
    """A renamed theme or partnership changes what its reviews are found by."""
    if raw or created:
        return
    if isinstance(instance, Theme):
        reviews = Review.objects.filter(themes=instance)
    else:
        reviews = Review.objects.filter(Q(lead_partnership=instance) | Q(partnerships=instance))
    index_reviews(set(reviews.values_list("pk", flat=True)))


def _document_deleting(sender, instance, **kwargs):
    search_backend().remove_pages([instance.pk])


def _document_deleted(sender, instance, **kwargs):
    if Review.objects.filter(pk=instance.review_id).exists():
        index_reviews([instance.review_id])


def _review_deleted(sender, instance, **kwargs):
    search_backend().remove_reviews([instance.pk])


def connect_signals():
    """Called from ReviewsConfig.ready()."""
    post_save.connect(_review_saved, sender=Review, dispatch_uid="search_review_saved")
    post_delete.connect(_review_deleted, sender=Review, dispatch_uid="search_review_deleted")
    for through, name in [
        (Review.themes.through, "themes"),
        (Review.partnerships.through, "pships"),
    ]:
        m2m_changed.connect(_review_links_changed, sender=through, dispatch_uid=f"search_{name}")
    for model in (Theme, Partnership):
        post_save.connect(_label_saved, sender=model, dispatch_uid=f"search_{model.__name__}")
    pre_delete.connect(_document_deleting, sender=ReviewDocument, dispatch_uid="search_doc_del")
    post_delete.connect(_document_deleted, sender=ReviewDocument, dispatch_uid="search_doc_gone")


# ---------------------------------------------------------------------------------------------
# The two backends
# ---------------------------------------------------------------------------------------------

# Markers around highlighted words in snippets. Stored page text never contains them
# (documents.clean_page_text removes control characters), so they can be swapped for <mark>.
MARK_START, MARK_END = "\x02", "\x03"
SNIPPET_WORDS = 30


@dataclass(frozen=True)
class PageMatch:
    page_id: int
    review_id: int
    document_id: int
    number: int
    snippet: str = ""  # plain text with MARK_START / MARK_END


class SqliteFts5Backend:
    """FTS5 tables `reviews_review_fts` (rowid = review id) and `reviews_documentpage_fts`
    (external content over reviews_documentpage's text and document_id, rowid = page id)."""

    vendor = "sqlite"
    # bm25 weights: title (pseudonym and reference), partnerships, themes, summary, body
    WEIGHTS = "10.0, 3.0, 3.0, 2.0, 1.0"
    FIELDS = "{title partnerships themes summary}"

    @staticmethod
    def _phrase(words):
        return '"' + " ".join(word.replace('"', '""') for word in words) + '"'

    def _all_of(self, words):
        return " AND ".join(self._phrase([word]) for word in words)

    def _any_of(self, terms):
        return " OR ".join(self._phrase(term.words) for term in terms)

    def _any_word(self, words):
        return " OR ".join(self._phrase([word]) for word in words)

    def _execute(self, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    # Upkeep
    def add_reviews(self, entries):
        with connection.cursor() as cursor:
            cursor.executemany(
                "INSERT INTO reviews_review_fts"
                "(rowid, title, partnerships, themes, summary, body)"
                " VALUES (%s, %s, %s, %s, %s, %s)",
                [
                    (
                        entry.review_id,
                        entry.title,
                        entry.partnerships,
                        entry.themes,
                        entry.summary,
                        entry.body,
                    )
                    for entry in entries
                ],
            )

    def remove_reviews(self, review_ids):
        with connection.cursor() as cursor:
            cursor.executemany(
                "DELETE FROM reviews_review_fts WHERE rowid = %s", [(pk,) for pk in review_ids]
            )

    def add_pages(self, document_ids):
        for pk in document_ids:
            self._execute(
                "INSERT INTO reviews_documentpage_fts(rowid, text, document_id) "
                "SELECT id, text, document_id FROM reviews_documentpage WHERE document_id = %s",
                [pk],
            )

    def remove_pages(self, document_ids):
        # An external-content table forgets a row only when told its old text: do this before
        # the pages themselves are deleted.
        for pk in document_ids:
            self._execute(
                "INSERT INTO reviews_documentpage_fts"
                "(reviews_documentpage_fts, rowid, text, document_id) "
                "SELECT 'delete', id, text, document_id FROM reviews_documentpage "
                "WHERE document_id = %s",
                [pk],
            )

    def rebuild_pages(self):
        self._execute(
            "INSERT INTO reviews_documentpage_fts(reviews_documentpage_fts) VALUES ('rebuild')"
        )

    # Queries
    def match(self, words, exclude_words):
        expression = self._all_of(words)
        if exclude_words:
            expression = f"({expression}) NOT ({self._any_word(exclude_words)})"
        rows = self._execute(
            f"SELECT rowid, bm25(reviews_review_fts, {self.WEIGHTS}) FROM reviews_review_fts "  # noqa: S608 - constant weights
            "WHERE reviews_review_fts MATCH %s",
            [expression],
        )
        return {pk: -score for pk, score in rows}

    def with_any_word(self, words):
        rows = self._execute(
            "SELECT rowid FROM reviews_review_fts WHERE reviews_review_fts MATCH %s",
            [self._any_word(words)],
        )
        return {pk for (pk,) in rows}

    def with_phrase(self, words, among):
        phrase = f"text : {self._phrase(words)}"
        rows = self._execute(
            "SELECT d.review_id FROM reviews_documentpage_fts"
            " CROSS JOIN reviews_documentpage p ON p.id = reviews_documentpage_fts.rowid"
            " CROSS JOIN reviews_reviewdocument d ON d.id = p.document_id"
            " WHERE reviews_documentpage_fts MATCH %s"
            " UNION SELECT rowid FROM reviews_review_fts WHERE reviews_review_fts MATCH %s",
            [phrase, f"{self.FIELDS} : {self._phrase(words)}"],
        )
        return {pk for (pk,) in rows} & among

    # Naming the documents lets FTS5 walk their few pages rather than every page in the archive
    # that uses a common word.
    @staticmethod
    def _in_documents(documents):
        return "document_id : (" + " OR ".join(str(int(pk)) for pk in documents) + ")"

    def pages_with(self, terms, documents):
        places = {
            page_id: (document_id, number)
            for page_id, document_id, number in self._execute(
                "SELECT id, document_id, number FROM reviews_documentpage"  # a covering index
                f" WHERE document_id IN ({_in_list(documents)})",
                list(documents),
            )
        }
        found = {}
        for term in terms:
            rows = self._execute(
                "SELECT rowid FROM reviews_documentpage_fts"
                " WHERE reviews_documentpage_fts MATCH %s",
                [f"{self._in_documents(documents)} AND text : {self._phrase(term.words)}"],
            )
            found[term] = {page_id: places[page_id] for (page_id,) in rows}
        return found

    def rank_pages(self, terms, documents):
        rows = self._execute(
            "SELECT rowid, bm25(reviews_documentpage_fts, 1.0, 0.0)"
            " FROM reviews_documentpage_fts WHERE reviews_documentpage_fts MATCH %s",
            [f"{self._in_documents(documents)} AND text : ({self._any_of(terms)})"],
        )
        return {page_id: -score for page_id, score in rows}  # bm25: lower is better

    def snippets(self, page_ids, terms):
        rows = self._execute(
            "SELECT rowid, snippet(reviews_documentpage_fts, 0, %s, %s, '…', %s)"
            " FROM reviews_documentpage_fts WHERE reviews_documentpage_fts MATCH %s"
            f" AND rowid IN ({', '.join(str(int(pk)) for pk in page_ids)})",
            [MARK_START, MARK_END, SNIPPET_WORDS, f"text : ({self._any_of(terms)})"],
        )
        return {page_id: snippet or "" for page_id, snippet in rows}


class PostgresBackend:
    """GIN-indexed `search_vector` columns on Review (weighted A-D) and DocumentPage."""

    vendor = "postgresql"
    CONFIG = "english"
    # ts_rank weights for D, C, B, A
    WEIGHTS = [0.1, 0.3, 0.5, 1.0]

    def _word(self, word):
        from django.contrib.postgres.search import SearchQuery

        return SearchQuery(word, config=self.CONFIG, search_type="plain")

    def _term(self, term):
        from django.contrib.postgres.search import SearchQuery

        kind = "phrase" if term.is_phrase else "plain"
        return SearchQuery(" ".join(term.words), config=self.CONFIG, search_type=kind)

    # Upkeep
    def add_reviews(self, entries):
        from django.contrib.postgres.search import SearchVector

        def vector(text, weight):
            return SearchVector(Value(text), weight=weight, config=self.CONFIG)

        for entry in entries:
            Review.objects.filter(pk=entry.review_id).update(
                search_vector=(
                    vector(entry.title, "A")
                    + vector(f"{entry.partnerships} {entry.themes}", "B")
                    + vector(entry.summary, "C")
                    + vector(entry.body, "D")
                )
            )

    def remove_reviews(self, review_ids):
        Review.objects.filter(pk__in=review_ids).update(search_vector=None)

    def add_pages(self, document_ids):
        from django.contrib.postgres.search import SearchVector

        DocumentPage.objects.filter(document_id__in=document_ids).update(
            search_vector=SearchVector("text", config=self.CONFIG)
        )

    def remove_pages(self, document_ids):
        """The page's vector is deleted with the page."""

    def rebuild_pages(self):
        from django.contrib.postgres.search import SearchVector

        DocumentPage.objects.update(search_vector=SearchVector("text", config=self.CONFIG))

    # Queries
    def match(self, words, exclude_words):
        from django.contrib.postgres.search import SearchRank

        query = reduce(and_, [self._word(word) for word in words])
        for word in exclude_words:
            query &= ~self._word(word)
        rows = (
            Review.objects.filter(search_vector=query)
            .annotate(score=SearchRank(F("search_vector"), query, weights=self.WEIGHTS))
            .order_by()
            .values_list("pk", "score")
        )
        return dict(rows)

    def with_any_word(self, words):
        query = reduce(or_, [self._word(word) for word in words])
        return set(
            Review.objects.filter(search_vector=query).order_by().values_list("pk", flat=True)
        )

    def with_phrase(self, words, among):
        from django.contrib.postgres.search import SearchVector

        query = self._term(Term(words=tuple(words)))
        found = (
            set(
                DocumentPage.objects.filter(search_vector=query)
                .order_by()
                .values_list("document__review_id", flat=True)
                .distinct()
            )
            & among
        )
        rest = among - found
        if rest:
            fields = SearchVector(
                "pseudonym",
                "reference",
                "summary",
                "lead_partnership__name",
                "lead_partnership__short_name",
                "partnerships__name",
                "partnerships__short_name",
                "themes__name",
                config=self.CONFIG,
            )
            found |= set(
                Review.objects.filter(pk__in=rest)
                .annotate(fields=fields)
                .filter(fields=query)
                .order_by()
                .values_list("pk", flat=True)
            )
        return found

    def pages_with(self, terms, documents):
        found = {}
        for term in terms:
            rows = (
                DocumentPage.objects.filter(
                    document_id__in=documents, search_vector=self._term(term)
                )
                .order_by()
                .values_list("pk", "document_id", "number")
            )
            found[term] = {page_id: (document_id, number) for page_id, document_id, number in rows}
        return found

    def rank_pages(self, terms, documents):
        from django.contrib.postgres.search import SearchRank

        any_term = reduce(or_, [self._term(term) for term in terms])
        return dict(
            DocumentPage.objects.filter(document_id__in=documents, search_vector=any_term)
            .annotate(score=SearchRank(F("search_vector"), any_term))
            .order_by()
            .values_list("pk", "score")
        )

    def snippets(self, page_ids, terms):
        from django.contrib.postgres.search import SearchHeadline

        any_term = reduce(or_, [self._term(term) for term in terms])
        rows = (
            DocumentPage.objects.filter(pk__in=page_ids)
            .annotate(
                snippet=SearchHeadline(
                    "text",
                    any_term,
                    config=self.CONFIG,
                    start_sel=MARK_START,
                    stop_sel=MARK_END,
                    max_words=SNIPPET_WORDS,
                    min_words=SNIPPET_WORDS // 2,
                )
            )
            .order_by()
            .values_list("pk", "snippet")
        )
        return {page_id: snippet or "" for page_id, snippet in rows}


BACKENDS = {backend.vendor: backend for backend in (SqliteFts5Backend, PostgresBackend)}


def search_backend():
    """The backend for the database in use."""
    try:
        return BACKENDS[connection.vendor]()
    except KeyError:
        raise NotImplementedError(
            f"Search supports SQLite and PostgreSQL, not {connection.vendor}."
        ) from None


def matching_review_ids(query):
    """{review id: score} for the reviews that match a non-empty query, whatever their status
    (search_reviews keeps only the published ones)."""
    backend = search_backend()
    words = query.required_words
    exclude_words = [term.words[0] for term in query.excluded if not term.is_phrase]
    if words:
        scores = backend.match(words, exclude_words)
    else:
        # Only exclusions: every review except those that use an excluded word.
        excluded = backend.with_any_word(exclude_words) if exclude_words else set()
        scores = {
            pk: 0.0
            for pk in Review.objects.order_by().values_list("pk", flat=True)
            if pk not in excluded
        }
    for term in query.included:
        if term.is_phrase and scores:
            keep = backend.with_phrase(term.words, set(scores))
            scores = {pk: score for pk, score in scores.items() if pk in keep}
    for term in query.excluded:
        if term.is_phrase and scores:
            drop = backend.with_phrase(term.words, set(scores))
            scores = {pk: score for pk, score in scores.items() if pk not in drop}
    return scores


def best_pages(query, documents):
    """{review id: PageMatch} for the best page of each review among `documents` (the reviews'
    ReviewDocuments, in the order each review lists them), with a snippet.

    The best page is the one that the query's *telling* terms rank highest: the terms on at
    most half of these documents' pages (bm25 on SQLite, ts_rank on PostgreSQL). A term on more
    than half of them, such as "police", tells nothing about which page is best (bm25 gives a
    term on more than half of all pages no weight at all). Pages with no telling term, and every
    page when no term is telling, come after, those with more of the query's terms first. Ties
    go to the first page of the first document. Ranking only the telling terms also keeps a
    common word cheap: bm25 counts every page in the archive that has a word before it scores
    any page, several milliseconds for a word on nearly every page.
    """
    if not query.included or not documents:
        return {}
    backend = search_backend()
    ids = [document.pk for document in documents]
    having = backend.pages_with(query.included, ids)
    candidates = {}
    for pages in having.values():
        candidates.update(pages)
    if not candidates:
        return {}
    page_count = sum(document.page_count for document in documents)
    telling = [term for term in query.included if len(having[term]) * 2 <= page_count]
    ranks = backend.rank_pages(telling, ids) if telling else {}
    order = {pk: position for position, pk in enumerate(ids)}
    review_of = {document.pk: document.review_id for document in documents}
    best = {}
    for page_id, (document_id, number) in candidates.items():
        if page_id in ranks:
            rank = (0, -ranks[page_id])
        else:
            rank = (1, -sum(page_id in pages for pages in having.values()))
        key = (rank, order[document_id], number)
        review_id = review_of[document_id]
        if review_id not in best or key < best[review_id][0]:
            best[review_id] = (key, page_id)
    chosen = [page_id for _key, page_id in best.values()]
    snippets = backend.snippets(chosen, query.included)
    return {
        review_of[candidates[page_id][0]]: PageMatch(
            page_id,
            review_of[candidates[page_id][0]],
            *candidates[page_id],
            snippets.get(page_id, ""),
        )
        for page_id in chosen
    }


# ---------------------------------------------------------------------------------------------
# Facets, sorting and the search itself
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]


FACETS = [
    ("partnership", _("Partnership")),
    ("nation", _("Nation")),
    ("type", _("Review type")),
    ("case_type", _("Case type")),
    ("theme", _("Theme")),
    ("year", _("Year published")),
    ("year_of_death", _("Year of death")),
]
FACET_NAMES = [name for name, _label in FACETS]


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = [
        (RELEVANCE, _("Most relevant")),
        (NEWEST, _("Newest first")),
        (OLDEST, _("Oldest first")),
    ]


def _in_list(values):
    """SQL placeholders for a list of values (never empty: callers check)."""
    return ", ".join(["%s"] * len(values))


def _bitmap(ids):
    """An int with bit n set for each id n."""
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        bits[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(bits, "little")


@dataclass
class FacetBitmaps:
    """What the facets and the sorts need to know of every review, whatever its status: for
    each facet value, the reviews that have it as a bitmap (bit n for review n), so that the
    count beside an option is one AND and one bit count however many reviews there are; each
    review's date and pseudonym, for sorting; and the labels of every partnership and theme.

    Each process keeps one while nothing public changes (see dhrsite/caching.py: any change
    to a review, partnership or theme draws a new generation; facet_bitmaps() says when else).
    Whether a review is published is never kept: every search asks the database, because the
    published rule depends on the clock as well as on saves."""

    generation: str
    made: float  # time.monotonic()
    bitmaps: dict  # facet -> {value: bitmap}
    labels: dict  # "partnership" and "theme" -> {slug: name}
    sort_keys: dict  # review id -> (published_on or None, pseudonym)

    @classmethod
    def load(cls, generation):
        partnerships = {
            pk: (slug, name, nation)
            for pk, slug, name, nation in Partnership.objects.values_list(
                "pk", "slug", "name", "nation"
            )
        }
        themes = {
            pk: (slug, name) for pk, slug, name in Theme.objects.values_list("pk", "slug", "name")
        }
        joint = defaultdict(list)
        for review_id, partnership_id in Review.partnerships.through.objects.values_list(
            "review_id", "partnership_id"
        ):
            joint[review_id].append(partnership_id)
        themed = defaultdict(list)
        for review_id, theme_id in Review.themes.through.objects.values_list(
            "review_id", "theme_id"
        ):
            themed[review_id].append(theme_id)
        holders = {name: defaultdict(list) for name in FACET_NAMES}
        sort_keys = {}
        reviews = Review.objects.order_by().values_list(
            "pk",
            "lead_partnership_id",
            "review_type",
            "case_type",
            "published_on",
            "year_of_death",
            "pseudonym",
        )
        for pk, lead, review_type, case_type, published_on, died, pseudonym in reviews:
            linked = [partnerships[lead], *(partnerships[p] for p in joint.get(pk, ()))]
            values = {
                "partnership": {slug for slug, _name, _nation in linked},
                "nation": {nation for _slug, _name, nation in linked},
                "type": {review_type},
                "case_type": {case_type} if case_type else set(),
                "theme": {themes[theme][0] for theme in themed.get(pk, ())},
                "year": {str(published_on.year)} if published_on else set(),
                "year_of_death": {str(died)} if died is not None else set(),
            }
            for name, found in values.items():
                for value in found:
                    holders[name][value].append(pk)
            sort_keys[pk] = (published_on, pseudonym)
        return cls(
            generation=generation,
            made=time.monotonic(),
            bitmaps={
                name: {value: _bitmap(ids) for value, ids in values.items()}
                for name, values in holders.items()
            },
            labels={
                "partnership": {slug: name for slug, name, _nation in partnerships.values()},
                "theme": dict(themes.values()),
            },
            sort_keys=sort_keys,
        )


_facet_bitmaps = None  # this process's FacetBitmaps


def facet_bitmaps(review_ids=()):
    """This process's FacetBitmaps, made again when anything public has changed or when it
    does not know one of `review_ids`. Without a shared cache (Redis) a change made in another
    process goes unheard, so there they are kept no longer than pages are."""
    from dhrsite.caching import public_generation

    global _facet_bitmaps  # noqa: PLW0603 - one per process, replaced whole
    try:
        generation = public_generation()
    except Exception:  # noqa: BLE001 - without a cache, the facts are read every time
        generation = None
    kept = _facet_bitmaps
    if (
        kept is None
        or generation is None
        or kept.generation != generation
        or (
            not settings.DHR_CACHE_SHARED
            and time.monotonic() - kept.made >= settings.DHR_PAGE_CACHE_SECONDS
        )
        or any(pk not in kept.sort_keys for pk in review_ids)
    ):
        kept = FacetBitmaps.load(generation)
        _facet_bitmaps = kept if generation is not None else None
    return kept


def _known_labels(selected, facts, published):
    """{facet: {value: label}} for the chosen values that exist: the choices' labels, every
    partnership and theme, and the years of `published` reviews (their ids). Other chosen
    values are dropped."""
    known = {}
    for name, values in selected.items():
        if name in CHOICE_LABELS:
            labels = dict(CHOICE_LABELS[name])
            known[name] = {value: labels[value] for value in values if value in labels}
        elif name in facts.labels:
            labels = facts.labels[name]
            known[name] = {value: labels[value] for value in values if value in labels}
        else:
            published_bits = _bitmap(published)
            bitmaps = facts.bitmaps[name]
            known[name] = {
                value: value for value in values if bitmaps.get(value, 0) & published_bits
            }
    return known


def _results_and_counts(facts, pool_ids, chosen, sort):
    """The ids of the results among `pool_ids` (published reviews the query matched), newest
    or oldest first (undated last, then by pseudonym), and {facet: {value: count}}: each
    facet's values counted among the reviews that the query and every other facet's choices
    allow, so that ticking an option shows exactly that many reviews."""
    pool = _bitmap(pool_ids)
    allowed = {
        name: pool & reduce(or_, (facts.bitmaps[name].get(value, 0) for value in values), 0)
        for name, values in chosen.items()
    }
    counts = {}
    for name in FACET_NAMES:
        among = reduce(and_, (bits for other, bits in allowed.items() if other != name), pool)
        counts[name] = {
            value: found
            for value, bits in facts.bitmaps[name].items()
            if (found := (among & bits).bit_count())
        }
    if allowed:
        results = reduce(and_, allowed.values(), pool)
        review_ids = [pk for pk in pool_ids if results >> pk & 1]
    else:
        review_ids = list(pool_ids)
    keys = facts.sort_keys
    review_ids.sort(key=lambda pk: (keys[pk][1], pk))  # pseudonym, then id
    dated = [pk for pk in review_ids if keys[pk][0]]
    dated.sort(key=lambda pk: keys[pk][0], reverse=sort != Sort.OLDEST)  # stable
    return dated + [pk for pk in review_ids if not keys[pk][0]], counts


@dataclass
class SearchResults:
    query: ParsedQuery
    sort: str
    review_ids: list  # every matching review, in order
    facets: list  # of Facet
    scores: dict  # review id -> relevance (empty without a query)

    @property
    def count(self):
        return len(self.review_ids)


@dataclass
class SearchHit:
    """One review on a page of results, with where in its documents the query matched."""

    review: Review
    document: ReviewDocument = None
    page_number: int = None
    snippet: str = ""

    @property
    def page_url(self):
        if self.document is None:
            return ""
        return f"{self.document.get_absolute_url()}#page={self.page_number}"


def snippet_html(text):
    """Escape a snippet and turn its markers into <mark> elements."""
    escaped = html.escape(text)
    opened = escaped.count(MARK_START)
    closed = escaped.count(MARK_END)
    if opened != closed:  # never leave an element open
        escaped = escaped.replace(MARK_START, "").replace(MARK_END, "")
    return mark_safe(  # noqa: S308 - the text was escaped above; only our markers become tags
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    )


def highlight_text(text, words, limit=60):
    """A short extract of plain text with the query's words marked (for summaries)."""
    tokens = re.split(r"(\s+)", text)
    stems = [word[: max(4, len(word) - 2)] if len(word) > 4 else word for word in words]
    first = None
    for index, token in enumerate(tokens):
        folded = "".join(words_of(token))
        if folded and any(
            folded == w or folded.startswith(s) for w, s in zip(words, stems, strict=True)
        ):
            tokens[index] = f"{MARK_START}{token}{MARK_END}"
            first = index if first is None else first
    if first is None:
        return ""
    start = max(0, first - 20)
    extract = "".join(tokens[start : start + limit * 2]).strip()
    prefix = "… " if start else ""
    suffix = " …" if start + limit * 2 < len(tokens) else ""
    return f"{prefix}{extract}{suffix}"


CHOICE_LABELS = {
    "nation": Nation.choices,
    "type": Review.ReviewType.choices,
    "case_type": Review.CaseType.choices,
}


def search_reviews(query, selected=None, sort=None, register=None, matcher=None):
    """Search the published reviews.

    `query` is a ParsedQuery; `selected` maps facet names to sets of chosen values (unknown
    values are dropped); `sort` is one of Sort's values (relevance is the default with a query,
    newest without). Returns SearchResults: every matching review id in order, and the facets
    with a count beside each option. A facet's counts apply the query and every other facet's
    choices, so ticking an option shows exactly that many reviews (options within one facet
    widen the search; different facets narrow it).

    The database says which reviews are published at this moment; the counting, filtering and
    ordering use this process's FacetBitmaps (see there), one AND and one bit count for each
    option, however many reviews there are. `matcher(query) -> {review id: score}` finds the
    reviews that match a query (of any status: the published rule is applied here); it
    defaults to the index (`matching_review_ids`). The benchmark passes a plain scan instead,
    to compare the two doing the same job. `register` is accepted for older callers and unused.
    """
    selected = {
        name: {value for value in values if isinstance(value, str)}
        for name, values in (selected or {}).items()
        if name in FACET_NAMES
    }
    matcher = matcher or matching_review_ids
    scores = matcher(query) if query else {}
    published = sorted(Review.objects.published().order_by().values_list("pk", flat=True))
    pool_ids = [pk for pk in published if pk in scores] if query else published
    facts = facet_bitmaps(pool_ids)
    known = _known_labels(
        {name: values for name, values in selected.items() if values}, facts, published
    )
    chosen = {name: set(known[name]) for name in FACET_NAMES if known.get(name)}

    if sort not in {Sort.RELEVANCE, Sort.NEWEST, Sort.OLDEST}:
        sort = Sort.RELEVANCE if query else Sort.NEWEST
    review_ids, counts = _results_and_counts(
        facts, pool_ids, chosen, Sort.OLDEST if sort == Sort.OLDEST else Sort.NEWEST
    )
    if sort == Sort.RELEVANCE and query:
        review_ids.sort(key=lambda pk: -scores[pk])  # stable: ties stay newest first
    labels = {name: facts.labels.get(name, {}) for name in FACET_NAMES}

    facets = []
    for name, label in FACETS:
        found = counts[name]
        choice_labels = dict(CHOICE_LABELS.get(name, ()))
        options = []
        for value in set(found) | chosen.get(name, set()):
            text = labels[name].get(value) or known.get(name, {}).get(value) or value
            options.append(
                FacetOption(
                    value=value,
                    label=str(choice_labels.get(value, text)),
                    count=found.get(value, 0),
                    selected=value in chosen.get(name, ()),
                )
            )
        if name in {"year", "year_of_death"}:
            options.sort(key=lambda option: option.value, reverse=True)
        elif name in CHOICE_LABELS:
            order = list(choice_labels)
            options.sort(
                key=lambda option: (
                    order.index(option.value) if option.value in order else len(order)
                )
            )
        else:
            options.sort(key=lambda option: option.label.casefold())
        facets.append(Facet(name=name, label=label, options=options))

    return SearchResults(
        query=query,
        sort=sort,
        review_ids=review_ids,
        facets=facets,
        scores=scores,
    )


def hits_for(review_ids, query):
    """The reviews of one page of results, in order, each with its best page and snippet."""
    # The stored search vector is large and only the database needs it.
    reviews = (
        Review.objects.published().filter(pk__in=review_ids).defer("search_vector").for_listing()
    )
    by_id = {review.pk: review for review in reviews}
    ordered = [by_id[pk] for pk in review_ids if pk in by_id]
    documents = [document for review in ordered for document in review.documents.all()]
    pages = best_pages(query, documents) if query else {}
    hits = []
    for review in ordered:
        page = pages.get(review.pk)
        if page:
            document = next((d for d in review.documents.all() if d.pk == page.document_id), None)
            hits.append(SearchHit(review, document, page.number, snippet_html(page.snippet)))
        elif query:
            text = highlight_text(review.summary, sorted(query.highlight_words))
            hits.append(SearchHit(review, snippet=snippet_html(text)))
        else:
            hits.append(SearchHit(review))
    return hits
