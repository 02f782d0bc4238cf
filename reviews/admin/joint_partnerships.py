"""Joint reviews in the admin: naming other partnerships on a review (the inline), and the pages
on which a joint partnership's publisher confirms the review, or either side takes a joint
partnership off it. Each goes through reviews.joint_partnerships, which checks the officer's
role (reviews/roles.py)."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..joint_partnerships import (
    add_joint_partnership,
    confirm_joint_partnership,
    remove_joint_partnership,
)
from ..models import JointPartnership, Partnership
from .publication import format_moment


def confirmation_text(link):
    """Confirmed (by whom, when) or awaiting, in words an officer reads at a glance."""
    if link.pk is None:
        return ""
    if link.is_confirmed:
        when = format_moment(timezone.localtime(link.confirmed_at))
        if link.confirmed_by is None:
            return _("Confirmed on %(when)s: the review shows on its pages.") % {"when": when}
        return _("Confirmed by %(officer)s on %(when)s: the review shows on its pages.") % {
            "officer": link.confirmed_by,
            "when": when,
        }
    return _(
        "Awaiting confirmation by a publisher of %(partnership)s: until then the review shows "
        "only under the lead partnership."
    ) % {"partnership": link.partnership}


class JointConfirmationFilter(admin.SimpleListFilter):
    """The list's filter for joint reviews that wait for a partnership to confirm them (a joint
    partnership's publisher finds what is theirs to confirm), or that are confirmed."""

    title = _("joint partnerships")
    parameter_name = "joint"
    AWAITING, CONFIRMED = "awaiting", "confirmed"

    def lookups(self, request, model_admin):
        return [
            (self.AWAITING, _("Awaiting a partnership's confirmation")),
            (self.CONFIRMED, _("Confirmed by every partnership named")),
        ]

    def queryset(self, request, queryset):
        awaiting = JointPartnership.objects.awaiting().values("review")
        if self.value() == self.AWAITING:
            return queryset.filter(pk__in=awaiting)
        if self.value() == self.CONFIRMED:
            named = JointPartnership.objects.values("review")
            return queryset.filter(pk__in=named).exclude(pk__in=awaiting)
        return queryset


class JointPartnershipForm(forms.ModelForm):
    class Meta:
        model = JointPartnership
        fields = ["partnership"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A named partnership is taken off (and another named), never swapped for another,
        # so that its confirmation always belongs to it.
        if self.instance.pk:
            self.fields["partnership"].disabled = True


class JointPartnershipInline(admin.TabularInline):
    model = JointPartnership
    form = JointPartnershipForm
    extra = 0
    fields = ["partnership", "confirmation"]
    readonly_fields = ["confirmation"]
    verbose_name = _("joint partnership")
    verbose_name_plural = _(
        "joint partnerships (the public sees the review under each one once its publisher "
        "has confirmed it)"
    )

    @admin.display(description=_("confirmation"))
    def confirmation(self, obj):
        return confirmation_text(obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partnership", "confirmed_by")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "partnership":
            kwargs["queryset"] = Partnership.objects.filter(active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    # The review decides: whoever may change it names partnerships and takes them off here; a
    # joint partnership's publisher uses the pages below instead.
    def has_add_permission(self, request, obj=None):
        return obj is None or roles.may_name_partnerships(request.user, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None or roles.may_name_partnerships(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return obj is None or roles.may_name_partnerships(request.user, obj)

    def has_view_permission(self, request, obj=None):
        return True


def save_joint_partnerships(request, review, formset):
    """The inline's changes, through reviews.joint_partnerships so that each is recorded."""
    for link in formset.save(commit=False):
        if link.pk is None:
            add_joint_partnership(review, link.partnership, by=request.user)
    for link in formset.deleted_objects:
        remove_joint_partnership(link, by=request.user)


class ReviewJointPartnershipAdmin:
    """For ReviewAdmin: the pages to confirm a joint partnership and to take one off."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/partnerships/<int:link_pk>/confirm/",
                view(self.confirm_joint_view),
                name="reviews_review_confirm_joint",
            ),
            path(
                "<int:pk>/partnerships/<int:link_pk>/remove/",
                view(self.remove_joint_view),
                name="reviews_review_remove_joint",
            ),
            *super().get_urls(),
        ]

    def joint_actions(self, request, review):
        """What this officer may do about each partnership the review names: for the change
        page's links."""
        links = review.partnership_links.select_related("partnership", "review")
        return [
            {
                "link": link,
                "may_confirm": roles.may_confirm_joint(request.user, link),
                "may_remove": roles.may_remove_joint(request.user, link),
            }
            for link in links
        ]

    def _changelist_url(self):
        return reverse("admin:reviews_review_changelist")

    def _link_or_404(self, request, pk, link_pk):
        review = self._review_or_404(request, pk)
        link = get_object_or_404(review.partnership_links.select_related("partnership"), pk=link_pk)
        link.review = review
        return review, link

    def _joint_page(self, request, review, link, *, title, template):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "review": review,
            "link": link,
            "title": title,
            "change_url": self._change_url(review),
        }
        return TemplateResponse(request, template, context)

    def confirm_joint_view(self, request, pk, link_pk):
        review, link = self._link_or_404(request, pk, link_pk)
        if link.is_confirmed:
            # Confirmed already (a second click, or a colleague was quicker): nothing to do.
            self.message_user(
                request,
                _("%(partnership)s has already confirmed “%(review)s”.")
                % {"review": review, "partnership": link.partnership},
                messages.INFO,
            )
            return HttpResponseRedirect(self._change_url(review))
        if not roles.may_confirm_joint(request.user, link):
            raise PermissionDenied
        if request.method == "POST":
            confirm_joint_partnership(link, by=request.user)
            self.message_user(
                request,
                _(
                    "Confirmed: “%(review)s” now shows on the pages of %(partnership)s as well "
                    "as those of %(lead)s."
                )
                % {
                    "review": review,
                    "partnership": link.partnership,
                    "lead": review.lead_partnership,
                },
                messages.SUCCESS,
            )
            return HttpResponseRedirect(self._change_url(review))
        return self._joint_page(
            request,
            review,
            link,
            title=_("Confirm “%(review)s” for %(partnership)s")
            % {"review": review, "partnership": link.partnership},
            template="admin/reviews/review/confirm_joint.html",
        )

    def remove_joint_view(self, request, pk, link_pk):
        review, link = self._link_or_404(request, pk, link_pk)
        if not roles.may_remove_joint(request.user, link):
            raise PermissionDenied
        if request.method == "POST":
            remove_joint_partnership(link, by=request.user)
            self.message_user(
                request,
                _("%(partnership)s was taken off “%(review)s”. Its pages no longer show it.")
                % {"review": review, "partnership": link.partnership},
                messages.SUCCESS,
            )
            if not roles.may_view(request.user, review):
                # Their own partnership is off the review, so it is no longer theirs to see.
                return HttpResponseRedirect(self._changelist_url())
            return HttpResponseRedirect(self._change_url(review))
        return self._joint_page(
            request,
            review,
            link,
            title=_("Take %(partnership)s off “%(review)s”")
            % {"review": review, "partnership": link.partnership},
            template="admin/reviews/review/remove_joint.html",
        )
