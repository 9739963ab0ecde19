"""The suggestions space page. Suggestions themselves are core ``Contribution`` rows of kind
"suggestion" on this page's logical (Arabic) page; categories are core ``Category`` rows of the
commune, neighbourhoods ``communes.Neighbourhood``."""

from __future__ import annotations

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Page

from participation.core.pages import is_source, logical_page
from participation.core.routing import page_route

KIND = "suggestion"


class SuggestionsPage(RoutablePageMixin, Page):
    """The suggestions and remarks space of a commune: a filterable list, a page per
    suggestion, a form to post one, feeds and staff exports (sub-routes, see ``views``)."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    open_for_suggestions = models.BooleanField(
        _("open for new suggestions"),
        default=True,
        help_text=_("Untick to stop new suggestions; existing ones stay readable, supportable and commentable."),
    )
    posting_rules = RichTextField(
        _("rules for posting"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("Shown above the form: what belongs here, what does not, how the commune answers."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("posting_rules")]
    settings_panels = [*Page.settings_panels, FieldPanel("open_for_suggestions")]
    parent_page_types = ["pages.HomePage", "pages.SectionPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("suggestions space")

    # --- participation core protocol ---------------------------------------------------------

    @cached_property
    def accepts_suggestions(self) -> bool:
        """The source-language (logical) page's switch rules both languages."""
        if is_source(self):
            return self.open_for_suggestions
        source = logical_page(self)
        return SuggestionsPage.objects.filter(pk=source.pk).values_list("open_for_suggestions", flat=True).first() is not False

    def participation_closed_reason(self, *, action: str) -> str | None:
        if action == "contribute" and not self.accepts_suggestions:
            return "closed"
        return None

    def contribution_url(self, contribution) -> str:
        return self.url + self.reverse_subpage("suggestion_detail", kwargs={"pk": contribution.pk})

    # --- routes (the views are in views.py) -------------------------------------------------

    index_route = page_route("", "participation.suggestions.views.suggestion_list")
    detail_route = page_route("<id:pk>/", "participation.suggestions.views.suggestion_detail", name="suggestion_detail")
    edit_route = page_route("<id:pk>/edit/", "participation.suggestions.views.suggestion_edit", name="suggestion_edit")
    withdraw_route = page_route(
        "<id:pk>/withdraw/", "participation.suggestions.views.suggestion_withdraw", name="suggestion_withdraw"
    )
    new_route = page_route("new/", "participation.suggestions.views.suggestion_new", name="suggestion_new")
    rss_route = page_route("feed/rss/", "participation.suggestions.views.feed_rss", name="feed_rss")
    atom_route = page_route("feed/atom/", "participation.suggestions.views.feed_atom", name="feed_atom")
    export_route = page_route(
        "export/<str:what>/<str:fmt>/", "participation.suggestions.views.suggestion_export", name="export"
    )
