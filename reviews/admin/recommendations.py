"""Recommendations in the admin: the inline on a review's page and their own list across the
officer's partnerships, with its filters. Recording updates is in updates.py; suggestions found
in a report are in suggestions.py.

Who may do what is reviews/roles.py's: editors prepare recommendations on drafts, and once a
review is published only its publishers change them (`roles.may_edit_recommendations`, the
review's own rule); a recommendation with updates is never removed, since its history would go
with it. A responder sees only the published recommendations addressed to their agency, read
only, and records updates on them.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import Agency, Recommendation, Sector, Theme
from .concurrent_edits import ConcurrentEditsAdmin
from .scoping import PartnershipScopedAdmin
from .updates import RecordUpdateAdmin, UpdateInline


def status_summary(recommendation):
    """ "In progress since 3 May 2026", "Not yet reported", and ": overdue" where it is."""
    if recommendation is None or recommendation.pk is None:
        return gettext("Not yet reported")
    text = recommendation.get_status_display()
    if recommendation.status_on:
        text = gettext("%(status)s (reported on %(date)s)") % {
            "status": text,
            "date": formats.date_format(recommendation.status_on, "j F Y"),
        }
    if recommendation.is_overdue():
        text = gettext("%(status)s: overdue") % {"status": text}
    return text


class RecommendationFormSet(forms.BaseInlineFormSet):
    """A review's recommendations: addressed only to agencies it may address, and none with
    updates removed."""

    def clean(self):
        super().clean()
        review = self.instance
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            recommendation = form.instance
            if form.cleaned_data.get("DELETE") and recommendation.pk:
                if recommendation.updates.exists():
                    raise ValidationError(
                        gettext(
                            "Recommendation %(number)s has updates, so it cannot be removed: "
                            "its history is kept."
                        )
                        % {"number": recommendation.number}
                    )
                continue
            agencies = form.cleaned_data.get("agencies")
            if agencies is None or not review.lead_partnership_id:
                continue
            allowed = set(roles.addressable_agencies(review).values_list("pk", flat=True))
            if any(agency.pk not in allowed for agency in agencies):
                form.add_error(
                    "agencies",
                    gettext(
                        "Choose national agencies or local agencies of the review's partnerships."
                    ),
                )


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    formset = RecommendationFormSet
    extra = 0
    ordering = ["position", "pk"]
    fields = [
        ("number", "position"),
        "text",
        "text_cy",
        ("level", "due_on"),
        "agencies",
        "themes",
        ("document", "page"),
        "current_status",
    ]
    readonly_fields = ["current_status"]
    verbose_name = _("recommendation")
    verbose_name_plural = _("recommendations")

    @admin.display(description=_("status"))
    def current_status(self, obj):
        return status_summary(obj)

    # The review decides, as for its documents: whoever may change the review may change its
    # recommendations.
    def has_add_permission(self, request, obj=None):
        return obj is None or roles.may_edit_recommendations(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or roles.may_edit_recommendations(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or roles.may_edit_recommendations(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        fields = formset.form.base_fields
        if "agencies" in fields:
            if obj is not None and obj.pk:
                fields["agencies"].queryset = roles.addressable_agencies(obj)
            elif roles.is_administrator(request.user):
                fields["agencies"].queryset = Agency.objects.all()
            else:
                fields["agencies"].queryset = Agency.objects.national() | Agency.objects.local_to(
                    roles.partnership_ids(request.user)
                )
        if "document" in fields:
            documents = fields["document"].queryset
            fields["document"].queryset = (
                obj.documents.all() if obj is not None and obj.pk else documents.none()
            )
        if "themes" in fields:
            fields["themes"].queryset = Theme.objects.all()
        return formset


class StatusFilter(admin.SimpleListFilter):
    title = _("status")
    parameter_name = "status"

    def lookups(self, request, model_admin):
        return Recommendation._meta.get_field("status").choices

    def queryset(self, request, queryset):
        if self.value() in dict(self.lookup_choices):
            return queryset.filter(status=self.value())
        return queryset


class SectorFilter(admin.SimpleListFilter):
    title = _("sector")
    parameter_name = "sector"

    def lookups(self, request, model_admin):
        return Sector.choices

    def queryset(self, request, queryset):
        if self.value() in Sector.values:
            return queryset.filter(agencies__sector=self.value()).distinct()
        return queryset


class AgencyFilter(admin.SimpleListFilter):
    title = _("addressed to")
    parameter_name = "agency"

    def lookups(self, request, model_admin):
        agencies = Agency.objects.filter(
            recommendations__in=model_admin.get_queryset(request)
        ).distinct()
        return [(agency.slug, agency.name) for agency in agencies]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(agencies__slug=self.value()).distinct()
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue()
        if self.value() == "no":
            return queryset.not_overdue()
        return queryset


@admin.register(Recommendation)
class RecommendationAdmin(RecordUpdateAdmin, ConcurrentEditsAdmin, PartnershipScopedAdmin):
    partnership_lookup = "review__lead_partnership"
    change_form_template = "admin/reviews/recommendation/change_form.html"
    list_display = [
        "review",
        "number",
        "short_text",
        "addressed_to",
        "status",
        "due_on",
        "overdue",
    ]
    list_filter = [
        StatusFilter,
        SectorFilter,
        AgencyFilter,
        OverdueFilter,
        ("review__lead_partnership", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["text", "number", "review__pseudonym", "review__reference"]
    actions = ["record_update"]
    inlines = [UpdateInline]
    fields = [
        "review",
        ("number", "position"),
        "text",
        "text_cy",
        ("level", "due_on"),
        "agencies",
        "themes",
        ("document", "page"),
        "current_status",
    ]
    readonly_fields = ["review", "current_status"]
    filter_horizontal = ["agencies", "themes"]

    def owner_partnership_id(self, obj):
        return obj.review.lead_partnership_id

    def get_queryset(self, request):
        return (
            roles.visible_recommendations(request.user)
            .select_related("review__lead_partnership")
            .prefetch_related("agencies")
        )

    # The list is open to whoever uses the admin (a responder too); one recommendation follows
    # roles.py: it is seen where it is listed, changed by whoever may change its review, and
    # removed only while it has no updates. New ones are added on their review's page.
    def may_manage(self, request, obj=None, rule=None):
        if obj is None:
            return roles.may_use_admin(request.user)
        return super().may_manage(request, obj, rule)

    view_rule = staticmethod(lambda user, recommendation: True)
    change_rule = staticmethod(
        lambda user, recommendation: roles.may_edit_recommendations(user, recommendation.review)
    )
    delete_rule = staticmethod(roles.may_delete_recommendation)

    def has_add_permission(self, request, *args):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        if not roles.records_updates_anywhere(request.user):
            actions.pop("record_update", None)
        return actions

    @admin.display(description=_("text"))
    def short_text(self, obj):
        return Truncator(obj.text).words(16)

    @admin.display(description=_("addressed to"))
    def addressed_to(self, obj):
        return ", ".join(agency.name for agency in obj.agencies.all())

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj):
        return obj.is_overdue()

    @admin.display(description=_("status"))
    def current_status(self, obj):
        return status_summary(obj)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "agencies":
            kwargs["queryset"] = roles.visible_agencies(request.user)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if obj is not None:
            if "agencies" in form.base_fields:
                form.base_fields["agencies"].queryset = roles.addressable_agencies(obj.review)
            if "document" in form.base_fields:
                form.base_fields["document"].queryset = obj.review.documents.all()
        return form

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["may_record_update"] = roles.may_record_update(request.user, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)
