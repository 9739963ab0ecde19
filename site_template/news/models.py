"""News and announcements published by the commune's communicator.

``NewsIndexPage`` lists its ``NewsPage`` children (paginated, filterable by tag) and serves
RSS and Atom feeds at ``rss/`` and ``atom/`` (``RoutablePageMixin``). Each language has its
own index and its own items (the French items are translations of the Arabic ones).
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from site_template.pages.blocks import BodyBlock
from site_template.params import clean_query_text, page_number

NEWS_PER_PAGE = 10


class NewsKind(models.TextChoices):
    NEWS = "news", _("News")
    ANNOUNCEMENT = "announcement", _("Announcement")


class NewsIndexPage(RoutablePageMixin, Page):
    """The list of news and announcements, with RSS (``rss/``) and Atom (``atom/``) feeds."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("news index")

    @path("")
    def index_route(self, request):
        from .selectors import news_list, news_tags

        tag = clean_query_text(request.GET.get("tag"), max_length=100)
        paginator = Paginator(news_list(index=self, tag=tag or None), NEWS_PER_PAGE)
        items = paginator.get_page(page_number(request.GET.get("page")))
        return self.render(
            request,
            context_overrides={"items": items, "paginator": paginator, "tag": tag, "tags": news_tags(index=self)},
        )

    @path("rss/", name="rss")
    def rss_route(self, request):
        from .feeds import NewsRssFeed

        return NewsRssFeed(index=self)(request)

    @path("atom/", name="atom")
    def atom_route(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(index=self)(request)


class NewsPageTag(TaggedItemBase):
    content_object = ParentalKey("news.NewsPage", related_name="tagged_items", on_delete=models.CASCADE)


def _today():
    return timezone.localdate()


class NewsPage(Page):
    """A news item or an announcement: date, image, intro, body, tags."""

    date = models.DateField(_("date"), default=_today)
    kind = models.CharField(_("kind"), max_length=20, choices=NewsKind.choices, default=NewsKind.NEWS)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional. Give the image a description in the image library: it is read to blind visitors."),
    )
    image_alt = models.CharField(
        _("text alternative of the image"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image in this page's language for people who cannot see it. Empty: the "
                    "image's description in the library is used."),
    )
    intro = models.TextField(_("introduction"), max_length=400, help_text=_("One or two sentences shown in lists."))
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    tags = ClusterTaggableManager(through=NewsPageTag, blank=True, verbose_name=_("tags"))

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("tags")], heading=_("About")),
        FieldPanel("image"),
        FieldPanel("image_alt"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]
    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
