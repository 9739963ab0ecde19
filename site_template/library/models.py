"""The commune's documents library: Wagtail documents grouped in categories.

A ``DocumentCategory`` (snippet, per commune site) holds an ordered list of documents. The
categories feed the ``DocumentsPage`` and the proactive publication page of law 31-13 (art. 10),
through ``selectors.documents_by_category``.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from site_template.i18n import localised
from site_template.params import clean_query_text


class DocumentCategory(ClusterableModel):
    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune site"), on_delete=models.CASCADE,
                             related_name="document_categories")
    name_ar = models.CharField(_("name in Arabic"), max_length=150)
    name_fr = models.CharField(_("name in French"), max_length=150)
    slug = models.SlugField(
        _("short name (slug)"),
        max_length=80,
        help_text=_("Used in addresses and by other pages, e.g. “budget”, “council-decisions”, “plans”."),
    )
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    legal_reference = models.CharField(
        _("legal reference"),
        max_length=200,
        blank=True,
        help_text=_("Optional, e.g. “Law 31-13, art. 10” for information published proactively."),
    )
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("site"),
        MultiFieldPanel([FieldPanel("name_ar"), FieldPanel("name_fr"), FieldPanel("slug")], heading=_("Name")),
        MultiFieldPanel([FieldPanel("description_ar"), FieldPanel("description_fr"), FieldPanel("legal_reference")],
                        heading=_("Description")),
        FieldPanel("sort_order"),
        InlinePanel("items", label=_("documents"), heading=_("Documents of this category")),
    ]

    class Meta:
        ordering = ["sort_order", "name_ar"]
        unique_together = [("site", "slug")]
        verbose_name = _("document category")
        verbose_name_plural = _("document categories")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return localised(self, "name")

    @property
    def description(self) -> str:
        return localised(self, "description")


class DocumentCategoryItem(Orderable):
    category = ParentalKey(DocumentCategory, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="+")

    panels = [FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")


class DocumentsPage(Page):
    """The documents library: the commune's documents by category, searchable by title."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("documents library page")

    def get_context(self, request, *args, **kwargs):
        from .selectors import categories_for_site, documents_by_category

        context = super().get_context(request, *args, **kwargs)
        site = self.get_site()
        query = clean_query_text(request.GET.get("q"), max_length=100)
        category_slug = clean_query_text(request.GET.get("category"), max_length=80) or None
        context.update(
            query=query,
            category_slug=category_slug,
            categories=categories_for_site(site=site),
            groups=documents_by_category(site=site, category_slug=category_slug, query=query or None),
        )
        return context
