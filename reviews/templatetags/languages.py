"""Template tags for the site's two languages (see reviews/languages.py)."""

from django import template
from django.utils.html import format_html

from reviews.languages import language_versions as versions_of_page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    """`{% language_versions as versions %}`: this page's address in English and in Welsh."""
    return versions_of_page(context["request"])


@register.simple_tag
def in_page_language(obj, field):
    """`{% in_page_language review "summary" as summary %}`: a Text with value, lang and
    is_fallback, from the model's BilingualMixin."""
    return obj.in_page_language(field)


@register.filter
def localised(obj, field):
    """`{{ partnership|localised:"name" }}`: a short text such as a name, in the page's
    language; English standing in for missing Welsh is marked `lang="en"` for screen readers."""
    text = obj.in_page_language(field)
    if text.is_fallback:
        return format_html('<span lang="{}">{}</span>', text.lang, text.value)
    return text.value


@register.filter
def localised_plain(obj, field):
    """As `localised`, without markup: for <title> and attribute values."""
    return obj.in_page_language(field).value
