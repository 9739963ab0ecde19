"""Menus and translated URLs, cached per site and language.

The cache is keyed by the site-structure version that publishing bumps (see
``signal_handlers``), so a menu costs no query on most requests and is never stale after a
publish, in any worker process.
"""

from __future__ import annotations

from django.core.cache import cache
from wagtail.models import Locale, Page

from site_template.cache_versions import SITE_STRUCTURE


def _version() -> str:
    return SITE_STRUCTURE.current()


def _localized_root(site, language: str):
    if site is None:
        return None
    root = site.root_page
    try:
        locale = Locale.objects.get_for_language(language)
    except Locale.DoesNotExist:
        return root
    return root.get_translation_or_none(locale) or root


def localized_home_url(*, site, language: str) -> str:
    key = f"menus:{_version()}:home:{getattr(site, 'pk', 0)}:{language}"
    url = cache.get(key)
    if url is None:
        root = _localized_root(site, language)
        url = root.get_url() if root is not None else f"/{language}/"
        cache.set(key, url, 3600)
    return url


def main_menu(*, site, language: str, current_path: str = "") -> list[dict]:
    key = f"menus:{_version()}:main:{getattr(site, 'pk', 0)}:{language}"
    items = cache.get(key)
    if items is None:
        root = _localized_root(site, language)
        items = []
        if root is not None:
            for child in root.get_children().live().public().in_menu().only("title", "url_path", "path", "depth"):
                items.append({"title": child.title, "url": child.get_url()})
        cache.set(key, items, 3600)
    return [{**item, "active": bool(current_path) and current_path.startswith(item["url"] or "\0")} for item in items]


def footer_menu(*, site, commune, language: str) -> list[dict]:
    if commune is None or not commune.pk:
        return []
    key = f"menus:{_version()}:footer:{getattr(site, 'pk', 0)}:{language}"
    items = cache.get(key)
    if items is None:
        items = []
        page_ids = [block.value.pk for block in commune.footer_pages if block.value is not None]
        try:
            locale = Locale.objects.get_for_language(language)
        except Locale.DoesNotExist:
            locale = None
        pages = {p.pk: p for p in Page.objects.filter(pk__in=page_ids)}
        for page_id in page_ids:
            page = pages.get(page_id)
            if page is None:
                continue
            if locale is not None:
                page = page.get_translation_or_none(locale) or page
            if page.live:
                items.append({"title": page.title, "url": page.get_url()})
        cache.set(key, items, 3600)
    return items


def translated_page_url(*, page: Page, language: str, request=None) -> str | None:
    """URL of ``page`` in ``language``, or of its nearest translated ancestor."""
    target = translated_page_target(page=page, language=language, request=request)
    return target[0] if target else None


def translated_page_target(*, page: Page, language: str, request=None) -> tuple[str, bool] | None:
    """``(url, exact)``: the URL of ``page``'s live translation in ``language`` (``exact``), or,
    when it has none yet, of its nearest translated ancestor (``exact`` false: the section the
    page belongs to). None when there is neither."""
    key = f"menus:{_version()}:tr2:{page.pk}:{language}"
    target = cache.get(key)
    if target is None:
        url, exact = "", False
        try:
            locale = Locale.objects.get_for_language(language)
        except Locale.DoesNotExist:
            return None
        if page.locale_id == locale.pk:
            url, exact = page.get_url(request=request) or "", True
        else:
            for candidate in [page, *reversed(page.get_ancestors().filter(depth__gt=1))]:
                translation = candidate.get_translation_or_none(locale)
                if translation is not None and translation.live:
                    url, exact = translation.get_url(request=request) or "", candidate.pk == page.pk
                    break
        target = (url, exact)
        cache.set(key, target, 3600)
    url, exact = target
    return (url, exact) if url else None


def breadcrumb_trail(*, page: Page, request=None) -> list[dict]:
    """The page's ancestors below the commune's home (title and URL), cached per page."""
    if page is None or not getattr(page, "pk", None):
        return []
    key = f"menus:{_version()}:crumbs:{page.pk}"
    trail = cache.get(key)
    if trail is None:
        trail = [
            {"title": ancestor.title, "url": ancestor.get_url(request=request)}
            for ancestor in page.get_ancestors().filter(depth__gt=2).only("title", "url_path", "path", "depth")
        ]
        cache.set(key, trail, 3600)
    return trail
