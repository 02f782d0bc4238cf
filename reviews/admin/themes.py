"""Themes in the admin: one vocabulary for every partnership, in the Home Office library's
groups. Only site administrators add, change or delete themes (roles.may_change_themes);
officers see them, as they file reviews and recommendations under them."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "review_count"]
    list_filter = ["group"]
    search_fields = ["name", "name_cy", "search_terms"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "group"]}),
        (_("What the theme covers"), {"fields": ["description", "search_terms"]}),
        (_("In Welsh"), {"fields": ["name_cy", "description_cy"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(review_count=Count("reviews"))

    @admin.display(description=_("reviews"), ordering="review_count")
    def review_count(self, theme):
        return theme.review_count

    def has_module_permission(self, request):
        return roles.works_for_partnerships(request.user)

    def has_view_permission(self, request, obj=None):
        return roles.works_for_partnerships(request.user)

    def has_add_permission(self, request):
        return roles.may_change_themes(request.user)

    def has_change_permission(self, request, obj=None):
        return roles.may_change_themes(request.user)

    def has_delete_permission(self, request, obj=None):
        return roles.may_change_themes(request.user)

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if roles.may_change_themes(request.user) else {}
