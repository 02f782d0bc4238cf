"""Agencies in the admin: site administrators keep the national list, and everything; an
officer sees the national agencies read only and adds or changes the local agencies of their
own partnerships. Who reports for an agency (its responders) is the administrator's to decide.
The rules are in reviews/roles.py."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import Agency, AgencyResponder
from .scoping import PartnershipScopedAdmin


class AgencyResponderInline(admin.TabularInline):
    model = AgencyResponder
    extra = 0
    verbose_name = _("responder")
    verbose_name_plural = _(
        "responders (staff users who record updates for this agency, and do nothing else)"
    )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Agency)
class AgencyAdmin(PartnershipScopedAdmin):
    list_display = ["name", "sector", "scope", "nation", "partnership"]
    list_filter = ["scope", "sector", "nation"]
    search_fields = ["name", "name_cy"]
    prepopulated_fields = {"slug": ["name"]}
    fields = ["name", "name_cy", "slug", "sector", "scope", "nation", "partnership"]

    def owner_partnership_id(self, obj):
        return obj.partnership_id

    def get_queryset(self, request):
        return roles.visible_agencies(request.user).select_related("partnership")

    view_rule = staticmethod(lambda user, agency: True)  # whatever the list shows them
    change_rule = delete_rule = staticmethod(roles.may_change_agency)

    def get_inlines(self, request, obj=None):
        return [AgencyResponderInline] if roles.is_administrator(request.user) else []

    def get_prepopulated_fields(self, request, obj=None):
        return self.prepopulated_fields if self.has_change_permission(request, obj) else {}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "partnership":
            kwargs["queryset"] = roles.officer_partnerships(request.user)
            if not roles.is_administrator(request.user):
                kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "scope" and not roles.is_administrator(request.user):
            # An officer keeps local agencies only; the national list is the administrator's.
            kwargs["choices"] = [(Agency.Scope.LOCAL, Agency.Scope.LOCAL.label)]
            kwargs["initial"] = Agency.Scope.LOCAL
        return super().formfield_for_choice_field(db_field, request, **kwargs)
