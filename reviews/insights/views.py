"""/insights/: the charts of every published review, or of the reviews a search of /reviews/
finds (the same `q` and filters, read by the same form)."""

from django.views.generic import TemplateView

from ..forms import ReviewSearchForm
from ..list_links import active_filters, without
from ..models import Review, among
from .charts import all_charts
from .drawing import layout


class InsightsView(TemplateView):
    template_name = "insights/insights.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = ReviewSearchForm(self.request.GET)
        ids, facets = form.selection()
        params = without(self.request.GET, "page", "sort")
        context.update(
            form=form,
            # The words and what the search left out, as the filters' include reads them.
            results={"query": form.query},
            active_filters=active_filters(params, facets),
            searched=form.narrows,
            review_count=len(ids),
            fictional_count=Review.objects.filter(
                pk__in=among(ids), lead_partnership__fictional=True
            ).count(),
            charts=[(chart, layout(chart)) for chart in all_charts(ids)],
            results_query=params.urlencode(),
        )
        return context
