from django import template
from django.utils.html import format_html

from site_template.accounts.selectors import site_page_url

register = template.Library()


@register.simple_tag(takes_context=True)
def page_url_by_slug(context, slug: str) -> str:
    """``{% page_url_by_slug "terms" as terms_url %}`` — '' when the commune has no such page."""
    request = context.get("request")
    return (site_page_url(request=request, slug=slug) if request is not None else None) or ""


@register.filter
def is_checkbox(bound_field) -> bool:
    return getattr(bound_field.field.widget, "input_type", "") == "checkbox"


@register.filter
def is_multiple_choice(bound_field) -> bool:
    """Radio buttons and checkbox lists are grouped in a fieldset with a legend."""
    widget = bound_field.field.widget
    input_type = getattr(widget, "input_type", "")
    return input_type == "radio" or (input_type == "checkbox" and getattr(widget, "allow_multiple_selected", False))


@register.simple_tag
def link_html(url: str, text: str) -> str:
    """``{% link_html url text as link %}`` — an escaped link, '' without a URL."""
    return format_html('<a href="{}">{}</a>', url, text) if url else ""


@register.simple_tag(takes_context=True)
def account_links(context) -> list:
    """``{% account_links as links %}``: the header links features add for a signed-in user, each
    an ``AccountLink`` (url, label, badge), from the ``account_links`` hook
    (``site_template.accounts.hooks``). The notifications app adds its link with the unread count."""
    from wagtail import hooks

    from site_template.accounts.hooks import ACCOUNT_LINKS

    request = context.get("request")
    if request is None or not getattr(request.user, "is_authenticated", False):
        return []
    links = []
    for fn in hooks.get_hooks(ACCOUNT_LINKS):
        link = fn(request)
        if link is not None:
            links.append(link)
    return sorted(links, key=lambda link: link.order)
