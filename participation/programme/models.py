"""Tracked programmes (the six-year Commune Action Programme, the openness programme…): the
programme page, its strategic axes, projects, activities, indicators, funding figures, status
history, progress updates and annual evaluation reports.

Every row hangs on the source-language (Arabic) programme page, ``ProgrammePage.logical_programme()``;
the French copy shows the same data with its French texts (``*_fr`` fields, falling back to Arabic).
Writes go through ``services``; this module only declares the data and its small, pure rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from participation.core.pages import logical_specific
from participation.core.routing import page_route
from site_template.i18n import LocalisedText, source_language

VIEWS = "participation.programme.views"

MONEY = {"max_digits": 16, "decimal_places": 2, "validators": [MinValueValidator(Decimal("0"))]}
YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class ProgrammeKind(models.TextChoices):
    ACTION_PROGRAMME = "pac", _("Commune action programme (PAC)")
    OPENNESS = "openness", _("Openness programme")
    OTHER = "other", _("Other programme")


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    STUDIES = "studies", _("Studies")
    TENDERING = "tendering", _("Tendering")
    WORKS = "works", _("Works under way")
    DONE = "done", _("Done")
    SUSPENDED = "suspended", _("Suspended")
    CANCELLED = "cancelled", _("Cancelled")


#: The explicit transitions of a project's status (the services refuse any other). A done or
#: cancelled project is closed; a suspended one resumes where the commune says.
STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    ProjectStatus.PLANNED: frozenset({ProjectStatus.STUDIES, ProjectStatus.TENDERING, ProjectStatus.WORKS,
                                      ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED}),
    ProjectStatus.STUDIES: frozenset({ProjectStatus.TENDERING, ProjectStatus.WORKS, ProjectStatus.SUSPENDED,
                                      ProjectStatus.CANCELLED}),
    ProjectStatus.TENDERING: frozenset({ProjectStatus.STUDIES, ProjectStatus.WORKS, ProjectStatus.SUSPENDED,
                                        ProjectStatus.CANCELLED}),
    ProjectStatus.WORKS: frozenset({ProjectStatus.DONE, ProjectStatus.SUSPENDED, ProjectStatus.CANCELLED}),
    ProjectStatus.SUSPENDED: frozenset({ProjectStatus.PLANNED, ProjectStatus.STUDIES, ProjectStatus.TENDERING,
                                        ProjectStatus.WORKS, ProjectStatus.CANCELLED}),
    ProjectStatus.DONE: frozenset(),
    ProjectStatus.CANCELLED: frozenset(),
}
CLOSED_STATUSES = frozenset({ProjectStatus.DONE, ProjectStatus.CANCELLED})


class ProgrammePage(RoutablePageMixin, Page):
    """A tracked programme: what the commune promised, and how far it has got.

    Sub-routes (served by ``views``): an axis, a project (with rating, follow and "report a
    problem"), the dashboard, the open data (CSV, XLSX, JSON), the Atom feed of updates and the
    published annual evaluation reports (page and PDF)."""

    index_route = page_route("", f"{VIEWS}.pages.index")
    axis_route = page_route("axes/<id:number>/", f"{VIEWS}.pages.axis")
    project_route = page_route("projects/<id:number>/", f"{VIEWS}.pages.project")
    dashboard_route = page_route("dashboard/", f"{VIEWS}.dashboard.dashboard")
    dashboard_data_route = page_route("dashboard/data/<str:fmt>/", f"{VIEWS}.dashboard.dashboard_data")
    data_route = page_route("data/<str:fmt>/", f"{VIEWS}.data.open_data")
    feed_route = page_route("feed/", f"{VIEWS}.feed.feed")
    report_route = page_route("reports/<id:year>/", f"{VIEWS}.reports.annual_report")
    report_pdf_route = page_route("reports/<id:year>/pdf/", f"{VIEWS}.reports.annual_report_pdf")

    kind = models.CharField(_("kind"), max_length=12, choices=ProgrammeKind.choices,
                            default=ProgrammeKind.ACTION_PROGRAMME)
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    period_start = models.PositiveIntegerField(_("first year"), null=True, blank=True, validators=YEAR_VALIDATORS,
                                               help_text=_("For the PAC, the first year of the mandate."))
    period_end = models.PositiveIntegerField(_("last year"), null=True, blank=True, validators=YEAR_VALIDATORS)
    adoption_decision = RichTextField(
        _("adoption decision"), blank=True, features=["bold", "italic", "link"],
        help_text=_("The council's decision adopting the programme (organic law 113.14, art. 78-82)."),
    )
    adoption_date = models.DateField(_("adoption date"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("programme document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("intro"),
        FieldRowPanel([FieldPanel("period_start"), FieldPanel("period_end")], heading=_("Period")),
        MultiFieldPanel(
            [FieldPanel("adoption_decision"), FieldPanel("adoption_date"), FieldPanel("document")],
            heading=_("Adoption"),
        ),
    ]
    parent_page_types = ["pages.SectionPage", "pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("tracked programme")
        verbose_name_plural = _("tracked programmes")

    def clean(self):
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year cannot come before the first year.")})

    def logical_programme(self) -> ProgrammePage:
        """The source-language programme (one query, kept for the request): the axes, the
        projects and every figure hang on it."""
        return logical_specific(self)

    @property
    def years(self) -> list[int]:
        if self.period_start and self.period_end:
            return list(range(self.period_start, self.period_end + 1))
        return []

    # -- hooks read by participation.core ------------------------------------------------------
    def contribution_url(self, contribution) -> str:
        """Where core endpoints and notifications send people: the project's sub-page."""
        number = Project.objects.filter(contribution=contribution).values_list("number", flat=True).first()
        if number is None:
            return self.url
        return self.url + self.reverse_subpage("project_route", args=[number])

    def contribution_urls(self, contributions) -> dict[int, str]:
        """Several projects' sub-pages at once (one query; e.g. the budget lines paying for them)."""
        contributions = list(contributions)
        numbers = dict(
            Project.objects.filter(contribution__in=contributions).values_list("contribution_id", "number")
        )
        base = self.url
        return {
            c.pk: base + self.reverse_subpage("project_route", args=[numbers[c.pk]]) if c.pk in numbers else base
            for c in contributions
        }


def source_language_pages() -> dict:
    """``limit_choices_to``: the source-language pages, which hold the data."""
    return {"locale__language_code": source_language()}


class Axis(models.Model):
    """A strategic axis of the programme (e.g. 1 "Improving the quality of services")."""

    programme = models.ForeignKey(ProgrammePage, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="axes", limit_choices_to=source_language_pages)
    number = models.PositiveIntegerField(_("number"))
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)

    title = LocalisedText()
    description = LocalisedText()

    panels = [
        FieldPanel("programme"),
        FieldPanel("number"),
        FieldRowPanel([FieldPanel("title_ar"), FieldPanel("title_fr")]),
        FieldPanel("description_ar"),
        FieldPanel("description_fr"),
    ]

    class Meta:
        verbose_name = _("strategic axis")
        verbose_name_plural = _("strategic axes")
        ordering = ["programme", "number"]
        constraints = [models.UniqueConstraint(fields=["programme", "number"], name="programme_axis_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Project(index.Indexed, ClusterableModel):
    """A project of the programme, with its logical framework, funding plan and activities.
    Found by the site search (``search.py``) in both languages."""

    programme = models.ForeignKey(ProgrammePage, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="projects", limit_choices_to=source_language_pages)
    axis = models.ForeignKey(Axis, verbose_name=_("strategic axis"), on_delete=models.PROTECT, related_name="projects")
    number = models.PositiveIntegerField(_("number"), help_text=_("Unique in the programme: imports update by it."))
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    neighbourhoods = models.ManyToManyField("communes.Neighbourhood", verbose_name=_("neighbourhoods"), blank=True,
                                            related_name="programme_projects")
    responsible_service_ar = models.CharField(_("responsible service in Arabic"), max_length=200, blank=True)
    responsible_service_fr = models.CharField(_("responsible service in French"), max_length=200, blank=True)
    partners_ar = models.CharField(_("partners in Arabic"), max_length=500, blank=True)
    partners_fr = models.CharField(_("partners in French"), max_length=500, blank=True)
    # The logical framework (general objective → specific objectives → expected results).
    general_objective_ar = models.TextField(_("general objective in Arabic"), blank=True)
    general_objective_fr = models.TextField(_("general objective in French"), blank=True)
    specific_objectives_ar = models.TextField(_("specific objectives in Arabic"), blank=True,
                                              help_text=_("One per line."))
    specific_objectives_fr = models.TextField(_("specific objectives in French"), blank=True,
                                              help_text=_("One per line."))
    expected_results_ar = models.TextField(_("expected results in Arabic"), blank=True, help_text=_("One per line."))
    expected_results_fr = models.TextField(_("expected results in French"), blank=True, help_text=_("One per line."))
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.PLANNED,
                              editable=False, help_text=_("Changed with “Change the status”, kept as public history."))
    status_reason = models.TextField(_("reason of the cancellation or suspension"), blank=True, editable=False)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0,
                                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    contribution = models.OneToOneField(
        "participation_core.Contribution", verbose_name=_("participation thread"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="programme_project",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    search_fields = [
        index.SearchField("title_ar", boost=2),
        index.SearchField("title_fr", boost=2),
        index.SearchField("description_ar"),
        index.SearchField("description_fr"),
        index.FilterField("programme_id"),
    ]

    title = LocalisedText()
    description = LocalisedText()
    responsible_service = LocalisedText()
    partners = LocalisedText()
    general_objective = LocalisedText()
    specific_objectives = LocalisedText()
    expected_results = LocalisedText()

    panels = [
        FieldPanel("programme"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("axis")]),
        FieldPanel("title_ar"),
        FieldPanel("title_fr"),
        FieldPanel("description_ar"),
        FieldPanel("description_fr"),
        FieldPanel("neighbourhoods"),
        FieldRowPanel([FieldPanel("responsible_service_ar"), FieldPanel("responsible_service_fr")]),
        FieldRowPanel([FieldPanel("partners_ar"), FieldPanel("partners_fr")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on"), FieldPanel("progress")]),
        MultiFieldPanel(
            [
                FieldPanel("general_objective_ar"),
                FieldPanel("general_objective_fr"),
                FieldPanel("specific_objectives_ar"),
                FieldPanel("specific_objectives_fr"),
                FieldPanel("expected_results_ar"),
                FieldPanel("expected_results_fr"),
            ],
            heading=_("Logical framework"),
        ),
        InlinePanel("activities", heading=_("Activities"), label=_("activity")),
        InlinePanel("funding_lines", heading=_("Funding plan"), label=_("funding line")),
        InlinePanel("photos", heading=_("Photos"), label=_("photo")),
        InlinePanel("documents", heading=_("Documents"), label=_("document")),
    ]

    class Meta:
        verbose_name = _("programme project")
        verbose_name_plural = _("programme projects")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="programme_project_number_unique")
        ]
        indexes = [models.Index(fields=["programme", "status"])]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot come before the start date.")})
        if self.axis_id and self.programme_id and self.axis.programme_id != self.programme_id:
            raise ValidationError({"axis": _("This axis belongs to another programme.")})

    def can_move_to(self, status: str) -> bool:
        return status in STATUS_TRANSITIONS.get(self.status, frozenset())

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES

    def is_late(self, today: dt.date) -> bool:
        """Past its end date and not finished (a cancelled project is not late, it is cancelled)."""
        return bool(self.ends_on and self.ends_on < today and self.status not in CLOSED_STATUSES)

    @property
    def specific_objective_lines(self) -> list[str]:
        return [line.strip() for line in self.specific_objectives.splitlines() if line.strip()]

    @property
    def expected_result_lines(self) -> list[str]:
        return [line.strip() for line in self.expected_results.splitlines() if line.strip()]


class Activity(Orderable):
    """A step of a project, with its dates (the Gantt) and how far it is done."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveIntegerField(_("number"))
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"))
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0,
                                                validators=[MinValueValidator(0), MaxValueValidator(100)])

    title = LocalisedText()

    panels = [
        FieldRowPanel([FieldPanel("number"), FieldPanel("progress")]),
        FieldRowPanel([FieldPanel("title_ar"), FieldPanel("title_fr")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["sort_order", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="programme_activity_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end date cannot come before the start date.")})

    def is_late(self, today: dt.date) -> bool:
        return self.ends_on < today and self.progress < 100


class FundingLine(Orderable):
    """One source's money for one year: planned, committed and spent (MAD)."""

    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="funding_lines")
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    source_ar = models.CharField(_("source in Arabic"), max_length=200,
                                 help_text=_("E.g. the commune's budget, the INDH, the region, a partner."))
    source_fr = models.CharField(_("source in French"), max_length=200, blank=True)
    planned = models.DecimalField(_("planned (MAD)"), default=Decimal("0"), **MONEY)
    committed = models.DecimalField(_("committed (MAD)"), default=Decimal("0"), **MONEY)
    spent = models.DecimalField(_("spent (MAD)"), default=Decimal("0"), **MONEY)

    source = LocalisedText()

    panels = [
        FieldRowPanel([FieldPanel("year"), FieldPanel("source_ar"), FieldPanel("source_fr")]),
        FieldRowPanel([FieldPanel("planned"), FieldPanel("committed"), FieldPanel("spent")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("funding line")
        verbose_name_plural = _("funding plan")
        ordering = ["year", "sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["project", "year", "source_ar"], name="programme_funding_unique")
        ]

    def __str__(self) -> str:
        return f"{self.year} — {self.source}"


class ProjectPhoto(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE,
                              related_name="+")
    caption_ar = models.CharField(_("caption in Arabic"), max_length=255, blank=True)
    caption_fr = models.CharField(_("caption in French"), max_length=255, blank=True)

    caption = LocalisedText()
    panels = [FieldPanel("image"), FieldRowPanel([FieldPanel("caption_ar"), FieldPanel("caption_fr")])]


class ProjectDocument(Orderable):
    project = ParentalKey(Project, on_delete=models.CASCADE, related_name="documents")
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="+")
    label_ar = models.CharField(_("label in Arabic"), max_length=255, blank=True)
    label_fr = models.CharField(_("label in French"), max_length=255, blank=True)

    label = LocalisedText()
    panels = [FieldPanel("document"), FieldRowPanel([FieldPanel("label_ar"), FieldPanel("label_fr")])]


class Indicator(ClusterableModel):
    """A measure of a project's results: unit, baseline, target and a value per year (women and
    men apart when it counts people: the PAC is gender-aware, organic law 113.14 art. 78)."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE,
                                related_name="indicators")
    number = models.PositiveIntegerField(_("number"))
    name_ar = models.CharField(_("name in Arabic"), max_length=255)
    name_fr = models.CharField(_("name in French"), max_length=255, blank=True)
    unit_ar = models.CharField(_("unit in Arabic"), max_length=60, blank=True)
    unit_fr = models.CharField(_("unit in French"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=16, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=16, decimal_places=2, null=True, blank=True)
    source_ar = models.CharField(_("source of verification in Arabic"), max_length=255, blank=True)
    source_fr = models.CharField(_("source of verification in French"), max_length=255, blank=True)
    counts_people = models.BooleanField(
        _("counts people"), default=False, help_text=_("Record women and men separately for each year."),
    )

    name = LocalisedText()
    unit = LocalisedText()
    source = LocalisedText()

    panels = [
        FieldPanel("project"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("counts_people")]),
        FieldRowPanel([FieldPanel("name_ar"), FieldPanel("name_fr")]),
        FieldRowPanel([FieldPanel("unit_ar"), FieldPanel("unit_fr")]),
        FieldRowPanel([FieldPanel("baseline"), FieldPanel("target")]),
        FieldRowPanel([FieldPanel("source_ar"), FieldPanel("source_fr")]),
        InlinePanel("values", heading=_("Values per year"), label=_("value")),
    ]

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["project", "number"]
        constraints = [models.UniqueConstraint(fields=["project", "number"], name="programme_indicator_number_unique")]

    def __str__(self) -> str:
        return f"{self.project.number}.{self.number} {self.name}"


class IndicatorValue(Orderable):
    indicator = ParentalKey(Indicator, on_delete=models.CASCADE, related_name="values")
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=2)
    women = models.DecimalField(_("of which women"), max_digits=16, decimal_places=2, null=True, blank=True)
    men = models.DecimalField(_("of which men"), max_digits=16, decimal_places=2, null=True, blank=True)

    panels = [FieldRowPanel([FieldPanel("year"), FieldPanel("value"), FieldPanel("women"), FieldPanel("men")])]

    class Meta(Orderable.Meta):
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["year"]
        constraints = [models.UniqueConstraint(fields=["indicator", "year"], name="programme_indicator_year_unique")]

    def clean(self):
        super().clean()
        if self.women is not None and self.men is not None and self.value is not None:
            if self.women + self.men != self.value:
                raise ValidationError({"value": _("Women and men must add up to the value.")})


class StatusChange(models.Model):
    """The public history of a project's status."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=12, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=ProjectStatus.choices)
    changed_on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status history")
        ordering = ["changed_on", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_status} → {self.to_status} ({self.changed_on})"


class ProjectUpdate(models.Model):
    """News of a project posted by the focal point or the responsible service; its followers are told."""

    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="updates")
    text_ar = models.TextField(_("text in Arabic"))
    text_fr = models.TextField(_("text in French"), blank=True)
    photo = models.ForeignKey("wagtailimages.Image", verbose_name=_("photo"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    progress = models.PositiveSmallIntegerField(_("new progress (%)"), null=True, blank=True,
                                                validators=[MinValueValidator(0), MaxValueValidator(100)])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    published_at = models.DateTimeField(_("published at"))

    text = LocalisedText()

    class Meta:
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["project", "-published_at"])]

    def __str__(self) -> str:
        return f"{self.project} — {self.published_at:%Y-%m-%d}"


class AnnualReport(models.Model):
    """The annual evaluation report of the programme (decree 2.16.301 art. 14-15): drafted in
    the admin from the live figures, its summary published as a page and a PDF."""

    programme = models.ForeignKey(ProgrammePage, verbose_name=_("programme"), on_delete=models.CASCADE,
                                  related_name="annual_reports", limit_choices_to=source_language_pages)
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    summary_ar = models.TextField(_("summary in Arabic"), blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    resources_ar = models.TextField(_("resources mobilised in Arabic"), blank=True)
    resources_fr = models.TextField(_("resources mobilised in French"), blank=True)
    obstacles_ar = models.TextField(_("obstacles in Arabic"), blank=True)
    obstacles_fr = models.TextField(_("obstacles in French"), blank=True)
    corrective_measures_ar = models.TextField(_("corrective measures in Arabic"), blank=True)
    corrective_measures_fr = models.TextField(_("corrective measures in French"), blank=True)
    figures = models.JSONField(_("figures"), default=dict, blank=True, editable=False,
                               help_text=_("The programme's figures, frozen when the report is published."))
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    summary = LocalisedText()
    resources = LocalisedText()
    obstacles = LocalisedText()
    corrective_measures = LocalisedText()

    panels = [
        FieldRowPanel([FieldPanel("programme"), FieldPanel("year")]),
        FieldPanel("summary_ar"),
        FieldPanel("summary_fr"),
        FieldPanel("resources_ar"),
        FieldPanel("resources_fr"),
        FieldPanel("obstacles_ar"),
        FieldPanel("obstacles_fr"),
        FieldPanel("corrective_measures_ar"),
        FieldPanel("corrective_measures_fr"),
    ]

    class Meta:
        verbose_name = _("annual evaluation report")
        verbose_name_plural = _("annual evaluation reports")
        ordering = ["programme", "-year"]
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="programme_report_year_unique")]

    def __str__(self) -> str:
        return str(_("Evaluation report %(year)s") % {"year": self.year})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None
