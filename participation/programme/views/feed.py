"""The Atom feed of a programme's progress updates (newest 50), in the page's language (French
texts falling back to Arabic), each linking to its project's page. Public."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.http import HttpRequest, HttpResponse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from participation.core.caching import anonymous_page_cache

from ..models import ProgrammePage, ProjectUpdate

FEED_SIZE = 50


class ProgrammeUpdatesFeed(Feed):
    feed_type = Atom1Feed

    def get_object(self, request, page):
        return page

    def get_feed(self, obj, request):
        self._page = obj
        self._project_base = obj.url + obj.reverse_subpage("project_route", args=[0]).removesuffix("0/")
        return super().get_feed(obj, request)

    def title(self, page):
        return _("%(programme)s: progress updates") % {"programme": page.title}

    def link(self, page):
        return page.url

    def subtitle(self, page):
        return _("News of the projects of the programme, newest first.")

    def items(self, page):
        return list(
            ProjectUpdate.objects.filter(project__programme=page.logical_programme())
            .select_related("project")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"{item.project.number}. {item.project.title}"

    def item_description(self, item):
        text = item.text
        if item.progress is not None:
            text += "\n" + _("Progress: %(progress)s%%") % {"progress": item.progress}
        return text

    def item_link(self, item):
        return f"{self._project_base}{item.project.number}/"

    def item_guid(self, item):
        return f"{self.item_link(item)}#update-{item.pk}"

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.published_at


@anonymous_page_cache
def feed(request: HttpRequest, page: ProgrammePage) -> HttpResponse:
    return ProgrammeUpdatesFeed()(request, page=page)
