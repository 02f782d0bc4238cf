"""/insights/: the charts of every published review, or of the reviews a search of /reviews/
finds (the same `q` and filters, read by the same form)."""

from django.views.generic import TemplateView

from ..forms import ReviewSearchForm
from ..list_links import active_filters
from ..models import Review
from .charts import all_charts
from .drawing import layout


class InsightsView(TemplateView):
    template_name = "insights/insights.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReviewSearchForm(self.request.GET)
        results = form.search(per_page=1)  # for its words and chosen filters
        ids = form.matching_reviews_in_order()
        params = self.request.GET.copy()
        for name in ("page", "sort"):
            params.pop(name, None)
        context.update(
            form=form,
            results=results,
            active_filters=active_filters(params, results.facets),
            searched=bool(results.query or any(form.selected.values())),
            review_count=len(ids),
            fictional_count=Review.objects.filter(
                pk__in=ids, lead_partnership__fictional=True
            ).count(),
            charts=[(chart, layout(chart)) for chart in all_charts(ids)],
            results_query=params.urlencode(),
        )
        return context
