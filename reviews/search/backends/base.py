"""The interface each search engine implements, so that nothing above it knows which is in use.

The upkeep half keeps the two indexes (see reviews.search.indexing); the query half answers
questions in terms of review ids, page ids and scores. Review queries answer for reviews of
any status: the caller keeps only the published ones. Scores are only compared with others
from the same call, higher meaning better.
"""

from collections.abc import Collection, Iterable, Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..query import Term


class IndexUpkeep(Protocol):
    """Keeping the review index and the page index in step with the database."""

    def add_reviews(self, entries: Iterable) -> None:
        """Index these reviews, one indexing.ReviewIndexEntry each (not imported here: the
        indexing module imports the backends). Returns nothing; the caller has removed any
        older entries for them in the same transaction."""

    def remove_reviews(self, review_ids: Iterable[int]) -> None:
        """Forget these reviews' entries. Returns nothing."""

    def add_pages(self, document_ids: Iterable[int]) -> None:
        """Index the stored pages of these documents. Returns nothing."""

    def remove_pages(self, document_ids: Iterable[int]) -> None:
        """Forget these documents' pages. Returns nothing; called while the pages still exist,
        because an engine may need their old text to forget them."""

    def rebuild_pages(self) -> None:
        """Index every stored page afresh. Returns nothing."""

    def clear(self) -> None:
        """Forget every entry of both indexes: the reviews and pages they came from were
        deleted around them (`manage.py flush`). Returns nothing."""


class Matches(Protocol):
    """The reviews a query's words match: every id at once, scores only for those asked about.

    A search with filters ranks only the reviews they leave (a common word matches most of
    the archive, its filters a few dozen of them), so an engine that pays for each score may
    put ranking off until `scores` is called."""

    ids: set[int]

    def scores(self, review_ids: Collection[int]) -> dict[int, float]:
        """{review id: score} for these ids, all of them from `ids`. An id that has stopped
        matching since may be left out."""


class ScoredMatches:
    """Matches whose scores came with them, from an engine that ranks as it matches."""

    def __init__(self, scores: dict[int, float]):
        self._scores = scores
        self.ids = set(scores)

    def scores(self, review_ids):
        return {pk: self._scores[pk] for pk in review_ids}


class SearchQueries(Protocol):
    """Which reviews a query's words match, and which of their pages show it best."""

    def match(
        self, words: Sequence[str], exclude_words: Sequence[str], *, rank_now: bool = False
    ) -> Matches:
        """The reviews whose entry has every one of `words` (or another form of it) and none
        of `exclude_words`. `words` is never empty. `rank_now`: every match's score will be
        asked for (no filter narrows them), so an engine that ranks only when asked should
        rank them in the match itself."""

    def with_any_word(self, words: Sequence[str]) -> set[int]:
        """The ids of the reviews whose entry has at least one of `words`."""

    def with_phrase(self, words: Sequence[str], among: set[int]) -> set[int]:
        """The ids in `among` of the reviews that have `words` together and in order, on one
        page of a document or in one of the review's own fields."""

    def pages_with(
        self, terms: "Sequence[Term]", documents: Sequence[int]
    ) -> "dict[Term, dict[int, tuple[int, int]]]":
        """For each term, {page id: (document id, page number)} for the pages of these
        documents that have it (a phrase's words together). Every term is a key."""

    def rank_pages(self, terms: "Sequence[Term]", documents: Sequence[int]) -> dict[int, float]:
        """{page id: score} for the pages of these documents that have any of `terms`."""

    def snippets(self, page_ids: Collection[int], terms: "Sequence[Term]") -> dict[int, str]:
        """{page id: a short extract of its text around the terms}, as plain text with the
        matches between highlight.MARK_START and MARK_END. A page may be left out."""


class SearchBackend(IndexUpkeep, SearchQueries, Protocol):
    """A full-text engine: both halves, for the database vendor it names."""

    vendor: str
