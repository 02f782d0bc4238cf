"""Template tags that let a partnership's page show its local help and documents."""

from django import template

from support import selectors

register = template.Library()


@register.simple_tag
def local_help(partnership):
    return selectors.local_help(partnership)


@register.simple_tag
def local_documents(partnership):
    return selectors.local_documents(partnership)
