"""The participation charter and the Citizen-Commune Label self-assessment (issue 12).

Two promises citizens can check:

* the **charter** (``CharterPage``): the commune's participation charter, its ``Commitment``s grouped
  by ``Principle`` (each with an indicator: typed, or computed by the site from its own records
  through ``participation.core.indicators``; a status with a public note; a due date; the
  responsible service; evidence documents and links), the periodic ``Evaluation``s with their
  ``EvaluationFinding`` per commitment (the history of how a commitment moved), and the citizens'
  view (a core ``Rating`` on each commitment's participation thread: kept / partly / not kept);
* the **Citizen-Commune Label** (``LabelPage``, ميزة الجماعة المواطنة): a ``Questionnaire``
  (``QuestionnaireSection`` → ``Question`` → ``AnswerChoice`` worth points, each question scoring a
  principle and naming its sources of verification), a yearly ``Assessment`` (the self-assessment
  campaign: ``Answer``s with comments and ``AnswerEvidence`` files, validated in the president's
  name, then verified by the technical team, answers confirmed or corrected) and its
  ``ActionPlanItem``s.

The seven ``Principle``s (seed 002) are the commune's, shared by both. Every row of a page hangs on
its source-language (Arabic) copy (``logical_charter()`` / ``logical_label()``); the French copy
shows the same data with the French texts (``*_fr`` fields, falling back to Arabic). Writes go
through ``services``; this module declares the data and its small, pure rules."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from participation.core.attachments import private_storage
from participation.core.pages import logical_specific
from participation.core.routing import page_route
from site_template.i18n import LocalisedText, source_language

VIEWS = "participation.charter.views"

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]
#: An indicator's figures (a count, a share in per cent, an amount): 14 digits, 2 decimals.
FIGURE = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}
#: The kind of the core ``Contribution`` each commitment's participation thread is.
COMMITMENT_KIND = "charter_commitment"
#: Citizens' view of a commitment, as the value of a core ``Rating`` (scale 3).
RATING_SCALE = 3


class CitizenView(models.IntegerChoices):
    """What a citizen says of a commitment (the core rating's value)."""

    NOT_KEPT = 1, _("Not kept")
    PARTLY = 2, _("Partly kept")
    KEPT = 3, _("Kept")


def source_language_pages() -> dict:
    """``limit_choices_to``: the source-language pages, which hold the data."""
    return {"locale__language_code": source_language()}


# --- the seven principles ---------------------------------------------------------------------


class Principle(models.Model):
    """One of the principles the charter and the label are built on (seed 002: participation;
    equality and equity; cooperation and solidarity; efficiency and effectiveness; transparency
    and accountability; sustainability; innovation), with its legal references. The commune's
    own (provisioned with the seed's text, editable)."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE,
                             related_name="charter_principles")
    code = models.SlugField(_("code"), max_length=40,
                            help_text=_("Stable name used by imports and computed indicators, e.g. “transparency”."))
    number = models.PositiveSmallIntegerField(_("number"))
    name_ar = models.CharField(_("name in Arabic"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120, blank=True)
    description_ar = models.TextField(_("description in Arabic"), blank=True)
    description_fr = models.TextField(_("description in French"), blank=True)
    legal_references_ar = models.TextField(_("legal references in Arabic"), blank=True,
                                           help_text=_("One reference per line."))
    legal_references_fr = models.TextField(_("legal references in French"), blank=True,
                                           help_text=_("One reference per line."))

    name = LocalisedText()
    description = LocalisedText()
    legal_references = LocalisedText()

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("name_ar"), FieldPanel("name_fr")]),
        FieldPanel("description_ar"),
        FieldPanel("description_fr"),
        FieldPanel("legal_references_ar"),
        FieldPanel("legal_references_fr"),
    ]

    class Meta:
        verbose_name = _("principle")
        verbose_name_plural = _("principles")
        ordering = ["site", "number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="charter_principle_code_unique"),
            models.UniqueConstraint(fields=["site", "number"], name="charter_principle_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"

    @property
    def legal_reference_lines(self) -> list[str]:
        return [line.strip() for line in self.legal_references.splitlines() if line.strip()]


# --- the participation charter ----------------------------------------------------------------


class CharterPage(RoutablePageMixin, Page):
    """The commune's participation charter: its text and adoption, its commitments by principle,
    the evaluations, and the scorecard where the commune's status and the citizens' view stand
    side by side.

    Sub-routes (served by ``views``): a principle, a commitment (its indicator and evidence, its
    history through the evaluations, the citizens' rating and comments), an evaluation, the
    scorecard, and the open data."""

    index_route = page_route("", f"{VIEWS}.charter.index")
    principle_route = page_route("principles/<slug:code>/", f"{VIEWS}.charter.principle")
    commitment_route = page_route("commitments/<id:number>/", f"{VIEWS}.charter.commitment")
    evaluation_route = page_route("evaluations/<id:pk>/", f"{VIEWS}.charter.evaluation")
    scorecard_route = page_route("scorecard/", f"{VIEWS}.charter.scorecard")
    data_route = page_route("data/<str:fmt>/", f"{VIEWS}.charter.open_data")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    charter_text = RichTextField(_("text of the charter"), blank=True,
                                 features=["h2", "h3", "bold", "italic", "link", "ul", "ol"])
    adoption_decision = RichTextField(
        _("adoption decision"), blank=True, features=["bold", "italic", "link"],
        help_text=_("The council's decision adopting the charter (organic law 113.14, art. 119-120)."),
    )
    adoption_date = models.DateField(_("adoption date"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("charter document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )

    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("charter_text")]
    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("charter_text"),
        MultiFieldPanel(
            [FieldPanel("adoption_decision"), FieldPanel("adoption_date"), FieldPanel("document")],
            heading=_("Adoption"),
        ),
    ]
    parent_page_types = ["pages.SectionPage", "pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("participation charter")
        verbose_name_plural = _("participation charters")

    def logical_charter(self) -> CharterPage:
        """The source-language charter (one query, kept for the request): the commitments and
        the evaluations hang on it."""
        return logical_specific(self)

    # -- hooks read by participation.core ------------------------------------------------------
    rating_scale = RATING_SCALE

    def contribution_url(self, contribution) -> str:
        """Where core endpoints and notifications send people: the commitment's sub-page."""
        number = Commitment.objects.filter(contribution=contribution).values_list("number", flat=True).first()
        if number is None:
            return self.url
        return self.url + self.reverse_subpage("commitment_route", args=[number])

    def contribution_urls(self, contributions) -> dict[int, str]:
        contributions = list(contributions)
        numbers = dict(Commitment.objects.filter(contribution__in=contributions).values_list("contribution_id", "number"))
        base = self.url
        return {
            c.pk: base + self.reverse_subpage("commitment_route", args=[numbers[c.pk]]) if c.pk in numbers else base
            for c in contributions
        }


class CommitmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", pgettext_lazy("a commitment or an action", "In progress")
    KEPT = "kept", _("Kept")
    NOT_KEPT = "not_kept", _("Not kept")


class IndicatorPeriod(models.TextChoices):
    """Over which days a computed indicator counts."""

    YEAR = "year", _("This calendar year")
    CHARTER = "charter", _("Since the charter's adoption")


class Commitment(index.Indexed, ClusterableModel):
    """A commitment of the charter: what the commune promises, how it is measured, where it
    stands, and the evidence.

    The indicator's current value is ``current_value`` (typed by the focal point), unless
    ``indicator_source`` names an indicator the site computes (``participation.core.indicators``):
    then the value is computed from the records, over ``indicator_period``, and never typed."""

    charter = models.ForeignKey(CharterPage, verbose_name=_("charter"), on_delete=models.CASCADE,
                                related_name="commitments", limit_choices_to=source_language_pages)
    principle = models.ForeignKey(Principle, verbose_name=_("principle"), on_delete=models.PROTECT,
                                  related_name="commitments")
    number = models.PositiveIntegerField(_("number"), help_text=_("Unique in the charter: its public address."))
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    promise_ar = models.TextField(_("what the commune promises, in Arabic"), blank=True)
    promise_fr = models.TextField(_("what the commune promises, in French"), blank=True)
    # The indicator.
    indicator_ar = models.CharField(_("indicator in Arabic"), max_length=255, blank=True)
    indicator_fr = models.CharField(_("indicator in French"), max_length=255, blank=True)
    unit_ar = models.CharField(_("unit in Arabic"), max_length=60, blank=True, help_text=_("e.g. “%”, “meetings”."))
    unit_fr = models.CharField(_("unit in French"), max_length=60, blank=True)
    baseline = models.DecimalField(_("baseline"), **FIGURE)
    target = models.DecimalField(_("target"), **FIGURE)
    current_value = models.DecimalField(
        _("current value"), **FIGURE,
        help_text=_("Typed only when the site does not compute the indicator from its own records."),
    )
    indicator_source = models.CharField(
        _("computed indicator"), max_length=80, blank=True,
        help_text=_("An indicator the site computes from what it records (meetings, information requests, "
                    "consultations, council sessions…): its value is then never typed."),
    )
    indicator_period = models.CharField(_("computed over"), max_length=10, choices=IndicatorPeriod.choices,
                                        default=IndicatorPeriod.YEAR)
    # Where it stands.
    status = models.CharField(_("status"), max_length=12, choices=CommitmentStatus.choices,
                              default=CommitmentStatus.NOT_STARTED)
    status_note_ar = models.TextField(_("public note on the status, in Arabic"), blank=True)
    status_note_fr = models.TextField(_("public note on the status, in French"), blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    responsible_service_ar = models.CharField(_("responsible service in Arabic"), max_length=200, blank=True)
    responsible_service_fr = models.CharField(_("responsible service in French"), max_length=200, blank=True)
    programme_project = models.ForeignKey(
        "participation_core.Contribution", verbose_name=_("programme project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="charter_commitments",
        help_text=_("The project of the action programme that carries this commitment, if any."),
    )
    contribution = models.OneToOneField(
        "participation_core.Contribution", verbose_name=_("participation thread"), null=True, blank=True,
        editable=False, on_delete=models.SET_NULL, related_name="charter_commitment",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    title = LocalisedText()
    promise = LocalisedText()
    indicator = LocalisedText()
    unit = LocalisedText()
    status_note = LocalisedText()
    responsible_service = LocalisedText()

    search_fields = [
        index.SearchField("title_ar", boost=2),
        index.SearchField("title_fr", boost=2),
        index.SearchField("promise_ar"),
        index.SearchField("promise_fr"),
        index.FilterField("charter_id"),
    ]

    panels = [
        FieldPanel("charter"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("principle")]),
        FieldPanel("title_ar"),
        FieldPanel("title_fr"),
        FieldPanel("promise_ar"),
        FieldPanel("promise_fr"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("indicator_ar"), FieldPanel("indicator_fr")]),
                FieldRowPanel([FieldPanel("unit_ar"), FieldPanel("unit_fr")]),
                FieldRowPanel([FieldPanel("baseline"), FieldPanel("target"), FieldPanel("current_value")]),
                FieldRowPanel([FieldPanel("indicator_source"), FieldPanel("indicator_period")]),
            ],
            heading=_("Indicator"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("status"), FieldPanel("due_on")]),
                FieldPanel("status_note_ar"),
                FieldPanel("status_note_fr"),
                FieldRowPanel([FieldPanel("responsible_service_ar"), FieldPanel("responsible_service_fr")]),
            ],
            heading=_("Where it stands"),
        ),
        InlinePanel("documents", heading=_("Evidence documents"), label=_("document")),
        InlinePanel("links", heading=_("Evidence on the site"), label=_("link")),
    ]

    class Meta:
        verbose_name = _("charter commitment")
        verbose_name_plural = _("charter commitments")
        ordering = ["charter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["charter", "number"], name="charter_commitment_number_unique"),
        ]
        indexes = [models.Index(fields=["charter", "principle"])]

    def __str__(self) -> str:
        return f"{self.number} — {self.title}"

    def clean(self):
        super().clean()
        if self.indicator_source and self.current_value is not None:
            raise ValidationError({"current_value": _(
                "This indicator is computed by the site: leave its current value empty.")})
        if self.principle_id and self.charter_id:
            from participation.core.pages import site_id_of

            if self.principle.site_id != site_id_of(self.charter):
                raise ValidationError({"principle": _("This principle belongs to another commune.")})

    @property
    def is_computed(self) -> bool:
        return bool(self.indicator_source)

    def is_late(self, today: dt.date) -> bool:
        """Past its due date and neither kept nor declared not kept."""
        return bool(self.due_on and self.due_on < today
                    and self.status in (CommitmentStatus.NOT_STARTED, CommitmentStatus.IN_PROGRESS))


class CommitmentDocument(Orderable):
    """A document proving a commitment (a decision, minutes, a report, a photo of a poster)."""

    commitment = ParentalKey(Commitment, on_delete=models.CASCADE, related_name="documents")
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("document"), on_delete=models.CASCADE,
                                 related_name="+")

    title = LocalisedText()
    panels = [FieldRowPanel([FieldPanel("title_ar"), FieldPanel("title_fr")]), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("evidence document")
        verbose_name_plural = _("evidence documents")


class CommitmentLink(Orderable):
    """A page of the site that shows a commitment kept: a meeting and its report, a consultation and
    its synthesis, a council session and its decisions, a news item."""

    commitment = ParentalKey(Commitment, on_delete=models.CASCADE, related_name="links")
    page = models.ForeignKey("wagtailcore.Page", verbose_name=_("page of the site"), on_delete=models.CASCADE,
                             related_name="+")
    note_ar = models.CharField(_("note in Arabic"), max_length=255, blank=True)
    note_fr = models.CharField(_("note in French"), max_length=255, blank=True)

    note = LocalisedText()
    panels = [FieldPanel("page"), FieldRowPanel([FieldPanel("note_ar"), FieldPanel("note_fr")])]

    class Meta(Orderable.Meta):
        verbose_name = _("evidence on the site")
        verbose_name_plural = _("evidence on the site")


class Evaluator(models.TextChoices):
    COMMUNE = "commune", _("The commune")
    EQUALITY_COMMISSION = "equality_commission", _("The equality, equal opportunities and gender commission (IEECAG)")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    MIXED_COMMITTEE = "mixed_committee", _("A mixed committee")


class Evaluation(ClusterableModel):
    """A periodic evaluation of the charter: who evaluated, when, what they found for each
    commitment (``findings``), a score. Public once published; kept as history."""

    charter = models.ForeignKey(CharterPage, verbose_name=_("charter"), on_delete=models.CASCADE,
                                related_name="evaluations", limit_choices_to=source_language_pages)
    evaluated_on = models.DateField(_("date of the evaluation"))
    evaluator = models.CharField(_("evaluated by"), max_length=24, choices=Evaluator.choices)
    evaluator_name = models.CharField(_("name of the evaluating body"), max_length=255, blank=True,
                                      help_text=_("e.g. the association or the members of the committee."))
    summary_ar = models.TextField(_("summary in Arabic"), blank=True)
    summary_fr = models.TextField(_("summary in French"), blank=True)
    score = models.DecimalField(
        _("score (out of 100)"), max_digits=5, decimal_places=1, null=True, blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("The evaluators' overall score, if they gave one."),
    )
    document = models.ForeignKey("wagtaildocs.Document", verbose_name=_("evaluation report"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="+")
    is_published = models.BooleanField(_("published"), default=False,
                                       help_text=_("Citizens see the evaluation once it is published."))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    summary = LocalisedText()

    panels = [
        FieldPanel("charter"),
        FieldRowPanel([FieldPanel("evaluated_on"), FieldPanel("evaluator")]),
        FieldPanel("evaluator_name"),
        FieldPanel("summary_ar"),
        FieldPanel("summary_fr"),
        FieldRowPanel([FieldPanel("score"), FieldPanel("document")]),
        FieldPanel("is_published"),
        InlinePanel("findings", heading=_("Findings per commitment"), label=_("finding")),
    ]

    class Meta:
        verbose_name = _("charter evaluation")
        verbose_name_plural = _("charter evaluations")
        ordering = ["charter", "-evaluated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.evaluated_on:%Y-%m-%d} — {self.get_evaluator_display()}"


class EvaluationFinding(Orderable):
    """What an evaluation found for one commitment: its status then, the indicator's value then,
    and the evaluators' words."""

    evaluation = ParentalKey(Evaluation, on_delete=models.CASCADE, related_name="findings")
    commitment = models.ForeignKey(Commitment, verbose_name=_("commitment"), on_delete=models.CASCADE,
                                   related_name="findings")
    status = models.CharField(_("status found"), max_length=12, choices=CommitmentStatus.choices)
    value = models.DecimalField(_("indicator value found"), **FIGURE)
    finding_ar = models.TextField(_("finding in Arabic"), blank=True)
    finding_fr = models.TextField(_("finding in French"), blank=True)

    finding = LocalisedText()
    panels = [
        FieldRowPanel([FieldPanel("commitment"), FieldPanel("status"), FieldPanel("value")]),
        FieldPanel("finding_ar"),
        FieldPanel("finding_fr"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "commitment"], name="charter_finding_unique"),
        ]


# --- the Citizen-Commune Label ----------------------------------------------------------------


class Questionnaire(ClusterableModel):
    """The self-assessment questionnaire of the Citizen-Commune Label (seed 002): sections,
    questions, answers worth points. The commune's copy of the national form, editable; an
    assessment keeps the points of its answers once validated (``Assessment.self_scores``)."""

    site = models.ForeignKey("wagtailcore.Site", verbose_name=_("commune"), on_delete=models.CASCADE,
                             related_name="label_questionnaires")
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    introduction_ar = models.TextField(_("introduction in Arabic"), blank=True)
    introduction_fr = models.TextField(_("introduction in French"), blank=True)

    title = LocalisedText()
    introduction = LocalisedText()

    panels = [
        FieldPanel("site"),
        FieldRowPanel([FieldPanel("title_ar"), FieldPanel("title_fr")]),
        FieldPanel("introduction_ar"),
        FieldPanel("introduction_fr"),
        InlinePanel("sections", heading=_("Sections"), label=_("section")),
    ]

    class Meta:
        verbose_name = _("label questionnaire")
        verbose_name_plural = _("label questionnaires")
        ordering = ["site", "pk"]

    def __str__(self) -> str:
        return self.title


class QuestionnaireSection(Orderable):
    """A section of the form (elected bodies and governance; administration; public services and
    relations with citizens and civil society; finance…)."""

    questionnaire = ParentalKey(Questionnaire, on_delete=models.CASCADE, related_name="sections")
    number = models.PositiveSmallIntegerField(_("number"))
    title_ar = models.CharField(_("title in Arabic"), max_length=255)
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)

    title = LocalisedText()
    panels = [FieldPanel("number"), FieldRowPanel([FieldPanel("title_ar"), FieldPanel("title_fr")])]

    class Meta(Orderable.Meta):
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class Question(ClusterableModel):
    """A question of the form, with its answers (``choices``, each worth points), the principle it
    scores and the sources of verification the technical team checks."""

    section = models.ForeignKey(QuestionnaireSection, verbose_name=_("section"), on_delete=models.CASCADE,
                                related_name="questions")
    code = models.CharField(_("number"), max_length=12, help_text=_("As on the paper form, e.g. “3.1.2”."))
    sort_order = models.PositiveIntegerField(_("order"), default=0)
    text_ar = models.TextField(_("question in Arabic"))
    text_fr = models.TextField(_("question in French"), blank=True)
    help_ar = models.TextField(_("explanation in Arabic"), blank=True)
    help_fr = models.TextField(_("explanation in French"), blank=True)
    principle = models.ForeignKey(Principle, verbose_name=_("principle scored"), on_delete=models.PROTECT,
                                  related_name="questions")
    verification_sources_ar = models.TextField(_("sources of verification in Arabic"), blank=True,
                                               help_text=_("One per line: what the technical team asks to see."))
    verification_sources_fr = models.TextField(_("sources of verification in French"), blank=True,
                                               help_text=_("One per line."))

    text = LocalisedText()
    help = LocalisedText()
    verification_sources = LocalisedText()

    panels = [
        FieldRowPanel([FieldPanel("section"), FieldPanel("code"), FieldPanel("sort_order")]),
        FieldPanel("text_ar"),
        FieldPanel("text_fr"),
        FieldPanel("principle"),
        FieldPanel("help_ar"),
        FieldPanel("help_fr"),
        FieldPanel("verification_sources_ar"),
        FieldPanel("verification_sources_fr"),
        InlinePanel("choices", heading=_("Answers"), label=_("answer"), min_num=2),
    ]

    class Meta:
        verbose_name = _("label question")
        verbose_name_plural = _("label questions")
        ordering = ["section__sort_order", "sort_order", "pk"]

    def __str__(self) -> str:
        return f"{self.code} {self.text}"

    @property
    def verification_source_lines(self) -> list[str]:
        return [line.strip() for line in self.verification_sources.splitlines() if line.strip()]


class AnswerChoice(Orderable):
    """One of a question's answers and the points it is worth."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    text_ar = models.CharField(_("answer in Arabic"), max_length=500)
    text_fr = models.CharField(_("answer in French"), max_length=500, blank=True)
    points = models.PositiveSmallIntegerField(_("points"), default=0, validators=[MaxValueValidator(100)])

    text = LocalisedText()
    panels = [FieldRowPanel([FieldPanel("text_ar"), FieldPanel("text_fr"), FieldPanel("points")])]

    class Meta(Orderable.Meta):
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.text} ({self.points})"


class LabelPage(RoutablePageMixin, Page):
    """The commune's Citizen-Commune Label: what it is, the latest validated self-assessment's
    result per principle and overall, the years compared, the action plan, and the completed
    questionnaire (page and PDF). Drafts are never public.

    Staff fill in, validate and verify the assessments in the admin (``admin_views``)."""

    index_route = page_route("", f"{VIEWS}.label.index")
    assessment_route = page_route("assessments/<id:year>/", f"{VIEWS}.label.assessment")
    assessment_pdf_route = page_route("assessments/<id:year>/pdf/", f"{VIEWS}.label.assessment_pdf")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("The form a new year's self-assessment uses."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("questionnaire")]
    parent_page_types = ["pages.SectionPage", "pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("Citizen-Commune Label")
        verbose_name_plural = _("Citizen-Commune Label pages")

    def logical_label(self) -> LabelPage:
        """The source-language label page (one query, kept for the request): the assessments
        hang on it."""
        return logical_specific(self)


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Being filled in")
    VALIDATED = "validated", _("Validated")
    VERIFIED = "verified", _("Verified")


class Assessment(models.Model):
    """A year's self-assessment: filled in by the focal point with colleagues (a draft, never
    public), validated in the president's name (the scores per principle frozen:
    ``self_scores``), then verified by the technical team during a field visit (answers confirmed
    or corrected, the final scores frozen: ``final_scores``)."""

    label = models.ForeignKey(LabelPage, verbose_name=_("label page"), on_delete=models.CASCADE,
                              related_name="assessments", limit_choices_to=source_language_pages)
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    questionnaire = models.ForeignKey(Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT,
                                      related_name="assessments")
    status = models.CharField(_("status"), max_length=10, choices=AssessmentStatus.choices,
                              default=AssessmentStatus.DRAFT)
    summary_ar = models.TextField(_("public summary in Arabic"), blank=True)
    summary_fr = models.TextField(_("public summary in French"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    validated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+")
    validated_at = models.DateTimeField(null=True, blank=True)
    validated_as = models.CharField(_("validated by (name and office)"), max_length=255, blank=True,
                                    help_text=_("The president, or the delegate who validates in the president's name."))
    self_scores = models.JSONField(default=dict, blank=True, editable=False,
                                   help_text="Frozen at validation: scoring.Scores.as_json().")
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    visit_on = models.DateField(_("date of the verification visit"), null=True, blank=True)
    verification_team = models.CharField(_("technical team"), max_length=500, blank=True)
    verification_note_ar = models.TextField(_("verification report in Arabic"), blank=True)
    verification_note_fr = models.TextField(_("verification report in French"), blank=True)
    final_scores = models.JSONField(default=dict, blank=True, editable=False,
                                    help_text="Frozen at verification: scoring.Scores.as_json().")

    summary = LocalisedText()
    verification_note = LocalisedText()

    class Meta:
        verbose_name = _("label self-assessment")
        verbose_name_plural = _("label self-assessments")
        ordering = ["label", "-year"]
        constraints = [models.UniqueConstraint(fields=["label", "year"], name="label_assessment_year_unique")]

    def __str__(self) -> str:
        return f"{self.year} — {self.get_status_display()}"

    @property
    def is_public(self) -> bool:
        return self.status != AssessmentStatus.DRAFT

    @property
    def scores(self) -> dict:
        """The scores citizens see: the verified ones once verified, else the validated ones."""
        return self.final_scores or self.self_scores


class Answer(models.Model):
    """The commune's answer to one question of an assessment, who gave it, and what the technical
    team found (``verified_choice``: the answer confirmed, or corrected, with a note)."""

    assessment = models.ForeignKey(Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE,
                                   related_name="answers")
    question = models.ForeignKey(Question, verbose_name=_("question"), on_delete=models.PROTECT,
                                 related_name="answers")
    choice = models.ForeignKey(AnswerChoice, verbose_name=_("answer"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    comment = models.TextField(_("comment"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)
    verified_choice = models.ForeignKey(AnswerChoice, verbose_name=_("answer after verification"), null=True,
                                        blank=True, on_delete=models.PROTECT, related_name="+")
    verification_note = models.TextField(_("verification note"), blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [models.UniqueConstraint(fields=["assessment", "question"], name="label_answer_unique")]

    def __str__(self) -> str:
        return f"{self.assessment_id}/{self.question_id}"

    @property
    def is_corrected(self) -> bool:
        return self.verified_choice_id is not None and self.verified_choice_id != self.choice_id

    @property
    def final_choice(self):
        return self.verified_choice if self.verified_choice_id else self.choice


def evidence_path(instance: AnswerEvidence, filename: str) -> str:
    return f"label-evidence/{instance.answer.assessment_id}/{filename}"


class AnswerEvidence(models.Model):
    """A source of verification the commune attached to an answer (a decision, minutes, a list).
    Private to the commune's staff: kept in the private storage, served by a staff view only."""

    answer = models.ForeignKey(Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="evidence")
    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(_("file"), storage=private_storage, upload_to=evidence_path, max_length=255)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["answer", "uploaded_at"]

    def __str__(self) -> str:
        return self.title


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("a commitment or an action", "In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


class ActionPlanItem(models.Model):
    """An action of the plan agreed from an assessment's weak points: who, by when, where it
    stands, and the charter commitments and programme project it serves."""

    assessment = models.ForeignKey(Assessment, verbose_name=_("self-assessment"), on_delete=models.CASCADE,
                                   related_name="actions")
    number = models.PositiveSmallIntegerField(_("number"))
    title_ar = models.CharField(_("action in Arabic"), max_length=255)
    title_fr = models.CharField(_("action in French"), max_length=255, blank=True)
    principle = models.ForeignKey(Principle, verbose_name=_("principle"), on_delete=models.PROTECT,
                                  related_name="actions")
    question = models.ForeignKey(Question, verbose_name=_("weak point (question)"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="actions")
    owner_ar = models.CharField(_("owner in Arabic"), max_length=200, blank=True)
    owner_fr = models.CharField(_("owner in French"), max_length=200, blank=True)
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.PLANNED)
    note_ar = models.TextField(_("progress note in Arabic"), blank=True)
    note_fr = models.TextField(_("progress note in French"), blank=True)
    commitments = models.ManyToManyField(Commitment, verbose_name=_("charter commitments"), blank=True,
                                         related_name="actions")
    programme_project = models.ForeignKey(
        "participation_core.Contribution", verbose_name=_("programme project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="label_actions",
    )

    title = LocalisedText()
    owner = LocalisedText()
    note = LocalisedText()

    class Meta:
        verbose_name = _("action of the plan")
        verbose_name_plural = _("action plan")
        ordering = ["assessment", "number"]
        constraints = [models.UniqueConstraint(fields=["assessment", "number"], name="label_action_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def is_late(self, today: dt.date) -> bool:
        return bool(self.due_on and self.due_on < today
                    and self.status in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS))
