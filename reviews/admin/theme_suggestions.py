"""Suggested themes in the admin: what an officer is told after an upload, the list on the
review's page with the pages that mention each theme, and the decision, accept or reject.

The suggestions are made by reviews/theme_suggestions when a document's page texts are stored;
whoever may choose the review's themes (`roles.may_choose_themes`: whoever may change the
review) decides on them. A suggestion is never public: accepted, its theme joins the review's
themes, which the public sees once the review is published.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from .. import roles
from ..models import ThemeEvidence, ThemeSuggestion
from ..theme_suggestions import AlreadyDecided, accept, reject, waiting_for
from .publication import format_moment

State = ThemeSuggestion.State
PAGES_LISTED = 10  # pages of a document listed on the review's page (the suggestion's lists all)


def report_theme_suggestions(request, model_admin, documents):
    """Tell the officer, for each new upload, how many themes its text suggests."""
    for document in documents:
        if getattr(document, "upload_report", None) is None:
            continue
        found = ThemeEvidence.objects.filter(
            document=document, suggestion__state=State.WAITING
        ).count()
        if not found:
            continue
        model_admin.message_user(
            request,
            ngettext(
                "The text of the %(document)s suggests %(count)d theme: accept or reject it below.",
                "The text of the %(document)s suggests %(count)d themes: accept or reject them "
                "below.",
                found,
            )
            % {"count": found, "document": document.get_kind_display().lower()},
            messages.INFO,
        )


def evidence_of(suggestion, *, pages_listed=None):
    """For a template: each document that mentions the suggested theme, how often, and on which
    pages ([(page, count)], the first `pages_listed` of them if given, and how many more)."""
    rows = []
    for evidence in suggestion.evidence.all():
        pages = evidence.page_counts()
        listed = pages[:pages_listed] if pages_listed else pages
        rows.append(
            {
                "document": evidence.document,
                "count": evidence.count,
                "pages": listed,
                "more": len(pages) - len(listed),
            }
        )
    return rows


def _officer(user):
    return (user.get_full_name() or user.get_username()) if user else gettext("an officer")


def decided_text(suggestion):
    """Who decided on the suggestion and when, as a sentence."""
    facts = {
        "officer": _officer(suggestion.decided_by),
        "when": format_moment(timezone.localtime(suggestion.decided_at)),
    }
    if suggestion.state == State.ACCEPTED:
        return gettext("Accepted by %(officer)s on %(when)s.") % facts
    return gettext("Rejected by %(officer)s on %(when)s.") % facts


class ReviewThemeSuggestionsAdmin:
    """For ReviewAdmin: the suggested themes on a review's page, and a page for each, to which
    its Accept and Reject buttons post."""

    def get_urls(self):
        return [
            path(
                "<int:pk>/suggested-themes/<int:suggestion_pk>/",
                self.admin_site.admin_view(self.theme_suggestion_view),
                name="reviews_review_theme_suggestion",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk and roles.may_choose_themes(request.user, obj):
            context["theme_suggestions"] = [
                {
                    "suggestion": suggestion,
                    "evidence": evidence_of(suggestion, pages_listed=PAGES_LISTED),
                }
                for suggestion in waiting_for(obj)
            ]
        return super().render_change_form(request, context, add, change, form_url, obj)

    def theme_suggestion_view(self, request, pk, suggestion_pk):
        # Outside the officer's partnerships the review does not exist, as elsewhere.
        review = get_object_or_404(self.get_queryset(request), pk=pk)
        if not roles.may_choose_themes(request.user, review):
            raise PermissionDenied
        # A suggestion of another review is not found here.
        suggestion = get_object_or_404(
            review.theme_suggestions.select_related("theme", "decided_by").prefetch_related(
                "evidence__document"
            ),
            pk=suggestion_pk,
        )
        change_url = reverse("admin:reviews_review_change", args=[review.pk])
        error, status = None, 200
        if request.method == "POST":
            decision = request.POST.get("decision")
            if decision not in {"accept", "reject"}:
                error, status = gettext("Choose whether to accept or reject the theme."), 400
            else:
                try:
                    (accept if decision == "accept" else reject)(suggestion, by=request.user)
                except AlreadyDecided:
                    suggestion.refresh_from_db()
                    error, status = gettext("This suggestion was decided on already."), 409
                else:
                    self.message_user(request, self._decision_message(suggestion), messages.SUCCESS)
                    return HttpResponseRedirect(change_url + "#theme-suggestions")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": str(suggestion),
            "review": review,
            "suggestion": suggestion,
            "terms": suggestion.theme.terms(),
            "mentions": sum(evidence.count for evidence in suggestion.evidence.all()),
            "evidence": evidence_of(suggestion),
            "waiting": suggestion.state == State.WAITING,
            "decided": None if suggestion.state == State.WAITING else decided_text(suggestion),
            "error": error,
            "change_url": change_url,
        }
        return TemplateResponse(
            request, "admin/reviews/review/theme_suggestion.html", context, status=status
        )

    def _decision_message(self, suggestion):
        if suggestion.state == State.ACCEPTED:
            return gettext("“%(theme)s” was added to the review's themes.") % {
                "theme": suggestion.theme
            }
        return gettext(
            "“%(theme)s” was rejected: it will not be suggested for this review again."
        ) % {"theme": suggestion.theme}
