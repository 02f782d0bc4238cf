"""The officers' admin for help content: each officer manages their own partnership's local
helplines, strategy documents, information pages and notices; national ones (which have no
partnership) are for site administrators only.

Roles work as they do for reviews (reviews/roles.py): a publisher decides what the public sees;
an editor prepares records that are not yet public, and a publisher makes them visible.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from reviews import roles
from reviews.admin.columns import PdfDocumentColumns, PublishedMonthColumn
from reviews.admin.concurrent_edits import ConcurrentEditsAdmin
from reviews.admin.documents import report_uploads
from reviews.admin.scoping import PartnershipScopedAdmin

from . import publishing
from .models import Helpline, InformationPage, Notice, OpeningHours, StrategyDocument


class PartnershipContentAdmin(ConcurrentEditsAdmin, PartnershipScopedAdmin):
    """A record that belongs to a partnership, or (where the partnership is optional) to no
    partnership, which makes it national: officers must choose one of their own partnerships,
    and only a superuser sees or changes a national record. A save that would overwrite another
    officer's is stopped (reviews/admin/concurrent_edits.py)."""

    partnership_lookup = "partnership"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def owner_partnership_id(self, obj):
        return obj.partnership_id

    # An editor may change, or remove, what is not public yet; a public record is a publisher's.
    change_rule = delete_rule = staticmethod(roles.may_change_content)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # The switch is offered to whoever publishes somewhere; whether their choice stands
        # depends on the record's partnership (support/publishing.py).
        if not roles.publishes_anywhere(request.user):
            fields.append(roles.visibility_field(self.model))
        return fields

    def save_model(self, request, obj, form, change):
        if publishing.save_content(obj, by=request.user) is publishing.Saved.HELD_BACK:
            self.message_user(
                request,
                _(
                    "Saved, but not shown on the public site: a publisher of your partnership "
                    "needs to check it and make it visible."
                ),
                messages.WARNING,
            )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "partnership":
            kwargs["queryset"] = roles.officer_partnerships(request.user)
            if not roles.may_manage_national(request.user):
                kwargs["required"] = True
                kwargs["empty_label"] = None
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partnership")

    @admin.display(description=_("partnership"), ordering="partnership__short_name")
    def partnership_or_national(self, obj):
        return obj.partnership.short_name if obj.partnership_id else _("National")


class OpeningHoursFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        rows = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        if rows and self.instance.open_24_hours:
            raise ValidationError(
                _(
                    "A line open 24 hours a day needs no opening hours. Untick “open 24 "
                    "hours” or remove the rows."
                )
            )


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    formset = OpeningHoursFormSet
    extra = 0
    verbose_name_plural = _(
        "opening hours (one row per day; leave empty if open 24 hours or if not known)"
    )

    # The helpline's admin decides who may reach it; its hours follow it.
    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True

    def has_view_permission(self, request, obj=None):
        return True


class DetailsCheckedFilter(admin.SimpleListFilter):
    title = _("details checked")
    parameter_name = "checked"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Never, or more than six months ago")),
            ("recent", _("In the last six months")),
        ]

    def queryset(self, request, queryset):
        overdue = Helpline.objects.needing_check()
        if self.value() == "overdue":
            return queryset.filter(pk__in=overdue.values("pk"))
        if self.value() == "recent":
            return queryset.exclude(pk__in=overdue.values("pk"))
        return queryset


@admin.register(Helpline)
class HelplineAdmin(PartnershipContentAdmin):
    list_display = [
        "name",
        "phone_display",
        "partnership_or_national",
        "audience",
        "active",
        "details_checked",
    ]
    list_filter = [DetailsCheckedFilter, "area", "audience", "active"]
    search_fields = ["name", "organisation", "phone"]
    inlines = [OpeningHoursInline]
    fieldsets = [
        (None, {"fields": ["name", "organisation", "description"]}),
        (_("In Welsh"), {"fields": ["name_cy", "description_cy"]}),
        (
            _("How to get in touch"),
            {"fields": ["phone", "text_number", "email", "website", "webchat"]},
        ),
        (_("Who and where"), {"fields": ["audience", "area", "partnership"]}),
        (_("Hours"), {"fields": ["open_24_hours", "free_to_call"]}),
        (_("On the help page"), {"fields": ["emergency", "order", "details_checked_on", "active"]}),
    ]

    @admin.display(description=_("phone number"), ordering="phone")
    def phone_display(self, obj):
        return obj.phone_display

    @admin.display(description=_("details last checked"), ordering="details_checked_on")
    def details_checked(self, obj):
        if obj.details_checked_on is None:
            return _("⚠ Never checked: check now")
        if obj.needs_check():
            return _("⚠ %(date)s: over six months ago, check now") % {
                "date": date_format(obj.details_checked_on, "j M Y")
            }
        return date_format(obj.details_checked_on, "j M Y")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # The emergency panel at the top of the help page is for national numbers only.
        if roles.may_manage_national(request.user):
            return fields
        return [*fields, "emergency"]

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "area" and not roles.may_manage_national(request.user):
            # An officer's line serves their own partnership's area.
            kwargs["choices"] = [(Helpline.Area.LOCAL, Helpline.Area.LOCAL.label)]
        return super().formfield_for_choice_field(db_field, request, **kwargs)


@admin.register(StrategyDocument)
class StrategyDocumentAdmin(PdfDocumentColumns, PublishedMonthColumn, PartnershipContentAdmin):
    list_display = [
        "title",
        "partnership",
        "kind",
        "status",
        "month_published",
        "is_published",
        "description",
    ]
    list_filter = [
        ("partnership", admin.RelatedOnlyFieldListFilter),
        "kind",
        "status",
        "is_published",
    ]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    readonly_fields = ["facts", "removed"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "partnership"]}),
        (
            _("About the document"),
            {"fields": ["kind", "status", "period", "published_on", "summary", "themes"]},
        ),
        (_("In Welsh"), {"fields": ["title_cy", "summary_cy"]}),
        (_("File"), {"fields": ["file", "facts", "removed"]}),
        (_("Publication"), {"fields": ["is_published"]}),
    ]

    def save_model(self, request, obj, form, change):
        if not change or "file" in form.changed_data:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        report_uploads(request, self, [obj])


@admin.register(InformationPage)
class InformationPageAdmin(PartnershipContentAdmin):
    list_display = ["title", "slug", "partnership_or_national", "order", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    fields = [
        "title",
        "slug",
        "summary",
        "body",
        "title_cy",
        "summary_cy",
        "body_cy",
        "partnership",
        "order",
        "is_published",
    ]


@admin.register(Notice)
class NoticeAdmin(PartnershipContentAdmin):
    list_display = ["title", "published_on", "partnership_or_national", "is_published"]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]
    date_hierarchy = "published_on"
    fields = [
        "title",
        "published_on",
        "body",
        "title_cy",
        "body_cy",
        "link_url",
        "link_text",
        "partnership",
        "is_published",
    ]
