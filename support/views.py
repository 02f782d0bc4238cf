"""Public pages for getting help, staying safe online, and the partnerships' strategy documents.

Every page here works without JavaScript: "Open now" is worked out on the server and the
filters are plain GET forms.
"""

from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import DetailView, TemplateView

from reviews.documents import pdf_response
from reviews.models import Partnership
from reviews.pagination import page_of, pagination_context

from .forms import HelplineFilterForm, StrategyFilterForm
from .models import Helpline, InformationPage, Notice, StrategyDocument, with_opening_status

STRATEGIES_PER_PAGE = 20
NOTICES_ON_HELP_PAGE = 3


class HelpView(TemplateView):
    template_name = "support/help.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        form = HelplineFilterForm(
            self.request.GET, partnerships=Partnership.objects.filter(active=True)
        )
        helplines = Helpline.objects.active().for_listing()
        context.update(
            filter_form=form,
            emergency_helplines=with_opening_status(helplines.emergency(), now),
            helplines=with_opening_status(form.filter(helplines.exclude(emergency=True)), now),
            chosen_partnership=form.chosen_partnership,
            information_pages=InformationPage.objects.published().filter(partnership=None),
            notices=Notice.objects.published().filter(partnership=None)[:NOTICES_ON_HELP_PAGE],
        )
        return context


class InformationPageView(DetailView):
    template_name = "support/information_page.html"
    context_object_name = "information_page"

    def get_queryset(self):
        return InformationPage.objects.published().select_related("partnership")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["other_pages"] = (
            InformationPage.objects.published()
            .filter(partnership=self.object.partnership_id)
            .exclude(pk=self.object.pk)
        )
        return context


class StrategyListView(TemplateView):
    template_name = "support/strategy_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = StrategyFilterForm(self.request.GET)
        documents = form.filter(StrategyDocument.objects.published().select_related("partnership"))
        page = page_of(documents, self.request, STRATEGIES_PER_PAGE)
        context.update(
            pagination_context(page, self.request.GET),
            filter_form=form,
            documents=page.object_list,
        )
        return context


class StrategyDetailView(DetailView):
    template_name = "support/strategy_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return (
            StrategyDocument.objects.published()
            .select_related("partnership")
            .prefetch_related("themes")
        )


def strategy_document(request, slug):
    """The permanent link of a strategy document: the PDF itself, only while it is published."""
    document = get_object_or_404(StrategyDocument.objects.published(), slug=slug)
    return pdf_response(document)


def strategy_document_text(request, slug):
    """The strategy document's text, page by page, under the same rule as its PDF: the texts
    the pipeline stored when the file was saved (the PDF is never opened here)."""
    document = get_object_or_404(StrategyDocument.objects.published(), slug=slug)
    pages = list(document.pages.values_list("number", "text"))
    return render(
        request,
        "support/strategy_document_text.html",
        {"document": document, "pages": pages, "pdf_url": document.get_document_url()},
    )
