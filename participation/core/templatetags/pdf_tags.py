"""Template filters for printable (PDF) documents: ``{% load pdf_tags %}``.

- ``{{ text|text_direction }}`` — ``"rtl"`` or ``"ltr"``, from the text's first strong character
  (what ``dir="auto"`` does in a browser; the PDF engine does not implement ``dir="auto"``).
"""

from django import template

from participation.core.pdf import text_direction as _text_direction

register = template.Library()


@register.filter(name="text_direction")
def text_direction(value) -> str:
    return _text_direction(str(value or ""))
