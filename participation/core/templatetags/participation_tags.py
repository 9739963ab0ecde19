"""Template tags shared by every participation feature.

``{% load participation_tags %}`` then:

- ``{{ text|safe_text }}`` — citizen text as a bidi-isolated block with clickable links
  (see ``participation.core.safe_text``);
- ``{{ title|safe_inline }}`` — short citizen text (titles, names) as ``<bdi>``, no links;
- ``{{ title|plain_line }}`` — the same text where markup cannot go (``<title>``, attributes):
  bidi and control characters removed, one line (autoescaped as usual);
- ``{{ field|plain_select }}`` — a list filter's ``<select>``.
"""

from django import template
from django.utils.html import format_html, format_html_join

from participation.core.safe_text import clean_plain_line, render_safe_inline, render_safe_text

register = template.Library()


@register.filter(name="safe_text", is_safe=True)
def safe_text(value):
    return render_safe_text(value)


@register.filter(name="safe_inline", is_safe=True)
def safe_inline(value):
    return render_safe_inline(value)


@register.filter(name="plain_line")
def plain_line(value):
    return clean_plain_line("" if value is None else str(value))


@register.filter(name="plain_select")
def plain_select(bound_field):
    """The ``<select>`` of a bound choice field, built without Django's widget templates (one
    template per option and attribute: a list page's filters would cost more than its items).
    For simple flat choices without widget attributes, as list filters are."""
    current = bound_field.value()
    current = "" if current is None else str(current)
    options = format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, " selected" if str(value) == current else "", label) for value, label in bound_field.field.choices),
    )
    return format_html('<select name="{}" id="{}">{}</select>', bound_field.html_name, bound_field.auto_id, options)
