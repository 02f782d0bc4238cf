"""The links of a searched, filtered list (reviews, the register of recommendations): take one
chosen filter away, or change the order, keeping the rest of the address."""

from django.http import QueryDict


def address(params):
    """The relative address of `params` (a QueryDict): "?q=...", or "?" for none."""
    query = params.urlencode()
    return f"?{query}" if query else "?"


def without(params, *names):
    """A copy of `params` (a QueryDict) without the parameters `names`."""
    kept = params.copy()
    for name in names:
        kept.pop(name, None)
    return kept


def active_filters(params, facets):
    """Each chosen option of `facets` with the address of the list without it."""
    chosen = []
    for facet in facets:
        for option in facet.selected_options:
            without = params.copy()
            without.setlist(
                facet.name, [v for v in params.getlist(facet.name) if v.strip() != option.value]
            )
            chosen.append({"facet": facet, "option": option, "remove_url": address(without)})
    return chosen


def sort_links(params, choices, current):
    """A link for each (value, label) of `choices`, the one in force marked current."""
    links = []
    for value, label in choices:
        changed = params.copy()
        changed["sort"] = value
        links.append({"label": label, "url": address(changed), "current": value == current})
    return links


def search_params(query_text, sort, facets):
    """The search an address describes, as a QueryDict of what it means: its words, the order
    asked for, and each chosen option that exists. Parameters and values that mean nothing are
    left out, so a form that carries them on carries nothing a visitor did not choose."""
    params = QueryDict(mutable=True)
    if query_text:
        params["q"] = query_text
    if sort:
        params["sort"] = sort
    for facet in facets:
        if facet.selected_options:
            params.setlist(facet.name, [option.value for option in facet.selected_options])
    return params


def hidden_fields(params, leave_out):
    """(name, value) of every parameter of `params` but `leave_out`'s, for a form's hidden
    inputs: the form changes that one parameter and keeps the rest."""
    return [
        (name, value) for name, values in params.lists() if name != leave_out for value in values
    ]
