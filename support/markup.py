"""The small, safe markup of information pages: Markdown, rendered and then sanitised by nh3.

Officers write headings, paragraphs, lists, links and emphasis. Anything else (raw HTML,
scripts, images, styles, event handlers) is removed, so a page can never load something from
another site or run code. The HTML that is kept gets GOV.UK Frontend's classes.
"""

import re

import markdown
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {"h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br"}
GOVUK_CLASSES = {
    "h2": "govuk-heading-m",
    "h3": "govuk-heading-s",
    "h4": "govuk-heading-s",
    "p": "govuk-body",
    "ul": "govuk-list govuk-list--bullet",
    "ol": "govuk-list govuk-list--number",
    "a": "govuk-link",
    "blockquote": "govuk-inset-text",
}
# The page title is the page's only <h1>, so a "# Heading" in the body becomes a second level.
TOP_LEVEL_HEADING = re.compile(r"<(/?)h1>")


def render_markdown(text):
    """Markdown to sanitised HTML with GOV.UK classes, safe to put in a template as it is."""
    html = markdown.markdown(text or "", output_format="html")
    html = TOP_LEVEL_HEADING.sub(r"<\1h2>", html)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes={"a": {"href"}},
        set_tag_attribute_values={tag: {"class": value} for tag, value in GOVUK_CLASSES.items()},
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything not allowed
