"""Council sessions (دورات المجلس الجماعي / sessions du conseil communal).

Organic law 113.14: ordinary sessions in the first week of February, May and October (art. 33),
extraordinary sessions when needed (art. 36-37); sessions are public unless the council decides
otherwise (art. 48); decisions are posted within 8 days (art. 273, ``COUNCIL_DECISIONS_PUBLICATION_DAYS``).
Each language has its own session pages (the French pages are translations of the Arabic ones).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index


class SessionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary session")
    EXTRAORDINARY = "extraordinary", _("Extraordinary session")


class VoteResult(models.TextChoices):
    UNANIMOUS = "unanimous", _("Adopted unanimously")
    MAJORITY = "majority", _("Adopted by majority")
    REJECTED = "rejected", _("Rejected")
    POSTPONED = "postponed", _("Postponed")


class CouncilSessionIndexPage(Page):
    """The council's sessions: the next ones, then past sessions with their decisions."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["council.CouncilSessionPage"]

    class Meta:
        verbose_name = _("council sessions index")

    def get_context(self, request, *args, **kwargs):
        from django.core.paginator import Paginator

        from .selectors import past_sessions, upcoming_sessions

        context = super().get_context(request, *args, **kwargs)
        context["upcoming"] = upcoming_sessions(parent=self)
        paginator = Paginator(past_sessions(parent=self), 10)
        context["past"] = paginator.get_page(request.GET.get("page"))
        context["paginator"] = paginator
        return context


class CouncilSessionPage(Page):
    """One session of the commune council: when, where, public or closed, agenda, decisions, minutes."""

    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=SessionKind.choices,
        default=SessionKind.ORDINARY,
        help_text=_("Ordinary sessions are held in the first week of February, May and October "
                    "(organic law 113.14, art. 33)."),
    )
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Date and time in Morocco (Africa/Casablanca)."))
    ends_at = models.DateTimeField(
        _("ends at"),
        null=True,
        blank=True,
        help_text=_("Last sitting of the session, if it lasts more than one day (up to 15 days, art. 34). "
                    "The 8-day deadline for posting decisions runs from here."),
    )
    place = models.CharField(_("place"), max_length=200)
    is_public = models.BooleanField(
        _("public session"),
        default=True,
        help_text=_("Council sessions are public; the council may decide to meet behind closed doors "
                    "(organic law 113.14, art. 48)."),
    )
    summary = models.TextField(_("summary"), blank=True, max_length=600)
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The minutes (procès-verbal) of the session, as a document."),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("place")]
    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("kind"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("place"),
                FieldPanel("is_public"),
            ],
            heading=_("Session"),
        ),
        FieldPanel("summary"),
        InlinePanel("agenda_items", label=_("agenda item"), heading=_("Agenda")),
        InlinePanel(
            "decisions",
            label=_("decision"),
            heading=_("Decisions"),
            help_text=_("Decisions must be posted within 8 days of the session (organic law 113.14, art. 273): "
                        "fill in the publication date when a decision is posted."),
        ),
        FieldPanel("minutes"),
    ]
    parent_page_types = ["council.CouncilSessionIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("council session")
        verbose_name_plural = _("council sessions")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["decisions"] = [d for d in self.decisions.all() if d.published_on]
        return context

    @property
    def last_day(self):
        return self.ends_at or self.starts_at

    @property
    def is_upcoming(self) -> bool:
        return self.last_day >= timezone.now()


class CouncilAgendaItem(Orderable):
    page = ParentalKey(CouncilSessionPage, on_delete=models.CASCADE, related_name="agenda_items")
    title = models.CharField(_("item"), max_length=300)
    committee = models.CharField(_("committee"), max_length=200, blank=True,
                                 help_text=_("The council committee that studied the item, if any."))

    panels = [FieldPanel("title"), FieldPanel("committee")]

    class Meta(Orderable.Meta):
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")


class CouncilDecision(Orderable):
    page = ParentalKey(CouncilSessionPage, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    result = models.CharField(_("vote result"), max_length=20, choices=VoteResult.choices,
                              default=VoteResult.MAJORITY)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), null=True, blank=True)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), null=True, blank=True)
    published_on = models.DateField(
        _("posted on"),
        null=True,
        blank=True,
        help_text=_("Date the decision was posted for the public; due within 8 days of the session "
                    "(organic law 113.14, art. 273). Decisions are shown on the site once this is filled."),
    )

    panels = [
        FieldPanel("text"),
        FieldPanel("result"),
        FieldRowPanel([FieldPanel("votes_for"), FieldPanel("votes_against"), FieldPanel("abstentions")]),
        FieldPanel("published_on"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
