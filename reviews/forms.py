"""The public filter form for the list of reviews. Unknown values are dropped, never an error."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .models import Partnership, Review


class ReviewFilterForm(forms.Form):
    partnership = forms.ChoiceField(label=_("Partnership"), required=False)
    type = forms.ChoiceField(label=_("Review type"), required=False)
    year = forms.ChoiceField(label=_("Year published"), required=False)

    def __init__(self, data, *, reviews):
        super().__init__(data)
        any_choice = [("", _("Any"))]
        self.fields["partnership"].choices = any_choice + list(
            Partnership.objects.filter(active=True).values_list("slug", "short_name")
        )
        self.fields["type"].choices = any_choice + list(Review.ReviewType.choices)
        years = reviews.exclude(published_on=None).dates("published_on", "year", order="DESC")
        self.fields["year"].choices = any_choice + [(str(d.year), str(d.year)) for d in years]

    def filter(self, reviews):
        """Apply whichever filters are valid; an unknown value is treated as not chosen."""
        self.is_valid()
        chosen = {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}
        if "partnership" in chosen:
            slug = chosen["partnership"]
            reviews = reviews.filter(
                Q(lead_partnership__slug=slug) | Q(partnerships__slug=slug)
            ).distinct()
        if "type" in chosen:
            reviews = reviews.filter(review_type=chosen["type"])
        if "year" in chosen:
            reviews = reviews.filter(published_on__year=int(chosen["year"]))
        return reviews

    @property
    def applied(self):
        return bool(getattr(self, "cleaned_data", None) and any(self.cleaned_data.values()))
