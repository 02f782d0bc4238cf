"""Publishing, scheduling and withdrawing reviews in the admin: pages of their own, not fields of
the review's form, and the list's actions; and the publication record's checklist, with the
page where a publisher confirms the documents are anonymised. Each goes through
reviews.publishing, which checks the officer's role (reviews/roles.py) and the rules a review
must meet (reviews/publication_record.py)."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .. import roles
from ..models import Review
from ..publication_record import (
    anonymisation_covers_documents,
    confirmer_name,
    publication_record,
)
from ..publishing import (
    PublicationError,
    cancel_schedule,
    confirm_anonymisation,
    publication_problems,
    publish_review,
    withdraw_review,
)
from .widgets import DatePicker


def format_moment(moment):
    return formats.date_format(moment, "j F Y, H:i")


class PublicationForm(forms.Form):
    """When the public should see the review: now, or from a date and time."""

    NOW, LATER = "now", "later"
    when = forms.ChoiceField(
        label=_("When should the public see this review?"),
        choices=[(NOW, _("Now")), (LATER, _("From a date and time I choose"))],
        widget=forms.RadioSelect,
        initial=NOW,
    )
    publish_date = forms.DateField(label=_("Date"), required=False, widget=DatePicker())
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


class LetterPublishedSelect(forms.NullBooleanSelect):
    """Yes, no, or not recorded yet: whether the panel's letter is published."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("Not recorded yet")),
            ("true", _("Yes, it is published with the review")),
            ("false", _("No, it is not published")),
        ]


class AnonymisationForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_(
            "I have checked these documents, as they are now, and they are anonymised: they "
            "give no real names of the victim, their family, the perpetrator or witnesses, and "
            "no dates of birth, addresses or other details that would identify them."
        ),
        error_messages={
            "required": _("Tick the box to confirm, or go back to the checklist if you cannot.")
        },
    )


class ReviewPublicationAdmin:
    """For ReviewAdmin: the publication and withdrawal pages, and the publish and withdraw
    actions, offered only to those who publish for some partnership."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/publication/",
                view(self.publication_view),
                name="reviews_review_publication",
            ),
            path("<int:pk>/withdraw/", view(self.withdraw_view), name="reviews_review_withdraw"),
            path(
                "<int:pk>/publication-record/",
                view(self.publication_record_view),
                name="reviews_review_publication_record",
            ),
            path(
                "<int:pk>/publication-record/anonymisation/",
                view(self.anonymisation_view),
                name="reviews_review_anonymisation",
            ),
            *super().get_urls(),
        ]

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not roles.publishes_anywhere(request.user):
            for name in ("publish", "withdraw"):
                actions.pop(name, None)
        return actions

    def _review_or_404(self, request, pk):
        # Outside the officer's partnerships a review does not exist, as elsewhere in the admin.
        return get_object_or_404(self.get_queryset(request), pk=pk)

    def _change_url(self, review):
        return reverse("admin:reviews_review_change", args=[review.pk])

    def _record_url(self, review):
        return reverse("admin:reviews_review_publication_record", args=[review.pk])

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "qa_panel_letter_published":
            kwargs["widget"] = LetterPublishedSelect()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    @admin.display(description=_("anonymisation confirmed"))
    def anonymisation(self, obj):
        if obj is None or obj.pk is None or obj.anonymisation_confirmed_at is None:
            text = _("Not confirmed yet.")
        else:
            text = _("Confirmed by %(user)s on %(when)s.") % {
                "user": confirmer_name(obj),
                "when": format_moment(timezone.localtime(obj.anonymisation_confirmed_at)),
            }
            if not anonymisation_covers_documents(obj):
                text += " " + _("A document was uploaded or replaced since then.")
        if obj is None or obj.pk is None:
            return text
        return format_html(
            '{} <a href="{}">{}</a>',
            text,
            self._record_url(obj),
            _("A publisher confirms it from the publication record checklist."),
        )

    def publication_record_view(self, request, pk):
        """What the publication record holds for a review: each item done or missing, whether
        it is needed before publishing, and a link to where it is entered."""
        review = self._review_or_404(request, pk)
        if not roles.may_view(request.user, review):
            raise PermissionDenied
        items = publication_record(review)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "review": review,
            "title": _("Publication record of “%(review)s”") % {"review": review},
            "items": items,
            "missing_required": [item for item in items if item.blocks_publishing],
            "may_publish": roles.may_publish(request.user, review),
            "change_url": self._change_url(review),
        }
        return TemplateResponse(request, "admin/reviews/review/publication_record.html", context)

    def anonymisation_view(self, request, pk):
        review = self._review_or_404(request, pk)
        if not roles.may_publish(request.user, review):
            raise PermissionDenied
        form = AnonymisationForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                confirm_anonymisation(review, by=request.user)
            except PublicationError as error:
                self.message_user(request, " ".join(error.problems), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("You confirmed that the documents of “%(review)s” are anonymised.")
                    % {"review": review},
                    messages.SUCCESS,
                )
            return HttpResponseRedirect(self._record_url(review))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "review": review,
            "title": _("Confirm the documents of “%(review)s” are anonymised") % {"review": review},
            "form": form,
            "documents": review.documents.all(),
            "change_url": self._change_url(review),
            "record_url": self._record_url(review),
        }
        return TemplateResponse(request, "admin/reviews/review/anonymisation.html", context)

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
                        "when": format_moment(timezone.localtime(review.publish_at)),
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
            "record_url": self._record_url(review),
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
