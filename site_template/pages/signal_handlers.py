"""Cache invalidation only: what changes the site's structure bumps ``SITE_STRUCTURE`` (menus,
page routing, breadcrumbs, filter lists are keyed by it), and every process drops Wagtail's own
cached site list when it sees the new version.

Wagtail keeps the sites' root paths (what ``page.url``, ``{% pageurl %}`` and ``{% routablepageurl %}``
are built from) and the locales' display names under fixed cache keys and clears them from the
signal handlers of the process that saved the site. With the per-process cache, every other
process (a gunicorn worker, a server still running while ``create_commune`` runs) would keep the
old list for an hour and answer 500 on the new commune's pages (its pages have no URL)."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from site_template.cache_versions import SITE_STRUCTURE, bump_on_change


def _bump(**kwargs):
    SITE_STRUCTURE.bump_now_and_on_commit()


def _bump_for_pages(sender, **kwargs):
    if issubclass(sender, Page):
        SITE_STRUCTURE.bump_now_and_on_commit()


def _forget_wagtail_site_caches() -> None:
    Site.clear_site_root_paths_cache()
    cache.delete("wagtail_locales_display_name")  # wagtail.coreutils.get_locales_display_names


def register_signal_handlers() -> None:
    page_published.connect(_bump, dispatch_uid="structure_on_publish")
    page_unpublished.connect(_bump, dispatch_uid="structure_on_unpublish")
    post_page_move.connect(_bump, dispatch_uid="structure_on_move")
    post_delete.connect(_bump_for_pages, dispatch_uid="structure_on_page_delete")
    bump_on_change(SITE_STRUCTURE, Site, Locale, PageViewRestriction)
    SITE_STRUCTURE.renew_on_change(_forget_wagtail_site_caches)
