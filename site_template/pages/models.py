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
    sessions and meetings, the latest news. Empty sections are hidden."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from site_template.pages.selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        context["sections"] = home_sections(home=self, request=request)
        return context


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
