"""Which reviews a parsed query matches, asked of a backend in the few questions it answers.

Kept apart from the engines so that every engine, and the benchmark's plain scan, gives the
query language the same meaning: every word, each phrase together, no excluded word or phrase.
"""

from ..models import Review


def match_scores(query, backend):
    """{review id: score} for the reviews that match a non-empty query, whatever their status
    (the caller keeps only the published ones)."""
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
