"""The citizen budget: the commune's budget years, their revenue and expense lines in the
communes' budget nomenclature, the plain-language explanations of its chapters and functional
sectors, the publication delays, and the citizens' questions about a line.

Every row hangs on the source-language (Arabic) budget page, ``BudgetPage.logical_budget()``; the
French copy shows the same data with its French texts (``*_fr`` fields, falling back to Arabic).
Writes go through ``services`` and ``imports``; this module only declares the data and its small,
pure rules (what is due when, what a line's final amount and execution rate are)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from participation.core.pages import logical_specific
from participation.core.routing import page_route
from site_template.i18n import LocalisedText, source_language

VIEWS = "participation.budget.views"

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]
#: Amounts in MAD: 16 digits with 2 decimals (the largest commune budgets are a few billion).
AMOUNT = {"max_digits": 16, "decimal_places": 2}
#: The kind of the core ``Contribution`` a citizen's question about a budget line is.
QUESTION_KIND = "budget_question"


def execution_rate(executed, final) -> Decimal | None:
    """The execution rate: executed out of the final credit in per cent, one decimal (None when
    either is unknown or the final credit is nil; over-execution is shown as it is). The one
    place this rule lives: ``BudgetLine.execution_rate``, the figures and the open data use it."""
    if executed is None or final is None or not final:
        return None
    return (Decimal(executed) * 100 / Decimal(final)).quantize(Decimal("0.1"))


class Direction(models.TextChoices):
    REVENUE = "revenue", _("Revenue")
    EXPENSE = "expense", _("Expense")


class Section(models.TextChoices):
    """The two parts of a commune's budget: operating (first part) and investment (second part)."""

    OPERATING = "operating", _("Operating")
    INVESTMENT = "investment", _("Investment")


@register_setting(icon="time")
class BudgetSettings(BaseSiteSetting):
    """When the commune posts its budget and its administrative account (its own rules, under
    law 31-13 art. 10)."""

    budget_publication_days = models.PositiveSmallIntegerField(
        _("budget: publication delay after its approval (days)"),
        default=30,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "Law 31-13, art. 10: budgets are published proactively. The delay is the commune's own rule, "
            "counted from the budget's approval (the governor's visa)."
        ),
    )
    account_publication_days = models.PositiveSmallIntegerField(
        _("administrative account: publication delay after the year closes (days)"),
        default=120,
        validators=[MaxValueValidator(365)],
        help_text=_(
            "Law 31-13, art. 10: accounts are published proactively. The delay is the commune's own rule, "
            "counted from 31 December of the year; the council examines the account at its February session "
            "(organic law 113.14, art. 33)."
        ),
    )

    panels = [FieldPanel("budget_publication_days"), FieldPanel("account_publication_days")]

    class Meta:
        verbose_name = _("citizen budget")


class BudgetPage(RoutablePageMixin, Page):
    """The citizen budget: where the commune's money comes from and where it goes, year by year.

    Sub-routes (served by ``views``): a year's citizen page, every line of a year (searchable),
    a budget line (with the citizens' questions and the form to ask one), a question's thread, a
    year's open data (CSV, XLSX, JSON) and its printable leaflet (PDF)."""

    index_route = page_route("", f"{VIEWS}.pages.index")
    year_route = page_route("years/<id:year>/", f"{VIEWS}.pages.year")
    lines_route = page_route("years/<id:year>/lines/", f"{VIEWS}.questions.lines")
    line_route = page_route("years/<id:year>/lines/<id:pk>/", f"{VIEWS}.questions.line")
    question_route = page_route("questions/<id:pk>/", f"{VIEWS}.questions.question")
    data_route = page_route("years/<id:year>/data/<str:fmt>/", f"{VIEWS}.data.open_data")
    pdf_route = page_route("years/<id:year>/pdf/", f"{VIEWS}.data.leaflet_pdf")

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link", "ul", "ol"])
    big_projects_count = models.PositiveSmallIntegerField(
        _("big investment projects shown"), default=8, validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("The year's page lists this many of the largest investment expense lines."),
    )

    search_fields = [*Page.search_fields, index.SearchField("intro")]
    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("big_projects_count")]
    parent_page_types = ["pages.SectionPage", "pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("citizen budget page")
        verbose_name_plural = _("citizen budget pages")

    def logical_budget(self) -> BudgetPage:
        """The source-language budget page (kept for the request): every year, line and
        explanation hangs on it."""
        return logical_specific(self)

    # -- hooks read by participation.core ------------------------------------------------------
    def contribution_url(self, contribution) -> str:
        """Where core endpoints and notifications send people: the question's sub-page."""
        return self.url + self.reverse_subpage("question_route", args=[contribution.pk])

    def contribution_urls(self, contributions) -> dict[int, str]:
        return {c.pk: self.contribution_url(c) for c in contributions}


def source_language_pages() -> dict:
    """``limit_choices_to``: the source-language pages, which hold the data."""
    return {"locale__language_code": source_language()}


class Explained(models.Model):
    """A name in both languages and its plain-language explanation, written by the communicator
    once and shown every year."""

    name_ar = models.CharField(_("name in Arabic"), max_length=255)
    name_fr = models.CharField(_("name in French"), max_length=255, blank=True)
    explanation_ar = models.TextField(
        _("explanation in Arabic"), blank=True,
        help_text=_("In plain words, for a citizen who never opened a budget: what this money is."),
    )
    explanation_fr = models.TextField(_("explanation in French"), blank=True)

    name = LocalisedText()
    explanation = LocalisedText()

    class Meta:
        abstract = True


class Sector(Explained):
    """A functional sector of expenses (general services, roads, lighting, cleanliness…)."""

    budget = models.ForeignKey(BudgetPage, verbose_name=_("citizen budget"), on_delete=models.CASCADE,
                               related_name="sectors", limit_choices_to=source_language_pages)
    code = models.CharField(_("code"), max_length=12)

    panels = [
        FieldRowPanel([FieldPanel("budget"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("name_ar"), FieldPanel("name_fr")]),
        FieldPanel("explanation_ar"),
        FieldPanel("explanation_fr"),
    ]

    class Meta:
        verbose_name = _("functional sector")
        verbose_name_plural = _("functional sectors")
        ordering = ["budget", "code"]
        constraints = [models.UniqueConstraint(fields=["budget", "code"], name="budget_sector_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Chapter(Explained):
    """A chapter of the nomenclature, on one side (revenue or expense) of one part (operating or
    investment) of the budget. Its name comes from the imports, its explanation from the
    communicator."""

    budget = models.ForeignKey(BudgetPage, verbose_name=_("citizen budget"), on_delete=models.CASCADE,
                               related_name="chapters", limit_choices_to=source_language_pages)
    direction = models.CharField(_("revenue or expense"), max_length=8, choices=Direction.choices)
    section = models.CharField(_("part"), max_length=12, choices=Section.choices)
    code = models.CharField(_("code"), max_length=12)

    panels = [
        FieldPanel("budget"),
        FieldRowPanel([FieldPanel("direction"), FieldPanel("section"), FieldPanel("code")]),
        FieldRowPanel([FieldPanel("name_ar"), FieldPanel("name_fr")]),
        FieldPanel("explanation_ar"),
        FieldPanel("explanation_fr"),
    ]

    class Meta:
        verbose_name = _("budget chapter")
        verbose_name_plural = _("budget chapters")
        ordering = ["budget", "direction", "section", "code"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "direction", "section", "code"], name="budget_chapter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class BudgetYear(models.Model):
    """One year's budget: voted (with its amendments) and, once the year has closed, executed (the
    administrative account). Each is published on its own, and each has a due date."""

    budget = models.ForeignKey(BudgetPage, verbose_name=_("citizen budget"), on_delete=models.CASCADE,
                               related_name="years", limit_choices_to=source_language_pages)
    year = models.PositiveIntegerField(_("year"), validators=YEAR_VALIDATORS)
    approved_on = models.DateField(
        _("approval date"), null=True, blank=True,
        help_text=_("The date the budget became enforceable (the governor's visa): its publication is due from it."),
    )
    summary_ar = models.TextField(_("summary in Arabic"), blank=True,
                                  help_text=_("A few plain sentences on the year's budget, shown at the top."))
    summary_fr = models.TextField(_("summary in French"), blank=True)
    budget_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("budget document (PDF)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    account_document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("administrative account document (PDF)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    budget_published_at = models.DateTimeField(_("budget published at"), null=True, blank=True, editable=False)
    account_published_at = models.DateTimeField(_("administrative account published at"), null=True, blank=True,
                                                editable=False)
    imported_at = models.DateTimeField(_("last import"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    summary = LocalisedText()

    panels = [
        FieldRowPanel([FieldPanel("budget"), FieldPanel("year"), FieldPanel("approved_on")]),
        FieldPanel("summary_ar"),
        FieldPanel("summary_fr"),
        MultiFieldPanel([FieldPanel("budget_document"), FieldPanel("account_document")], heading=_("Documents")),
    ]

    class Meta:
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")
        ordering = ["budget", "-year"]
        constraints = [models.UniqueConstraint(fields=["budget", "year"], name="budget_year_unique")]

    def __str__(self) -> str:
        return str(_("Budget %(year)s") % {"year": self.year})

    @property
    def is_published(self) -> bool:
        """Citizens see a year once its budget is published."""
        return self.budget_published_at is not None

    @property
    def has_account(self) -> bool:
        """The executed amounts are shown once the administrative account is published."""
        return self.account_published_at is not None

    def budget_due_on(self, settings: BudgetSettings) -> dt.date | None:
        """The budget is due ``budget_publication_days`` after its approval (unknown before)."""
        if self.approved_on is None:
            return None
        return self.approved_on + dt.timedelta(days=settings.budget_publication_days)

    def account_due_on(self, settings: BudgetSettings) -> dt.date:
        """The administrative account is due ``account_publication_days`` after 31 December."""
        return dt.date(self.year, 12, 31) + dt.timedelta(days=settings.account_publication_days)


class BudgetLine(models.Model):
    """A line of the budget: its place in the nomenclature (revenue or expense, part, chapter,
    article, paragraph), its functional sector (expenses), and its amounts in MAD: voted, the
    amendments of the year (signed: transfers and supplementary budgets) and executed (from the
    administrative account; empty until then)."""

    budget_year = models.ForeignKey(BudgetYear, verbose_name=_("budget year"), on_delete=models.CASCADE,
                                    related_name="lines")
    direction = models.CharField(_("revenue or expense"), max_length=8, choices=Direction.choices)
    section = models.CharField(_("part"), max_length=12, choices=Section.choices)
    chapter = models.ForeignKey(Chapter, verbose_name=_("chapter"), on_delete=models.PROTECT, related_name="lines")
    article = models.CharField(_("article"), max_length=12)
    paragraph = models.CharField(_("paragraph"), max_length=12, blank=True)
    label_ar = models.CharField(_("label in Arabic"), max_length=300)
    label_fr = models.CharField(_("label in French"), max_length=300, blank=True)
    sector = models.ForeignKey(Sector, verbose_name=_("functional sector"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="lines")
    voted = models.DecimalField(_("voted (MAD)"), validators=[MinValueValidator(Decimal("0"))], **AMOUNT)
    amendments = models.DecimalField(_("amendments (MAD)"), default=Decimal("0"), **AMOUNT,
                                     help_text=_("Transfers and supplementary budgets of the year: may be negative."))
    executed = models.DecimalField(_("executed (MAD)"), null=True, blank=True,
                                   validators=[MinValueValidator(Decimal("0"))], **AMOUNT,
                                   help_text=_("From the administrative account; empty until the year has closed."))
    tracked_project = models.ForeignKey(
        "participation_core.Contribution", verbose_name=_("programme project"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The project of the programme tracking this line pays for (its participation thread)."),
    )

    label = LocalisedText()

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["budget_year", "direction", "section", "chapter__code", "article", "paragraph"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget_year", "direction", "section", "chapter", "article", "paragraph"],
                name="budget_line_code_unique",
            )
        ]
        indexes = [models.Index(fields=["budget_year", "direction", "section"])]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"

    def clean(self):
        super().clean()
        if self.voted is not None and self.voted + (self.amendments or 0) < 0:
            raise ValidationError({"amendments": _("The amendments cannot take more than the voted amount.")})

    @property
    def code(self) -> str:
        """The line's code in the nomenclature: chapter.article[.paragraph]."""
        parts = [self.chapter.code if self.chapter_id else "", self.article, self.paragraph]
        return ".".join(part for part in parts if part)

    @property
    def final(self) -> Decimal:
        """The final credit: voted plus the year's amendments."""
        return self.voted + self.amendments

    @property
    def execution_rate(self) -> Decimal | None:
        """Executed out of the final credit, in percent (one decimal), or None when unknown
        (``execution_rate``)."""
        return execution_rate(self.executed, self.final)


class LineQuestion(models.Model):
    """A citizen's question about a budget line: a core ``Contribution`` (kind ``budget_question``:
    comments, the commune's official answer, follows) tied to the line it asks about."""

    line = models.ForeignKey(BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT,
                             related_name="questions", help_text=_("A line citizens asked about is never deleted."))
    contribution = models.OneToOneField("participation_core.Contribution", on_delete=models.CASCADE,
                                        related_name="budget_question")

    class Meta:
        verbose_name = _("question about a budget line")
        verbose_name_plural = _("questions about budget lines")

    def __str__(self) -> str:
        return f"{self.line_id}: {self.contribution_id}"
