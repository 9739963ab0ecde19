"""Small tags for the participation core includes (``{% load participation_core_tags %}``)."""

from django import template
from django.urls import reverse

from participation.core.models import ReportReason

register = template.Library()


@register.simple_tag
def report_reasons():
    """The report reasons as (value, label) pairs."""
    return ReportReason.choices


@register.simple_tag
def report_url_prefix(target: str) -> str:
    """The report page address of ``target`` without its id (``…/report/comment/``): reversed once
    for a list of comments, each appending ``{{ pk }}/``."""
    return reverse("participation_core:report", args=[target, 0]).removesuffix("0/")
