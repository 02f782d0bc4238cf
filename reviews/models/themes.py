"""The themes that cut across reviews."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..languages import WELSH_HELP, BilingualMixin


class Theme(BilingualMixin, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    description = models.TextField(_("description"), blank=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=100, blank=True, help_text=WELSH_HELP)
    description_cy = models.TextField(_("description in Welsh"), blank=True, help_text=WELSH_HELP)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name
