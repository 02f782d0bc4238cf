"""Public pages for reviews and partnerships. Everything here shows published reviews only."""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from .documents import cover_response, open_stored, pdf_response
from .forms import ReviewSearchForm
from .languages import path_in_language
from .list_links import active_filters, address, hidden_fields, search_params, sort_links, without
from .models import Partnership, Review, ReviewDocument, Theme, in_groups
from .pagination import page_of, pagination_context
from .search import FACET_NAMES, Sort

REVIEWS_PER_PAGE = 20


class HomeView(TemplateView):
    template_name = "reviews/home.html"
    latest_count = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_reviews"] = Review.objects.published().for_listing()[: self.latest_count]
        context["review_count"] = Review.objects.published().count()
        return context


class ReviewListView(TemplateView):
    """/reviews/: every published review, narrowed by a search and filters (all from GET)."""

    template_name = "reviews/review_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReviewSearchForm(self.request.GET)
        # A page number that is not a number or out of range shows the nearest real page.
        results = form.search(page=self.request.GET.get("page"), per_page=REVIEWS_PER_PAGE)
        params = without(self.request.GET, "page")
        context.update(
            pagination_context(results.page, params),
            form=form,
            results=results,
            hits=results.hits,
            active_filters=active_filters(params, results.facets),
            # Relevance means nothing without words to be relevant to.
            sort_links=sort_links(
                params,
                [c for c in Sort.CHOICES if results.query or c[0] != Sort.RELEVANCE],
                results.sort,
            ),
            has_filters=any(form.selected.values()),
            searched=form.narrows,
            feed_url=_feed_of(params),
        )
        return context


def _feed_of(params):
    """The Atom feed of the search in `params`: the same words and filters, newest first."""
    params = without(params, "sort")
    feed = reverse("reviews_files:review_feed")
    return f"{feed}?{params.urlencode()}" if params else feed


class FacetOptionsView(TemplateView):
    """/reviews/filters/<facet>/: every option of one of the review list's filters, with its
    count, as a form that goes back to the list keeping the address's search and other filters.
    Beside the results a long filter lists only some of its options (Facet.shortlist); this
    page is how to reach the rest without JavaScript."""

    template_name = "reviews/facet_options.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if kwargs["facet"] not in FACET_NAMES:
            raise Http404
        form = ReviewSearchForm(self.request.GET)
        facets = form.facets()
        [facet] = [facet for facet in facets if facet.name == kwargs["facet"]]
        params = search_params(form.query_text, form.sort_order, facets)
        # The counts are of the reviews that the words and the other filters allow.
        others_chosen = any(other.selected_options for other in facets if other is not facet)
        context.update(
            facet=facet,
            query_text=form.query_text,
            others_chosen=others_chosen,
            active_filters=active_filters(params, facets),
            hidden_fields=hidden_fields(params, facet.name),
            back_url=reverse("reviews:review_list") + address(params),
            option_groups=_theme_groups(facet) if facet.name == "theme" else None,
        )
        return context


def _theme_groups(facet):
    """The theme filter's options under their groups, as /themes/ shows them: [(group, its
    options, the number of its first option)], so that every checkbox keeps a distinct id."""
    group_of = dict(Theme.objects.values_list("slug", "group"))
    default = Theme._meta.get_field("group").default

    def group_of_option(option):
        return group_of.get(option.value, default)

    groups, first = [], 1
    for group, options in in_groups(facet.options, group_of_option):
        groups.append((group, options, first))
        first += len(options)
    return groups


class ReviewDetailView(DetailView):
    template_name = "reviews/review_detail.html"
    context_object_name = "review"

    def get_queryset(self):
        return Review.objects.published().for_listing()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A fixed number of queries however many recommendations and updates there are.
        context["recommendations"] = list(self.object.recommendations.for_listing())
        return context

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # A withdrawn review says so, with its reason, rather than vanishing.
            withdrawn = Review.objects.withdrawn_from_public().filter(slug=kwargs["slug"]).first()
            if withdrawn is None:
                raise
            return render(
                request, "reviews/review_withdrawn.html", {"review": withdrawn}, status=410
            )


def _public_document(request, slug, document_slug):
    """A document whose review the public may see; 410 Gone once the review is withdrawn."""
    document = (
        ReviewDocument.objects.select_related("review")
        .filter(review__in=Review.objects.published(), review__slug=slug, slug=document_slug)
        .first()
    )
    if document is not None:
        return document, None
    withdrawn = (
        Review.objects.withdrawn_from_public()
        .filter(slug=slug, documents__slug=document_slug)
        .first()
    )
    if withdrawn is None:
        raise Http404
    gone = render(request, "reviews/document_withdrawn.html", {"review": withdrawn}, status=410)
    return None, gone


def document_download(request, slug, document_slug):
    """The permanent link of a document: the PDF itself, only while its review is published."""
    document, gone = _public_document(request, slug, document_slug)
    return gone or pdf_response(document)


def document_text(request, slug, document_slug):
    """The text of a document, page by page, for reading without a PDF reader.

    It follows its PDF's rule exactly (`_public_document`): 404 while the review is a draft,
    410 once it is withdrawn.
    """
    document, gone = _public_document(request, slug, document_slug)
    if gone:
        return gone
    return render(
        request,
        "reviews/document_text.html",
        {
            "review": document.review,
            "document": document,
            "pages": [(page.number, page.text) for page in document.pages.all()],
            "pdf_url": document.get_absolute_url(),
        },
    )


def document_cover(request, slug, document_slug):
    """The cover image follows the same rule as the document it shows."""
    document, gone = _public_document(request, slug, document_slug)
    return gone or cover_response(document)


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
        context["reviews"] = Review.objects.published().of_partnership(partnership).for_listing()
        return context


def partnership_logo(request, slug):
    partnership = get_object_or_404(Partnership, slug=slug, active=True)
    if not partnership.logo:
        raise Http404
    return FileResponse(open_stored(partnership.logo))


class ThemeListView(ListView):
    """/themes/: the themes reviews are filed under, in their groups (in the Home Office
    library's order; a group with no theme is left out), each group's themes in the order of
    the names the page shows (Welsh ones on a Welsh page), with how many published reviews
    each has."""

    template_name = "reviews/theme_list.html"
    context_object_name = "themes"

    def get_queryset(self):
        return Theme.objects.with_published_review_counts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_shown_name = sorted(
            context["themes"], key=lambda theme: theme.in_page_language("name").value.casefold()
        )
        context["groups"] = in_groups(by_shown_name)
        return context


class ThemeDetailView(DetailView):
    """/themes/<slug>/: what the theme covers and the published reviews filed under it."""

    template_name = "reviews/theme_detail.html"
    context_object_name = "theme"
    queryset = Theme.objects.all()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reviews = Review.objects.published().filter(themes=self.object).for_listing()
        page = page_of(reviews, self.request, REVIEWS_PER_PAGE)
        context.update(pagination_context(page), reviews=page.object_list)
        return context


# Addresses whose combinations of words and filters never end, in every language.
ENDLESS_PATHS = ["/reviews/?", "/reviews/filters/", "/recommendations/?", "/insights/?"]


@require_safe
def robots_txt(request):
    """Crawlers may read every public page. They are kept out of search results pages (of
    reviews, of the register of recommendations and of the charts) and the review filters'
    pages of options, in English and in Welsh, whose combinations of words and filters never
    end; the sitemap lists every review and agency instead. The admin is not named: its
    address may be deliberately unguessable."""
    sitemap_url = request.build_absolute_uri(reverse("reviews_files:sitemap"))
    lines = [
        "User-agent: *",
        *(
            f"Disallow: {path_in_language(path, code)}"
            for code, _name in settings.LANGUAGES
            for path in ENDLESS_PATHS
        ),
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
