"""Community Safety Partnerships, the nations they are in, and their officers."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..languages import WELSH_HELP, BilingualMixin


class Nation(models.TextChoices):
    ENGLAND = "england", _("England")
    WALES = "wales", _("Wales")


def logo_upload_to(instance, filename):
    """A server-chosen name whose extension follows the image Pillow read, not the upload's name."""
    image = getattr(getattr(instance.logo, "file", None), "image", None)
    extension = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}.get(
        getattr(image, "format", None), "png"
    )
    return f"logos/{uuid.uuid4().hex}.{extension}"


class Partnership(BilingualMixin, models.Model):
    """A Community Safety Partnership, which commissions and publishes reviews."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(
        _("short name"), max_length=80, help_text=_("Used in lists, for example “Wiltshire”.")
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    nation = models.CharField(_("nation"), max_length=10, choices=Nation.choices)
    area = models.CharField(_("region or police force area"), max_length=120, blank=True)
    website = models.URLField(_("website"), blank=True)
    name_cy = models.CharField(_("name in Welsh"), max_length=200, blank=True, help_text=WELSH_HELP)
    about = models.TextField(_("about"), blank=True)
    about_cy = models.TextField(_("about, in Welsh"), blank=True, help_text=WELSH_HELP)
    members = models.TextField(
        _("member organisations"),
        blank=True,
        help_text=_("One organisation per line."),
    )
    logo = models.ImageField(_("logo"), upload_to=logo_upload_to, blank=True)
    logo_alt = models.CharField(
        _("logo alt text"),
        max_length=200,
        blank=True,
        help_text=_("Describe the logo for people who cannot see it."),
    )
    active = models.BooleanField(_("active"), default=True)
    # The demo's sample partnership: every page that shows its records says they are invented.
    fictional = models.BooleanField(
        _("fictional sample"),
        default=False,
        help_text=_("Invented records that show how the site works; every page says so."),
    )
    officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="Membership",
        blank=True,
        related_name="partnerships",
        verbose_name=_("officers"),
        help_text=_("Staff who may edit, and perhaps publish, this partnership's reviews."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("reviews:partnership_detail", args=[self.slug])

    def clean(self):
        if self.logo and not self.logo_alt:
            raise ValidationError({"logo_alt": _("Give the logo a text alternative.")})

    @property
    def member_list(self):
        return [line.strip() for line in self.members.splitlines() if line.strip()]


class Membership(models.Model):
    """An officer's place in a partnership, and what their role lets them do there.

    Editors prepare drafts and upload documents; publishers also publish, schedule and
    withdraw. Site administrators (superusers) need no membership.
    """

    class Role(models.TextChoices):
        EDITOR = "editor", _("Editor: prepares drafts and uploads documents")
        PUBLISHER = "publisher", _("Publisher: also publishes and withdraws reviews")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("partnership"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("officer"),
    )
    # Least privilege unless someone chooses otherwise.
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)

    history = HistoricalRecords()

    class Meta:
        ordering = ["partnership", "user"]
        verbose_name = _("officer of the partnership")
        verbose_name_plural = _("officers of the partnership")
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="unique_membership")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}), {self.partnership}"
