"""Importing a partnership's old reviews from one ZIP file, in the admin: the form, the dry
run's result, the import with its progress, and the template manifest (the work itself is
reviews/bulk_import's; who may is roles.may_import_reviews).

The officer chooses the ZIP file twice: once to check it, and again to import it. Nothing of
an upload is kept between the two requests, so nothing is left behind by a check that is never
imported, and the confirmation works whichever instance answers it. The import is refused
unless the file is the one checked (its SHA-256) and still has no problems.

The import's page is streamed: each file's line ("Processing file 3 of 10: ...") is sent as
it is processed, then the outcome. It runs within one request, so it must finish within the
server's request timeout (GUNICORN_TIMEOUT); if it does not, it is rolled back whole, and a
larger archive is imported with `manage.py import_reviews` instead.
"""

import hashlib
import logging

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, StreamingHttpResponse
from django.template.defaultfilters import filesizeformat
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import roles
from ..bulk_import import ImportRefused, import_steps, manifest_template, plan_import

logger = logging.getLogger(__name__)
PROGRESS_MARK = "<!-- progress -->"


def importing_partnerships(user):
    """The partnerships this user may import reviews into."""
    partnerships = roles.officer_partnerships(user)
    return partnerships.filter(
        pk__in=[p.pk for p in partnerships if roles.may_import_reviews(user, p.pk)]
    )


class ReviewImportForm(forms.Form):
    partnership = forms.ModelChoiceField(
        label=gettext_lazy("Partnership"), queryset=None, empty_label=None
    )
    file = forms.FileField(
        label=gettext_lazy("ZIP file"),
        help_text=gettext_lazy("The PDFs and manifest.csv, in one ZIP file."),
    )
    checked = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partnership"].queryset = importing_partnerships(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.DHR_MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                _("The file is %(size)s; the largest ZIP file accepted is %(limit)s.")
                % {
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(settings.DHR_MAX_IMPORT_BYTES),
                }
            )
        digest = hashlib.sha256()
        for chunk in upload.chunks():
            digest.update(chunk)
        upload.seek(0)
        self.sha256 = digest.hexdigest()
        return upload


class ReviewImportAdmin:
    """For ReviewAdmin: the import pages, linked from the list for whoever may import."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="reviews_review_import"),
            path(
                "import/manifest.csv",
                view(self.import_template_view),
                name="reviews_review_import_template",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_import_reviews": importing_partnerships(request.user).exists(),
        }
        return super().changelist_view(request, extra_context)

    def _may_import(self, request):
        if not importing_partnerships(request.user).exists():
            raise PermissionDenied

    def import_template_view(self, request):
        self._may_import(request)
        response = HttpResponse(manifest_template(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="manifest.csv"'
        return response

    def import_view(self, request):
        self._may_import(request)
        form = ReviewImportForm(request.POST or None, request.FILES or None, user=request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import reviews from a ZIP file"),
            "form": form,
            "max_size": filesizeformat(settings.DHR_MAX_IMPORT_BYTES),
            "max_file_size": filesizeformat(settings.DHR_MAX_UPLOAD_BYTES),
        }
        if request.method == "POST" and form.is_valid():
            partnership, upload = form.cleaned_data["partnership"], form.cleaned_data["file"]
            plan = plan_import(upload, partnership=partnership)
            confirmed = "import" in request.POST and form.cleaned_data["checked"] == form.sha256
            if confirmed and plan.ok:
                return self._streamed_import(request, context, partnership, upload)
            context.update(
                {
                    "plan": plan,
                    "file_name": upload.name,
                    "sha256": form.sha256,
                    "not_the_checked_file": "import" in request.POST and not confirmed,
                }
            )
        return TemplateResponse(request, "admin/reviews/review/import.html", context)

    def _streamed_import(self, request, context, partnership, upload):
        page = render_to_string(
            "admin/reviews/review/import_progress.html",
            {
                **context,
                "title": _("Importing reviews into %(partnership)s") % {"partnership": partnership},
                "partnership": partnership,
            },
            request,
        )
        head, tail = page.split(PROGRESS_MARK)
        language = translation.get_language()
        user = request.user

        def lines():
            with translation.override(language):
                yield head
                yield from _progress_lines(upload, partnership, user)
                yield tail

        response = StreamingHttpResponse(lines(), content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        return response


def _progress_lines(upload, partnership, user):
    """The import, as lines of HTML: one per file, then what came of it."""
    steps = import_steps(upload, partnership=partnership, by=user)
    yield '<ol class="import-progress">'
    try:
        while True:
            try:
                number, total, name = next(steps)
            except StopIteration as done:
                report = done.value
                break
            yield format_html(
                "<li>{}</li>\n",
                _("Processing file %(number)d of %(total)d: %(name)s")
                % {"number": number, "total": total, "name": name},
            )
    except ImportRefused as refused:
        yield "</ol>"
        yield render_to_string(
            "admin/reviews/review/import_problems.html",
            {"problems": refused.problems, "nothing_imported": True},
        )
        return
    except Exception:
        logger.exception("The import of reviews into %s failed", partnership)
        yield "</ol>"
        yield format_html(
            '<p class="errornote">{}</p>',
            _(
                "Something went wrong, so nothing was imported. Try again in a few minutes; if "
                "it keeps happening, tell your site administrator."
            ),
        )
        return
    yield "</ol>"
    drafts = reverse("admin:reviews_review_changelist") + (
        f"?lead_partnership__id__exact={partnership.pk}&status__exact=draft"
    )
    yield format_html(
        '<p class="success">{}</p><ul>',
        _("Imported as drafts: %(reviews)d reviews, with %(documents)d documents.")
        % {"reviews": len(report.reviews), "documents": len(report.documents)},
    )
    for review in report.reviews:
        yield format_html(
            '<li><a href="{}">{}</a></li>',
            reverse("admin:reviews_review_change", args=[review.pk]),
            review,
        )
    yield format_html('</ul><p><a href="{}">{}</a></p>', drafts, _("See the imported drafts"))
