"""Help for people affected by domestic abuse, and the partnerships' other published work.

Helplines with their opening hours, strategy documents (PDFs served by the same code as review
documents), information pages written in a small safe markup, and dated notices. Each keeps
its history: who saved what, and when (which the admin names when two officers' saves meet).
"""

from calendar import monthrange

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from reviews.dates import PublishedMonthMixin
from reviews.documents import PageText, PdfDocument
from reviews.languages import WELSH_HELP, BilingualMixin
from reviews.models import Nation, Partnership, Theme

from . import opening_hours
from .markup import render_markdown
from .phone import PhoneNumberField, format_phone_number, normalise_phone_number, tel_href

# Details are re-checked at least this often; older ones are flagged to officers.
CHECK_EVERY_MONTHS = 6


def months_before(day, months):
    """The same day `months` earlier, or that month's last day when it is shorter."""
    year, month_index = divmod(day.year * 12 + day.month - 1 - months, 12)
    month = month_index + 1
    return day.replace(year=year, month=month, day=min(day.day, monthrange(year, month)[1]))


class HelplineQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)

    def for_listing(self):
        return self.select_related("partnership").prefetch_related("opening_hours")

    def emergency(self):
        return self.filter(emergency=True)

    def for_audience(self, audience):
        """Lines for this group of people, and lines for everyone."""
        return self.filter(audience__in=[audience, Helpline.Audience.EVERYONE])

    def national(self):
        return self.exclude(area=Helpline.Area.LOCAL)

    def for_nation(self, nation):
        """The lines a person in England or Wales can call: UK-wide and their nation's."""
        return self.filter(area__in=[Helpline.Area.UK, nation])

    def for_partnership_area(self, partnership):
        """UK-wide lines, the partnership's nation's, and the partnership's own local lines."""
        return self.filter(
            Q(area__in=[Helpline.Area.UK, partnership.nation])
            | Q(area=Helpline.Area.LOCAL, partnership=partnership)
        )

    def needing_check(self, today=None):
        """Lines whose details were never checked, or were last checked over six months ago."""
        today = today or timezone.localdate()
        return self.filter(
            Q(details_checked_on=None)
            | Q(details_checked_on__lt=months_before(today, CHECK_EVERY_MONTHS))
        )


class Helpline(BilingualMixin, models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone")
        WOMEN = "women", _("Women")
        MEN = "men", _("Men")
        LGBT = "lgbt", _("LGBT+ people")
        OWN_BEHAVIOUR = "own-behaviour", _("People worried about their own behaviour")
        HONOUR_BASED = "honour-based", _("Honour-based abuse and forced marriage")
        STALKING = "stalking", _("People being stalked")
        YOUNG_PEOPLE = "young-people", _("Young people")
        PROFESSIONALS = "professionals", _("Professionals")

    class Area(models.TextChoices):
        UK = "uk", _("The whole UK")
        ENGLAND = Nation.ENGLAND.value, _("England")
        WALES = Nation.WALES.value, _("Wales")
        LOCAL = "local", _("One partnership's area")

    name = models.CharField(_("name"), max_length=150)
    organisation = models.CharField(
        _("run by"), max_length=150, blank=True, help_text=_("The organisation that runs it.")
    )
    description = models.TextField(
        _("what it offers"),
        blank=True,
        help_text=_("One or two plain sentences: who can call and what happens when they do."),
    )
    name_cy = models.CharField(_("name in Welsh"), max_length=150, blank=True, help_text=WELSH_HELP)
    description_cy = models.TextField(
        _("what it offers, in Welsh"), blank=True, help_text=WELSH_HELP
    )
    phone = PhoneNumberField(
        _("phone number"),
        help_text=_("A UK number, for example 0808 200 0247, or a short number such as 999."),
    )
    text_number = PhoneNumberField(
        _("text message number"), blank=True, help_text=_("If people can also send a text.")
    )
    email = models.EmailField(_("email address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    webchat = models.URLField(_("web chat link"), blank=True)
    audience = models.CharField(
        _("who it is for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE
    )
    area = models.CharField(
        _("where it serves"), max_length=10, choices=Area.choices, default=Area.UK
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="helplines",
        verbose_name=_("partnership"),
        help_text=_("For a local line only: the partnership whose area it serves."),
    )
    open_24_hours = models.BooleanField(
        _("open 24 hours, every day"),
        default=False,
        help_text=_("Otherwise add its opening hours below. Leave both empty if not known."),
    )
    free_to_call = models.BooleanField(_("free to call"), default=False)
    emergency = models.BooleanField(
        _("emergency number"),
        default=False,
        help_text=_("Shown first, in the emergency panel at the top of the help page."),
    )
    order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers are shown first.")
    )
    details_checked_on = models.DateField(
        _("details last checked"),
        null=True,
        blank=True,
        help_text=_(
            "The day someone last confirmed the number and hours with the service. Shown to "
            "the public; flagged when more than six months old."
        ),
    )
    active = models.BooleanField(_("shown on the site"), default=True)

    objects = HelplineQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-emergency", "order", "name"]
        verbose_name = _("helpline")
        verbose_name_plural = _("helplines")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Stored normalised however it arrives (admin, demo data, shell).
        self.phone = normalise_phone_number(self.phone)
        if self.text_number:
            self.text_number = normalise_phone_number(self.text_number)
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.area == self.Area.LOCAL and not self.partnership_id:
            raise ValidationError(
                {"partnership": _("Choose the partnership whose area this local line serves.")}
            )
        if self.area != self.Area.LOCAL and self.partnership_id:
            raise ValidationError(
                {
                    "partnership": _(
                        "Only a local line belongs to a partnership. Choose “One partnership's "
                        "area” as where it serves, or leave the partnership empty."
                    )
                }
            )

    @property
    def phone_display(self):
        return format_phone_number(self.phone)

    @property
    def phone_href(self):
        return tel_href(self.phone)

    @property
    def text_number_display(self):
        return format_phone_number(self.text_number)

    @property
    def text_number_href(self):
        return f"sms:{self.text_number}" if self.text_number else ""

    @property
    def area_name(self):
        if self.area == self.Area.LOCAL and self.partnership_id:
            return self.partnership.short_name
        return self.get_area_display()

    def spans(self):
        """The opening-hours rows as plain spans (uses prefetched rows)."""
        return [
            opening_hours.Span(row.weekday, row.opens, row.closes)
            for row in self.opening_hours.all()
        ]

    @property
    def hours_known(self):
        return self.open_24_hours or bool(self.opening_hours.all())

    def opening_status(self, now=None):
        return opening_hours.opening_status(
            self.spans(), now or timezone.now(), always_open=self.open_24_hours
        )

    def hours_in_words(self):
        return opening_hours.describe_hours(self.spans(), always_open=self.open_24_hours)

    def needs_check(self, today=None):
        today = today or timezone.localdate()
        return self.details_checked_on is None or self.details_checked_on < months_before(
            today, CHECK_EVERY_MONTHS
        )


def with_opening_status(helplines, now):
    """The helplines as a list, each with `status` and `status_text` at `now` for templates."""
    helplines = list(helplines)
    for helpline in helplines:
        helpline.status = helpline.opening_status(now)
        helpline.status_text = opening_hours.describe_status(helpline.status, now)
    return helplines


class OpeningHours(models.Model):
    helpline = models.ForeignKey(
        Helpline, on_delete=models.CASCADE, related_name="opening_hours", verbose_name=_("helpline")
    )
    weekday = models.PositiveSmallIntegerField(_("day"), choices=sorted(WEEKDAYS.items()))
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(
        _("closes"),
        help_text=_(
            "A closing time at or before the opening time is on the next day: 17:00 to 08:00 "
            "runs overnight, 00:00 to 00:00 is the whole day."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{WEEKDAYS[self.weekday]} {self.opens:%H:%M}-{self.closes:%H:%M}"


class PartnershipContentQuerySet(models.QuerySet):
    """Shared by the records a partnership (or, when national, an administrator) publishes."""

    def published(self):
        return self.filter(is_published=True).filter(
            Q(partnership=None) | Q(partnership__active=True)
        )


class StrategyDocument(PublishedMonthMixin, BilingualMixin, PdfDocument):
    class Kind(models.TextChoices):
        STRATEGY = "strategy", _("Strategy")
        SAFE_ACCOMMODATION = "safe-accommodation-strategy", _("Safe accommodation strategy")
        NEEDS_ASSESSMENT = "needs-assessment", _("Needs assessment")
        ACTION_PLAN = "action-plan", _("Action plan")
        ANNUAL_REPORT = "annual-report", _("Annual report")
        LEARNING_BRIEFING = "learning-briefing", _("Learning briefing")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft for consultation")
        FINAL = "final", _("Final")
        SUPERSEDED = "superseded", _("Superseded")

    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.PROTECT,
        related_name="strategy_documents",
        verbose_name=_("partnership"),
    )
    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("Part of the document's web address. Do not change it once published."),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.FINAL
    )
    period = models.CharField(
        _("period covered"), max_length=40, blank=True, help_text=_("For example 2017-2020.")
    )
    published_on = models.DateField(
        _("date published"),
        null=True,
        blank=True,
        help_text=_("Shown as month and year. Leave blank if it is not known."),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=_("Plain text."))
    title_cy = models.CharField(
        _("title in Welsh"), max_length=250, blank=True, help_text=WELSH_HELP
    )
    summary_cy = models.TextField(_("summary in Welsh"), blank=True, help_text=WELSH_HELP)
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="strategy_documents", verbose_name=_("themes")
    )
    is_published = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("Leave unticked until the document is ready to be read by anyone."),
    )

    objects = PartnershipContentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("published_on").desc(nulls_last=True), "title"]
        verbose_name = _("strategy document")
        verbose_name_plural = _("strategy documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("support:strategy_detail", args=[self.slug])

    def get_document_url(self):
        return reverse("support_files:strategy_document", args=[self.slug])

    def download_filename(self):
        return f"{self.slug}.pdf"

    @property
    def display_title(self):
        return self.title


class StrategyDocumentPage(PageText):
    """The text of one page of a strategy document, for its text version."""

    document = models.ForeignKey(
        StrategyDocument,
        on_delete=models.CASCADE,
        related_name="pages",
        verbose_name=_("document"),
    )

    class Meta(PageText.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["document", "number"], name="unique_strategy_document_page"
            )
        ]


# /about/reviews/ is the reviews app's own page, so no information page may take that address.
RESERVED_PAGE_SLUGS = {"reviews"}


class InformationPage(BilingualMixin, models.Model):
    title = models.CharField(_("title"), max_length=150)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        unique=True,
        help_text=_("The page's address is /about/<slug>/. Do not change it once published."),
    )
    summary = models.CharField(
        _("summary"),
        max_length=300,
        help_text=_("One sentence, shown under the page's title and in lists of pages."),
    )
    body = models.TextField(
        _("body"),
        help_text=_(
            "Written in Markdown: a blank line between paragraphs, “## ” before a heading, "
            "“- ” before each item of a list, [link text](https://address) for a link. Any "
            "other HTML is removed."
        ),
    )
    title_cy = models.CharField(
        _("title in Welsh"), max_length=150, blank=True, help_text=WELSH_HELP
    )
    summary_cy = models.CharField(
        _("summary in Welsh"), max_length=300, blank=True, help_text=WELSH_HELP
    )
    body_cy = models.TextField(_("body in Welsh"), blank=True, help_text=WELSH_HELP)
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="information_pages",
        verbose_name=_("partnership"),
        help_text=_("Empty for a page for everyone; otherwise the partnership it is about."),
    )
    order = models.PositiveSmallIntegerField(
        _("display order"), default=100, help_text=_("Lower numbers are listed first.")
    )
    is_published = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("Leave unticked until the page is ready to be read by anyone."),
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    objects = PartnershipContentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("support:information_page", args=[self.slug])

    def clean(self):
        super().clean()
        if self.slug in RESERVED_PAGE_SLUGS:
            raise ValidationError({"slug": _("This address is already used by another page.")})

    def body_html(self):
        return render_markdown(self.body)

    def body_html_in_page_language(self):
        return render_markdown(self.in_page_language("body").value)


class Notice(BilingualMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text. A blank line starts a paragraph."))
    title_cy = models.CharField(
        _("title in Welsh"), max_length=200, blank=True, help_text=WELSH_HELP
    )
    body_cy = models.TextField(_("text in Welsh"), blank=True, help_text=WELSH_HELP)
    link_url = models.URLField(_("link"), blank=True)
    link_text = models.CharField(
        _("link text"),
        max_length=120,
        blank=True,
        help_text=_("Say where the link goes, for example “Refuge's website”."),
    )
    partnership = models.ForeignKey(
        Partnership,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notices",
        verbose_name=_("partnership"),
        help_text=_("Empty for a notice on the help page; otherwise the partnership's page."),
    )
    published_on = models.DateField(_("date"), default=timezone.localdate)
    is_published = models.BooleanField(
        _("shown on the public site"),
        default=False,
        help_text=_("Leave unticked until the notice is ready to be read by anyone."),
    )

    objects = PartnershipContentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.link_url and not self.link_text:
            raise ValidationError({"link_text": _("Say where the link goes.")})
