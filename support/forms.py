"""The public filter forms of the help page and the strategy documents. Both use GET, so they
set no cookie, and an unknown value is treated as not chosen rather than as an error."""

from django import forms
from django.forms.utils import flatatt
from django.utils.functional import cached_property
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from reviews.models import Nation, Partnership

from .models import Helpline, StrategyDocument


class FilterSelect(forms.Select):
    """Django's select, written out in Python. Django renders every option through a template
    of its own, 13-23 ms for a list of 300 partnerships on this project's machine; this gives
    the same markup, escaped as Django's templates escape it, in 1-2 ms."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            # A select's options carry no attributes of their own but `selected`.
            html.extend(
                f'\n  <option value="{escape(option["value"])}"'
                f"{' selected' if option['selected'] else ''}>"
                f"{conditional_escape(option['label'])}</option>"
                for option in options
            )
            if group_name:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 - every value and label was escaped above


class FilterChoiceField(forms.ChoiceField):
    """A filter's choice. A value not on the list (an old or mistyped address) counts as no
    choice rather than an error, so the page shows everything and marks nothing invalid."""

    widget = FilterSelect

    def clean(self, value):
        value = self.to_python(value)
        return value if self.valid_value(value) else ""


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
    who = FilterChoiceField(label=_("Who is the help for?"), required=False)
    where = FilterChoiceField(label=_("Where do you live?"), required=False)

    def __init__(self, data, *, partnerships):
        super().__init__(data)
        self.partnerships = partnerships
        # Only what the list shows: every partnership's address and name.
        self.area_names = dict(partnerships.values_list("slug", "short_name"))
        everyone = Helpline.Audience.EVERYONE
        self.fields["who"].choices = [("", _("Anyone"))] + [
            choice for choice in Helpline.Audience.choices if choice[0] != everyone
        ]
        self.fields["where"].choices = [
            ("", _("Anywhere in the UK")),
            (_("Nation"), list(Nation.choices)),
            (_("Local area"), list(self.area_names.items())),
        ]

    def filter(self, helplines):
        """Lines for the chosen people and place. Without a place, only the national lines."""
        chosen = self.chosen()
        if "who" in chosen:
            helplines = helplines.for_audience(chosen["who"])
        where = chosen.get("where")
        if where in Nation.values:
            return helplines.for_nation(where)
        if self.chosen_partnership:
            return helplines.for_partnership_area(self.chosen_partnership)
        return helplines.national()

    @cached_property
    def chosen_partnership(self):
        where = self.chosen().get("where")
        return self.partnerships.filter(slug=where).first() if where in self.area_names else None


class StrategyFilterForm(ChoiceFilterForm):
    partnership = FilterChoiceField(label=_("Partnership"), required=False)
    kind = FilterChoiceField(label=_("Kind of document"), required=False)
    status = FilterChoiceField(label=_("Status"), required=False)

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
