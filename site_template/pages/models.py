"""The commune site's editorial pages: the home page and content pages.

Each commune is a Wagtail Site whose root is a ``HomePage`` in Arabic, with its
French translation; everything else hangs below.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BodyBlock


class HomePage(Page):
    """The commune's home page: what is open for participation now, the next council
    sessions and meetings, the latest news. Empty sections are hidden.

    The sections come from the content cache (``selectors.home_sections_html``) and the whole
    page from the anonymous page cache, unless a section changes by itself before that cache
    would expire (``participation.core.caching``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from django.utils.safestring import mark_safe

        from site_template.pages.selectors import home_sections_html

        context = super().get_context(request, *args, **kwargs)
        rendered = home_sections_html(home=self, request=request)
        context["sections_html"] = mark_safe(rendered.html)  # noqa: S308 — rendered by our autoescaped templates
        context["sections_expire_at"] = rendered.expires_at
        return context

    def serve(self, request, *args, **kwargs):
        from participation.core.caching import mark_anonymous_cacheable_until

        response = super().serve(request, *args, **kwargs)
        expires_at = (getattr(response, "context_data", None) or {}).get("sections_expire_at")
        return mark_anonymous_cacheable_until(request, response, expires_at)


class ContentPage(Page):
    """A page of text built from blocks: about the commune, the council, participation mechanisms,
    privacy notice, terms of participation, editors' guide."""

    summary = models.TextField(_("summary"), blank=True, max_length=400)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    content_panels = [*Page.content_panels, FieldPanel("summary"), FieldPanel("body")]

    class Meta:
        verbose_name = _("content page")


class SectionPage(Page):
    """A section that lists its child pages (e.g. “Participation”, “The council”)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("section page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific()
        return context
