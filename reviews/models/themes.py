"""The themes that cut across reviews: a controlled vocabulary in the groups of the Home Office
library's filters, each theme with the words and phrases that find it in a report's text."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..languages import WELSH_HELP, BilingualMixin


class ThemeGroup(models.TextChoices):
    """The groups of the Home Office DHR library's filters, in the order it shows them."""

    VICTIM = "victim", _("The victim")
    PERPETRATOR = "perpetrator", _("The perpetrator")
    CHILDREN = "children", _("Children")
    AGGRAVATING = "aggravating", _("Aggravating factors")
    AGENCY_CONTACT = "agency-contact", _("Contact with agencies")
    PROCESS = "process", _("The review's process")


class ThemeQuerySet(models.QuerySet):
    def with_published_review_counts(self):
        """Each theme with `review_count`, the number of its reviews the public sees (by
        Review.objects.published(), the one rule for that)."""
        review_model = self.model._meta.get_field("reviews").related_model
        published = review_model.objects.published()
        return self.annotate(
            review_count=models.Count("reviews", filter=models.Q(reviews__in=published))
        )


def in_groups(items, group_of=lambda theme: theme.group):
    """[(group, its items)] in ThemeGroup's order, the items (themes, or what `group_of` gives
    the group code of) in the order given; a group without one is left out."""
    by_group = {}
    for item in items:
        by_group.setdefault(group_of(item), []).append(item)
    return [(group, by_group[group.value]) for group in ThemeGroup if group.value in by_group]


class Theme(BilingualMixin, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    group = models.CharField(
        _("group"), max_length=20, choices=ThemeGroup.choices, default=ThemeGroup.AGGRAVATING
    )
    description = models.TextField(_("description"), blank=True)
    search_terms = models.TextField(
        _("search terms"),
        blank=True,
        help_text=_(
            "Words and phrases that show a report deals with this theme, one on each line: "
            "synonyms and abbreviations too (for example “strangled” and “NFS”). The site "
            "suggests the theme for a review whose text contains one of them."
        ),
    )
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True, help_text=WELSH_HELP)
    description_cy = models.TextField(_("description in Welsh"), blank=True, help_text=WELSH_HELP)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def terms(self):
        """What finds the theme in a text: its name and each of its search terms, without
        repeats or blank lines, in the order written."""
        found = {}
        for term in [self.name, *self.search_terms.splitlines()]:
            term = " ".join(term.split())
            if term:
                found.setdefault(term.casefold(), term)
        return list(found.values())
