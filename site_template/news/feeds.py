"""RSS 2.0 and Atom 1.0 feeds of a news index (Django syndication), served by the index's
``rss/`` and ``atom/`` routes."""

from __future__ import annotations

import datetime as dt

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed

from .models import NewsIndexPage, NewsPage
from .selectors import news_list

FEED_ITEMS = 20


class NewsRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, *, index: NewsIndexPage) -> None:
        super().__init__()
        self.index = index
        self.request = None

    def __call__(self, request, *args, **kwargs):
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs) -> NewsIndexPage:
        return self.index

    def title(self, obj: NewsIndexPage) -> str:
        site = obj.get_site()
        return f"{obj.title} — {site.site_name}" if site else obj.title

    def link(self, obj: NewsIndexPage) -> str:
        return obj.get_url(request=self.request) or "/"

    def description(self, obj: NewsIndexPage) -> str:
        return obj.search_description or obj.title

    def items(self, obj: NewsIndexPage):
        return news_list(index=obj)[:FEED_ITEMS]

    def item_title(self, item: NewsPage) -> str:
        return item.title

    def item_description(self, item: NewsPage) -> str:
        return item.intro

    def item_link(self, item: NewsPage) -> str:
        return item.get_url(request=self.request)

    def item_pubdate(self, item: NewsPage) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(item.date, dt.time(9, 0)))

    def item_updateddate(self, item: NewsPage) -> dt.datetime | None:
        return item.last_published_at

    def item_categories(self, item: NewsPage):
        return [tag.name for tag in item.tags.all()]


class NewsAtomFeed(NewsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: NewsIndexPage) -> str:
        return self.description(obj)
