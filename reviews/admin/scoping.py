"""The admin's scoping: a superuser sees everything; an officer sees only records of their own
partnerships (the rules are reviews/roles.py's), and a file that cannot be stored saves
nothing."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..documents import DocumentStorageError, files_follow_transaction


class PartnershipScopedAdmin(admin.ModelAdmin):
    """Superusers see everything; an officer sees only records of their own partnerships.

    Access comes from partnership membership, not from Django's per-model permissions, so that
    adding an officer to a partnership is the one step that lets them work for it. A record
    outside an officer's partnerships is absent from their lists and answers a direct URL as if
    it did not exist.
    """

    # The lookup from this model to the Partnership that owns it.
    partnership_lookup = None

    def owner_partnership_id(self, obj):
        raise NotImplementedError

    def get_queryset(self, request):
        return self.scope(super().get_queryset(request), request.user)

    def scope(self, queryset, user):
        """The records of `queryset` this user may see (roles.within_partnerships, unless a
        subclass's records are seen by more than their owner's officers)."""
        return roles.within_partnerships(queryset, user, self.partnership_lookup)

    # The rules for one record, from reviews/roles.py: functions of (user, record) for seeing,
    # changing and deleting it. Left as None, the record's partnership decides
    # (roles.may_manage_partnership). A subclass whose records belong to another record (a
    # document to its review) names that one in `rule_subject`.
    view_rule = change_rule = delete_rule = None

    def rule_subject(self, obj):
        return obj

    def may_manage(self, request, obj=None, rule=None):
        """The admin's list (no `obj`), or one record: roles decide, by `rule` or else by the
        record's partnership."""
        if obj is None:
            return roles.works_for_partnerships(request.user)
        if rule is not None:
            return rule(request.user, self.rule_subject(obj))
        return roles.may_manage_partnership(request.user, self.owner_partnership_id(obj))

    def has_module_permission(self, request):
        return self.may_manage(request)

    def has_view_permission(self, request, obj=None):
        return self.may_manage(request, obj, self.view_rule)

    def has_add_permission(self, request, *args):
        return self.may_manage(request)

    def has_change_permission(self, request, obj=None):
        return self.may_manage(request, obj, self.change_rule)

    def has_delete_permission(self, request, obj=None):
        return self.may_manage(request, obj, self.delete_rule)

    def history_view(self, request, object_id, extra_context=None):
        # Another partnership's record has no history here either: 404, as its change page
        # answers, not 403, which would tell an officer that the record exists.
        try:
            return super().history_view(request, object_id, extra_context)
        except PermissionDenied:
            raise Http404 from None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # Files written while saving are removed again if the save goes on to fail.
        try:
            with files_follow_transaction():
                return super().changeform_view(request, object_id, form_url, extra_context)
        except DocumentStorageError:
            self.message_user(
                request,
                _(
                    "The file could not be stored, so nothing was saved. Try again in a few "
                    "minutes; if it keeps happening, tell your site administrator."
                ),
                messages.ERROR,
            )
            return HttpResponseRedirect(request.get_full_path())
