"""Cache invalidation only: what changes the site's structure bumps ``SITE_STRUCTURE`` (menus,
page routing, breadcrumbs, filter lists are keyed by it)."""

from django.db.models.signals import post_delete
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from site_template.cache_versions import SITE_STRUCTURE, bump_on_change


def _bump(**kwargs):
    SITE_STRUCTURE.bump_now_and_on_commit()


def _bump_for_pages(sender, **kwargs):
    if issubclass(sender, Page):
        SITE_STRUCTURE.bump_now_and_on_commit()


def register_signal_handlers() -> None:
    page_published.connect(_bump, dispatch_uid="structure_on_publish")
    page_unpublished.connect(_bump, dispatch_uid="structure_on_unpublish")
    post_page_move.connect(_bump, dispatch_uid="structure_on_move")
    post_delete.connect(_bump_for_pages, dispatch_uid="structure_on_page_delete")
    bump_on_change(SITE_STRUCTURE, Site, Locale, PageViewRestriction)
