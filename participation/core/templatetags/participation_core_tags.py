"""Small tags for the participation core includes (``{% load participation_core_tags %}``)."""

from django import template
from django.urls import reverse

from participation.core.fragments import comment_list_html
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


@register.simple_tag(takes_context=True)
def comment_list(context, thread, *, can_reply, next):  # noqa: A002 — the template's name
    """The thread's comments and replies (``participation.core.fragments.comment_list_html``)."""
    user = context.get("user")
    signed_in = getattr(user, "is_authenticated", False)
    return comment_list_html(
        thread,
        viewer_id=user.pk if signed_in else None,
        can_reply=can_reply,
        signed_in=signed_in,
        next_url=next or "",
        report_prefix=report_url_prefix("comment"),
    )


@register.inclusion_tag("participation_core/includes/progress_bar.html")
def progress_bar(value):
    """A share out of 100 as a small bar and a number (``{% progress_bar project.progress %}``),
    filled from the start of the line: the right in Arabic. Drawn in SVG, whose sizes are attributes
    the public pages' Content-Security-Policy allows (it forbids inline styles)."""
    from django.utils.translation import get_language_bidi

    try:
        share = min(max(float(value), 0.0), 100.0)
    except (TypeError, ValueError):
        share = 0.0
    return {
        "value": value,
        "width": f"{share:.1f}",
        "x": f"{100 - share:.1f}" if get_language_bidi() else "0",
    }
