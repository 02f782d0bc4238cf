"""The links of a searched, filtered list (reviews, the register of recommendations): take one
chosen filter away, or change the order, keeping the rest of the address."""


def address(params):
    """The relative address of `params` (a QueryDict): "?q=...", or "?" for none."""
    query = params.urlencode()
    return f"?{query}" if query else "?"


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
