"""Reads for news: lists with their images and tags prefetched (no query per row)."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from taggit.models import Tag
from wagtail.images import get_image_model
from wagtail.models import Page

from .models import NewsIndexPage, NewsPage

CARD_RENDITION = "fill-480x270|format-webp"
PAGE_RENDITION = "max-960x540|format-webp"


def _with_cards(qs: QuerySet[NewsPage]) -> QuerySet[NewsPage]:
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return qs.prefetch_related(Prefetch("image", queryset=images), "tags")


def news_list(*, index: NewsIndexPage, tag: str | None = None) -> QuerySet[NewsPage]:
    """Live, public news of one index (one language), newest first, optionally with one tag."""
    qs = NewsPage.objects.live().public().child_of(index)
    if tag:
        qs = qs.filter(tags__name=tag)
    return _with_cards(qs.order_by("-date", "-first_published_at", "-pk").distinct())


def news_tags(*, index: NewsIndexPage) -> QuerySet[Tag]:
    """Tags used by the live news of this index, alphabetically."""
    ids = NewsPage.objects.live().public().child_of(index).values("pk")
    return Tag.objects.filter(news_newspagetag_items__content_object__in=ids).distinct().order_by("name")


def latest_news(*, home: Page, limit: int = 3) -> list[NewsPage]:
    """The latest live news under a (localised) home page, for the home page section."""
    qs = NewsPage.objects.live().public().descendant_of(home).order_by("-date", "-first_published_at", "-pk")
    return list(_with_cards(qs)[:limit])


def news_index_for(*, home: Page) -> NewsIndexPage | None:
    return NewsIndexPage.objects.live().descendant_of(home).first()
