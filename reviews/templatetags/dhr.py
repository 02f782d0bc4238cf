"""Small template helpers shared by the public pages."""

import re

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

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
