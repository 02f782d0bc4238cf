"""The register of recommendations: every published recommendation, searched and filtered.

`register(query, selected, sort, page=...)` is the one call the page, the open data and the
benchmark make. The query is what `reviews.search.parse_query` makes of the search box, with
the same meaning as in review search: every word, each "phrase" together and in order (in the
text or in its Welsh text), no `-excluded` word or phrase; very common words are ignored.
Words match whole, on either database engine: the matching is done here, from the words of
each recommendation, so that both engines give the same answer.

What each recommendation's facets and words are is read once per process and kept while
nothing public changes (`reviews/changes.py`), as the review search keeps its facet bitmaps.
Which reviews are published is asked of the database on every call (the rule depends on the
clock), so drafts and withdrawn reviews never reach results or counts.
"""

from collections import defaultdict
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext_lazy as _

from ..changes import public_generation
from ..models import (
    Agency,
    JointPartnership,
    Partnership,
    Review,
    Sector,
    Theme,
    prefetch_partnerships,
)
from ..models.partnerships import Nation
from ..models.recommendations import CLOSED, Level, Recommendation, Status, today
from ..search.query import MAX_QUERY_LENGTH, ParsedQuery, parse_query, words_of

PER_PAGE = 20
OVERDUE = "yes"

FACETS = [
    ("status", _("Status")),
    ("overdue", _("Overdue")),
    ("sector", _("Sector")),
    ("agency", _("Addressed to")),
    ("level", _("Level")),
    ("partnership", _("Partnership")),
    ("nation", _("Nation")),
    ("theme", _("Theme")),
    ("year", _("Year published")),
]
FACET_NAMES = [name for name, _label in FACETS]
CHOICE_LABELS = {
    "status": Status.choices,
    "overdue": [(OVERDUE, _("Overdue"))],
    "sector": Sector.choices,
    "level": Level.choices,
    "nation": Nation.choices,
}


class Sort:
    NEWEST = "newest"
    OLDEST = "oldest"
    DUE = "due"
    CHOICES = [
        (NEWEST, _("Newest review first")),
        (OLDEST, _("Oldest review first")),
        (DUE, _("Due date")),
    ]
    DEFAULT = NEWEST


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]


@dataclass
class RegisterResults:
    query: ParsedQuery
    sort: str
    facets: list  # of Facet
    page: Page  # of recommendation ids
    recommendations: list  # the page's Recommendation records, in order, for listing

    @property
    def count(self):
        return self.page.paginator.count


def _bitmap(ids):
    """An int with bit n set for each id n."""
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        bits[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(bits, "little")


def _ids_of(bits):
    """The ids whose bits are set, in id order."""
    return [pk for pk, bit in enumerate(reversed(bin(bits)[2:])) if bit == "1"] if bits else []


@dataclass
class RegisterFacts:
    """What the register needs to know of every recommendation, whatever its review's status:
    each facet value's recommendations as a bitmap, each one's words, review and sort keys."""

    generation: str
    day: object  # the date "overdue" was worked out for
    bitmaps: dict  # facet -> {value: bitmap}
    labels: dict  # "agency", "partnership", "theme" -> {slug: name}
    by_review: dict  # review id -> bitmap of its recommendations
    words: dict  # recommendation id -> (words of text, words of text_cy)
    ranks: dict  # sort -> {recommendation id: its place in that order}
    word_bits: dict  # word -> bitmap of the recommendations whose texts have it

    @classmethod
    def load(cls, generation, day):
        partnerships = {
            pk: (slug, name, nation)
            for pk, slug, name, nation in Partnership.objects.values_list(
                "pk", "slug", "name", "nation"
            )
        }
        agencies = {
            pk: (slug, name, sector)
            for pk, slug, name, sector in Agency.objects.values_list("pk", "slug", "name", "sector")
        }
        themes = {
            pk: (slug, name) for pk, slug, name in Theme.objects.values_list("pk", "slug", "name")
        }
        joint = defaultdict(list)
        # Only the joint partners that have confirmed, as on the public pages.
        for review_id, partnership_id in JointPartnership.objects.confirmed().values_list(
            "review_id", "partnership_id"
        ):
            joint[review_id].append(partnership_id)
        addressed = defaultdict(list)
        for rec_id, agency_id in Recommendation.agencies.through.objects.values_list(
            "recommendation_id", "agency_id"
        ):
            addressed[rec_id].append(agency_id)
        themed = defaultdict(list)
        for rec_id, theme_id in Recommendation.themes.through.objects.values_list(
            "recommendation_id", "theme_id"
        ):
            themed[rec_id].append(theme_id)
        holders = {name: defaultdict(list) for name in FACET_NAMES}
        by_review = defaultdict(list)
        words, sort_keys, word_holders = {}, {}, defaultdict(list)
        rows = Recommendation.objects.order_by().values_list(
            "pk",
            "review_id",
            "review__lead_partnership_id",
            "review__published_on",
            "position",
            "due_on",
            "status",
            "level",
            "text",
            "text_cy",
        )
        for (
            pk,
            review_id,
            lead,
            published_on,
            position,
            due_on,
            status,
            level,
            text,
            text_cy,
        ) in rows:
            linked = [partnerships[lead], *(partnerships[p] for p in joint.get(review_id, ()))]
            its_agencies = [agencies[a] for a in addressed.get(pk, ())]
            values = {
                "status": {status},
                "overdue": {OVERDUE} if due_on and due_on < day and status not in CLOSED else set(),
                "sector": {sector for _slug, _name, sector in its_agencies},
                "agency": {slug for slug, _name, _sector in its_agencies},
                "level": {level},
                "partnership": {slug for slug, _name, _nation in linked},
                "nation": {nation for _slug, _name, nation in linked},
                "theme": {themes[t][0] for t in themed.get(pk, ())},
                "year": {str(published_on.year)} if published_on else set(),
            }
            for name, found in values.items():
                for value in found:
                    holders[name][value].append(pk)
            by_review[review_id].append(pk)
            words[pk] = (tuple(words_of(text)), tuple(words_of(text_cy)))
            sort_keys[pk] = (published_on, review_id, position, due_on)
            for word in {*words[pk][0], *words[pk][1]}:
                word_holders[word].append(pk)
        return cls(
            generation=generation,
            day=day,
            bitmaps={
                name: {value: _bitmap(ids) for value, ids in found.items()}
                for name, found in holders.items()
            },
            labels={
                "agency": {slug: name for slug, name, _sector in agencies.values()},
                "partnership": {slug: name for slug, name, _nation in partnerships.values()},
                "theme": dict(themes.values()),
            },
            by_review={review_id: _bitmap(ids) for review_id, ids in by_review.items()},
            words=words,
            ranks={
                sort: {pk: place for place, pk in enumerate(_in_order(sort_keys, sort_keys, sort))}
                for sort, _label in Sort.CHOICES
            },
            word_bits={word: _bitmap(ids) for word, ids in word_holders.items()},
        )


_kept = None  # this process's RegisterFacts


def register_facts():
    """This process's RegisterFacts, made again when anything public changed (the generation
    every worker shares: reviews/changes.py) or the day did (what is overdue)."""
    global _kept  # noqa: PLW0603 - one per process, replaced whole
    try:
        generation = public_generation()
    except Exception:  # noqa: BLE001 - without a cache, the facts are read every time
        generation = None
    day = today()
    kept = _kept
    if kept is None or generation is None or kept.generation != generation or kept.day != day:
        kept = RegisterFacts.load(generation, day)
        _kept = kept if generation is not None else None
    return kept


# ---------------------------------------------------------------------------------------------
# Matching the query
# ---------------------------------------------------------------------------------------------


def _has_phrase(words, phrase):
    size = len(phrase)
    first = phrase[0]
    return any(
        words[start : start + size] == phrase for start, word in enumerate(words) if word == first
    )


def matches(query, text_words):
    """Whether a recommendation whose texts have these words matches a non-empty query."""
    every = set(text_words[0]) | set(text_words[1])
    if any(word not in every for word in query.required_words):
        return False
    for term in query.terms:
        if term.is_phrase:
            found = any(_has_phrase(words, term.words) for words in text_words)
        else:
            found = term.words[0] in every
        if found == term.exclude:
            return False
    return True


# ---------------------------------------------------------------------------------------------
# The one call
# ---------------------------------------------------------------------------------------------


def read_params(params):
    """(query text, selected filters, sort) from an address's parameters (a QueryDict)."""
    text = str(params.get("q", "") or "").strip()[:MAX_QUERY_LENGTH]
    selected = {
        name: {value.strip() for value in params.getlist(name) if value.strip()}
        for name in FACET_NAMES
    }
    return text, selected, params.get("sort") or None


def _sort_order(sort):
    return sort if sort in {value for value, _label in Sort.CHOICES} else Sort.DEFAULT


def _in_order(ids, sort_keys, sort):
    """Newest review first (undated last), or oldest, or soonest due (no date last); within a
    review, in the review's order."""
    ids = sorted(ids, key=lambda pk: (sort_keys[pk][1], sort_keys[pk][2], pk))
    dated = [pk for pk in ids if sort_keys[pk][0]]
    undated = [pk for pk in ids if not sort_keys[pk][0]]
    dated.sort(key=lambda pk: sort_keys[pk][0], reverse=sort != Sort.OLDEST)  # stable
    ids = dated + undated
    if sort == Sort.DUE:
        due = [pk for pk in ids if sort_keys[pk][3]]
        due.sort(key=lambda pk: sort_keys[pk][3])
        ids = due + [pk for pk in ids if not sort_keys[pk][3]]
    return ids


@dataclass
class _Found:
    query: ParsedQuery
    sort: str
    facts: RegisterFacts
    pool: int  # bitmap of the published recommendations the query matches
    pool_ids: list
    allowed: dict  # facet -> the pool's recommendations its chosen options allow
    chosen: dict  # facet -> the chosen values that exist

    @classmethod
    def of(cls, query, selected, sort):
        facts = register_facts()
        published = Review.objects.published().order_by().values_list("pk", flat=True)
        pool = reduce(or_, (facts.by_review.get(pk, 0) for pk in published), 0)
        if query:
            # The word index answers words and excluded words; only a query with a phrase
            # has each remaining recommendation checked against the whole query.
            for word in query.required_words:
                pool &= facts.word_bits.get(word, 0)
            for term in query.excluded:
                if not term.is_phrase:
                    pool &= ~facts.word_bits.get(term.words[0], 0)
        if any(term.is_phrase for term in query.terms):
            pool_ids = [pk for pk in _ids_of(pool) if matches(query, facts.words[pk])]
            pool = _bitmap(pool_ids)
        else:
            pool_ids = _ids_of(pool)
        chosen = {}
        for name, values in (selected or {}).items():
            if name not in FACET_NAMES:
                continue
            known = {value for value in values if _label(facts, name, value) is not None}
            if known:
                chosen[name] = known
        allowed = {
            name: pool & reduce(or_, (facts.bitmaps[name].get(v, 0) for v in values), 0)
            for name, values in chosen.items()
        }
        return cls(query, _sort_order(sort), facts, pool, pool_ids, allowed, chosen)

    def ids(self):
        bits = reduce(and_, self.allowed.values(), self.pool)
        return sorted(_ids_of(bits), key=self.facts.ranks[self.sort].__getitem__)

    def facets(self):
        shown = []
        for name, label in FACETS:
            among = reduce(
                and_, (bits for other, bits in self.allowed.items() if other != name), self.pool
            )
            counts = {
                value: found
                for value, bits in self.facts.bitmaps[name].items()
                if (found := (among & bits).bit_count())
            }
            chosen = self.chosen.get(name, set())
            options = [
                Option(
                    value=value,
                    label=str(_label(self.facts, name, value) or value),
                    count=counts.get(value, 0),
                    selected=value in chosen,
                )
                for value in set(counts) | chosen
            ]
            shown.append(Facet(name=name, label=label, options=_in_reading_order(name, options)))
        return shown


def _label(facts, name, value):
    """The label of a facet's value, or None for a value that does not exist."""
    if name in CHOICE_LABELS:
        return dict(CHOICE_LABELS[name]).get(value)
    if name in facts.labels:
        return facts.labels[name].get(value)
    return value if value in facts.bitmaps[name] else None


def _in_reading_order(name, options):
    if name == "year":
        return sorted(options, key=lambda option: option.value, reverse=True)
    if name in CHOICE_LABELS:
        order = [value for value, _label in CHOICE_LABELS[name]]
        return sorted(options, key=lambda option: order.index(option.value))
    return sorted(options, key=lambda option: option.label.casefold())


def register(query="", selected=None, sort=None, *, page=None, per_page=PER_PAGE):
    """One page of the register: the published recommendations that match `query` (text or a
    ParsedQuery) and the chosen filters (`selected`: {facet: values}; unknown facets and values
    are dropped), in `sort` order, with every facet's options counted. `page` as given in the
    address: one that is not a number, or out of range, gives the nearest real page."""
    query = query if isinstance(query, ParsedQuery) else parse_query(query)
    found = _Found.of(query, selected, sort)
    shown = Paginator(found.ids(), per_page).get_page(page)
    return RegisterResults(
        query=query,
        sort=found.sort,
        facets=found.facets(),
        page=shown,
        recommendations=recommendations_in_order(list(shown.object_list)),
    )


def matching_ids(query="", selected=None, sort=None):
    """The ids of every recommendation `register` finds, in its order, for the downloads."""
    query = query if isinstance(query, ParsedQuery) else parse_query(query)
    return _Found.of(query, selected, sort).ids()


def recommendations_in_order(ids):
    """These published recommendations, in this order, with what a listing shows of each."""
    by_id = {
        recommendation.pk: recommendation
        for recommendation in Recommendation.objects.published()
        .filter(pk__in=ids)
        .for_listing()
        .prefetch_related("agencies", prefetch_partnerships("review__"))
    }
    return [by_id[pk] for pk in ids if pk in by_id]
