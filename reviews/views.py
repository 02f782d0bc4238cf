"""Public pages for reviews and partnerships. Everything here shows published reviews only."""

from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, ListView, TemplateView

from .documents import pdf_response
from .forms import ReviewFilterForm
from .models import Partnership, Review, ReviewDocument

REVIEWS_PER_PAGE = 20


class HomeView(TemplateView):
    template_name = "reviews/home.html"
    latest_count = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_reviews"] = Review.objects.published().for_listing()[: self.latest_count]
        context["review_count"] = Review.objects.published().count()
        return context


class ReviewListView(ListView):
    template_name = "reviews/review_list.html"
    context_object_name = "reviews"
    paginate_by = REVIEWS_PER_PAGE

    def get_queryset(self):
        published = Review.objects.published()
        self.filter_form = ReviewFilterForm(self.request.GET, reviews=published)
        return self.filter_form.filter(published).for_listing()

    def paginate_queryset(self, queryset, page_size):
        # A page number that is not a number or out of range shows the nearest real page.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter_form"] = self.filter_form
        page = context["page_obj"]
        context["page_numbers"] = page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        )
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class ReviewDetailView(DetailView):
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_queryset(self):
        return Review.objects.published().for_listing()


def document_download(request, slug, document_slug):
    """The permanent link of a document: the PDF itself, only while its review is published."""
    document = get_object_or_404(
        ReviewDocument.objects.select_related("review"),
        review__in=Review.objects.published(),
        review__slug=slug,
        slug=document_slug,
    )
    return pdf_response(document)


class PartnershipListView(ListView):
    template_name = "reviews/partnership_list.html"
    context_object_name = "partnerships"

    def get_queryset(self):
        return Partnership.objects.filter(active=True)


class PartnershipDetailView(DetailView):
    template_name = "reviews/partnership_detail.html"
    context_object_name = "partnership"

    def get_queryset(self):
        return Partnership.objects.filter(active=True)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        partnership = self.object
        context["reviews"] = (
            Review.objects.published()
            .filter(Q(lead_partnership=partnership) | Q(partnerships=partnership))
            .distinct()
            .for_listing()
        )
        return context


def partnership_logo(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug, active=True)
    if not partnership.logo:
        raise Http404
    return FileResponse(partnership.logo.open("rb"))
