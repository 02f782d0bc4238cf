"""Columns the review admin and the support admin share, written once."""

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class PdfDocumentColumns:
    """For the admin (or inline) of a PDF document, a review's or a strategy document: its
    "file details" and what the upload checks took out of it, each removed item on a line of
    its own."""

    @admin.display(description=_("file details"))
    def facts(self, obj):
        if not obj.pk:
            return "-"
        return f"{obj.description}, SHA-256 {obj.sha256[:12]}…"

    @admin.display(description=_("removed when uploaded"))
    def removed(self, obj):
        if not obj.pk:
            return "-"
        if not obj.removed_items:
            return _("Nothing: the file had no scripts, attachments or identifying details.")
        return format_html_join(mark_safe("<br>"), "{}", ((item,) for item in obj.removed_items))


class PublishedMonthColumn:
    """The month and year a record was published (its `published_month`), sorted by date."""

    @admin.display(description=_("published"), ordering="published_on")
    def month_published(self, obj):
        return obj.published_month or "-"
