"""What the search index holds, and keeping it up to date as records change.

Two indexes, on either engine:

* a review index with one entry per review: pseudonym and reference weigh most, then
  partnerships and themes, then the summary, then a digest of the words in the review's
  documents (`word_digest`). Which reviews contain every word, how they rank, and the counts
  beside each filter all come from this small index, so a common word costs one entry per
  review, not one per page;
* a page index of every page's text, for phrases, for excluded phrases, and for naming the
  best page of each review shown, with a highlighted snippet.

The pipeline stores a document's text page by page when its file is saved, as `DocumentPage`
rows, and signals it (reviews/documents/signals.py); the page index follows those signals, so
searching never opens a PDF. A change of status needs no upkeep: searches only ever return
reviews that are published at that moment.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connections, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete

from ..documents.signals import page_texts_replacing, page_texts_stored
from ..models import DocumentPage, Partnership, Review, ReviewDocument, Theme, prefetch_partnerships
from .backends import search_backend
from .query import words_of

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
        .prefetch_related(prefetch_partnerships(), "themes")
    )
    texts = defaultdict(list)
    pages = DocumentPage.objects.filter(document__review_id__in=review_ids).values_list(
        "document__review_id", "text"
    )
    for review_id, text in pages.iterator(chunk_size=PAGE_BATCH):
        texts[review_id].append(text)
    entries = []
    for review in reviews:
        partnerships = review.all_partnerships()
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


def _pages_replacing(sender, document, **kwargs):
    """The pipeline is about to replace a review document's page texts: take the old ones out
    of the page index first (FTS5 forgets a row only when told its old text)."""
    search_backend().remove_pages([document.pk])


def _pages_stored(sender, document, **kwargs):
    """A review document's page texts are stored: index them, and the review's word digest."""
    search_backend().add_pages([document.pk])
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


# Index upkeep follows saves made anywhere (the admin, commands, tests).


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


def _tables_flushed(sender, using, **kwargs):
    """`manage.py flush` (and the tests' flush after a transactional test) ends with
    post_migrate, as `migrate` does. An index beside the tables (SQLite's) outlives their rows;
    where no review is left (and so no document or page), whatever it holds came before the
    flush, and left there a search would find pages that are gone."""
    if Review._meta.db_table not in connections[using].introspection.table_names():
        return  # migrated back to before the reviews' table
    if not Review.objects.using(using).exists():
        search_backend().clear()


def connect_signals(app_config):
    """Called from ReviewsConfig.ready()."""
    post_migrate.connect(_tables_flushed, sender=app_config, dispatch_uid="search_flushed")
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
    # The pipeline stores each document's page texts once (reviews/documents/text.py).
    page_texts_replacing.connect(_pages_replacing, sender=ReviewDocument, dispatch_uid="search_pg")
    page_texts_stored.connect(_pages_stored, sender=ReviewDocument, dispatch_uid="search_pages")
    post_delete.connect(_document_deleted, sender=ReviewDocument, dispatch_uid="search_doc_gone")
