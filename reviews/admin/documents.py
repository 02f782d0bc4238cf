"""Review documents in the admin: the inline on a review's page, their own list, and what an
officer is told about each upload."""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import roles
from ..models import ReviewDocument
from ..personal_data import check_document
from ..theme_suggestions import suggest_from as suggest_themes_from
from .columns import PdfDocumentColumns
from .concurrent_edits import ConcurrentEditsAdmin
from .personal_data import report_personal_data
from .scoping import PartnershipScopedAdmin
from .suggestions import report_suggestions
from .theme_suggestions import report_theme_suggestions


def report_uploads(request, model_admin, documents):
    """Tell the officer, for each new upload, exactly what the pipeline took out of it."""
    for document in documents:
        removed = getattr(document, "upload_report", None)
        if removed is None:
            continue
        if removed:
            model_admin.message_user(
                request,
                format_html(
                    "{}<ul>{}</ul>",
                    gettext("“%(title)s” was cleaned before publishing. Removed:")
                    % {"title": document.display_title},
                    format_html_join("", "<li>{}</li>", ((item,) for item in removed)),
                ),
                messages.WARNING,
            )
        else:
            model_admin.message_user(
                request,
                gettext(
                    "“%(title)s” was checked: it had no scripts, attachments or identifying "
                    "details to remove."
                )
                % {"title": document.display_title},
                messages.SUCCESS,
            )


class ReviewDocumentInline(PdfDocumentColumns, admin.StackedInline):
    model = ReviewDocument
    extra = 0
    fields = ["kind", "language", "title", "file", "facts", "removed"]
    readonly_fields = ["facts", "removed"]
    verbose_name = _("document")
    verbose_name_plural = _("documents (PDF only)")

    # The review decides: documents can be changed by whoever may change the review.
    def has_add_permission(self, request, obj=None):
        return obj is None or roles.may_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or roles.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or roles.may_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return True


@admin.register(ReviewDocument)
class ReviewDocumentAdmin(
    PdfDocumentColumns, ConcurrentEditsAdmin, PartnershipScopedAdmin, SimpleHistoryAdmin
):
    partnership_lookup = "review__lead_partnership"
    list_display = ["display_title", "review", "kind", "language", "description", "uploaded_at"]
    list_filter = ["kind", "language"]
    search_fields = ["review__pseudonym", "review__reference", "title"]
    fields = ["review", "kind", "language", "title", "file", "removed"]
    readonly_fields = ["removed"]
    list_select_related = ["review"]

    def owner_partnership_id(self, obj):
        return obj.review.lead_partnership_id

    # The review decides: a document can be changed by whoever may change its review.
    # The review decides: whoever may change the review may change its documents.
    view_rule = staticmethod(roles.may_view)
    change_rule = delete_rule = staticmethod(roles.may_edit)

    def rule_subject(self, obj):
        return obj.review

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "review":
            kwargs["queryset"] = roles.editable_reviews(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        if change and "review" in form.changed_data:
            # Moved to another review: look for that review's names instead, and suggest
            # themes to it.
            check_document(obj)
            suggest_themes_from(obj)
        report_uploads(request, self, [obj])
        report_suggestions(request, self, [obj])
        report_theme_suggestions(request, self, [obj])
        report_personal_data(request, self, [obj])

    def delete_queryset(self, request, queryset):
        # One by one, so that history records each deletion.
        for document in queryset:
            document.delete()
