"""Recording updates on recommendations in the admin: the form, the bulk action of the
recommendations list and the page of one recommendation, and the read-only history.

Every update goes through `reviews.recommendations.updates.record_update`, the one way a status
changes, and only where `roles.may_record_update` allows it. Updates are never changed or
removed here, nor anywhere else in the admin: no admin of their own, and a history that is
read-only.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..documents import DocumentStorageError, files_follow_transaction
from ..models import Agency, Update
from ..models.recommendations import REPORTED, today
from ..recommendations.updates import record_update
from .widgets import DatePicker


class UpdateForm(forms.Form):
    """What an update reports: the status, its date, a note in each language and evidence."""

    status = forms.ChoiceField(label=_("Status"), choices=REPORTED)
    recorded_on = forms.DateField(
        label=_("Date of the update"),
        initial=today,
        widget=DatePicker(),
        help_text=_("The day this was true; it cannot be in the future."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    note_cy = forms.CharField(
        label=_("Note in Welsh"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"), required=False, assume_scheme="https", max_length=200
    )
    evidence_file = forms.FileField(
        label=_("Evidence document (PDF)"),
        required=False,
        help_text=_("Cleaned like every other document before anyone can download it."),
    )
    agency = forms.ModelChoiceField(
        label=_("For the agency"), queryset=Agency.objects.none(), required=False
    )

    def __init__(self, *args, agencies=None, responder_agency=None, **kwargs):
        super().__init__(*args, **kwargs)
        if responder_agency is not None:
            # A responder reports for their own agency, and for no other.
            del self.fields["agency"]
        else:
            self.fields["agency"].queryset = agencies if agencies is not None else Agency.objects
        self.responder_agency = responder_agency

    def clean_recorded_on(self):
        day = self.cleaned_data["recorded_on"]
        if day > today():
            raise forms.ValidationError(_("The date of an update cannot be in the future."))
        return day

    def update_fields(self):
        """The keyword arguments of record_update, apart from the recommendation and who."""
        data = self.cleaned_data
        if self.responder_agency is not None:
            agency, by_agency = self.responder_agency, True
        else:
            agency, by_agency = data.get("agency"), False
        return {
            "status": data["status"],
            "recorded_on": data["recorded_on"],
            "note": data["note"],
            "note_cy": data["note_cy"],
            "evidence_url": data["evidence_url"],
            "agency": agency,
            "reported_by_agency": by_agency,
        }


def refusal(user, recommendation):
    """Why the user may not record an update on this recommendation, or None if they may."""
    if roles.may_record_update(user, recommendation):
        return None
    if not recommendation.review.is_public:
        return gettext(
            "%(recommendation)s: its review is not published, and updates are recorded only "
            "on published reviews."
        ) % {"recommendation": recommendation}
    return gettext(
        "%(recommendation)s: only a publisher of its partnership, or the responder of an agency "
        "it is addressed to, may record an update on it."
    ) % {"recommendation": recommendation}


def apply_update(request, recommendation, form):
    """Record the form's update on one recommendation; the reason it was refused, or None."""
    problem = refusal(request.user, recommendation)
    if problem:
        return problem
    upload = form.cleaned_data.get("evidence_file")
    evidence = None
    if upload is not None:
        # A fresh file for each recommendation: the pipeline reads and replaces what it gets.
        upload.seek(0)
        evidence = ContentFile(upload.read(), name=upload.name)
    try:
        with files_follow_transaction():
            record_update(
                recommendation,
                recorded_by=request.user,
                evidence_file=evidence,
                **form.update_fields(),
            )
    except ValidationError as error:
        return f"{recommendation}: {' '.join(error.messages)}"
    except DocumentStorageError:
        return gettext(
            "%(recommendation)s: the evidence document could not be stored. Try again in a few "
            "minutes."
        ) % {"recommendation": recommendation}
    return None


def report_results(model_admin, request, recorded, refused):
    if recorded:
        model_admin.message_user(
            request,
            ngettext(
                "An update was recorded on %(count)d recommendation.",
                "An update was recorded on %(count)d recommendations.",
                recorded,
            )
            % {"count": recorded},
            messages.SUCCESS,
        )
    for problem in refused:
        model_admin.message_user(request, gettext("Not recorded: ") + problem, messages.ERROR)


class UpdateInline(admin.TabularInline):
    """A recommendation's updates, oldest first, exactly as they were recorded."""

    model = Update
    extra = 0
    can_delete = False
    fields = ["recorded_on", "status", "note", "note_cy", "evidence_shown", "agency", "recorded_by"]
    readonly_fields = fields
    verbose_name = _("update")
    verbose_name_plural = _("updates (kept as recorded)")

    @admin.display(description=_("evidence"))
    def evidence_shown(self, obj):
        parts = []
        if obj.evidence_url:
            parts.append(obj.evidence_url)
        evidence = getattr(obj, "evidence", None) if obj.pk else None
        if evidence is not None:
            parts.append(gettext("PDF, %(pages)s pages") % {"pages": evidence.page_count})
        return "; ".join(parts) or "-"

    def get_fields(self, request, obj=None):
        # A responder sees what was reported and for whom, not which officer typed it in.
        if roles.works_for_partnerships(request.user):
            return self.fields
        return [name for name in self.fields if name != "recorded_by"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency", "recorded_by", "evidence")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return True


class RecordUpdateAdmin:
    """For RecommendationAdmin: the "Record an update" action of the list, and the same form on
    a page of its own for one recommendation."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/update/",
                self.admin_site.admin_view(self.record_update_view),
                name="reviews_recommendation_record_update",
            ),
            *super().get_urls(),
        ]

    def _update_form(self, request, recommendations, data=None, files=None):
        agency = roles.responder_agency(request.user)
        if agency is not None and not roles.works_for_partnerships(request.user):
            return UpdateForm(data, files, responder_agency=agency)
        agencies = Agency.objects.filter(recommendations__in=recommendations).distinct()
        return UpdateForm(data, files, agencies=agencies)

    def _render_update_form(self, request, form, recommendations, *, bulk):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Record an update"),
            "form": form,
            "recommendations": recommendations,
            "bulk": bulk,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "responder_agency": getattr(form, "responder_agency", None),
        }
        return TemplateResponse(request, "admin/reviews/recommendation/record_update.html", context)

    @admin.action(description=_("Record an update"))
    def record_update(self, request, queryset):
        recommendations = list(queryset.select_related("review"))
        if "apply" in request.POST:
            form = self._update_form(request, recommendations, request.POST, request.FILES)
            if form.is_valid():
                recorded, refused = 0, []
                for recommendation in recommendations:
                    problem = apply_update(request, recommendation, form)
                    if problem:
                        refused.append(problem)
                    else:
                        recorded += 1
                report_results(self, request, recorded, refused)
                return None
        else:
            form = self._update_form(request, recommendations)
        return self._render_update_form(request, form, recommendations, bulk=True)

    def record_update_view(self, request, pk):
        # Outside what the user may see, a recommendation does not exist, as elsewhere.
        recommendation = get_object_or_404(self.get_queryset(request), pk=pk)
        problem = refusal(request.user, recommendation)
        if problem:
            raise PermissionDenied
        change_url = reverse("admin:reviews_recommendation_change", args=[pk])
        form = self._update_form(
            request,
            [recommendation],
            request.POST if request.method == "POST" else None,
            request.FILES if request.method == "POST" else None,
        )
        if request.method == "POST" and form.is_valid():
            problem = apply_update(request, recommendation, form)
            report_results(self, request, 0 if problem else 1, [problem] if problem else [])
            if not problem:
                return HttpResponseRedirect(change_url)
        return self._render_update_form(request, form, [recommendation], bulk=False)
