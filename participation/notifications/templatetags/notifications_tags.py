"""``{% load notifications_tags %}``:

- ``{% unread_notifications_count as unread %}`` — for the header (one cache hit);
- ``{% follow_state contribution as following %}`` — uses ``viewer_follows`` when the
  contribution was loaded ``.with_viewer_state(user)``, else one query;
- ``{% follow_page_state page as following %}``.
"""

from django import template

from participation.notifications import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications_count(context) -> int:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    if user is None:
        return 0
    return selectors.unread_count(user=user)


@register.simple_tag(takes_context=True)
def follow_state(context, contribution) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return selectors.user_follows(user=user, contribution=contribution) if user else False


@register.simple_tag(takes_context=True)
def follow_page_state(context, page) -> bool:
    request = context.get("request")
    user = getattr(request, "user", None)
    return selectors.user_follows_page(user=user, page=page) if user else False
