"""The public search form for reviews: a query, filters and a sort order, all read from GET.

Nothing a visitor puts in the address is an error: an unknown filter value is dropped, an
unknown sort order gives the default, and the query is parsed by reviews.search, which
accepts any text.
"""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .search import FACET_NAMES, MAX_QUERY_LENGTH, Sort, parse_query, results


class ReviewSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search reviews"),
        required=False,
        strip=True,
        help_text=_('For example: coercive control, "information sharing", housing -alcohol'),
        # The box says how much it takes; anything longer is cut to this, not refused.
        widget=forms.TextInput(attrs={"maxlength": MAX_QUERY_LENGTH}),
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=Sort.CHOICES)

    def __init__(self, data=None):
        data = data if data is not None else QueryDict()
        super().__init__(data)
        self.selected = {
            name: {value.strip() for value in data.getlist(name) if value.strip()}
            for name in FACET_NAMES
        }
        self.is_valid()

    @property
    def query_text(self):
        return (self.cleaned_data.get("q") or "")[:MAX_QUERY_LENGTH]

    @property
    def query(self):
        return parse_query(self.query_text)

    @property
    def sort_order(self):
        return self.cleaned_data.get("sort") or None

    @property
    def narrows(self):
        """Whether the form asks for less than every published review: words or a filter."""
        return bool(self.query or any(self.selected.values()))

    def search(self, *, page=None, per_page=results.RESULTS_PER_PAGE):
        """One page of the results this form describes (see reviews.search.results.search)."""
        return results.search(
            self.query, self.selected, self.sort_order, page=page, per_page=per_page
        )

    def facets(self):
        """Every filter with its counts for this form's search, without its results."""
        return results.search_facets(self.query, self.selected)

    def selection(self):
        """(the matching reviews' ids, the filters with their counts), from one match."""
        return results.selection(self.query, self.selected)

    def matching_reviews_in_order(self):
        """The ids of every review this form's search finds, in order, for the downloads."""
        return results.matching_reviews_in_order(self.query, self.selected, self.sort_order)
