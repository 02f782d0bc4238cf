"""PostgreSQL: both indexes are GIN-indexed `search_vector` columns (Review and DocumentPage)."""

from functools import reduce
from operator import and_, or_

from django.db.models import F, Value

from ...models import DocumentPage, Review, among
from ..highlight import MARK_END, MARK_START, SNIPPET_WORDS
from ..query import Term
from .base import ScoredMatches


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

    def clear(self):
        """The vectors are columns of the rows that were deleted."""

    # Queries
    def match(self, words, exclude_words, *, rank_now=False):
        from django.contrib.postgres.search import SearchRank

        query = reduce(and_, [self._word(word) for word in words])
        for word in exclude_words:
            query &= ~self._word(word)
        matching = Review.objects.filter(search_vector=query).order_by()
        if rank_now:
            rank = SearchRank(F("search_vector"), query, weights=self.WEIGHTS)
            return ScoredMatches(dict(matching.annotate(score=rank).values_list("pk", "score")))
        return _RankedLater(set(matching.values_list("pk", flat=True)), query, self.WEIGHTS)

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


class _RankedLater:
    """Matches ranked only when asked, for the reviews a search's filters leave. Ranking all of
    a common word's matches (at 10,000 reviews, every one) to keep the few dozen the filters
    leave cost such a search about a sixth of its time (BENCHMARKS.md)."""

    def __init__(self, ids, query, weights):
        self.ids, self._query, self._weights = ids, query, weights

    def scores(self, review_ids):
        from django.contrib.postgres.search import SearchRank

        if not review_ids:
            return {}
        return dict(
            Review.objects.filter(pk__in=among(review_ids))
            .annotate(score=SearchRank(F("search_vector"), self._query, weights=self._weights))
            .order_by()
            .values_list("pk", "score")
        )
