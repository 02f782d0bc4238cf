"""Reviews in the admin: the list and the form, saving a review with its documents, and the
preview of its public page and documents. Publishing and withdrawing are in publication.py."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .. import roles
from ..documents import cover_response, pdf_response
from ..models import JointPartnership, Review, ReviewDocument
from . import characteristics
from .columns import PublishedMonthColumn
from .concurrent_edits import ConcurrentEditsAdmin
from .documents import ReviewDocumentInline, report_uploads
from .imports import ReviewImportAdmin
from .joint_partnerships import (
    JointConfirmationFilter,
    JointPartnershipInline,
    ReviewJointPartnershipAdmin,
    save_joint_partnerships,
)
from .personal_data import ReviewPersonalDataAdmin, WithheldNamesInline
from .publication import ReviewPublicationAdmin, format_moment
from .recommendations import RecommendationInline
from .scoping import PartnershipScopedAdmin
from .suggestions import ReviewSuggestionsAdmin, report_suggestions
from .theme_suggestions import ReviewThemeSuggestionsAdmin, report_theme_suggestions


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
class ReviewAdmin(
    PublishedMonthColumn,
    ReviewImportAdmin,
    ReviewSuggestionsAdmin,
    ReviewThemeSuggestionsAdmin,
    ReviewPersonalDataAdmin,
    ReviewPublicationAdmin,
    ConcurrentEditsAdmin,
    ReviewJointPartnershipAdmin,
    PartnershipScopedAdmin,
    SimpleHistoryAdmin,
):
    partnership_lookup = "lead_partnership"
    change_form_template = "admin/reviews/review/change_form.html"
    form = characteristics.CaseCharacteristicsForm
    list_display = [
        "pseudonym",
        "reference",
        "lead_partnership",
        "review_type",
        "month_published",
        "publication",
        "document_count",
    ]
    list_filter = [
        ("lead_partnership", admin.RelatedOnlyFieldListFilter),
        "review_type",
        "status",
        PublishedYearFilter,
        JointConfirmationFilter,
    ]
    search_fields = ["pseudonym", "reference"]
    filter_horizontal = ["themes"]
    readonly_fields = [
        "publication",
        "anonymisation",
        "created_at",
        "created_by",
        "updated_at",
        "updated_by",
    ]
    inlines = [
        JointPartnershipInline,
        ReviewDocumentInline,
        WithheldNamesInline,
        RecommendationInline,
    ]
    actions = ["publish", "withdraw"]
    history_list_display = ["status"]
    # Kept by the site: the search index, and who saved last (history names them).
    edit_check_ignores = ["search_vector", "updated_by"]
    fieldsets = [
        (None, {"fields": ["pseudonym", "slug", "reference", "lead_partnership"]}),
        (
            _("About the review"),
            {
                "fields": [
                    "review_type",
                    "themes",
                    "published_on",
                    "year_of_death",
                    "summary",
                ]
            },
        ),
        characteristics.FIELDSET,
        (_("In Welsh"), {"fields": ["summary_cy"]}),
        (_("Publication"), {"fields": ["publication"]}),
        (
            _("Publication record"),
            {
                "description": _(
                    "What the partnership records before a review other than a local learning "
                    "review is published. The review's history keeps every entry, and its "
                    "publication record checklist shows what is done and what is missing."
                ),
                "fields": [
                    "qa_panel_approved_on",
                    "qa_panel_letter_published",
                    "family_told_on",
                    "anonymisation",
                    "home_office_copy_sent_on",
                    "commissioner_copy_sent_on",
                ],
            },
        ),
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

    def scope(self, queryset, user):
        # Officers of the partnerships a review names see it too (read-only: may_edit).
        return roles.visible_reviews(queryset, user)

    # Roles: editors change drafts only; publishers change any of their partnerships' reviews.
    view_rule = staticmethod(roles.may_view)
    change_rule = staticmethod(roles.may_edit)
    delete_rule = staticmethod(roles.may_delete)

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        if obj is None or obj.pk is None:
            return _("Draft: the public cannot see it.")
        if obj.status == Review.Status.DRAFT:
            return _("Draft: the public cannot see it.")
        if obj.status == Review.Status.WITHDRAWN:
            when = timezone.localtime(obj.withdrawn_at) if obj.withdrawn_at else None
            text = (
                _("Withdrawn on %(when)s.") % {"when": format_moment(when)}
                if when
                else _("Withdrawn.")
            )
            if obj.withdrawal_reason:
                text += " " + _("Reason: %(reason)s") % {"reason": obj.withdrawal_reason}
            return text
        if obj.is_scheduled:
            return _("Scheduled: public from %(when)s.") % {
                "when": format_moment(timezone.localtime(obj.publish_at))
            }
        return _("Published: the public can see it.")

    @admin.display(description=_("Case types"))
    def case_types(self, obj):
        """The case types as an officer who may only view the review reads them."""
        return ", ".join(str(label) for label in obj.case_type_labels())

    @admin.display(description=_("documents"))
    def document_count(self, obj):
        return obj.documents.count()

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "lead_partnership":
            kwargs["queryset"] = roles.officer_partnerships(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            # Whatever was posted, a new review starts as a draft.
            obj.status = Review.Status.DRAFT
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        if formset.model is JointPartnership:
            return save_joint_partnerships(request, form.instance, formset)
        if formset.model is not ReviewDocument:
            return super().save_formset(request, form, formset, change)
        saved = []
        for document in formset.save(commit=False):
            if document.pk is None:
                document.uploaded_by = request.user
            document.save()
            saved.append(document)
        for document in formset.deleted_objects:
            document.delete()
        formset.save_m2m()
        report_uploads(request, self, saved)
        report_suggestions(request, self, saved)
        report_theme_suggestions(request, self, saved)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(
                {
                    "may_preview": roles.may_preview(request.user, obj),
                    "may_publish": roles.may_publish(request.user, obj),
                    "joint_actions": self.joint_actions(request, obj),
                    "review": obj,
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # The preview: the public page as the public will see it, for whoever may edit the review.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="reviews_review_preview"),
            path(
                "<int:pk>/preview/documents/<slug:document_slug>.pdf",
                view(self.preview_document_view),
                name="reviews_review_preview_document",
            ),
            path(
                "<int:pk>/preview/documents/<slug:document_slug>/cover.png",
                view(self.preview_cover_view),
                name="reviews_review_preview_cover",
            ),
            *super().get_urls(),
        ]

    def _previewable(self, request, pk):
        review = self._review_or_404(request, pk)
        if not roles.may_preview(request.user, review):
            raise PermissionDenied
        return review

    def preview_view(self, request, pk):
        """The review's public page, exactly as the public will see it, marked as a preview."""
        self._previewable(request, pk)
        review = Review.objects.for_listing().get(pk=pk)
        response = render(
            request,
            "reviews/review_detail.html",
            {
                "review": review,
                "recommendations": list(review.recommendations.for_listing()),
                "preview": True,
                "change_url": self._change_url(review),
            },
        )
        return _private(response)

    def preview_document_view(self, request, pk, document_slug):
        review = self._previewable(request, pk)
        document = get_object_or_404(review.documents.select_related("review"), slug=document_slug)
        return _private(pdf_response(document))

    def preview_cover_view(self, request, pk, document_slug):
        review = self._previewable(request, pk)
        document = get_object_or_404(review.documents, slug=document_slug)
        return _private(cover_response(document))


def _private(response):
    """Previews are for the signed-in officer only: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
