"""The review form's "Case characteristics": what the published report states about the case.

The case types are one group of checkboxes on the form, though each is a column of its own
(reviews/models/characteristics.py): an officer ticks every one the report states.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import CASE_TYPE_FIELDS, CHOICE_FIELDS, CaseType

FIELDSET = (
    _("Case characteristics"),
    {
        "description": _(
            "What the published report states about the case. Leave each one blank unless the "
            "report states it: the public pages and the open data show only what is filled in."
        ),
        "fields": [
            "case_types",
            "relationship",
            *(n for n in CHOICE_FIELDS if n != "relationship"),
        ],
    },
)


class CaseCharacteristicsForm(forms.ModelForm):
    case_types = forms.MultipleChoiceField(
        label=_("Case types"),
        choices=CaseType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Tick each one that applies. Leave blank unless the published report states it."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "case_types" in self.fields:
            self.fields["case_types"].initial = self.instance.case_types()

    def clean(self):
        cleaned_data = super().clean()
        if "case_types" in self.fields and "case_types" in cleaned_data:
            chosen = set(cleaned_data["case_types"])
            for code, field in CASE_TYPE_FIELDS.items():
                setattr(self.instance, field, code in chosen)
        return cleaned_data
