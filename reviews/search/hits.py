"""The reviews on one page of results, each with where in its documents the query matched.

Only the reviews shown are read in full, and only their documents' pages are ranked, so this
costs the same whatever the size of the archive.
"""

from dataclasses import dataclass

from ..models import Review, ReviewDocument
from .highlight import highlight_text, snippet_html


@dataclass(frozen=True)
class PageMatch:
    page_id: int
    review_id: int
    document_id: int
    number: int
    snippet: str = ""  # plain text with MARK_START / MARK_END


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


def best_pages(query, documents, backend):
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


def hits_for(review_ids, query, backend):
    """The published reviews among `review_ids`, in that order, each with its best page and
    snippet; a review matched only by its own fields shows its summary, highlighted."""
    # The stored search vector is large and only the database needs it.
    reviews = (
        Review.objects.published().filter(pk__in=review_ids).defer("search_vector").for_listing()
    )
    by_id = {review.pk: review for review in reviews}
    ordered = [by_id[pk] for pk in review_ids if pk in by_id]
    documents = [document for review in ordered for document in review.documents.all()]
    pages = best_pages(query, documents, backend) if query else {}
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
