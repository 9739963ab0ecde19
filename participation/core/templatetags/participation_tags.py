"""Template tags shared by every participation feature.

``{% load participation_tags %}`` then:

- ``{{ text|safe_text }}`` — citizen text as a bidi-isolated block with clickable links
  (see ``participation.core.safe_text``);
- ``{{ title|safe_inline }}`` — short citizen text (titles, names) as ``<bdi>``, no links.
"""

from django import template

from participation.core.safe_text import render_safe_inline, render_safe_text

register = template.Library()


@register.filter(name="safe_text", is_safe=True)
def safe_text(value):
    return render_safe_text(value)


@register.filter(name="safe_inline", is_safe=True)
def safe_inline(value):
    return render_safe_inline(value)
