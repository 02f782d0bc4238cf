"""Pages of a long list, as `templates/includes/pagination.html` shows them."""

from django.core.paginator import Paginator


def page_of(items, request, per_page):
    """The page of `items` the address asks for (`?page=`). A page number that is not a number
    or is out of range shows the nearest real page, never an error."""
    return Paginator(items, per_page).get_page(request.GET.get("page"))


def pagination_context(page, params=None):
    """What the pagination include needs for `page`. The links keep `params` (a QueryDict of
    the address's other parameters, such as a search and its filters) and change only `page`."""
    kept = params.copy() if params is not None else None
    if kept is not None:
        kept.pop("page", None)
    return {
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "page_numbers": page.paginator.get_elided_page_range(
            page.number, on_each_side=1, on_ends=1
        ),
        "query_without_page": kept.urlencode() if kept is not None else "",
    }
