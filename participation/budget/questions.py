"""Reads for the citizens' questions about a budget line: every line of a published year, by
chapter and by words (a page of them with their questions counted: four queries whatever the
number of lines); the line of a published year with its amounts, its chapter's and sector's explanations and the same line in the other published years
(one query); the visible questions of a line with the commune's official answers (a page of
them: two queries); a question with the line it asks about (one query). Executed amounts are
only given for years whose administrative account is published."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef

from participation.core.models import Contribution
from participation.core.pages import contribution_url
from participation.core.selectors import contribution_list
from site_template.search.normalise import fold

from .models import (
    QUESTION_KIND,
    BudgetLine,
    BudgetPage,
    BudgetYear,
    Chapter,
    Direction,
    LineQuestion,
    Section,
)

#: Questions shown per page under a line.
QUESTIONS_PER_PAGE = 20
#: Lines shown per page in a year's list of lines.
LINES_PER_PAGE = 50
_DIRECTIONS = {Direction.REVENUE: 0, Direction.EXPENSE: 1}
_SECTIONS = {Section.OPERATING: 0, Section.INVESTMENT: 1}


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


# -- every line of a year ----------------------------------------------------------------------


def _code_key(code: str) -> tuple:
    """Codes sort as numbers when they are numbers (``9`` before ``10``), else as text."""
    return (0, int(code), "") if code.isdigit() else (1, 0, code)


def _budget_order(line: BudgetLine) -> tuple:
    """The order of the budget: revenue first, operating first, then the codes."""
    return (_DIRECTIONS.get(line.direction, 9), _SECTIONS.get(line.section, 9), _code_key(line.chapter.code),
            _code_key(line.article), _code_key(line.paragraph))


def line_matches(line: BudgetLine, query: str) -> bool:
    """Whether ``query`` is in the line's Arabic or French label, read the way the site's search
    reads them (``fold``: hamza, alef maqsura, ta marbuta, tashkeel, accents and case taken
    away), or in its code."""
    if query.casefold() in line.code.casefold():
        return True
    folded = fold(query)
    return bool(folded) and (folded in fold(line.label_ar) or folded in fold(line.label_fr))


@dataclass(frozen=True)
class YearLines:
    """A page of the lines of a published year (``lines``: ``BudgetLine`` with their chapter,
    ``amounts`` and ``question_count``), the chapters of that year (for the filter), the chapter
    and the words filtered on (None and "" when not)."""

    budget_year: BudgetYear
    chapters: list[Chapter]
    chapter: Chapter | None
    query: str
    lines: PaginatorPage


def year_lines(*, budget: BudgetPage, year: int, chapter_id: int | None = None, query: str = "",
               page_number: int = 1) -> YearLines | None:
    """The lines of the published ``year`` of ``budget`` (the logical budget page) in the order of
    the budget, of one of its chapters (``chapter_id``; another budget's chapter, or one without
    a line this year, is ignored) and matching ``query`` (``line_matches``), a page of
    ``LINES_PER_PAGE``; None when the year is not published. Four queries whatever the number of
    lines: the year, its chapters, its lines (a commune's year has a few hundred: matched here, in
    Python, with the search's Arabic rules) and the visible questions of the page's lines."""
    budget_year = BudgetYear.objects.filter(budget=budget, year=year, budget_published_at__isnull=False).first()
    if budget_year is None:
        return None
    chapters = sorted(
        Chapter.objects.filter(budget=budget, lines__budget_year=budget_year).distinct(),
        key=lambda c: (_DIRECTIONS.get(c.direction, 9), _SECTIONS.get(c.section, 9), _code_key(c.code)),
    )
    chapter = next((c for c in chapters if c.pk == chapter_id), None)
    rows = BudgetLine.objects.filter(budget_year=budget_year).select_related("chapter")
    if chapter is not None:
        rows = rows.filter(chapter=chapter)
    found = sorted(rows, key=_budget_order)
    if query:
        found = [line for line in found if line_matches(line, query)]
    page = Paginator(found, LINES_PER_PAGE).get_page(page_number)
    counts = dict(
        LineQuestion.objects.filter(line__in=[line.pk for line in page],
                                    contribution__in=Contribution.objects.visible())
        .order_by().values_list("line_id").annotate(n=Count("id"))
    ) if len(page) else {}
    for line in page:
        line.budget_year = budget_year  # for LineAmounts, without a query
        line.amounts = LineAmounts.of(line)
        line.question_count = counts.get(line.pk, 0)
    return YearLines(budget_year=budget_year, chapters=chapters, chapter=chapter, query=query, lines=page)
