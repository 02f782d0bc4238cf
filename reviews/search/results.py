"""A search of the published reviews, as a page of results shows it: the one call a view makes.

Only published reviews: the index answers which reviews match; the database then says which
of them are not published at that moment (`facets.published_reviews`), so drafts, withdrawn
reviews and their documents never reach results or counts, even if the index has not caught
up with a change of status.

Where the time goes: a search is a fixed number of statements whatever the size of the
archive. The match (in the engine's index) and the few reviews that are not published; the
facet counts and the order by date are then worked out in memory from this process's
FacetBitmaps; in order of relevance, only the reviews the filters leave are ranked; then, for
the reviews on the page only, their records and each one's best page and snippet.
"""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from .backends import search_backend
from .facets import (
    FACET_NAMES,
    FacetFilter,
    chosen_labels,
    facets_with_counts,
    published_reviews,
)
from .hits import hits_for
from .matching import match
from .query import ParsedQuery

RESULTS_PER_PAGE = 20


class Sort:
    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"
    CHOICES = [
        (RELEVANCE, _("Most relevant")),
        (NEWEST, _("Newest first")),
        (OLDEST, _("Oldest first")),
    ]


@dataclass
class SearchResults:
    """One page of a search: the reviews on it, the filters with their counts, the total."""

    query: ParsedQuery
    sort: str  # the order in force: the one asked for, or the default
    facets: list  # of Facet, each option with how many reviews ticking it would show
    page: Page  # of review ids, for the links to other pages
    hits: list  # a SearchHit for each review on this page, in order

    @property
    def count(self):
        """How many published reviews match, on every page."""
        return self.page.paginator.count

    @property
    def paginator(self):
        return self.page.paginator


def search(query, selected=None, sort=None, *, page=None, per_page=RESULTS_PER_PAGE, backend=None):
    """One page of the published reviews that match.

    `query` is a ParsedQuery; `selected` maps facet names to sets of chosen values (unknown
    ones are dropped); `sort` is one of Sort's values (relevance is the default with a query,
    newest without). `page` is the page number as given in the address: one that is not a
    number, or out of range, gives the nearest real page. `backend` answers the query's
    questions (the database's own engine unless told otherwise; the benchmark passes a scan).
    """
    backend = backend or search_backend()
    found = _Found.of(query, selected, sort, backend)
    shown = Paginator(found.review_ids(), per_page).get_page(page)
    return SearchResults(
        query=query,
        sort=found.sort,
        facets=facets_with_counts(found.facts, found.narrowed.option_counts(), found.known),
        page=shown,
        hits=hits_for(list(shown.object_list), query, backend),
    )


def search_facets(query, selected=None, *, backend=None):
    """Every facet with its counts, as `search` gives them, without the page of results (a
    facet's page of all its options, /reviews/filters/<name>/, shows only them)."""
    found = _Found.of(query, selected, Sort.NEWEST, backend or search_backend())
    return facets_with_counts(found.facts, found.narrowed.option_counts(), found.known)


def selection(query, selected=None, *, backend=None):
    """(the ids of every published review that matches, newest first; every facet with its
    counts): what /insights/ charts and how it says what was chosen, from one match."""
    found = _Found.of(query, selected, Sort.NEWEST, backend or search_backend())
    facets = facets_with_counts(found.facts, found.narrowed.option_counts(), found.known)
    return found.review_ids(), facets


def matching_reviews_in_order(query, selected=None, sort=None, *, backend=None):
    """The ids of every published review that matches, in the order `search` lists them, with
    no page, hits or counts (the open data downloads read the reviews themselves)."""
    return _Found.of(query, selected, sort, backend or search_backend()).review_ids()


def _sort_order(sort, query):
    if sort in {Sort.RELEVANCE, Sort.NEWEST, Sort.OLDEST}:
        return sort
    return Sort.RELEVANCE if query else Sort.NEWEST


@dataclass
class _Found:
    """The published reviews a query matches, narrowed by the chosen filters, not yet ordered
    or counted."""

    query: ParsedQuery
    sort: str
    matches: object  # the backend's Matches, which scores them (None without a query)
    facts: object  # this process's FacetBitmaps
    known: dict  # the chosen options that exist: {facet: {value: label}}
    narrowed: FacetFilter

    @classmethod
    def of(cls, query, selected, sort, backend):
        sort = _sort_order(sort, query)
        facts, published = published_reviews()
        known = chosen_labels(selected, facts, published)
        chosen = {name: set(known[name]) for name in FACET_NAMES if known.get(name)}
        matches = None
        if query:
            # With no filter chosen, every match is ranked: an engine may as well rank them
            # as it finds them. With filters, only the few they leave are ranked, later.
            rank_now = sort == Sort.RELEVANCE and not chosen
            matched, matches = match(query, backend, rank_now=rank_now)
        pool_ids = [pk for pk in published if pk in matched] if query else published
        return cls(
            query=query,
            sort=sort,
            matches=matches,
            facts=facts,
            known=known,
            narrowed=FacetFilter(facts, pool_ids, chosen),
        )

    def review_ids(self):
        """Newest or oldest first (undated last, then by pseudonym); by relevance if asked,
        equally relevant ones newest first."""
        review_ids = self.narrowed.review_ids(oldest_first=self.sort == Sort.OLDEST)
        if self.sort == Sort.RELEVANCE and self.query:
            # Only the reviews the filters left are ranked (one whose entry changed since the
            # match may have no score: it goes last).
            scores = self.matches.scores(review_ids)
            review_ids.sort(key=lambda pk: scores.get(pk, 0.0), reverse=True)  # stable
        return review_ids
