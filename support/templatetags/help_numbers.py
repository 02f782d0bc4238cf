"""The help strip at the top of every public page, and the help numbers other templates show.

`{% help_strip %}` (in base.html) draws the strip; `{% help_number "national_helpline" as n %}`
gives one number (`n.display`, `n.href`) to a template that shows it on its own. Both read
`support.helpline_numbers`, where each number is written down once.
"""

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from reviews.models import Partnership, Review
from support.helpline_numbers import BY_NAME, strip_numbers

register = template.Library()


def partnerships_of_page(context):
    """The partnerships whose page this is: a partnership's own page, a review's (or one of its
    documents'), or an information page or strategy document one of them published."""
    found = [context.get("partnership")]
    found += [
        getattr(context.get(key), "partnership", None) for key in ("information_page", "document")
    ]
    review = context.get("review")
    if isinstance(review, Review):
        found += review.all_partnerships()
    return [partnership for partnership in found if isinstance(partnership, Partnership)]


@register.inclusion_tag("includes/help_strip.html", takes_context=True)
def help_strip(context):
    welsh_page = (get_language() or "").startswith("cy")
    return {
        "numbers": strip_numbers(welsh_page=welsh_page, partnerships=partnerships_of_page(context)),
        "help_url": reverse("support:help"),
    }


@register.simple_tag
def help_number(name):
    return BY_NAME[name]
