"""The organisations that reviews' recommendations are addressed to, and who reports for them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..languages import WELSH_HELP, BilingualMixin
from .partnerships import Nation, Partnership


class Sector(models.TextChoices):
    POLICE = "police", _("Police")
    HEALTH = "health", _("Health")
    MENTAL_HEALTH = "mental-health", _("Mental health")
    ADULT_SOCIAL_CARE = "adult-social-care", _("Adult social care")
    CHILDRENS_SERVICES = "childrens-services", _("Children's services")
    HOUSING = "housing", _("Housing")
    PROBATION = "probation", _("Probation")
    EDUCATION = "education", _("Education")
    SUBSTANCE_USE = "substance-use", _("Substance use services")
    DOMESTIC_ABUSE_SERVICE = "domestic-abuse-service", _("Specialist domestic abuse service")
    PARTNERSHIP = "community-safety-partnership", _("The Community Safety Partnership")
    NATIONAL_BODY = "national-body", _("Government department or national body")
    OTHER = "other", _("Other")


class AgencyQuerySet(models.QuerySet):
    def national(self):
        return self.filter(scope=Agency.Scope.NATIONAL)

    def local_to(self, partnership_ids):
        return self.filter(scope=Agency.Scope.LOCAL, partnership_id__in=partnership_ids)


class Agency(BilingualMixin, models.Model):
    """An organisation a recommendation asks to act: a police force, a health board, a
    government department. National agencies are kept by the site administrators; a
    partnership's officers add the local agencies of their area."""

    class Scope(models.TextChoices):
        NATIONAL = "national", _("National")
        LOCAL = "local", _("Local")

    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True, help_text=WELSH_HELP)
    slug = models.SlugField(
        _("web address name"),
        max_length=100,
        unique=True,
        help_text=_("Part of the agency's page address, for example west-mercia-police."),
    )
    sector = models.CharField(_("sector"), max_length=40, choices=Sector.choices)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    nation = models.CharField(
        _("nation"),
        max_length=10,
        choices=Nation.choices,
        blank=True,
        help_text=_("Leave blank for an agency that works in both England and Wales."),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name=_("partnership"),
        help_text=_("For a local agency: the partnership whose area it serves."),
    )

    history = HistoricalRecords()
    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        constraints = [
            models.UniqueConstraint(fields=["name", "partnership"], name="unique_agency_name"),
            models.CheckConstraint(
                condition=(
                    models.Q(scope="national", partnership__isnull=True)
                    | models.Q(scope="local", partnership__isnull=False)
                ),
                name="agency_scope_matches_partnership",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:agency", args=[self.slug])

    def clean(self):
        super().clean()
        if self.scope == self.Scope.LOCAL and not self.partnership_id:
            raise ValidationError(
                {"partnership": _("A local agency belongs to a partnership: choose one.")}
            )
        if self.scope == self.Scope.NATIONAL and self.partnership_id:
            raise ValidationError(
                {"partnership": _("A national agency belongs to no partnership: leave it blank.")}
            )


class AgencyResponder(models.Model):
    """A user who reports back for one agency: they may record updates, with evidence, on the
    published recommendations addressed to it, in every partnership, and do nothing else."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="agency_responder",
        verbose_name=_("user"),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="responders", verbose_name=_("agency")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["agency", "user"]
        verbose_name = _("agency responder")
        verbose_name_plural = _("agency responders")

    def __str__(self):
        return f"{self.user} ({self.agency})"
