"""Consultation pages, open projects, remarks cards and "notify me when it opens" requests."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from participation.core.pages import logical_specific
from participation.core.routing import page_route
from participation.core.safe_text import clean_plain_line
from site_template.i18n import LocalisedText, source_language

from . import clock

VIEWS = "participation.consultations.views"


class Phase(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Axis(models.TextChoices):
    COMMUNICATION = "communication", _("Communication")
    QUALITY_SERVICES = "quality_services", _("Quality services")
    SOCIAL_DEVELOPMENT = "social_development", _("Social development")
    TERRITORIAL_MARKETING = "territorial_marketing", _("Territorial marketing")
    TRANSPARENCY = "transparency", _("Transparency and accountability")
    OTHER = "other", _("Other")


class Decision(models.TextChoices):
    """The follow-up committee's decision on a project or a remark."""

    RETAINED = "retained", _("Retained")
    PARTLY_RETAINED = "partly_retained", _("Partly retained")
    NOT_RETAINED = "not_retained", _("Not retained")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("label"), required=False, help_text=_("Defaults to the document title."))

    class Meta:
        icon = "doc-full"
        label = _("document")


class ConsultationPage(RoutablePageMixin, Page):
    """A digital public consultation week on the draft programme of open projects.

    The window, the projects and every remark belong to the Arabic (source) page; the French
    translation shows the same data with its own texts. Sub-routes (served by ``views``): a
    project, the remarks card, a new-project proposal, editing/withdrawing one's remark, "notify
    me", exports, PDF report."""

    index_route = page_route("", f"{VIEWS}.index")
    project_route = page_route("projects/<id:number>/", f"{VIEWS}.project")
    propose_route = page_route("propose/", f"{VIEWS}.propose")
    remark_route = page_route("remarks/<id:remark_id>/", f"{VIEWS}.remark")
    edit_remark_route = page_route("remarks/<id:remark_id>/edit/", f"{VIEWS}.remark_edit")
    withdraw_remark_route = page_route("remarks/<id:remark_id>/withdraw/", f"{VIEWS}.remark_withdraw")
    notify_route = page_route("notify/", f"{VIEWS}.notify")
    export_csv_route = page_route("export/csv/", f"{VIEWS}.export_csv", name="export_csv")
    export_xlsx_route = page_route("export/xlsx/", f"{VIEWS}.export_xlsx", name="export_xlsx")
    report_pdf_route = page_route("report/pdf/", f"{VIEWS}.report_pdf", name="report_pdf")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    opens_at = models.DateTimeField(
        _("opens at"), help_text=_("Date and time in Africa/Casablanca (taken from the Arabic page).")
    )
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Date and time in Africa/Casablanca (taken from the Arabic page).")
    )
    documents = StreamField(
        [("document", DocumentBlock())],
        verbose_name=_("draft programme documents"),
        blank=True,
    )
    synthesis_expected_on = models.DateField(
        _("synthesis announced for"),
        null=True,
        blank=True,
        help_text=_("Shown to citizens once the consultation is closed."),
    )
    synthesis_published = models.BooleanField(
        _("synthesis published"),
        default=False,
        help_text=_("Show the committee's synthesis on the page (set it on the Arabic page)."),
    )
    synthesis_intro = RichTextField(
        _("synthesis summary"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    adoption_decision = RichTextField(
        _("adoption decision"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("The council's decision adopting the revised programme (e.g. October ordinary session)."),
    )
    adoption_session = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("council session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The council session page where the programme was adopted."),
    )
    adoption_date = models.DateField(_("adoption date"), null=True, blank=True)

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                HelpPanel(
                    content=_(
                        "Times are in Africa/Casablanca. Morocco moves to GMT during Ramadan: a time skipped "
                        "or repeated by the clock change is refused."
                    )
                ),
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("synthesis_expected_on"),
            ],
            heading=_("Consultation window"),
        ),
        FieldPanel("documents"),
        MultiFieldPanel(
            [
                FieldPanel("synthesis_published"),
                FieldPanel("synthesis_intro"),
                FieldPanel("adoption_decision"),
                FieldPanel("adoption_session"),
                FieldPanel("adoption_date"),
            ],
            heading=_("Synthesis and adoption"),
        ),
    ]
    parent_page_types = ["pages.SectionPage", "pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The consultation must close after it opens.")})

    def phase_at(self, instant: datetime | None = None) -> Phase:
        instant = instant or clock.now()
        if instant < self.opens_at:
            return Phase.ANNOUNCED
        if instant < self.closes_at:
            return Phase.OPEN
        return Phase.CLOSED

    @property
    def phase(self) -> Phase:
        return self.phase_at()

    def notification_summary(self, event: str) -> str:
        """Under "The consultation … is now open" in a follower's email (active language)."""
        closes = date_format(timezone.localtime(self.logical_consultation().closes_at), "DATETIME_FORMAT")
        return _("You can give your remarks and support projects until %(closes)s.") % {"closes": closes}

    def logical_consultation(self) -> ConsultationPage:
        """The source-language consultation (as ``participation.core.pages.logical_page``, read
        as a ``ConsultationPage`` in one query): the window, the projects and every remark hang on
        it. A translation keeps it for the rest of the request (its views and the core's rules
        ask several times)."""
        return logical_specific(self)

    # -- hooks read by participation.core ------------------------------------------------------
    def participation_closed_reason(self, *, action: str) -> str | None:
        """Supports, comments and new remarks only while the consultation is open."""
        return None if self.logical_consultation().phase == Phase.OPEN else "closed"

    def contribution_url(self, contribution) -> str:
        """Where core endpoints send people back: the project or the remark sub-page."""
        number = OpenProject.objects.filter(contribution=contribution).values_list("number", flat=True).first()
        if number is not None:
            return self.url + self.reverse_subpage("project_route", args=[number])
        remark_id = Remark.objects.filter(contribution=contribution).values_list("pk", flat=True).first()
        if remark_id is not None:
            return self.url + self.reverse_subpage("remark_route", args=[remark_id])
        return self.url

    def contribution_urls(self, contributions) -> dict[int, str]:
        """``contribution_url`` for many at once (two queries): ``participation.core.pages.contribution_urls``."""
        ids = [contribution.pk for contribution in contributions]
        numbers = dict(OpenProject.objects.filter(contribution_id__in=ids).values_list("contribution_id", "number"))
        remarks = dict(Remark.objects.filter(contribution_id__in=ids).values_list("contribution_id", "pk"))
        urls = {}
        for pk in ids:
            if pk in numbers:
                urls[pk] = self.url + self.reverse_subpage("project_route", args=[numbers[pk]])
            elif pk in remarks:
                urls[pk] = self.url + self.reverse_subpage("remark_route", args=[remarks[pk]])
            else:
                urls[pk] = self.url
        return urls


def source_language_pages() -> dict:
    """``limit_choices_to`` of a consultation field: the source-language pages, which hold the data."""
    return {"locale__language_code": source_language()}


class OpenProject(models.Model):
    """A project of the draft programme put to consultation (e.g. 68 "improve communication")."""

    consultation = models.ForeignKey(
        ConsultationPage,
        verbose_name=_("consultation"),
        on_delete=models.CASCADE,
        related_name="projects",
        limit_choices_to=source_language_pages,
        help_text=_("The Arabic consultation page."),
    )
    number = models.PositiveIntegerField(_("number"))
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    axis = models.CharField(_("priority axis"), max_length=40, choices=Axis.choices, default=Axis.OTHER)
    estimated_cost = models.DecimalField(
        _("estimated cost (MAD)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    funding_ar = models.CharField(_("funding in Arabic"), max_length=300, blank=True)
    funding_fr = models.CharField(_("funding in French"), max_length=300, blank=True)
    responsible_service_ar = models.CharField(_("responsible service in Arabic"), max_length=200, blank=True)
    responsible_service_fr = models.CharField(_("responsible service in French"), max_length=200, blank=True)

    decision = models.CharField(_("committee decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason_ar = models.TextField(_("committee's reason in Arabic"), blank=True)
    decision_reason_fr = models.TextField(_("committee's reason in French"), blank=True)
    revised_text_ar = models.TextField(_("revised project text in Arabic"), blank=True)
    revised_text_fr = models.TextField(_("revised project text in French"), blank=True)

    contribution = models.OneToOneField(
        "participation_core.Contribution",
        verbose_name=_("participation thread"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="open_project",
    )

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("open project")
        verbose_name_plural = _("open projects")
        ordering = ["consultation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "number"], name="consultations_project_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    title = LocalisedText()
    description = LocalisedText()
    funding = LocalisedText()
    responsible_service = LocalisedText()
    decision_reason = LocalisedText()
    revised_text = LocalisedText()


class RemarkKind(models.TextChoices):
    REMARK = "remark", _("Remark on a project")
    PROPOSAL = "proposal", _("New project proposal")


class RemarkStatus(models.TextChoices):
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn by its author")


CARD_FIELDS = ("problem", "solutions", "funding_sources", "tracking_indicators", "impact_indicators", "free_remark")


class RemarkQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=RemarkStatus.PUBLISHED)


class Remark(models.Model):
    """A remarks card (بطاقة الملاحظات) on an open project, or a new-project proposal with the same card."""

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="remarks"
    )
    project = models.ForeignKey(
        OpenProject,
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="remarks",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=RemarkKind.choices, default=RemarkKind.REMARK)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_remarks",
    )
    entered_by_staff = models.BooleanField(_("typed in by staff from paper"), default=False)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    on_behalf_of_name = models.CharField(_("participant's name"), max_length=120, blank=True)
    association_name = models.CharField(_("on behalf of the association"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=5, default=source_language)

    proposal_title = models.CharField(_("title of the proposed project"), max_length=200, blank=True)
    problem = models.TextField(_("the problem"), blank=True, max_length=3000)
    solutions = models.TextField(_("proposed solutions"), blank=True, max_length=3000)
    funding_sources = models.TextField(_("funding sources"), blank=True, max_length=3000)
    tracking_indicators = models.TextField(_("tracking indicators"), blank=True, max_length=3000)
    impact_indicators = models.TextField(_("impact indicators"), blank=True, max_length=3000)
    free_remark = models.TextField(_("free remark"), blank=True, max_length=3000)

    status = models.CharField(
        _("status"), max_length=12, choices=RemarkStatus.choices, default=RemarkStatus.PUBLISHED
    )
    decision = models.CharField(_("committee decision"), max_length=20, choices=Decision.choices, blank=True)
    decision_reason = models.TextField(_("committee's reason"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    contribution = models.OneToOneField(
        "participation_core.Contribution",
        verbose_name=_("participation thread"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="consultation_remark",
    )

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RemarkQuerySet.as_manager()

    class Meta:
        verbose_name = _("remark")
        verbose_name_plural = _("remarks and proposals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["consultation", "project", "status", "-created_at"]),
            models.Index(fields=["consultation", "author", "status", "-created_at"], name="remark_own_list"),
        ]

    def __str__(self) -> str:
        if self.kind == RemarkKind.PROPOSAL:
            return clean_plain_line(self.proposal_title) or str(_("New project proposal"))
        return str(_("Remark #%(id)s") % {"id": self.pk})

    @property
    def card(self) -> list[tuple[str, str]]:
        """(label, text) for each filled field of the card, in the card's order."""
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in CARD_FIELDS
            if getattr(self, name)
        ]

    @property
    def signed_as(self) -> str:
        if self.entered_by_staff:
            return self.on_behalf_of_name or str(_("Participant"))
        return self.author.public_name if self.author else str(_("Citizen"))
