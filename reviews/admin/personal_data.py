"""The personal-data check in the admin: the review's list of names that must not appear, what
an officer is told after an upload, the findings on the review's page with a link to each
page, and the page on which an officer marks them reviewed.

The check itself is reviews/personal_data; who may keep the names and mark findings is
`roles.may_check_personal_data`. None of it is ever public: the links go to the admin's own
preview of the document.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import ReviewDocument, WithheldNames
from ..personal_data import by_document, findings_summary, record_reviewed


def report_personal_data(request, model_admin, documents):
    """Tell the officer, for each new upload, how much possible personal data it holds."""
    for document in documents:
        if getattr(document, "upload_report", None) is None:
            continue
        found = document.personal_data_findings.count()
        if not found:
            continue
        model_admin.message_user(
            request,
            ngettext(
                "“%(title)s” may hold personal data (%(count)d finding): check it under "
                "“Personal data found in the documents” on the review's page.",
                "“%(title)s” may hold personal data (%(count)d findings): check them under "
                "“Personal data found in the documents” on the review's page.",
                found,
            )
            % {"title": document.display_title, "count": found},
            messages.WARNING,
        )


class WithheldNamesInline(admin.StackedInline):
    model = WithheldNames
    fields = ["names"]
    extra = 1
    max_num = 1
    # Emptying the list is how names are taken off it.
    can_delete = False
    # With max_num 1 the admin heads the inline with verbose_name.
    verbose_name = verbose_name_plural = _(
        "Names that must not appear in the documents (never public)"
    )
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 4})}}

    # The review decides (a new review's officers may list names as they create it); Django
    # also asks with no review, for the inline's queryset, which must then not be empty.
    def has_add_permission(self, request, obj=None):
        return obj is None or roles.may_check_personal_data(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or roles.may_check_personal_data(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


class ReviewPersonalDataAdmin:
    """For ReviewAdmin: the names inline's saving, the findings on the review's page, and the
    page to mark them reviewed."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/personal-data/",
                self.admin_site.admin_view(self.personal_data_view),
                name="reviews_review_personal_data",
            ),
            *super().get_urls(),
        ]

    def save_formset(self, request, form, formset, change):
        if formset.model is not WithheldNames:
            return super().save_formset(request, form, formset, change)
        for names in formset.save(commit=False):
            names.updated_by = request.user
            # Saving it checks every document of the review again (reviews/personal_data).
            names.save()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Once the names are saved too, so that what they found is counted.
        uploads = [
            document
            for formset in formsets
            if formset.model is ReviewDocument
            for document in [*formset.new_objects, *(o for o, _ in formset.changed_objects)]
        ]
        report_personal_data(request, self, uploads)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(
                {
                    "personal_data": by_document(obj),
                    "personal_data_summary": findings_summary(obj),
                    "may_check_personal_data": roles.may_check_personal_data(request.user, obj),
                    "may_open_documents": roles.may_preview(request.user, obj),
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def personal_data_view(self, request, pk):
        # Outside the officer's partnerships the review does not exist, as elsewhere.
        review = get_object_or_404(self.get_queryset(request), pk=pk)
        if not roles.may_check_personal_data(request.user, review):
            raise PermissionDenied
        change_url = reverse("admin:reviews_review_change", args=[review.pk])
        if request.method == "POST":
            # The ticked boxes; a finding no longer there (the check ran again) is passed over.
            ticked = {int(pk) for pk in request.POST.getlist("reviewed") if pk.isdigit()}
            changed = record_reviewed(review, reviewed=ticked, by=request.user)
            summary = findings_summary(review)
            self.message_user(
                request,
                ngettext(
                    "%(changed)d finding changed. Reviewed: %(reviewed)d of %(found)d.",
                    "%(changed)d findings changed. Reviewed: %(reviewed)d of %(found)d.",
                    changed,
                )
                % {"changed": changed, "reviewed": summary.reviewed, "found": summary.found},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(f"{change_url}#personal-data")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Personal data found in the documents of %(review)s")
            % {"review": review},
            "review": review,
            "personal_data": by_document(review),
            "personal_data_summary": findings_summary(review),
            "may_open_documents": roles.may_preview(request.user, review),
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/reviews/review/personal_data.html", context)
