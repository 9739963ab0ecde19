"""The logical page: contributions hang on the Arabic (source) page of a participation page,
so its Arabic and French copies show the same data. ``localized_page`` goes the other way."""

from __future__ import annotations

from django.core.cache import cache
from django.utils.translation import get_language
from wagtail.models import Page

from site_template.cache_versions import SITE_STRUCTURE

SOURCE_LANGUAGE = "ar"


def logical_page(page: Page) -> Page:
    """The Arabic page sharing ``page``'s translation key (``page`` itself when it is Arabic or
    has no Arabic copy)."""
    if page.locale.language_code == SOURCE_LANGUAGE:
        return page
    source = Page.objects.filter(translation_key=page.translation_key, locale__language_code=SOURCE_LANGUAGE).first()
    return source or page


def site_id_of(page: Page | None) -> int | None:
    """The id of the Wagtail site ``page`` belongs to (``page.get_site()``, which matches the page
    against every site's root path): kept in the cache until the site structure changes."""
    if page is None:
        return None
    key = f"page-site:{SITE_STRUCTURE.current()}:{page.path}"
    site_id = cache.get(key)
    if site_id is None:
        site = page.get_site()
        site_id = site.pk if site is not None else 0
        cache.set(key, site_id, 24 * 3600)
    return site_id or None


def logical_page_id(page: Page | int) -> int:
    if isinstance(page, int):
        return page
    return logical_page(page).pk


def localized_page(page: Page, language: str | None = None) -> Page:
    """The live copy of the logical ``page`` in ``language`` (default: the active language),
    falling back to ``page``."""
    language = (language or get_language() or SOURCE_LANGUAGE)[:2]
    if page.locale.language_code == language:
        return page
    other = (
        Page.objects.live()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .first()
    )
    return other or page


def contribution_url(contribution, language: str | None = None) -> str:
    """Where a contribution is shown, in ``language`` (default: the active one). A participation
    page may define ``contribution_url(self, contribution) -> str`` (e.g. a detail sub-route);
    otherwise the page's URL with an anchor is used."""
    page = localized_page(contribution.page, language).specific
    method = getattr(page, "contribution_url", None)
    if callable(method):
        return method(contribution)
    return f"{page.url or '/'}#contribution-{contribution.pk}"
