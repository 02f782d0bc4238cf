"""What the personal-data check keeps for a review: the names its officers say must not appear
in its documents, and what the check found in them.

Neither is ever public: no public page, feed or open-data file reads these models. The check
itself is reviews/personal_data.
"""

import re
import unicodedata

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .documents import ReviewDocument
from .reviews import Review

SHORTEST_NAME = 2


def read_names(text):
    """The names of a list written one a line: spaces made single, blank lines and repeats
    (in any case) left out, in the order written."""
    names, seen = [], set()
    for line in (text or "").splitlines():
        name = re.sub(r"\s+", " ", unicodedata.normalize("NFC", line)).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


class WithheldNames(models.Model):
    """The real names (of the victim, the family, anyone) that a review's documents must not
    contain, for the check to look for. Kept apart from the review so that nothing that shows a
    review can show them."""

    review = models.OneToOneField(
        Review, on_delete=models.CASCADE, related_name="withheld_names", verbose_name=_("review")
    )
    names = models.TextField(
        _("names that must not appear"),
        blank=True,
        help_text=_(
            "One name a line, for example the real name of the person who died. Every document "
            "of this review is searched for each name as a whole word, in capitals or not. "
            "The list is never shown to the public."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("names that must not appear")
        verbose_name_plural = _("names that must not appear")

    def __str__(self):
        count = len(self.name_list)
        return ngettext("%(count)d name", "%(count)d names", count) % {"count": count}

    @property
    def name_list(self):
        return read_names(self.names)

    def clean(self):
        super().clean()
        short = [name for name in self.name_list if len(name) < SHORTEST_NAME]
        if short:
            raise ValidationError(
                {
                    "names": _(
                        "“%(name)s” is too short to look for: it would be found inside "
                        "ordinary words. Write each name in full."
                    )
                    % {"name": short[0]}
                }
            )


class PersonalDataFinding(models.Model):
    """Something in a review document's stored page text that an anonymised report should not
    hold: a warning for an officer, who marks it reviewed once they have looked at it."""

    class Kind(models.TextChoices):
        DATE_OF_BIRTH = "date-of-birth", _("Date of birth")
        POSTCODE = "postcode", _("Postcode")
        PHONE = "phone", _("Phone number")
        EMAIL = "email", _("Email address")
        NI_NUMBER = "ni-number", _("National Insurance number")
        NHS_NUMBER = "nhs-number", _("NHS number")
        NAME = "name", _("Name that must not appear")

    document = models.ForeignKey(
        ReviewDocument,
        on_delete=models.CASCADE,
        related_name="personal_data_findings",
        verbose_name=_("found in"),
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    page = models.PositiveIntegerField(_("page"))
    matched = models.CharField(_("found"), max_length=200)
    context = models.CharField(_("in the text"), max_length=400, blank=True)
    # Where on its page it starts, to list a page's findings in reading order.
    position = models.PositiveIntegerField(_("order"), default=0)
    found_at = models.DateTimeField(_("found at"), auto_now_add=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )

    class Meta:
        ordering = ["document", "page", "position", "pk"]
        verbose_name = _("personal-data finding")
        verbose_name_plural = _("personal-data findings")

    def __str__(self):
        return _("%(kind)s on page %(page)s") % {"kind": self.get_kind_display(), "page": self.page}

    @property
    def is_reviewed(self):
        return self.reviewed_at is not None
