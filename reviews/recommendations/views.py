"""Public pages of the learning register: /recommendations/, /agencies/ and an agency's page,
and the evidence PDFs of updates. Everything here shows recommendations of published reviews
only (`Recommendation.objects.published()`)."""

from django.db.models import Count, Q
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe
from django.views.generic import DetailView, ListView, TemplateView

from ..documents import pdf_response
from ..list_links import active_filters, address, sort_links
from ..models import Agency, Recommendation, Sector, UpdateEvidence, prefetch_partnerships
from ..models.recommendations import Status
from ..pagination import page_of, pagination_context
from . import register as register_module
from .register import Sort, read_params, register

AGENCY_RECOMMENDATIONS_PER_PAGE = 50


class RecommendationListView(TemplateView):
    """/recommendations/: every published recommendation, searched and filtered from GET."""

    template_name = "recommendations/recommendation_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        text, selected, sort = read_params(self.request.GET)
        results = register(text, selected, sort, page=self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        active = active_filters(params, results.facets)
        context.update(
            pagination_context(results.page, params),
            results=results,
            query_text=text,
            max_query_length=register_module.MAX_QUERY_LENGTH,
            active_filters=active,
            sort_links=sort_links(params, Sort.CHOICES, results.sort),
            sort_given=sort in {value for value, _label in Sort.CHOICES},
            has_filters=bool(active),
            at_a_glance=[] if active or results.query else at_a_glance(results.facets),
        )
        return context


def at_a_glance(facets):
    """The register's whole in one line, each part a link to those recommendations: how many
    are overdue, then how many have each status; so that the overdue are one click away."""
    by_name = {facet.name: facet for facet in facets}
    links = []
    for name in ("overdue", "status"):
        facet = by_name.get(name)
        for option in facet.options if facet else []:
            if option.count:
                chosen = QueryDict(mutable=True)
                chosen[name] = option.value
                links.append(
                    {
                        "facet": name,
                        "label": option.label,
                        "count": option.count,
                        "url": address(chosen),
                    }
                )
    return links


class AgencyListView(ListView):
    """/agencies/: the agencies that published reviews ask to act, by sector, with counts."""

    template_name = "recommendations/agency_list.html"
    context_object_name = "agencies"

    def get_queryset(self):
        published = Recommendation.objects.published()
        return (
            Agency.objects.annotate(
                recommendation_count=Count(
                    "recommendations",
                    filter=Q(recommendations__in=published),
                    distinct=True,
                ),
                overdue_count=Count(
                    "recommendations",
                    filter=Q(recommendations__in=published.overdue()),
                    distinct=True,
                ),
            )
            .filter(recommendation_count__gt=0)
            .select_related("partnership")
            .order_by("name")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_sector = {}
        for agency in context["agencies"]:
            by_sector.setdefault(agency.sector, []).append(agency)
        context["sectors"] = [
            {"value": value, "label": label, "agencies": by_sector[value]}
            for value, label in Sector.choices
            if value in by_sector
        ]
        return context


class AgencyDetailView(DetailView):
    """/agencies/<slug>/: what published reviews have asked of one agency, counted by status,
    its overdue recommendations first."""

    template_name = "recommendations/agency_detail.html"
    context_object_name = "agency"
    queryset = Agency.objects.select_related("partnership")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        asked = Recommendation.objects.published().filter(agencies=self.object)
        counts = dict(
            asked.order_by().values_list("status").annotate(count=Count("pk", distinct=True))
        )
        listed = (
            asked.with_is_overdue()
            .order_by("-overdue_now", "due_on", "-review__published_on", "review", "position")
            .for_listing()
            .prefetch_related(prefetch_partnerships("review__"))
        )
        page = page_of(listed, self.request, AGENCY_RECOMMENDATIONS_PER_PAGE)
        context.update(
            pagination_context(page),
            recommendations=page.object_list,
            total=sum(counts.values()),
            overdue_count=asked.overdue().count(),
            status_counts=[
                {"value": value, "label": label, "count": counts.get(value, 0)}
                for value, label in Status.choices
            ],
            register_url_params=f"agency={self.object.slug}",
        )
        return context


@require_safe
def evidence_download(request, update_id):
    """An update's evidence PDF, only while its recommendation's review is published."""
    evidence = get_object_or_404(
        UpdateEvidence.objects.select_related("update"),
        update_id=update_id,
        update__recommendation__in=Recommendation.objects.published(),
    )
    if not evidence.file:
        raise Http404
    return pdf_response(evidence)
