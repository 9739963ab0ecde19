"""The button a capability puts on its pages in Wagtail's page editor and page listing (header
button and "more" menu): to its staff screen for that page, shown to the staff its rule lets
manage it. One declaration per capability::

    register_page_tools_button(
        page_class=BudgetPage, label=_("Years and publication"), url_name="budget_admin:overview",
        icon_name="table", rule=rules.can_manage, priority=68,
    )

``rule(user, page)`` gets the source-language copy of the page, read as ``page_class`` (the copy a
capability's data hangs on); the button links to ``url_name`` with that page's id. The listing's
button comes ten places before the header's (Wagtail orders each menu by priority)."""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from wagtail import hooks
from wagtail.admin.widgets import Button

from .pages import logical_specific


def register_page_tools_button(
    *, page_class: type, label, url_name: str, icon_name: str, rule: Callable, priority: int
) -> None:
    def buttons(page, user, at: int):
        specific = page.specific_deferred
        if not isinstance(specific, page_class):
            return
        logical = logical_specific(specific)
        if not rule(user, logical):
            return
        yield Button(label, reverse(url_name, args=[logical.pk]), icon_name=icon_name, priority=at)

    @hooks.register("register_page_header_buttons")
    def header_buttons(page, user, view_name=None, next_url=None):
        yield from buttons(page, user, priority)

    @hooks.register("register_page_listing_more_buttons")
    def listing_buttons(page, user, next_url=None):
        yield from buttons(page, user, priority - 10)
