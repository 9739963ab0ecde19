"""The suggestions space page. Suggestions themselves are core ``Contribution`` rows of kind
"suggestion" on this page's logical (Arabic) page; categories are core ``Category`` rows of the
commune, neighbourhoods ``communes.Neighbourhood``."""

from __future__ import annotations

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

from site_template.accounts.staff import staff_view

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
        """The Arabic (logical) page's switch rules both languages."""
        from participation.core.pages import is_source, logical_page

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

    # --- routes (thin: the work is in views.py) ---------------------------------------------

    @path("")
    def index_route(self, request):
        from . import views

        return views.suggestion_list(request, self)

    @path("<id:pk>/", name="suggestion_detail")
    def detail_route(self, request, pk: int):
        from . import views

        return views.suggestion_detail(request, self, pk)

    @path("<id:pk>/edit/", name="suggestion_edit")
    def edit_route(self, request, pk: int):
        from . import views

        return views.suggestion_edit(request, self, pk)

    @path("<id:pk>/withdraw/", name="suggestion_withdraw")
    def withdraw_route(self, request, pk: int):
        from . import views

        return views.suggestion_withdraw(request, self, pk)

    @path("new/", name="suggestion_new")
    def new_route(self, request):
        from . import views

        return views.suggestion_new(request, self)

    @path("feed/rss/", name="feed_rss")
    def rss_route(self, request):
        from . import feeds

        return feeds.SuggestionsRssFeed()(request, page=self)

    @path("feed/atom/", name="feed_atom")
    def atom_route(self, request):
        from . import feeds

        return feeds.SuggestionsAtomFeed()(request, page=self)

    @path("export/<str:what>/<str:fmt>/", name="export")
    @staff_view
    def export_route(self, request, what: str, fmt: str):
        from . import views

        return views.suggestion_export(request, self, what, fmt)
