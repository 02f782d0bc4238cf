"""Full-text search over published reviews: one interface, two database engines.

A review's pseudonym and reference, its partnerships' names, its themes, its summary and the
text of its documents are searched. The package, one concern to a module:

    query      what people type, parsed into words, phrases and exclusions
    indexing   what the indexes hold, and keeping them up to date as records change
    backends   the interface (base) and its engines: SQLite FTS5, PostgreSQL tsvectors
    matching   which reviews a query matches, asked of a backend
    facets     the filters: bitmaps, counts and the options as the page lists them
    hits       the reviews on one page, each with its best page and snippet
    highlight  marking the query's words in snippets and summaries
    results    `search` (one page of results) and `matching_reviews_in_order`

The names below are the ones other code uses.
"""

from .backends import SearchBackend, search_backend
from .facets import FACET_NAMES, FACETS, Facet, FacetOption
from .highlight import MARK_END, MARK_START, highlight_text, snippet_html
from .hits import SearchHit
from .indexing import connect_signals, index_reviews, rebuild_index
from .query import MAX_QUERY_LENGTH, STOP_WORDS, ParsedQuery, Term, parse_query, words_of
from .results import SearchResults, Sort, matching_reviews_in_order, search, search_facets

__all__ = [
    "FACETS",
    "FACET_NAMES",
    "MARK_END",
    "MARK_START",
    "MAX_QUERY_LENGTH",
    "STOP_WORDS",
    "Facet",
    "FacetOption",
    "ParsedQuery",
    "SearchBackend",
    "SearchHit",
    "SearchResults",
    "Sort",
    "Term",
    "connect_signals",
    "highlight_text",
    "index_reviews",
    "matching_reviews_in_order",
    "parse_query",
    "rebuild_index",
    "search",
    "search_backend",
    "search_facets",
    "snippet_html",
    "words_of",
]
