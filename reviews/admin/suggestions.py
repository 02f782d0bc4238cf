"""Suggested recommendations in the admin: what an officer is told after an upload, and the page
on which they accept (editing it as they wish) or discard each one.

The suggestions themselves are made by reviews/recommendations/suggestions.py when a report's
page texts are stored; whoever may change the review (`roles.may_edit_recommendations`) decides
on them. A suggestion is never public: only an accepted one becomes a recommendation.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from .. import roles
from ..models import Level, Suggestion, Theme
from ..recommendations.suggestions import accept, discard, waiting_for
from .widgets import DatePicker


def report_suggestions(request, model_admin, documents):
    """Tell the officer, for each new upload, how many recommendations were found in it."""
    for document in documents:
        if getattr(document, "upload_report", None) is None:
            continue
        found = document.suggestions.filter(state=Suggestion.State.WAITING).count()
        if not found:
            continue
        model_admin.message_user(
            request,
            ngettext(
                "%(count)d recommendation found in the %(document)s: review it below.",
                "%(count)d recommendations found in the %(document)s: review them below.",
                found,
            )
            % {"count": found, "document": document.get_kind_display().lower()},
            messages.INFO,
        )


class AcceptForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}))
    agencies = forms.ModelMultipleChoiceField(
        label=_("Addressed to"),
        queryset=None,
        help_text=_("The agencies asked to act on it."),
    )
    level = forms.ChoiceField(label=_("Level"), choices=Level.choices, initial=Level.LOCAL)
    due_on = forms.DateField(label=_("Due date"), required=False, widget=DatePicker())
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"), queryset=Theme.objects.all(), required=False
    )

    def __init__(self, *args, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = roles.addressable_agencies(review)


class ReviewSuggestionsAdmin:
    """For ReviewAdmin: the suggestions waiting on a review's page, and a page for each."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/suggestions/<int:suggestion_pk>/",
                self.admin_site.admin_view(self.suggestion_view),
                name="reviews_review_suggestion",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and roles.may_edit_recommendations(request.user, obj):
            context["suggestions"] = list(waiting_for(obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def suggestion_view(self, request, pk, suggestion_pk):
        # Outside the officer's partnerships the review does not exist, as elsewhere.
        review = get_object_or_404(self.get_queryset(request), pk=pk)
        if not roles.may_edit_recommendations(request.user, review):
            raise PermissionDenied
        suggestion = get_object_or_404(
            waiting_for(review).select_related("document__review"), pk=suggestion_pk
        )
        change_url = reverse("admin:reviews_review_change", args=[review.pk])
        if request.method == "POST" and "discard" in request.POST:
            discard(suggestion)
            self.message_user(
                request,
                gettext("Suggested recommendation %(number)s was discarded.")
                % {"number": suggestion.number},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(change_url)
        initial = {"number": suggestion.number, "text": suggestion.text}
        form = AcceptForm(
            request.POST if request.method == "POST" else None, initial=initial, review=review
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                recommendation = accept(
                    suggestion,
                    agencies=data["agencies"],
                    level=data["level"],
                    number=data["number"],
                    text=data["text"],
                    due_on=data["due_on"],
                    themes=data["themes"],
                )
            except ValidationError as error:
                form.add_error(None, " ".join(error.messages))
            else:
                self.message_user(
                    request,
                    gettext("%(recommendation)s was added.") % {"recommendation": recommendation},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": gettext("Suggested recommendation %(number)s") % {"number": suggestion.number},
            "review": review,
            "suggestion": suggestion,
            "form": form,
            "change_url": change_url,
        }
        return TemplateResponse(request, "admin/reviews/review/suggestion.html", context)
