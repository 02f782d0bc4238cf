"""Small template helpers shared by the public pages."""

import re

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def is_section_of(path, section_url):
    """True when `path` is the section page itself or a page inside it."""
    return bool(section_url) and str(path).startswith(section_url)


@register.filter(needs_autoescape=True)
def paragraphs(text, autoescape=True):
    """Plain text as GOV.UK body paragraphs: a blank line starts a new paragraph."""
    text = conditional_escape(text) if autoescape else text
    blocks = [block.strip() for block in re.split(r"\n\s*\n", str(text)) if block.strip()]
    return mark_safe(  # noqa: S308 - every block was escaped above
        "".join(
            format_html('<p class="govuk-body">{}</p>', mark_safe(block.replace("\n", "<br>")))  # noqa: S308
            for block in blocks
        )
    )


@register.simple_tag
def facet_checkboxes(facet, options=None, first=1):
    """`{% facet_checkboxes facet %}`: one search filter's checkboxes, each with its count;
    `{% facet_checkboxes facet facet.shortlist %}`: only those of `options`, numbered (for
    their ids) from `first`, so that one facet's options in several lists keep distinct ids.

    Written out here rather than in a template loop: the filters of the review list had some
    400 options (300 of them partnerships), and the loop was most of the page's time. The list
    shows fewer now (Facet.shortlist); a filter's page of every option still has 300."""
    name = escape(facet.name)
    counts = {}  # the words for each count, worked out once
    items = []
    for number, option in enumerate(facet.options if options is None else options, start=first):
        count = counts.get(option.count)
        if count is None:
            count = counts[option.count] = ngettext(
                '%(counter)s<span class="govuk-visually-hidden"> review</span>',
                '%(counter)s<span class="govuk-visually-hidden"> reviews</span>',
                option.count,
            ) % {"counter": localize(option.count)}
        checked = " checked" if option.selected else ""
        items.append(
            '<div class="govuk-checkboxes__item">'
            f'<input class="govuk-checkboxes__input" id="{name}-{number}" name="{name}" '
            f'type="checkbox" value="{escape(option.value)}"{checked}>'
            f'<label class="govuk-label govuk-checkboxes__label" for="{name}-{number}">'
            f'{conditional_escape(option.label)} <span class="dhr-facet-count">({count})</span>'
            "</label></div>"
        )
    return mark_safe("\n".join(items))  # noqa: S308 - names, values and labels escaped above


@register.inclusion_tag("includes/breadcrumbs.html")
def breadcrumbs(*labels_and_urls):
    """`{% breadcrumbs _("Reviews") reviews_url review.pseudonym review.get_absolute_url %}`:
    the GOV.UK breadcrumbs, from the home page through each label and its URL in turn.

    A `{% url %}` cannot be an argument; name it first: `{% url 'reviews:review_list' as
    reviews_url %}`."""
    if len(labels_and_urls) % 2:
        raise template.TemplateSyntaxError("breadcrumbs takes a URL after each label")
    return {"crumbs": list(zip(labels_and_urls[::2], labels_and_urls[1::2], strict=True))}
