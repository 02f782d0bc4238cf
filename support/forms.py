"""The public filter forms of the help page and the strategy documents. Both use GET, so they
set no cookie, and an unknown value is treated as not chosen rather than as an error."""

from django import forms
from django.utils.translation import gettext_lazy as _

from reviews.models import Nation, Partnership

from .models import Helpline, StrategyDocument


class ChoiceFilterForm(forms.Form):
    def __init__(self, data):
        super().__init__(data)
        for field in self.fields.values():
            field.widget.attrs["class"] = "govuk-select"

    def chosen(self):
        """The valid, non-empty choices."""
        self.is_valid()
        return {name: value for name, value in getattr(self, "cleaned_data", {}).items() if value}

    @property
    def applied(self):
        return bool(self.chosen())


class HelplineFilterForm(ChoiceFilterForm):
    who = forms.ChoiceField(label=_("Who is the help for?"), required=False)
    where = forms.ChoiceField(label=_("Where do you live?"), required=False)

    def __init__(self, data, *, partnerships):
        super().__init__(data)
        self.partnerships = {partnership.slug: partnership for partnership in partnerships}
        everyone = Helpline.Audience.EVERYONE
        self.fields["who"].choices = [("", _("Anyone"))] + [
            choice for choice in Helpline.Audience.choices if choice[0] != everyone
        ]
        self.fields["where"].choices = [
            ("", _("Anywhere in the UK")),
            (_("Nation"), list(Nation.choices)),
            (
                _("Local area"),
                [(slug, partnership.short_name) for slug, partnership in self.partnerships.items()],
            ),
        ]

    def filter(self, helplines):
        """Lines for the chosen people and place. Without a place, only the national lines."""
        chosen = self.chosen()
        if "who" in chosen:
            helplines = helplines.for_audience(chosen["who"])
        where = chosen.get("where")
        if where in Nation.values:
            return helplines.for_nation(where)
        if where in self.partnerships:
            return helplines.for_partnership_area(self.partnerships[where])
        return helplines.national()

    @property
    def chosen_partnership(self):
        return self.partnerships.get(self.chosen().get("where"))


class StrategyFilterForm(ChoiceFilterForm):
    partnership = forms.ChoiceField(label=_("Partnership"), required=False)
    kind = forms.ChoiceField(label=_("Kind of document"), required=False)
    status = forms.ChoiceField(label=_("Status"), required=False)

    def __init__(self, data):
        super().__init__(data)
        any_choice = [("", _("Any"))]
        self.fields["partnership"].choices = any_choice + list(
            Partnership.objects.filter(active=True).values_list("slug", "short_name")
        )
        self.fields["kind"].choices = any_choice + list(StrategyDocument.Kind.choices)
        self.fields["status"].choices = any_choice + list(StrategyDocument.Status.choices)

    def filter(self, documents):
        chosen = self.chosen()
        if "partnership" in chosen:
            documents = documents.filter(partnership__slug=chosen["partnership"])
        if "kind" in chosen:
            documents = documents.filter(kind=chosen["kind"])
        if "status" in chosen:
            documents = documents.filter(status=chosen["status"])
        return documents
