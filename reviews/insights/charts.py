"""What each chart of /insights/ counts, over the published reviews a search selects.

Every chart is a list of rows, each with a label and one count per series (England and Wales,
or a single series), so that one drawing (drawing.py) and one table serve them all. Counts are
of the reviews given, which `selected_reviews` takes from the same search as /reviews/; the
recommendation charts count the published recommendations of those reviews.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from ..languages import Text
from ..models import (
    AgeBand,
    CaseType,
    Nation,
    Recommendation,
    Relationship,
    Review,
    Sector,
    Theme,
    among,
)
from ..models.recommendations import Status
from ..search.facets import counts_among

TOP_THEMES = 10
NOT_GIVEN = _("Not given")
NOT_STATED = _("Not stated")


@dataclass
class Row:
    label: object  # str, or a Text with its language (a theme's name)
    counts: list  # one per series

    @property
    def total(self):
        return sum(self.counts)

    @property
    def label_text(self):
        return self.label.value if isinstance(self.label, Text) else str(self.label)


@dataclass
class Chart:
    slug: str
    title: str
    unit: object  # what is counted: a function of a number, "3 reviews"
    rows: list
    series: list = field(default_factory=list)  # labels, when there is more than one
    percent: bool = False  # rows are a share: counts are (part, whole)
    overlapping: bool = False  # one thing may count in several rows: no total is given
    note: str = ""

    @property
    def total(self):
        return sum(row.total for row in self.rows)

    @property
    def summary(self):
        """A sentence that says what the chart shows, for a reader who cannot see it."""
        if not self.rows or not self.total:
            return _("Nothing to count in this selection.")
        if self.percent:
            best = max(self.rows, key=lambda row: (row.share, row.label_text))
            return _("The highest share is %(share)s%% for %(label)s.") % {
                "share": best.share,
                "label": best.label_text,
            }
        largest = max(self.rows, key=lambda row: row.total)
        if self.overlapping:
            return _("The largest group is %(label)s, with %(count)s.") % {
                "label": largest.label_text,
                "count": self.unit(largest.total),
            }
        return _("%(total)s in all; the largest group is %(label)s, with %(count)s.") % {
            "total": self.unit(self.total),
            "label": largest.label_text,
            "count": largest.total,
        }


@dataclass
class ShareRow(Row):
    """A share: counts are (part, whole); the bar shows the part's percentage of the whole."""

    @property
    def share(self):
        part, whole = self.counts
        return round(100 * part / whole) if whole else 0

    @property
    def total(self):
        return self.counts[1]


def reviews_counted(number):
    return ngettext("%(count)s review", "%(count)s reviews", number) % {"count": number}


def recommendations_counted(number):
    return ngettext("%(count)s recommendation", "%(count)s recommendations", number) % {
        "count": number
    }


def reviews_by_year_and_nation(ids, counts):
    counts = {}
    for year, nation, number in (
        Review.objects.filter(pk__in=among(ids))
        .values_list("published_on__year", "lead_partnership__nation")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        counts.setdefault(year, {})[nation] = number  # one row per (year, nation)
    nations = [value for value, _label in Nation.choices]
    years = sorted((year for year in counts if year is not None), reverse=True)
    rows = [Row(str(year), [counts[year].get(n, 0) for n in nations]) for year in years]
    if None in counts:
        rows.append(Row(NOT_GIVEN, [counts[None].get(n, 0) for n in nations]))
    return Chart(
        "reviews-by-year",
        _("Reviews published each year, by nation"),
        reviews_counted,
        rows,
        series=[label for _value, label in Nation.choices],
        note=_("A review counts under the nation of its lead partnership."),
    )


def reviews_by_case_type(ids, counts):
    """Each case type's reviews; a review with several counts under each."""
    found = counts["case_type"]
    rows = [Row(label, [found.get(value, 0)]) for value, label in CaseType.choices]
    rows.append(Row(NOT_STATED, [found[None]]))
    return Chart(
        "case-types",
        _("Case types"),
        reviews_counted,
        rows,
        overlapping=True,
        note=_("A review whose report states several case types counts under each."),
    )


def _by_choice(found, choices):
    rows = [Row(label, [found.get(value, 0)]) for value, label in choices.choices]
    rows.append(Row(NOT_STATED, [found[None]]))
    return rows


def reviews_by_relationship(ids, counts):
    return Chart(
        "relationships",
        _("The perpetrator's relationship to the victim"),
        reviews_counted,
        _by_choice(counts["relationship"], Relationship),
    )


def reviews_by_victim_age(ids, counts):
    return Chart(
        "victim-ages",
        _("The victim's age"),
        reviews_counted,
        _by_choice(counts["victim_age"], AgeBand),
    )


def most_frequent_themes(ids, counts):
    through = Review.themes.through
    top = list(
        through.objects.filter(review_id__in=among(ids))
        .values_list("theme_id")
        .annotate(number=Count("review_id"))
        .order_by("-number", "theme_id")[:TOP_THEMES]
    )
    themes = Theme.objects.in_bulk([theme_id for theme_id, _number in top])
    rows = [Row(themes[pk].in_page_language("name"), [number]) for pk, number in top]
    return Chart(
        "themes",
        _("The most frequent themes"),
        reviews_counted,
        rows,
        overlapping=True,
        note=_("The ten themes that the most of these reviews are filed under."),
    )


def _recommendations(ids):
    return Recommendation.objects.published().filter(review_id__in=among(ids))


def recommendations_by_status(ids, counts):
    counts = dict(
        _recommendations(ids).values_list("status").annotate(number=Count("pk")).order_by()
    )
    rows = [Row(label, [counts.get(value, 0)]) for value, label in Status.choices]
    return Chart(
        "recommendation-status", _("Recommendations by status"), recommendations_counted, rows
    )


def recommendations_by_sector(ids, counts):
    through = Recommendation.agencies.through
    counts = dict(
        through.objects.filter(recommendation__in=_recommendations(ids))
        .values_list("agency__sector")
        .annotate(number=Count("recommendation_id", distinct=True))
        .order_by()
    )
    rows = [Row(label, [counts[value]]) for value, label in Sector.choices if counts.get(value)]
    return Chart(
        "recommendation-sectors",
        _("Recommendations by the sector they are addressed to"),
        recommendations_counted,
        rows,
        overlapping=True,
        note=_("A recommendation addressed to agencies of several sectors counts in each."),
    )


def share_implemented_by_year(ids, counts):
    counts = {}
    for year, status, number in (
        _recommendations(ids)
        .values_list("review__published_on__year", "status")
        .annotate(number=Count("pk"))
        .order_by()
    ):
        part, whole = counts.get(year, (0, 0))
        counts[year] = (part + (number if status == Status.IMPLEMENTED else 0), whole + number)
    years = sorted((year for year in counts if year is not None), reverse=True)
    rows = [ShareRow(str(year), list(counts[year])) for year in years]
    if None in counts:
        rows.append(ShareRow(NOT_GIVEN, list(counts[None])))
    return Chart(
        "implemented-by-year",
        _("Share of recommendations implemented, by the year the review was published"),
        recommendations_counted,
        rows,
        percent=True,
    )


CHARTS = [
    reviews_by_year_and_nation,
    reviews_by_case_type,
    reviews_by_relationship,
    reviews_by_victim_age,
    most_frequent_themes,
    recommendations_by_status,
    recommendations_by_sector,
    share_implemented_by_year,
]


def all_charts(ids):
    # The characteristics are counted from the facts each process keeps for the search's
    # facets (bitmaps); what those do not hold is asked of the database.
    counts = counts_among(ids)
    return [chart(ids, counts) for chart in CHARTS]
