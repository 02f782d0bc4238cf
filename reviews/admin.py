"""The officers' admin: each officer sees and changes only their own partnerships' records."""

from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import Partnership, Review, ReviewDocument, Theme

admin.site.site_header = _("Domestic Homicide Reviews: officers' admin")
admin.site.site_title = _("DHR officers' admin")
admin.site.index_title = _("Publish and manage your partnership's reviews")


def officer_partnership_ids(request):
    """The partnerships the signed-in officer belongs to, read once per request."""
    if not hasattr(request, "_officer_partnership_ids"):
        request._officer_partnership_ids = set(
            request.user.partnerships.values_list("pk", flat=True)
        )
    return request._officer_partnership_ids


def is_officer(request):
    user = request.user
    return user.is_active and user.is_staff and bool(officer_partnership_ids(request))


class PartnershipScopedAdmin(admin.ModelAdmin):
    """Superusers see everything; an officer sees only records of their own partnerships.

    Access comes from partnership membership, not from Django's per-model permissions, so that
    adding an officer to a partnership is the one step that lets them publish for it. A record
    outside an officer's partnerships is absent from their lists and answers a direct URL as if
    it did not exist.
    """

    # The lookup from this model to the Partnership that owns it.
    partnership_lookup = None

    def owner_partnership_id(self, obj):
        raise NotImplementedError

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            **{f"{self.partnership_lookup}__in": officer_partnership_ids(request)}
        )

    def _may(self, request, obj=None):
        if request.user.is_superuser:
            return True
        if not is_officer(request):
            return False
        return obj is None or self.owner_partnership_id(obj) in officer_partnership_ids(request)

    def has_module_permission(self, request):
        return self._may(request)

    def has_view_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_add_permission(self, request, *args):
        return self._may(request)

    def has_change_permission(self, request, obj=None):
        return self._may(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._may(request, obj)

    def scoped_partnerships(self, request):
        queryset = Partnership.objects.all()
        if request.user.is_superuser:
            return queryset
        return queryset.filter(pk__in=officer_partnership_ids(request))


class ReviewDocumentInline(admin.StackedInline):
    model = ReviewDocument
    extra = 0
    fields = ["kind", "language", "title", "file", "facts"]
    readonly_fields = ["facts"]
    verbose_name = _("document")
    verbose_name_plural = _("documents (PDF only)")

    @admin.display(description=_("file details"))
    def facts(self, obj):
        if not obj.pk:
            return "-"
        return f"{obj.description}, SHA-256 {obj.sha256[:12]}…"

    # The parent admin decides who may reach the review; its documents follow it.
    def has_add_permission(self, request, obj=None):
        return True

    def has_change_permission(self, request, obj=None):
        return True

    def has_delete_permission(self, request, obj=None):
        return True

    def has_view_permission(self, request, obj=None):
        return True


class PublishedYearFilter(admin.SimpleListFilter):
    title = _("year published")
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = (
            model_admin.get_queryset(request)
            .exclude(published_on=None)
            .dates("published_on", "year", order="DESC")
        )
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(published_on__year=int(self.value()))
        return queryset


@admin.register(Review)
class ReviewAdmin(PartnershipScopedAdmin):
    partnership_lookup = "lead_partnership"
    list_display = [
        "pseudonym",
        "reference",
        "lead_partnership",
        "review_type",
        "month_published",
        "status",
        "document_count",
    ]
    list_filter = [
        ("lead_partnership", admin.RelatedOnlyFieldListFilter),
        "review_type",
        "status",
        PublishedYearFilter,
    ]
    search_fields = ["pseudonym", "reference"]
    filter_horizontal = ["partnerships", "themes"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    inlines = [ReviewDocumentInline]
    actions = ["publish", "withdraw"]
    fieldsets = [
        (None, {"fields": ["pseudonym", "slug", "reference", "lead_partnership", "partnerships"]}),
        (
            _("About the review"),
            {
                "fields": [
                    "review_type",
                    "case_type",
                    "themes",
                    "published_on",
                    "year_of_death",
                    "summary",
                ]
            },
        ),
        (_("Publication"), {"fields": ["status"]}),
        (
            _("Record"),
            {"fields": ["created_at", "created_by", "updated_at", "updated_by"]},
        ),
    ]
    prepopulated_fields = {"slug": ["pseudonym"]}

    def owner_partnership_id(self, obj):
        return obj.lead_partnership_id

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("lead_partnership")

    @admin.display(description=_("published"), ordering="published_on")
    def month_published(self, obj):
        return obj.published_month or "-"

    @admin.display(description=_("documents"))
    def document_count(self, obj):
        return obj.documents.count()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_partnership":
            kwargs["queryset"] = self.scoped_partnerships(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for document in formset.save(commit=False):
            if document.pk is None:
                document.uploaded_by = request.user
            document.save()
        for document in formset.deleted_objects:
            document.delete()
        formset.save_m2m()

    @admin.action(description=_("Publish the selected reviews"))
    def publish(self, request, queryset):
        updated = 0
        for review in queryset.exclude(status=Review.Status.PUBLISHED):
            review.status = Review.Status.PUBLISHED
            review.published_on = review.published_on or timezone.localdate()
            review.updated_by = request.user
            review.save()
            updated += 1
        self.message_user(
            request,
            ngettext("%(count)d review published.", "%(count)d reviews published.", updated)
            % {"count": updated},
            messages.SUCCESS,
        )

    @admin.action(description=_("Withdraw the selected reviews from the public site"))
    def withdraw(self, request, queryset):
        updated = queryset.exclude(status=Review.Status.WITHDRAWN).update(
            status=Review.Status.WITHDRAWN, updated_by=request.user, updated_at=timezone.now()
        )
        self.message_user(
            request,
            ngettext("%(count)d review withdrawn.", "%(count)d reviews withdrawn.", updated)
            % {"count": updated},
            messages.SUCCESS,
        )


@admin.register(ReviewDocument)
class ReviewDocumentAdmin(PartnershipScopedAdmin):
    partnership_lookup = "review__lead_partnership"
    list_display = ["display_title", "review", "kind", "language", "description", "uploaded_at"]
    list_filter = ["kind", "language"]
    search_fields = ["review__pseudonym", "review__reference", "title"]
    fields = ["review", "kind", "language", "title", "file"]
    list_select_related = ["review"]

    def owner_partnership_id(self, obj):
        return obj.review.lead_partnership_id

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "review":
            kwargs["queryset"] = Review.objects.for_officer(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Partnership)
class PartnershipAdmin(PartnershipScopedAdmin):
    partnership_lookup = "pk"
    list_display = ["name", "short_name", "nation", "area", "active"]
    list_filter = ["nation", "active"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}

    def owner_partnership_id(self, obj):
        return obj.pk

    # Officers keep their own partnership's details current; only administrators create or
    # remove partnerships or change who their officers are.
    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_exclude(self, request, obj=None):
        return [] if request.user.is_superuser else ["officers"]

    def get_readonly_fields(self, request, obj=None):
        return [] if request.user.is_superuser else ["name", "slug", "active"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if request.user.is_superuser else {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "website":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
