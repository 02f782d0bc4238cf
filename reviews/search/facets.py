"""The filters beside the results: which reviews each option covers, and how many of them.

Counting, filtering and ordering work from bitmaps each process keeps until anything public
changes (FacetBitmaps): the count beside an option is one AND and one bit count, however many
reviews there are. A facet's counts apply the query and every other facet's choices, so that
ticking an option shows exactly that many reviews (options within one facet widen the search;
different facets narrow it).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.utils.translation import gettext_lazy as _

from ..changes import public_generation
from ..languages import WELSH, page_language
from ..models import (
    CASE_TYPE_FIELDS,
    CHOICE_FIELDS,
    CaseType,
    JointPartnership,
    Nation,
    Partnership,
    Review,
    Theme,
)


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class RecordName:
    """A partnership's or theme's name as an option shows it: in Welsh on a Welsh page when it
    has a Welsh name. Kept in the process's FacetBitmaps, so chosen when it is shown."""

    english: str
    welsh: str = ""

    def __str__(self):
        return self.welsh if self.welsh and page_language() == WELSH else self.english


# A facet with more options than LONGEST_LIST (the partnerships: some 300 nationally) lists
# beside the results only its chosen options and the SHORTLIST with the most reviews; a page of
# its own (/reviews/filters/<name>/) lists every one. The whole list was most of the page's
# HTML: 110 KB of 154 KB at 2,000 reviews.
LONGEST_LIST = 20
SHORTLIST = 10


@dataclass
class Facet:
    name: str
    label: str
    options: list = field(default_factory=list)

    @property
    def selected_options(self):
        return [option for option in self.options if option.selected]

    @property
    def is_shortlisted(self):
        """Whether the results list only some of this facet's options (`shortlist`)."""
        return len(self.options) > LONGEST_LIST

    @property
    def shortlist(self):
        """The options listed beside the results: every one of a short facet; of a long one,
        the chosen ones (in reading order), then the SHORTLIST others with the most reviews."""
        if not self.is_shortlisted:
            return self.options
        others = sorted(
            (option for option in self.options if not option.selected),
            key=lambda option: (-option.count, option.label.casefold()),
        )
        return self.selected_options + others[:SHORTLIST]


FACETS = [
    ("partnership", _("Partnership")),
    ("nation", _("Nation")),
    ("type", _("Review type")),
    ("case_type", _("Case type")),
    ("relationship", _("Relationship to the victim")),
    ("victim_age", _("Victim's age")),
    ("victim_sex", _("Victim's sex")),
    ("perpetrator_age", _("Perpetrator's age")),
    ("perpetrator_sex", _("Perpetrator's sex")),
    ("theme", _("Theme")),
    ("year", _("Year published")),
    ("year_of_death", _("Year of death")),
]
FACET_NAMES = [name for name, _label in FACETS]

# Facets whose values are a model's choices: labelled, and listed, as the choices are.
CHOICE_LABELS = {
    "nation": Nation.choices,
    "type": Review.ReviewType.choices,
    # A review counts under each of its case types (several flags, models/characteristics.py).
    "case_type": CaseType.choices,
    **{name: choices.choices for name, choices in CHOICE_FIELDS.items()},
}
YEAR_FACETS = {"year", "year_of_death"}


def _bitmap(ids):
    """An int with bit n set for each id n."""
    ids = list(ids)
    if not ids:
        return 0
    bits = bytearray(max(ids) // 8 + 1)
    for pk in ids:
        bits[pk >> 3] |= 1 << (pk & 7)
    return int.from_bytes(bits, "little")


def _ids_in(bitmap):
    """The ids whose bits are set, in order (the reverse of _bitmap)."""
    bits = bin(bitmap)[:1:-1]  # bit 0 first
    ids = []
    pk = bits.find("1")
    while pk != -1:
        ids.append(pk)
        pk = bits.find("1", pk + 1)
    return ids


# ---------------------------------------------------------------------------------------------
# What each process keeps
# ---------------------------------------------------------------------------------------------


def _linked(links_queryset, column):
    """{review id: [ids of the records a many-to-many table's rows link it to]}."""
    links = defaultdict(list)
    for review_id, other_id in links_queryset.values_list("review_id", column):
        links[review_id].append(other_id)
    return links


@dataclass
class FacetBitmaps:
    """What the facets and the sorts need to know of every review, whatever its status: for
    each facet value, the reviews that have it as a bitmap (bit n for review n); every review
    in date order, newest and oldest first; and the labels of every partnership and theme.

    Each process keeps one while nothing public changes (see reviews/changes.py: any change
    to a review, partnership or theme draws a new generation; facet_bitmaps() says when else).
    Whether a review is published is never kept: every search asks the database, because the
    published rule depends on the clock as well as on saves (see published_reviews)."""

    generation: str
    bitmaps: dict  # facet -> {value: bitmap}
    labels: dict  # "partnership" and "theme" -> {slug: name}
    date_orders: dict  # oldest first (False, True) -> every review id in that order
    known: frozenset  # every review id
    ids: list  # the same, in id order

    @classmethod
    def load(cls, generation):
        partnerships = {
            pk: (slug, RecordName(name, name_cy), nation)
            for pk, slug, name, name_cy, nation in Partnership.objects.values_list(
                "pk", "slug", "name", "name_cy", "nation"
            )
        }
        themes = {
            pk: (slug, RecordName(name, name_cy))
            for pk, slug, name, name_cy in Theme.objects.values_list(
                "pk", "slug", "name", "name_cy"
            )
        }
        # Only the joint partners that have confirmed, as on the public pages.
        joint = _linked(JointPartnership.objects.confirmed(), "partnership_id")
        themed = _linked(Review.themes.through.objects.all(), "theme_id")
        holders = {name: defaultdict(list) for name in FACET_NAMES}
        sort_keys = {}
        flags = list(CASE_TYPE_FIELDS.items())
        stated = list(CHOICE_FIELDS)
        reviews = Review.objects.order_by().values_list(
            "pk",
            "lead_partnership_id",
            "review_type",
            "published_on",
            "year_of_death",
            "pseudonym",
            *stated,
            *(field for _code, field in flags),
        )
        for pk, lead, review_type, published_on, died, pseudonym, *rest in reviews:
            linked = [partnerships[lead], *(partnerships[p] for p in joint.get(pk, ()))]
            choices, flagged = rest[: len(stated)], rest[len(stated) :]
            values = {
                "partnership": {slug for slug, _name, _nation in linked},
                "nation": {nation for _slug, _name, nation in linked},
                "type": {review_type},
                "case_type": {
                    code for (code, _field), on in zip(flags, flagged, strict=True) if on
                },
                **{
                    name: {value} if value else set()
                    for name, value in zip(stated, choices, strict=True)
                },
                "theme": {themes[theme][0] for theme in themed.get(pk, ())},
                "year": {str(published_on.year)} if published_on else set(),
                "year_of_death": {str(died)} if died is not None else set(),
            }
            for name, found in values.items():
                for value in found:
                    holders[name][value].append(pk)
            sort_keys[pk] = (published_on, pseudonym)
        return cls(
            generation=generation,
            bitmaps={
                name: {value: _bitmap(ids) for value, ids in values.items()}
                for name, values in holders.items()
            },
            labels={
                "partnership": {slug: name for slug, name, _nation in partnerships.values()},
                "theme": dict(themes.values()),
            },
            date_orders={
                oldest_first: _in_date_order(sort_keys, sort_keys, oldest_first)
                for oldest_first in (False, True)
            },
            known=frozenset(sort_keys),
            ids=sorted(sort_keys),
        )


_facet_bitmaps = None  # this process's FacetBitmaps


def facet_bitmaps(review_ids=()):
    """This process's FacetBitmaps, made again when anything public has changed or when it
    does not know one of `review_ids`. The generation is shared by every process (Redis or the
    database), so a change made through another worker is heard at the next search."""
    global _facet_bitmaps  # noqa: PLW0603 - one per process, replaced whole
    try:
        generation = public_generation()
    except Exception:  # noqa: BLE001 - without a cache, the facts are read every time
        generation = None
    kept = _facet_bitmaps
    if (
        kept is None
        or generation is None
        or kept.generation != generation
        or not kept.known.issuperset(review_ids)
    ):
        kept = FacetBitmaps.load(generation)
        _facet_bitmaps = kept if generation is not None else None
    return kept


def published_reviews():
    """(this process's FacetBitmaps, the ids of the reviews published at this moment, in id
    order).

    The database is asked every time, but for the exceptions only, a few rows whatever the
    size of the archive: the reviews that are not published now (Review.objects.not_published),
    and any made since the facts were read, which has them read again. A review deleted since
    is counted until the change is heard, as any other change to its facts, but never shown
    (hits_for reads the published reviews themselves)."""
    facts = facet_bitmaps()
    hidden = _not_published_or_new(facts)
    if not facts.known.issuperset(hidden):
        facts = facet_bitmaps(hidden)
        hidden = _not_published_or_new(facts)
    return facts, [pk for pk in facts.ids if pk not in hidden]


def _not_published_or_new(facts):
    last = facts.ids[-1] if facts.ids else 0
    rows = Review.objects.not_published() | Review.objects.filter(pk__gt=last)
    return set(rows.order_by().values_list("pk", flat=True))


# ---------------------------------------------------------------------------------------------
# Narrowing and counting
# ---------------------------------------------------------------------------------------------


def counts_among(review_ids):
    """{facet: {value: number of `review_ids` that have it}} (FacetFilter's counts with nothing
    chosen), with None for the number that have no value of the facet (a characteristic not
    stated). For counting a selection (the charts of /insights/) without asking the database."""
    facts = facet_bitmaps(review_ids)
    selection = FacetFilter(facts, review_ids, {})
    counts = selection.option_counts()
    for name, values in facts.bitmaps.items():
        stated = selection.pool & reduce(or_, values.values(), 0)
        counts[name][None] = selection.pool.bit_count() - stated.bit_count()
    return counts


def chosen_labels(selected, facts, published):
    """{facet: {value: label}} for the options chosen in `selected` ({facet: values}, as read
    from the address) that exist: the choices' labels, every partnership and theme, and the
    years of `published` reviews (their ids). Unknown facets and values are dropped."""
    known = {}
    for name, values in (selected or {}).items():
        values = {value for value in values if isinstance(value, str)}
        if name not in FACET_NAMES or not values:
            continue
        if name in CHOICE_LABELS:
            labels = dict(CHOICE_LABELS[name])
            known[name] = {value: labels[value] for value in values if value in labels}
        elif name in facts.labels:
            labels = facts.labels[name]
            known[name] = {value: labels[value] for value in values if value in labels}
        else:
            published_bits = _bitmap(published)
            bitmaps = facts.bitmaps[name]
            known[name] = {
                value: value for value in values if bitmaps.get(value, 0) & published_bits
            }
    return known


def _in_date_order(review_ids, sort_keys, oldest_first):
    """Newest (or oldest) first, undated last; then by pseudonym, then id. Worked out once for
    every review when the facts are read (FacetBitmaps.date_orders): a search only keeps, in
    that order, the reviews it found."""
    review_ids = sorted(review_ids, key=lambda pk: (sort_keys[pk][1], pk))
    dated = [pk for pk in review_ids if sort_keys[pk][0]]
    dated.sort(key=lambda pk: sort_keys[pk][0], reverse=not oldest_first)  # stable
    return dated + [pk for pk in review_ids if not sort_keys[pk][0]]


class FacetFilter:
    """The reviews a query matched (`pool_ids`: published, in id order), narrowed by the chosen
    options ({facet: set of values that exist})."""

    def __init__(self, facts, pool_ids, chosen):
        self.facts = facts
        self.pool_ids = pool_ids
        self.pool = _bitmap(pool_ids)
        self.allowed = {  # facet -> the pool's reviews that its chosen options allow
            name: self.pool
            & reduce(or_, (facts.bitmaps[name].get(value, 0) for value in values), 0)
            for name, values in chosen.items()
        }

    def review_ids(self, oldest_first=False):
        """The ids of the reviews every facet allows, in date order (see _in_date_order)."""
        if self.allowed:
            wanted = set(_ids_in(reduce(and_, self.allowed.values(), self.pool)))
        else:
            wanted = set(self.pool_ids)
        return [pk for pk in self.facts.date_orders[oldest_first] if pk in wanted]

    def option_counts(self):
        """{facet: {value: count}}: each facet's values counted among the reviews that every
        other facet's choices allow. Values that no such review has are left out."""
        counts = {}
        for name in FACET_NAMES:
            among = reduce(
                and_, (bits for other, bits in self.allowed.items() if other != name), self.pool
            )
            counts[name] = {
                value: found
                for value, bits in self.facts.bitmaps[name].items()
                if (found := (among & bits).bit_count())
            }
        return counts


# ---------------------------------------------------------------------------------------------
# The facets as the page lists them
# ---------------------------------------------------------------------------------------------


def facets_with_counts(facts, counts, known):
    """Every facet, in FACETS order, with an option for each value that has a count or was
    chosen (`known`, from chosen_labels), labelled and listed in reading order."""
    return [
        Facet(
            name=name,
            label=label,
            options=_in_reading_order(name, _options(name, facts, counts[name], known)),
        )
        for name, label in FACETS
    ]


def _options(name, facts, found, known):
    """One facet's options: its values with a count (`found`) and its chosen values."""
    choice_labels = dict(CHOICE_LABELS.get(name, ()))
    labels = facts.labels.get(name, {})
    chosen = known.get(name, {})
    options = []
    for value in set(found) | set(chosen):
        text = labels.get(value) or chosen.get(value) or value
        options.append(
            FacetOption(
                value=value,
                label=str(choice_labels.get(value, text)),
                count=found.get(value, 0),
                selected=value in chosen,
            )
        )
    return options


def _in_reading_order(name, options):
    """Years newest first; choices in the order the model lists them; names alphabetically."""
    if name in YEAR_FACETS:
        return sorted(options, key=lambda option: option.value, reverse=True)
    if name in CHOICE_LABELS:
        order = [value for value, _label in CHOICE_LABELS[name]]
        return sorted(
            options,
            key=lambda option: order.index(option.value) if option.value in order else len(order),
        )
    return sorted(options, key=lambda option: option.label.casefold())
