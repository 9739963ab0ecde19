from django import template

from site_template.library.selectors import document_file_type

register = template.Library()


@register.filter
def file_type(document) -> str:
    return document_file_type(document)
