"""The benchmarks' synthetic archive is built with the site's own models and vocabulary.

`make bench` is not part of the suite; this keeps the code every search and page benchmark
starts from (bench/search.py's `build_archive`) in step with the models it writes, so that a
change to them breaks a test here rather than a benchmark run an hour later.
"""

import random

import pytest

from bench.search import build_archive
from reviews.models import DocumentPage, Review, ReviewDocument, Theme
from reviews.search import parse_query, rebuild_index, search
from reviews.theme_vocabulary import VOCABULARY

# transaction=True: the archive sets SQLite pragmas that a transaction would refuse.
pytestmark = pytest.mark.django_db(transaction=True)


def test_a_small_archive_builds_and_its_planted_words_are_found():
    archive = build_archive(60, random.Random(2011))

    assert archive["reviews"] == Review.objects.count() == 60
    assert ReviewDocument.objects.count() == 120
    assert DocumentPage.objects.count() == archive["pages"] > 0
    # The theme facet shows the site's vocabulary, in its groups.
    assert sorted(Theme.objects.values_list("name", flat=True)) == sorted(
        entry.name for entry in VOCABULARY
    )
    assert {theme.group for theme in Theme.objects.all()} == {entry.group for entry in VOCABULARY}
    # A rare word is planted in three published reviews and in a draft; search finds the three
    # once the index is built, as the benchmark builds it.
    rebuild_index()
    found = search(parse_query("trampoline"))
    assert sorted(hit.review.pk for hit in found.hits) == archive["rare"]["trampoline"]
