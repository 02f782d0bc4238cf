"""Partnerships in the admin: officers keep their own partnership's details current;
only the site administrator adds partnerships and decides who their officers are."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import Membership, Partnership
from .scoping import PartnershipScopedAdmin


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    verbose_name = _("officer")
    verbose_name_plural = _("officers and their roles")


@admin.register(Partnership)
class PartnershipAdmin(PartnershipScopedAdmin):
    partnership_lookup = "pk"
    list_display = ["name", "short_name", "nation", "area", "active"]
    list_filter = ["nation", "active"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    exclude = ["officers"]

    def owner_partnership_id(self, obj):
        return obj.pk

    # Officers keep their own partnership's details current; only administrators create or
    # remove partnerships or change who their officers are and what role each has.
    def has_add_permission(self, request, *args):
        return roles.is_administrator(request.user)

    def has_delete_permission(self, request, obj=None):
        return roles.is_administrator(request.user)

    def get_inlines(self, request, obj=None):
        return [MembershipInline] if roles.is_administrator(request.user) else []

    def get_readonly_fields(self, request, obj=None):
        return [] if roles.is_administrator(request.user) else ["name", "slug", "active"]

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if roles.is_administrator(request.user) else {}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "website":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)
