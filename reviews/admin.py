"""The officers' admin: each officer sees and changes only their own partnerships' records, and
what they may do there follows their role (see reviews/roles.py)."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from . import roles
from .documents import DocumentStorageError, files_follow_transaction, pdf_response
from .models import Membership, Partnership, Review, ReviewDocument, Theme
from .publishing import (
    PublicationError,
    cancel_schedule,
    publication_problems,
    publish_review,
    withdraw_review,
)


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
        return roles.within_partnerships(
            super().get_queryset(request), request.user, self.partnership_lookup
        )

    def may_manage(self, request, obj=None):
        """The admin's list (no `obj`), or one record: roles decide, by its partnership."""
        if obj is None:
            return roles.may_use_admin(request.user)
        return roles.may_manage_partnership(request.user, self.owner_partnership_id(obj))

    def has_module_permission(self, request):
        return self.may_manage(request)

    def has_view_permission(self, request, obj=None):
        return self.may_manage(request, obj)

    def has_add_permission(self, request, *args):
        return self.may_manage(request)

    def has_change_permission(self, request, obj=None):
        return self.may_manage(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.may_manage(request, obj)

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


class ReviewDocumentInline(admin.StackedInline):
    model = ReviewDocument
    extra = 0
    fields = ["kind", "language", "title", "file", "facts", "removed"]
    readonly_fields = ["facts", "removed"]
    verbose_name = _("document")
    verbose_name_plural = _("documents (PDF only)")

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
        return format_html_join("", "{}<br>", ((item,) for item in obj.removed_items))

    # The review decides: documents can be changed by whoever may change the review.
    def has_add_permission(self, request, obj=None):
        return obj is None or roles.may_edit(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or roles.may_edit(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or roles.may_edit(request.user, obj)

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


class PublicationForm(forms.Form):
    """When the public should see the review: now, or from a date and time."""

    NOW, LATER = "now", "later"
    when = forms.ChoiceField(
        label=_("When should the public see this review?"),
        choices=[(NOW, _("Now")), (LATER, _("From a date and time I choose"))],
        widget=forms.RadioSelect,
        initial=NOW,
    )
    publish_date = forms.DateField(
        label=_("Date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    publish_time = forms.TimeField(
        label=_("Time (UK time)"),
        required=False,
        initial=datetime.time(9, 0),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean(self):
        data = super().clean()
        if data.get("when") != self.LATER:
            data["publish_at"] = None
            return data
        day, time = data.get("publish_date"), data.get("publish_time")
        if not day or not time:
            raise forms.ValidationError(_("Enter the date and the time to publish it."))
        moment = timezone.make_aware(datetime.datetime.combine(day, time))
        if moment <= timezone.now():
            raise forms.ValidationError(
                _("That moment has passed. Choose a later time, or publish it now.")
            )
        data["publish_at"] = moment
        return data


class WithdrawalForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the public (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "For example: “Withdrawn at the family's request.” Leave blank to say only that "
            "it was withdrawn."
        ),
    )


@admin.register(Review)
class ReviewAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    partnership_lookup = "lead_partnership"
    change_form_template = "admin/reviews/review/change_form.html"
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
    ]
    search_fields = ["pseudonym", "reference"]
    filter_horizontal = ["partnerships", "themes"]
    readonly_fields = ["publication", "created_at", "created_by", "updated_at", "updated_by"]
    inlines = [ReviewDocumentInline]
    actions = ["publish", "withdraw"]
    history_list_display = ["status"]
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
        (_("In Welsh"), {"fields": ["summary_cy"]}),
        (_("Publication"), {"fields": ["publication", "qa_panel_approved_on"]}),
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

    # Roles: editors change drafts only; publishers change any of their partnerships' reviews.
    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.may_manage(request)
        return roles.may_edit(request.user, obj)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.may_manage(request)
        return roles.may_view(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return self.may_manage(request)
        return roles.may_delete(request.user, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not roles.publishes_anywhere(request.user):
            for name in ("publish", "withdraw"):
                actions.pop(name, None)
        return actions

    @admin.display(description=_("published"), ordering="published_on")
    def month_published(self, obj):
        return obj.published_month or "-"

    @admin.display(description=_("status"), ordering="status")
    def publication(self, obj):
        if obj is None or obj.pk is None:
            return _("Draft: the public cannot see it.")
        if obj.status == Review.Status.DRAFT:
            return _("Draft: the public cannot see it.")
        if obj.status == Review.Status.WITHDRAWN:
            when = timezone.localtime(obj.withdrawn_at) if obj.withdrawn_at else None
            text = (
                _("Withdrawn on %(when)s.") % {"when": _format_moment(when)}
                if when
                else _("Withdrawn.")
            )
            if obj.withdrawal_reason:
                text += " " + _("Reason: %(reason)s") % {"reason": obj.withdrawal_reason}
            return text
        if obj.is_scheduled:
            return _("Scheduled: public from %(when)s.") % {
                "when": _format_moment(timezone.localtime(obj.publish_at))
            }
        return _("Published: the public can see it.")

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

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk:
            context.update(
                {
                    "may_preview": roles.may_preview(request.user, obj),
                    "may_publish": roles.may_publish(request.user, obj),
                    "review": obj,
                }
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    # Publishing, scheduling and withdrawing: pages of their own, not fields of the form.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/publication/",
                view(self.publication_view),
                name="reviews_review_publication",
            ),
            path("<int:pk>/withdraw/", view(self.withdraw_view), name="reviews_review_withdraw"),
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

    def _review_or_404(self, request, pk):
        # Outside the officer's partnerships a review does not exist, as elsewhere in the admin.
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def _change_url(self, review):
        return reverse("admin:reviews_review_change", args=[review.pk])

    def publication_view(self, request, pk):
        review = self._review_or_404(request, pk)
        if not roles.may_publish(request.user, review):
            raise PermissionDenied
        problems = publication_problems(review)
        form = PublicationForm(request.POST if "publish" in request.POST else None)
        if request.method == "POST" and "cancel_schedule" in request.POST:
            try:
                cancel_schedule(review, by=request.user)
            except PublicationError as error:
                self.message_user(request, " ".join(error.problems), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The schedule was cancelled: “%(review)s” is a draft again.")
                    % {"review": review},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(self._change_url(review))
        if request.method == "POST" and form.is_valid() and not problems:
            try:
                publish_review(review, by=request.user, at=form.cleaned_data["publish_at"])
            except PublicationError as error:
                problems = error.problems
            else:
                if review.is_scheduled:
                    message = _(
                        "“%(review)s” is scheduled: the public will see it from %(when)s."
                    ) % {
                        "review": review,
                        "when": _format_moment(timezone.localtime(review.publish_at)),
                    }
                else:
                    message = _("“%(review)s” is published: the public can see it now.") % {
                        "review": review
                    }
                self.message_user(request, message, messages.SUCCESS)
                return HttpResponseRedirect(self._change_url(review))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "review": review,
            "title": _("Publish “%(review)s”") % {"review": review},
            "form": form,
            "problems": problems,
            "change_url": self._change_url(review),
        }
        return TemplateResponse(request, "admin/reviews/review/publication.html", context)

    def withdraw_view(self, request, pk):
        review = self._review_or_404(request, pk)
        if not roles.may_publish(request.user, review):
            raise PermissionDenied
        form = WithdrawalForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                withdraw_review(review, by=request.user, reason=form.cleaned_data["reason"])
            except PublicationError as error:
                self.message_user(request, " ".join(error.problems), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _(
                        "“%(review)s” was withdrawn. Its page now says so, and its documents "
                        "can no longer be downloaded."
                    )
                    % {"review": review},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(self._change_url(review))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "review": review,
            "title": _("Withdraw “%(review)s”") % {"review": review},
            "form": form,
            "change_url": self._change_url(review),
        }
        return TemplateResponse(request, "admin/reviews/review/withdraw.html", context)

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
            {"review": review, "preview": True, "change_url": self._change_url(review)},
        )
        return _private(response)

    def preview_document_view(self, request, pk, document_slug):
        review = self._previewable(request, pk)
        document = get_object_or_404(review.documents.select_related("review"), slug=document_slug)
        return _private(pdf_response(document))

    def preview_cover_view(self, request, pk, document_slug):
        from .views import cover_response

        review = self._previewable(request, pk)
        document = get_object_or_404(review.documents, slug=document_slug)
        return _private(cover_response(document))

    # The list's actions go through the same rules as the pages above.

    @admin.action(description=_("Publish the selected reviews now"))
    def publish(self, request, queryset):
        published, refused = 0, []
        for review in queryset.select_related("lead_partnership"):
            if review.is_public:
                continue
            if not roles.may_publish(request.user, review):
                refused.append(
                    _("%(review)s: only a publisher of its partnership may publish it.")
                    % {"review": review}
                )
                continue
            try:
                publish_review(review, by=request.user)
            except PublicationError as error:
                refused.append(
                    _("%(review)s: %(problems)s")
                    % {"review": review, "problems": " ".join(error.problems)}
                )
            else:
                published += 1
        if published:
            self.message_user(
                request,
                ngettext("%(count)d review published.", "%(count)d reviews published.", published)
                % {"count": published},
                messages.SUCCESS,
            )
        for message in refused:
            self.message_user(request, _("Not published: ") + message, messages.ERROR)

    @admin.action(description=_("Withdraw the selected reviews from the public site"))
    def withdraw(self, request, queryset):
        withdrawn, refused = 0, []
        for review in queryset.filter(status=Review.Status.PUBLISHED):
            if not roles.may_publish(request.user, review):
                refused.append(review)
                continue
            withdraw_review(review, by=request.user)
            withdrawn += 1
        if withdrawn:
            self.message_user(
                request,
                ngettext("%(count)d review withdrawn.", "%(count)d reviews withdrawn.", withdrawn)
                % {"count": withdrawn},
                messages.SUCCESS,
            )
        for review in refused:
            self.message_user(
                request,
                _("Not withdrawn: %(review)s: only a publisher of its partnership may withdraw it.")
                % {"review": review},
                messages.ERROR,
            )


def _format_moment(moment):
    return formats.date_format(moment, "j F Y, H:i")


def _private(response):
    """Previews are for the signed-in officer only: never cached, never indexed."""
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@admin.register(ReviewDocument)
class ReviewDocumentAdmin(PartnershipScopedAdmin, SimpleHistoryAdmin):
    partnership_lookup = "review__lead_partnership"
    list_display = ["display_title", "review", "kind", "language", "description", "uploaded_at"]
    list_filter = ["kind", "language"]
    search_fields = ["review__pseudonym", "review__reference", "title"]
    fields = ["review", "kind", "language", "title", "file", "removed"]
    readonly_fields = ["removed"]
    list_select_related = ["review"]

    def owner_partnership_id(self, obj):
        return obj.review.lead_partnership_id

    @admin.display(description=_("removed when uploaded"))
    def removed(self, obj):
        return ReviewDocumentInline.removed(self, obj)

    # The review decides: a document can be changed by whoever may change its review.
    def has_change_permission(self, request, obj=None):
        if obj is None:
            return self.may_manage(request)
        return roles.may_edit(request.user, obj.review)

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return self.may_manage(request)
        return roles.may_edit(request.user, obj.review)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return self.may_manage(request)
        return roles.may_view(request.user, obj.review)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "review":
            kwargs["queryset"] = roles.editable_reviews(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        report_uploads(request, self, [obj])

    def delete_queryset(self, request, queryset):
        # One by one, so that history records each deletion.
        for document in queryset:
            document.delete()


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


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
