"""Which reviews a parsed query matches, asked of a backend in the few questions it answers.

Kept apart from the engines so that every engine, and the benchmark's plain scan, gives the
query language the same meaning: every word, each phrase together, no excluded word or phrase.
"""

from ..models import Review
from .backends.base import ScoredMatches


def match(query, backend, *, rank_now=False):
    """(the ids of the reviews a non-empty query matches, whatever their status; the
    backend's Matches, which scores any of them). The caller keeps only the published ones,
    and asks for scores only for those its filters leave; `rank_now` says it will ask for
    every one's."""
    words = query.required_words
    exclude_words = [term.words[0] for term in query.excluded if not term.is_phrase]
    if words:
        matches = backend.match(words, exclude_words, rank_now=rank_now)
    else:
        # Only exclusions: every review except those that use an excluded word, all alike.
        excluded = backend.with_any_word(exclude_words) if exclude_words else set()
        matches = ScoredMatches(
            {
                pk: 0.0
                for pk in Review.objects.order_by().values_list("pk", flat=True)
                if pk not in excluded
            }
        )
    ids = matches.ids
    for term in query.included:
        if term.is_phrase and ids:
            ids = backend.with_phrase(term.words, ids)
    for term in query.excluded:
        if term.is_phrase and ids:
            ids = ids - backend.with_phrase(term.words, ids)
    return ids, matches
