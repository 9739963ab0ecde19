"""RSS and Atom feeds of new suggestions (visible ones), in the page's language."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from participation.core.models import Contribution
from participation.core.pages import logical_page_id

from .models import KIND

FEED_SIZE = 30


class SuggestionsRssFeed(Feed):
    def get_object(self, request, page):
        self.request = request
        return page

    def title(self, page):
        return page.title

    def link(self, page):
        return page.url

    def description(self, page):
        return _("New suggestions posted by citizens")

    def items(self, page):
        return (
            Contribution.objects.filter(page_id=logical_page_id(page), kind=KIND)
            .visible()
            .select_related("author")
            .order_by("-created_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.text[:500]

    def item_link(self, item):
        page = self._page
        return page.url + page.reverse_subpage("suggestion_detail", kwargs={"pk": item.pk})

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.author_display

    def get_feed(self, obj, request):
        self._page = obj
        return super().get_feed(obj, request)


class SuggestionsAtomFeed(SuggestionsRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, page):
        return self.description(page)
