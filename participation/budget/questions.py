"""Reads for the citizens' questions about a budget line: the line of a published year with its
amounts, its chapter's and sector's explanations and the same line in the other published years
(one query); the visible questions of a line with the commune's official answers (a page of
them: two queries); a question with the line it asks about (one query). Executed amounts are
only given for years whose administrative account is published."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef

from participation.core.pages import contribution_url
from participation.core.selectors import contribution_list

from .models import QUESTION_KIND, BudgetLine, BudgetPage, LineQuestion

#: Questions shown per page under a line.
QUESTIONS_PER_PAGE = 20


@dataclass(frozen=True)
class LineAmounts:
    """A line's amounts as citizens may see them: ``executed`` and ``execution_rate`` are None
    while the year's administrative account is unpublished."""

    voted: Decimal
    amendments: Decimal
    final: Decimal
    executed: Decimal | None
    execution_rate: Decimal | None

    @classmethod
    def of(cls, line: BudgetLine) -> LineAmounts:
        shown = line.budget_year.has_account and line.executed is not None
        return cls(
            voted=line.voted,
            amendments=line.amendments,
            final=line.final,
            executed=line.executed if shown else None,
            execution_rate=line.execution_rate if shown else None,
        )


@dataclass(frozen=True)
class LineDetail:
    """A line of a published year (``line``, with its year, chapter and sector), its public
    amounts, and the same line (same direction, part, chapter, article and paragraph) in every
    published year, newest first (``years``: the line itself included)."""

    line: BudgetLine
    amounts: LineAmounts
    years: list[tuple[BudgetLine, LineAmounts]]

    @property
    def other_years(self) -> list[tuple[BudgetLine, LineAmounts]]:
        return [(line, amounts) for line, amounts in self.years if line.pk != self.line.pk]


def _public_lines(budget: BudgetPage):
    return BudgetLine.objects.filter(budget_year__budget=budget, budget_year__budget_published_at__isnull=False)


def line_detail(*, budget: BudgetPage, year: int, pk: int) -> LineDetail | None:
    """The line ``pk`` of the published ``year`` of ``budget`` (the logical budget page), or None
    (another year's or budget's line, an unpublished year). One query, whatever the number of years."""
    same_line = BudgetLine.objects.filter(
        pk=pk, budget_year__year=year, budget_year__budget=budget,
        direction=OuterRef("direction"), section=OuterRef("section"), chapter=OuterRef("chapter"),
        article=OuterRef("article"), paragraph=OuterRef("paragraph"),
    )
    rows = list(
        _public_lines(budget).filter(Exists(same_line))
        .select_related("budget_year", "chapter", "sector", "tracked_project")
        .order_by("-budget_year__year")
    )
    line = next((row for row in rows if row.pk == pk), None)
    if line is None:
        return None
    return LineDetail(line=line, amounts=LineAmounts.of(line), years=[(row, LineAmounts.of(row)) for row in rows])


def line_project(line: BudgetLine) -> tuple[str, str] | None:
    """The programme project the line pays for, as ``(title, url)`` in the active language, or
    None (a project no longer visible is not shown)."""
    project = line.tracked_project
    if project is None or project.is_hidden:
        return None
    return project.title, contribution_url(project)


def line_questions(*, budget: BudgetPage, line: BudgetLine, viewer=None, page_number=1) -> PaginatorPage:
    """A page of the visible questions about ``line``, newest first, with their official answers
    and authors (two queries: the count and the page)."""
    rows = (
        contribution_list(page=budget, kinds=[QUESTION_KIND], viewer=viewer)
        .filter(budget_question__line=line)
        .defer(None)  # the list shows the text and the official answer
        .select_related("author")
    )
    return Paginator(rows, QUESTIONS_PER_PAGE).get_page(page_number)


def question_line(*, contribution) -> BudgetLine | None:
    """The line a question asks about, with its year, chapter and sector (one query), or None
    when the question is not about a line of a published year."""
    link = (
        LineQuestion.objects.filter(contribution=contribution, line__budget_year__budget_published_at__isnull=False)
        .select_related("line__budget_year", "line__chapter", "line__sector")
        .first()
    )
    return link.line if link is not None else None
