"""Full-text search (reviews/search/): the query language, the index, the results contract.

These tests run on whichever database DATABASE_URL names; CI runs the suite on SQLite (FTS5)
and again on PostgreSQL, so both backends must pass the same tests.
"""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from reviews.changes import public_generation
from reviews.models import DocumentPage, Nation, PageGeneration, Review, ReviewDocument, Theme
from reviews.pdf_writer import make_text_pdf
from reviews.search import (
    Term,
    facets,
    matching_reviews_in_order,
    parse_query,
    rebuild_index,
    search,
    search_backend,
    search_facets,
)

from .factories import (
    PartnershipFactory,
    ReviewDocumentFactory,
    ReviewFactory,
    ThemeFactory,
    add_joint_partners,
    case_types,
)

pytestmark = pytest.mark.django_db


def pdf_pages(*pages):
    """A PDF whose page N holds the Nth text."""
    return ContentFile(make_text_pdf([[text] for text in pages]), name="upload.pdf")


def document_with(review, *pages, kind=ReviewDocument.Kind.EXECUTIVE_SUMMARY):
    return ReviewDocumentFactory(review=review, kind=kind, file=pdf_pages(*pages))


def found(text, **selected):
    """The pseudonyms of every review a search finds, in order."""
    query = parse_query(text)
    ids = matching_reviews_in_order(query, selected={k: set(v) for k, v in selected.items()})
    return [Review.objects.get(pk=pk).pseudonym for pk in ids]


def shown(results):
    """The pseudonyms on a page of results, as listed."""
    return [hit.review.pseudonym for hit in results.hits]


def only_hit(text):
    """The one result a search finds, as the results page shows it."""
    [hit] = search(parse_query(text)).hits
    return hit


# The query language -------------------------------------------------------------------------


def test_words_phrases_and_exclusions_are_parsed_into_terms():
    query = parse_query('Coercive  "information sharing" -alcohol -"drug use"')

    assert query.terms == (
        Term(("coercive",)),
        Term(("information", "sharing")),
        Term(("alcohol",), exclude=True),
        Term(("drug", "use"), exclude=True),
    )
    assert str(query) == 'coercive "information sharing" -alcohol -"drug use"'


def test_engine_operators_and_punctuation_are_only_words_or_nothing():
    query = parse_query('NEAR(a b) * ^x : (y) "z AND OR NOT')

    # Letters and digits survive as words; nothing else has any meaning. Words joined by
    # punctuation ("NEAR(a") stay together as a phrase.
    assert [term.words for term in query.terms] == [
        ("near", "a"),
        ("b",),
        ("x",),
        ("y",),
        ("z", "and", "or", "not"),
    ]


def test_unbalanced_quote_runs_to_the_end_and_hyphenated_words_are_a_phrase():
    assert parse_query('"non-fatal strangulation').terms == (
        Term(("non", "fatal", "strangulation")),
    )
    assert parse_query("non-fatal").terms == (Term(("non", "fatal")),)


def test_common_words_are_ignored_and_reported():
    query = parse_query("the housing of")

    assert query.terms == (Term(("housing",)),)
    assert query.ignored == ("the", "of")


@pytest.mark.parametrize("text", ["", "   ", '""', "-", "* ( ) : ^", "the and of", "\x00"])
def test_queries_with_nothing_to_search_for_are_empty(text):
    assert not parse_query(text)


def test_a_very_long_query_is_cut_to_a_few_terms():
    query = parse_query("word " * 1000)

    assert len(query.terms) == 1
    assert len(parse_query(" ".join(f"w{n}" for n in range(500))).terms) == 10


# Extraction and the index ---------------------------------------------------------------------


def test_uploading_a_document_stores_the_text_of_each_page():
    document = document_with(ReviewFactory(), "First page text.", "Second page text.")

    pages = list(DocumentPage.objects.filter(document=document).values_list("number", "text"))

    assert pages == [(1, "First page text."), (2, "Second page text.")]


def test_replacing_the_file_replaces_the_pages_and_what_search_finds():
    review = ReviewFactory(pseudonym="Adult R")
    document = document_with(review, "The kettle was cold.")
    assert found("kettle") == ["Adult R"]

    document.file = pdf_pages("Nothing about that now.", "A second page.")
    document.full_clean()
    document.save()

    assert found("kettle") == []
    assert found("second") == ["Adult R"]
    assert document.pages.count() == 2


def test_deleting_a_document_removes_its_text_from_search():
    review = ReviewFactory(pseudonym="Adult R")
    document = document_with(review, "Marmalade was mentioned.")

    document.delete()

    assert found("marmalade") == []
    assert not DocumentPage.objects.exists()


def test_rebuilding_the_index_gives_the_same_results():
    review = ReviewFactory(pseudonym="Adult R", summary="Housing needs.")
    document_with(review, "The landlord called the police.")

    rebuild_index()

    assert found("landlord housing") == ["Adult R"]


@pytest.mark.django_db(transaction=True)  # PostgreSQL truncates only outside a transaction
def test_after_the_database_is_flushed_search_finds_only_what_came_since(client):
    """`manage.py flush` empties the models' tables; an index kept beside them (SQLite's FTS5
    tables) must be emptied with them, or a search finds pages that are gone."""
    document_with(
        ReviewFactory(pseudonym="Adult R"),
        "The landlord called the police.",
        "The police came back.",
        "The police wrote it down.",
    )

    call_command("flush", interactive=False, verbosity=0)
    document_with(ReviewFactory(pseudonym="Adult S"), "The police were called.")

    assert found("police") == ["Adult S"]
    assert found("landlord") == []
    response = client.get("/reviews/?q=police")
    assert response.status_code == 200
    assert "Adult S" in response.content.decode()


# What is searched -----------------------------------------------------------------------------


def test_every_part_of_a_review_is_searched():
    partnership = PartnershipFactory(name="Wiltshire Community Safety Partnership")
    review = ReviewFactory(
        pseudonym="Adult P",
        reference="007_DHR",
        summary="A summary about pregnancy.",
        lead_partnership=partnership,
    )
    review.themes.add(ThemeFactory(name="Economic abuse"))
    document_with(review, "The GP surgery made a referral.")
    ReviewFactory(pseudonym="Other")

    for text in ["Adult P", "007_DHR", "pregnancy", "economic", "Wiltshire", "surgery"]:
        assert found(text) == ["Adult P"], text


def test_every_word_must_match_somewhere_in_the_review():
    both = ReviewFactory(pseudonym="Both", summary="Concerns about housing.")
    document_with(both, "Strangulation was disclosed to the GP.")
    one = ReviewFactory(pseudonym="One", summary="Concerns about housing.")
    document_with(one, "Nothing else.")

    assert found("housing strangulation") == ["Both"]


def test_words_match_other_forms_of_the_same_word():
    document_with(ReviewFactory(pseudonym="Adult D"), "He had been drinking heavily.")

    assert found("drink") == ["Adult D"]
    assert found("DRINKS") == ["Adult D"]


def test_a_phrase_must_appear_in_order_on_one_page():
    document_with(ReviewFactory(pseudonym="Together"), "They discussed information sharing.")
    document_with(ReviewFactory(pseudonym="Reversed"), "The sharing of information was poor.")
    document_with(ReviewFactory(pseudonym="Apart"), "Information was kept.", "Sharing began.")

    assert found('"information sharing"') == ["Together"]
    assert sorted(found("information sharing")) == ["Apart", "Reversed", "Together"]


def test_a_phrase_in_the_review_details_counts():
    ReviewFactory(pseudonym="In summary", summary="Learning about professional curiosity.")

    assert found('"professional curiosity"') == ["In summary"]


def test_excluded_words_and_phrases_leave_reviews_out():
    document_with(ReviewFactory(pseudonym="Drink"), "Alcohol and housing.")
    document_with(ReviewFactory(pseudonym="Dry"), "Housing only.")
    document_with(ReviewFactory(pseudonym="Phrase"), "Housing and drug use.")

    assert sorted(found("housing -alcohol")) == ["Dry", "Phrase"]
    assert sorted(found('housing -"drug use"')) == ["Drink", "Dry"]
    assert sorted(found("-alcohol")) == ["Dry", "Phrase"]


def test_drafts_withdrawn_reviews_and_their_documents_are_never_found():
    document_with(ReviewFactory(pseudonym="Public"), "Stalking was reported.")
    document_with(ReviewFactory(pseudonym="Draft", draft=True), "Stalking was reported.")
    document_with(ReviewFactory(pseudonym="Gone", withdrawn=True), "Stalking was reported.")

    results = search(parse_query("stalking"))

    assert shown(results) == ["Public"]
    assert results.count == 1
    assert sum(option.count for option in results.facets[0].options) == 1


def test_a_review_withdrawn_without_saving_disappears_at_once():
    review = ReviewFactory(pseudonym="Adult W")
    document_with(review, "Stalking was reported.")

    Review.objects.filter(pk=review.pk).update(status=Review.Status.WITHDRAWN)

    assert found("stalking") == []


def test_renaming_a_theme_changes_what_finds_its_reviews():
    theme = ThemeFactory(name="Stalking")
    ReviewFactory(pseudonym="Adult S").themes.add(theme)

    theme.name = "Harassment and stalking"
    theme.save()

    assert found("harassment") == ["Adult S"]


# Results: ranking, pages and snippets ---------------------------------------------------------


def test_a_match_in_the_pseudonym_ranks_above_a_match_in_the_text():
    document_with(ReviewFactory(pseudonym="Adult M", published_on="2020-01-01"), "Ellie.")
    ReviewFactory(pseudonym="Ellie", published_on="2015-01-01")

    assert found("ellie") == ["Ellie", "Adult M"]


def test_each_result_names_the_best_page_with_a_highlighted_snippet():
    review = ReviewFactory(pseudonym="Adult P", slug="adult-p")
    document_with(
        review,
        "An introduction.",
        "The <b>GP</b> heard about non-fatal strangulation.",
        kind=ReviewDocument.Kind.OVERVIEW_REPORT,
    )
    hit = only_hit('"non-fatal strangulation"')

    assert hit.document.kind == ReviewDocument.Kind.OVERVIEW_REPORT
    assert hit.page_number == 2
    assert hit.page_url == "/reviews/adult-p/documents/overview-report.pdf#page=2"
    assert "<b>" not in hit.snippet  # the page's text never becomes markup
    assert "strangulation</mark>" in hit.snippet


def test_a_telling_word_names_the_page_that_uses_it_most():
    review = ReviewFactory(pseudonym="Adult T", slug="adult-t")
    document_with(
        review,
        "Strangulation was mentioned once.",
        "Strangulation, strangulation and again strangulation.",
        "The family spoke to the review.",
        "The panel met twice.",
    )
    hit = only_hit("strangulation")

    assert hit.page_number == 2


def test_words_on_most_pages_name_the_first_page_with_the_most_of_them():
    """Words on more than half of the pages say nothing about which page is best: the page
    that uses them most is not preferred."""
    review = ReviewFactory(pseudonym="Adult C", slug="adult-c")
    document_with(
        review,
        "The police were called, and the police came.",
        "The police visited the housing office.",
        "Police, police, housing, police.",
    )
    hit = only_hit("police housing")

    assert hit.page_number == 2
    assert "<mark>housing</mark>" in hit.snippet.lower()


def test_a_review_found_only_by_its_details_shows_its_summary():
    ReviewFactory(pseudonym="Adult E", summary="The review looked at economic abuse.")
    hit = only_hit("economic")

    assert hit.document is None
    assert "<mark>economic</mark>" in hit.snippet


def test_newest_and_oldest_sorts_ignore_relevance():
    for year, name in [(2016, "Middle"), (2019, "Newest"), (2014, "Oldest")]:
        ReviewFactory(pseudonym=name, summary="Housing.", published_on=datetime.date(year, 1, 1))
    ReviewFactory(pseudonym="Undated", summary="Housing.", published_on=None)
    query = parse_query("housing")

    def names(sort):
        return shown(search(query, sort=sort))

    assert names("newest") == ["Newest", "Middle", "Oldest", "Undated"]
    assert names("oldest") == ["Oldest", "Middle", "Newest", "Undated"]


# Facets ---------------------------------------------------------------------------------------


@pytest.fixture
def facet_reviews():
    wiltshire = PartnershipFactory(slug="wiltshire", name="Wiltshire CSP")
    powys = PartnershipFactory(slug="powys", name="Powys CSP", nation=Nation.WALES)
    housing = ThemeFactory(slug="housing", name="Housing")
    alcohol = ThemeFactory(slug="alcohol", name="Alcohol")
    rows = [
        ("A", wiltshire, 2017, 2016, "dhr", "intimate-partner", [housing]),
        ("B", wiltshire, 2017, None, "joint-dhr-mhhi", "familial", [housing, alcohol]),
        ("C", powys, 2019, 2018, "dhr", "intimate-partner", [alcohol]),
        ("D", powys, 2021, 2019, "susr", "", []),
    ]
    for name, partnership, year, death, review_type, case_type, themes in rows:
        review = ReviewFactory(
            pseudonym=name,
            lead_partnership=partnership,
            published_on=datetime.date(year, 6, 1),
            year_of_death=death,
            review_type=review_type,
            **case_types(*filter(None, [case_type])),
            summary="Agencies shared information.",
        )
        review.themes.add(*themes)
    joint = ReviewFactory(pseudonym="E", lead_partnership=wiltshire, published_on="2020-01-01")
    add_joint_partners(joint, powys)
    ReviewFactory(pseudonym="Draft", lead_partnership=powys, draft=True).themes.add(housing)


def counts(results, facet):
    [found_facet] = [f for f in results.facets if f.name == facet]
    return {option.value: option.count for option in found_facet.options}


def test_facet_counts_cover_published_reviews_only(facet_reviews):
    results = search(parse_query(""))

    assert counts(results, "partnership") == {"wiltshire": 3, "powys": 3}
    assert counts(results, "nation") == {"england": 3, "wales": 3}
    assert counts(results, "theme") == {"housing": 2, "alcohol": 2}
    assert counts(results, "year") == {"2017": 2, "2019": 1, "2020": 1, "2021": 1}
    assert counts(results, "year_of_death") == {"2016": 1, "2018": 1, "2019": 1}
    assert counts(results, "case_type") == {"intimate-partner": 2, "familial": 1}


def test_facets_combine_and_counts_match_the_results(facet_reviews):
    selected = {"nation": {"wales"}, "theme": {"alcohol"}}
    results = search(parse_query("agencies"), selected=selected)

    assert shown(results) == ["C"]
    # Every option's count is exactly what ticking it (instead of the current choice in its
    # own filter, alongside the others) would show.
    for facet in results.facets:
        others = {name: values for name, values in selected.items() if name != facet.name}
        for option in facet.options:
            ticked = search(
                parse_query("agencies"), selected={**others, facet.name: {option.value}}
            )
            assert option.count == ticked.count, (facet.name, option.value)


def test_options_within_one_filter_widen_the_results(facet_reviews):
    assert sorted(found("", year=["2017", "2019"])) == ["A", "B", "C"]


def test_unknown_filter_values_are_ignored(facet_reviews):
    assert len(found("", partnership=["nowhere"], year=["1066"])) == 5


def test_the_backend_is_chosen_by_the_database():
    assert search_backend().vendor == connection.vendor


def test_a_change_to_a_review_shows_in_the_next_search_counts_and_filters(facet_reviews):
    """Each process keeps its facet bitmaps only until anything public changes."""
    assert counts(search(parse_query("")), "theme") == {"housing": 2, "alcohol": 2}
    review = Review.objects.get(pseudonym="D")

    review.themes.add(Theme.objects.get(slug="housing"))

    assert counts(search(parse_query("")), "theme") == {"housing": 3, "alcohol": 2}
    assert sorted(found("", theme=["housing"])) == ["A", "B", "D"]

    review.year_of_death = 2016
    review.save()

    assert counts(search(parse_query("")), "year_of_death")["2016"] == 2


def test_a_review_added_in_another_process_is_counted_at_once(facet_reviews, settings):
    """Without a shared cache another process cannot say that something changed; a match that
    the kept bitmaps do not know makes them be read again."""
    search(parse_query(""))
    kept = facets._facet_bitmaps
    ReviewFactory(pseudonym="F", summary="Agencies shared information.")
    # As if the review had been made in another process, with no shared cache to tell this one.
    kept.generation = public_generation()
    facets._facet_bitmaps = kept

    results = search(parse_query("agencies"))

    assert "F" in shown(results)
    assert sum(counts(results, "type").values()) == results.count


def test_without_a_shared_cache_the_bitmaps_follow_the_database_generation(facet_reviews, settings):
    settings.DHR_CACHE_SHARED = False
    search(parse_query(""))

    # A change another worker made and this process heard nothing of: only the generation
    # in the database tells.
    Review.objects.filter(pseudonym="D").update(year_of_death=1999)
    assert "1999" not in counts(search(parse_query("")), "year_of_death")
    PageGeneration.objects.update_or_create(pk=1, defaults={"token": "drawn-by-another-worker"})

    assert counts(search(parse_query("")), "year_of_death")["1999"] == 1


# The published rule is the database's, at the moment of each search ---------------------------


def test_a_review_scheduled_for_later_is_neither_found_nor_counted_until_its_moment(
    facet_reviews,
):
    later = timezone.now() + datetime.timedelta(days=1)
    ReviewFactory(pseudonym="Scheduled", summary="Agencies shared information.", publish_at=later)
    ReviewFactory(
        pseudonym="Already out",
        summary="Agencies shared information.",
        publish_at=timezone.now() - datetime.timedelta(days=1),
    )

    results = search(parse_query("agencies"))
    names = shown(results)

    assert "Scheduled" not in names and "Already out" in names
    assert sum(counts(results, "type").values()) == results.count == len(names)
    assert "Scheduled" not in found("")


def test_a_chosen_option_that_no_review_has_stays_ticked_with_a_count_of_nought(facet_reviews):
    ThemeFactory(slug="training", name="Training")

    results = search(parse_query("agencies"), selected={"theme": {"training"}})

    assert results.count == 0
    [theme] = [facet for facet in results.facets if facet.name == "theme"]
    training = next(option for option in theme.options if option.value == "training")
    assert (training.label, training.count, training.selected) == ("Training", 0, True)
    # The other themes still say how many reviews ticking them instead would show.
    assert counts(results, "theme")["housing"] == 2


def test_equally_relevant_results_are_listed_newest_first():
    for year, name in [(2016, "Older"), (2021, "Newer"), (2018, "Middle")]:
        ReviewFactory(pseudonym=name, summary="Stalking.", published_on=datetime.date(year, 1, 1))

    assert found("stalking") == ["Newer", "Middle", "Older"]


class RankingWatched:
    """The site's own backend, noting which reviews each search asks it to rank, and whether
    the last match was to rank every one at once."""

    def __init__(self):
        self.backend = search_backend()
        self.ranked = []
        self.ranked_now = None

    def __getattr__(self, name):
        return getattr(self.backend, name)

    def match(self, words, exclude_words, *, rank_now=False):
        self.ranked_now = rank_now
        matches = self.backend.match(words, exclude_words, rank_now=rank_now)
        watched = self

        class Noted:
            ids = matches.ids

            def scores(self, review_ids):
                watched.ranked.append(set(review_ids))
                return matches.scores(review_ids)

        return Noted()


def test_only_the_reviews_the_filters_leave_are_ranked(facet_reviews):
    """A common word matches most of the archive and its filters a few reviews: ranking every
    match to keep those few cost PostgreSQL a sixth of such a search (BENCHMARKS.md)."""
    Review.objects.filter(pseudonym="C").update(pseudonym="Agencies C")
    rebuild_index()
    watched = RankingWatched()

    results = search(parse_query("agencies"), selected={"nation": {"wales"}}, backend=watched)

    assert shown(results) == ["Agencies C", "D"]  # the pseudonym's match ranks first
    assert not watched.ranked_now
    assert [{Review.objects.get(pk=pk).pseudonym for pk in ids} for ids in watched.ranked] == [
        {"Agencies C", "D"}
    ]
    # Sorted by date, or counted for a facet's page or /insights/, nothing is ranked at all.
    search(parse_query("agencies"), sort="newest", backend=watched)
    assert not watched.ranked_now
    assert search_facets(parse_query("agencies"), backend=watched)
    assert not watched.ranked_now
    assert len(watched.ranked) == 1
    # With no filter, every match is ranked: in the match itself, where the engine can.
    assert shown(search(parse_query("agencies"), backend=watched))[0] == "Agencies C"
    assert watched.ranked_now


def test_scores_asked_for_some_matches_are_theirs_among_all():
    for name in ["Ellie", "Adult M", "Adult N"]:
        ReviewFactory(pseudonym=name, summary=f"Stalking. {'Stalking again.' * len(name)}")
    ids = {review.pseudonym: review.pk for review in Review.objects.all()}
    matches = search_backend().match(["stalking"], [])

    some = matches.scores([ids["Ellie"], ids["Adult N"]])

    assert matches.ids == set(ids.values())
    assert set(some) == {ids["Ellie"], ids["Adult N"]}
    every = matches.scores(list(ids.values()))
    assert some == {pk: every[pk] for pk in some}
    assert matches.scores([]) == {}
    # Ranked in the match itself, the scores are the same.
    at_once = search_backend().match(["stalking"], [], rank_now=True)
    assert at_once.ids == matches.ids
    assert at_once.scores(list(ids.values())) == pytest.approx(every)


def test_facet_counts_and_results_agree_whatever_is_chosen(facet_reviews):
    """Every combination of a query and up to two facets: each option's count is the number
    of results ticking it (in place of its own facet's choices) would give."""
    for text in ["", "agencies", "-information"]:
        for selected in [{}, {"nation": {"wales"}}, {"theme": {"housing"}, "year": {"2017"}}]:
            results = search(parse_query(text), selected=selected)
            for facet in results.facets:
                others = {k: v for k, v in selected.items() if k != facet.name}
                for option in facet.options:
                    ticked = search(
                        parse_query(text), selected={**others, facet.name: {option.value}}
                    )
                    assert option.count == ticked.count, (text, selected, facet.name)


# One page of results: what the search page gets in one call ---------------------------------


@pytest.fixture
def five_on_housing():
    for year in range(2015, 2020):
        ReviewFactory(
            pseudonym=f"Adult {year}", summary="Housing.", published_on=datetime.date(year, 1, 1)
        )


def test_a_page_of_results_carries_its_hits_the_filters_and_the_total(five_on_housing):
    query = parse_query("housing")

    first = search(query, sort="newest", per_page=2)
    last = search(query, sort="newest", page=3, per_page=2)

    assert shown(first) == ["Adult 2019", "Adult 2018"]
    assert shown(last) == ["Adult 2015"]
    assert first.count == last.count == 5
    assert (first.page.number, last.page.number, first.paginator.num_pages) == (1, 3, 3)
    # The filters count every match, not only the page's.
    assert counts(first, "year") == {str(year): 1 for year in range(2015, 2020)}
    assert sum(counts(first, "type").values()) == first.count
    assert (first.query, first.sort) == (query, "newest")


def test_the_pages_together_list_every_match_in_the_downloads_order(five_on_housing):
    query = parse_query("housing")

    pages = [search(query, page=number, per_page=2) for number in (1, 2, 3)]

    listed = [hit.review.pk for page in pages for hit in page.hits]
    assert listed == matching_reviews_in_order(query)
    assert len(set(listed)) == 5


@pytest.mark.parametrize(
    ("asked", "number", "names"),
    [
        ("2", 2, ["Adult 2017", "Adult 2018"]),
        ("99", 3, ["Adult 2019"]),
        ("abc", 1, ["Adult 2015", "Adult 2016"]),
        (None, 1, ["Adult 2015", "Adult 2016"]),
    ],
)
def test_a_page_number_out_of_range_or_not_a_number_gives_the_nearest_page(
    five_on_housing, asked, number, names
):
    results = search(parse_query("housing"), sort="oldest", page=asked, per_page=2)

    assert (results.page.number, shown(results), results.count) == (number, names, 5)


def test_no_matches_is_one_empty_page_with_no_filter_options(five_on_housing):
    results = search(parse_query("zebra"), page="4")

    assert (results.hits, results.count, results.page.number) == ([], 0, 1)
    assert [facet.name for facet in results.facets][:2] == ["partnership", "nation"]
    assert all(not facet.options for facet in results.facets)
