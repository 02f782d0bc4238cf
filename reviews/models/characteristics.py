"""What a review's published report states about the case: the victim's and the perpetrator's
age band and sex, how the perpetrator was related to the victim, and the case types.

Every one is optional and means "not stated" when blank: only what the report states is
recorded (shared/DOMAIN.md). The codes follow the Home Office library's filters.

The case types are flags, several to a review, stored as one boolean column each: the same on
SQLite and PostgreSQL, no join to filter or count, and the review's history and the admin's
no-lost-edits check record each flag as a plain field. `CASE_TYPE_FIELDS` ties each code to its
column; `case_types()` is the one way to read them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

NOT_STATED_HELP = _("Leave blank unless the published report states it.")


class AgeBand(models.TextChoices):
    AGE_16_19 = "16-19", _("16 to 19")
    AGE_20_24 = "20-24", _("20 to 24")
    AGE_25_34 = "25-34", _("25 to 34")
    AGE_35_44 = "35-44", _("35 to 44")
    AGE_45_54 = "45-54", _("45 to 54")
    AGE_55_64 = "55-64", _("55 to 64")
    AGE_65_PLUS = "65-plus", _("65 and over")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Relationship(models.TextChoices):
    """The perpetrator's relationship to the victim: "son" means the victim's son."""

    CURRENT_PARTNER = "current-partner", _("Current partner")
    FORMER_PARTNER = "former-partner", _("Former partner")
    SON = "son", _("Son")
    DAUGHTER = "daughter", _("Daughter")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    GRANDCHILD = "grandchild", _("Grandchild")
    OTHER_FAMILY = "other-family", _("Other family member")
    HOUSEHOLD_MEMBER = "household-member", _("Household member")
    OTHER = "other", _("Other")


class CaseType(models.TextChoices):
    INTIMATE_PARTNER = "intimate-partner", _("Intimate partner (current or former)")
    FAMILIAL = "familial", _("Familial")
    PARRICIDE = "parricide", _("Parricide (a parent killed by their child)")
    HOMICIDE_PERPETRATOR_SUICIDE = (
        "homicide-perpetrator-suicide",
        _("Homicide followed by perpetrator suicide"),
    )
    VICTIM_SUICIDE = "victim-suicide", _("Victim suicide")
    CHILDREN_PRESENT = "children-present", _("Children present")
    MULTIPLE_VICTIMS = "multiple-victims", _("More than one victim")


# Each case type's column on Review, in the order of CaseType.
CASE_TYPE_FIELDS = {code: "case_" + code.replace("-", "_") for code in CaseType.values}

# The single-choice fields: (field name, its choices), for the facets, open data and page.
CHOICE_FIELDS = {
    "victim_age": AgeBand,
    "victim_sex": Sex,
    "perpetrator_age": AgeBand,
    "perpetrator_sex": Sex,
    "relationship": Relationship,
}


def _choice(verbose_name, choices):
    return models.CharField(
        verbose_name,
        max_length=20,
        choices=choices.choices,
        blank=True,
        help_text=NOT_STATED_HELP,
    )


def _flag(code):
    return models.BooleanField(CaseType(code).label, default=False)


class CaseCharacteristics(models.Model):
    """The fields, for Review to inherit."""

    victim_age = _choice(_("victim's age band"), AgeBand)
    victim_sex = _choice(_("victim's sex"), Sex)
    perpetrator_age = _choice(_("perpetrator's age band"), AgeBand)
    perpetrator_sex = _choice(_("perpetrator's sex"), Sex)
    relationship = _choice(_("perpetrator's relationship to the victim"), Relationship)
    case_intimate_partner = _flag(CaseType.INTIMATE_PARTNER)
    case_familial = _flag(CaseType.FAMILIAL)
    case_parricide = _flag(CaseType.PARRICIDE)
    case_homicide_perpetrator_suicide = _flag(CaseType.HOMICIDE_PERPETRATOR_SUICIDE)
    case_victim_suicide = _flag(CaseType.VICTIM_SUICIDE)
    case_children_present = _flag(CaseType.CHILDREN_PRESENT)
    case_multiple_victims = _flag(CaseType.MULTIPLE_VICTIMS)

    class Meta:
        abstract = True

    def case_types(self):
        """The codes of the case types the report states, in CaseType's order."""
        return [code for code, field in CASE_TYPE_FIELDS.items() if getattr(self, field)]

    def case_type_labels(self):
        return [CaseType(code).label for code in self.case_types()]

    def stated_characteristics(self):
        """(label, value) of each single-choice characteristic the report states, for the
        review's page."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, f"get_{name}_display")())
            for name in CHOICE_FIELDS
            if getattr(self, name)
        ]
