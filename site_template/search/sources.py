"""What the site search looks in: one ``SearchSource`` per kind of item. The search app knows
pages; every other app adds its items through the Wagtail hook ``search_sources``
(``fn() -> list[SearchSource]``), so the search app names no capability.

A source gives the *visible* items of a commune as a queryset of a model Wagtail indexes
(``index.Indexed`` with ``search_fields``: the database backend then stores them normalised),
and turns one item into what the results page shows (``SearchItem``). Visibility is the
queryset's: whatever it leaves out (hidden, moderated, private, drafts) is never found.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.models import Locale, Page


@dataclass(frozen=True)
class SearchItem:
    title: str
    text: str
    url: str
    date: datetime | None = None


@dataclass(frozen=True)
class SearchSource:
    kind: str  # the ``?type=`` value
    label: str  # shown in the results' filter (a lazy translation)
    queryset: Callable  # (*, site, language) -> QuerySet of visible items
    item: Callable  # (obj, *, language) -> SearchItem


def _stream_text(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "render_as_block"):
        return " ".join(strip_tags(str(value.render_as_block())).split())
    return " ".join(strip_tags(str(value)).split())


def _pages(*, site, language):
    root = site.root_page
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None:  # translations of the home page are siblings of the site's root
        root = root.get_translation_or_none(locale) or root
    return Page.objects.live().public().descendant_of(root, inclusive=True).specific()


def _page_item(page, *, language) -> SearchItem:
    summary = getattr(page, "summary", "") or getattr(page, "intro", "") or page.search_description or ""
    text = " ".join(part for part in (_stream_text(summary), _stream_text(getattr(page, "body", None))) if part)
    return SearchItem(title=page.title, text=text, url=page.get_url() or "", date=page.last_published_at)


PAGES = SearchSource(kind="page", label=_("Pages"), queryset=_pages, item=_page_item)


def search_sources() -> list[SearchSource]:
    sources = [PAGES]
    for fn in hooks.get_hooks("search_sources"):
        sources.extend(fn())
    return sources
