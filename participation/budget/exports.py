"""A budget year as open data, in the ``budget/1`` layout of ``DATA_LAYOUT.md`` (the one the
imports read back): the ``lines`` table (a chapter row with the sums of its lines before each
chapter's lines) as CSV, the workbook (``lines`` and ``sectors`` sheets) and the JSON document.

Executed amounts (``executed``, ``execution_rate``, and the executed totals) are written only
once the year's administrative account is published: the public functions never leak them.
Staff get the same workbook with them whatever the account's state (``year_xlsx_bytes`` with
``unpublished_executed=True``, its default: the admin's download). Every function reads with a
fixed number of queries, whatever the number of lines."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from participation.core.conversion import tracked_items
from participation.core.exports import csv_text, xlsx_workbook_bytes
from participation.core.pages import page_site
from site_template.communes.models import CommuneSettings

from .models import BudgetLine, BudgetPage, BudgetYear, Direction, Section, Sector, execution_rate

LAYOUT_VERSION = "budget/1"

LINE_COLUMNS: tuple[str, ...] = (
    "direction", "section", "chapter", "article", "paragraph", "label_ar", "label_fr", "sector",
    "voted", "amendments", "final", "executed", "execution_rate", "programme_project",
)
SECTOR_COLUMNS: tuple[str, ...] = ("code", "name_ar", "name_fr", "explanation_ar", "explanation_fr")
SHEETS: dict[str, tuple[str, ...]] = {"lines": LINE_COLUMNS, "sectors": SECTOR_COLUMNS}
AMOUNTS = ("voted", "amendments", "final", "executed")

DIRECTION_ORDER = {Direction.REVENUE: 0, Direction.EXPENSE: 1}
SECTION_ORDER = {Section.OPERATING: 0, Section.INVESTMENT: 1}
CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def _code_key(code: str) -> tuple:
    """Codes sort as numbers when they are numbers (``9`` before ``10``), else as text."""
    return (0, int(code), "") if code.isdigit() else (1, 0, code)


def _line_key(line: BudgetLine) -> tuple:
    return (
        DIRECTION_ORDER.get(line.direction, 9), SECTION_ORDER.get(line.section, 9),
        _code_key(line.chapter.code), _code_key(line.article), _code_key(line.paragraph),
    )


class Sums:
    """The voted, amendments, final and executed sums of some lines (``executed`` None when
    hidden or when none of the lines has one)."""

    def __init__(self) -> None:
        self.voted = self.amendments = Decimal("0")
        self.executed: Decimal | None = None

    def add(self, voted: Decimal, amendments: Decimal, executed: Decimal | None) -> None:
        self.voted += voted
        self.amendments += amendments
        if executed is not None:
            self.executed = (self.executed or Decimal("0")) + executed

    @property
    def final(self) -> Decimal:
        return self.voted + self.amendments

    @property
    def execution_rate(self) -> Decimal | None:
        return execution_rate(self.executed, self.final)


class YearData:
    """Everything one year's export needs, read once (four queries, and the tracked items'
    hooks when a line pays for a programme project): the year, its lines with their chapters and
    sectors in the layout's order, the budget's sectors."""

    def __init__(self, budget_year: BudgetYear, *, unpublished_executed: bool = False) -> None:
        self.year = (
            BudgetYear.objects.select_related("budget", "budget_document", "account_document")
            .get(pk=budget_year.pk)
        )
        self.budget: BudgetPage = self.year.budget
        self.show_executed = self.year.has_account or unpublished_executed
        self.lines = sorted(
            BudgetLine.objects.filter(budget_year=self.year).select_related("chapter", "sector"), key=_line_key
        )
        self.sectors = list(Sector.objects.filter(budget=self.budget).order_by("code"))
        self.projects = self._project_references()

    def executed(self, line: BudgetLine) -> Decimal | None:
        return line.executed if self.show_executed else None

    def _project_references(self) -> dict[int, str]:
        """contribution id → how the layout names the programme project a line pays for: its
        number, or ``<programme slug>/<number>`` when numbers alone are ambiguous."""
        if not any(line.tracked_project_id for line in self.lines):
            return {}
        items = tracked_items(page_site(self.budget))
        shortest = [item.references[-1] for item in items if item.references]
        precise = len(set(shortest)) < len(shortest)
        return {
            item.contribution.pk: item.references[0] if precise else item.references[-1]
            for item in items if item.references
        }

    def chapters(self) -> list[tuple[Any, list[BudgetLine], Sums]]:
        """``(chapter, its lines, their sums)`` in the layout's order."""
        groups: list[tuple[Any, list[BudgetLine], Sums]] = []
        for line in self.lines:
            if not groups or groups[-1][0].pk != line.chapter_id:
                groups.append((line.chapter, [], Sums()))
            groups[-1][1].append(line)
            groups[-1][2].add(line.voted, line.amendments, self.executed(line))
        return groups


def _line_row(data: YearData, line: BudgetLine) -> list[Any]:
    executed = data.executed(line)
    return [
        line.direction, line.section, line.chapter.code, line.article, line.paragraph, line.label_ar, line.label_fr,
        line.sector.code if line.sector_id else "", line.voted, line.amendments, line.final, executed,
        execution_rate(executed, line.final),
        data.projects.get(line.tracked_project_id, "") if line.tracked_project_id else "",
    ]


def _chapter_row(chapter, sums: Sums) -> list[Any]:
    return [
        chapter.direction, chapter.section, chapter.code, "", "", chapter.name_ar, chapter.name_fr, "",
        sums.voted, sums.amendments, sums.final, sums.executed, sums.execution_rate, "",
    ]


def _tables(data: YearData) -> dict[str, tuple[tuple[str, ...], list[list[Any]]]]:
    lines: list[list[Any]] = []
    for chapter, chapter_lines, sums in data.chapters():
        lines.append(_chapter_row(chapter, sums))
        lines.extend(_line_row(data, line) for line in chapter_lines)
    sectors = [[getattr(sector, column) for column in SECTOR_COLUMNS] for sector in data.sectors]
    return {"lines": (LINE_COLUMNS, lines), "sectors": (SECTOR_COLUMNS, sectors)}


def year_tables(budget_year: BudgetYear, *, unpublished_executed: bool = False) -> dict[str, tuple]:
    """``{sheet: (columns, rows)}`` in the layout (rows are lists of Python values; empty cells
    are None or "")."""
    return _tables(YearData(budget_year, unpublished_executed=unpublished_executed))


def year_xlsx_bytes(budget_year: BudgetYear, *, unpublished_executed: bool = True, rtl: bool | None = None) -> bytes:
    """The workbook (``lines`` and ``sectors`` sheets, the column keys as header). For staff by
    default: the executed amounts are written even while the account is unpublished; the public
    download passes ``unpublished_executed=False``."""
    tables = year_tables(budget_year, unpublished_executed=unpublished_executed)
    return xlsx_workbook_bytes([(sheet, rows, list(columns)) for sheet, (columns, rows) in tables.items()], rtl=rtl)


def year_lines_csv(budget_year: BudgetYear) -> str:
    """The public ``lines`` table as CSV (UTF-8 with BOM)."""
    columns, rows = year_tables(budget_year)["lines"]
    return csv_text(rows, list(columns))


# --- JSON -------------------------------------------------------------------------------------


def _money(value: Decimal | None) -> str | None:
    return None if value is None else f"{Decimal(value).quantize(CENT)}"


def _percent(value: Decimal | None) -> str | None:
    return None if value is None else f"{Decimal(value).quantize(TENTH)}"


def _when(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def _amounts(voted, amendments, final, executed, rate) -> dict[str, str | None]:
    return {
        "voted": _money(voted), "amendments": _money(amendments), "final": _money(final),
        "executed": _money(executed), "execution_rate": _percent(rate),
    }


def _sums_json(sums: Sums) -> dict[str, str | None]:
    return _amounts(sums.voted, sums.amendments, sums.final, sums.executed, sums.execution_rate)


def _totals(data: YearData) -> dict[str, Any]:
    """direction → section (and ``total``) → the sums."""
    totals: dict[str, dict[str, Sums]] = {
        direction: {section: Sums() for section in (*SECTION_ORDER, "total")} for direction in DIRECTION_ORDER
    }
    for line in data.lines:
        executed = data.executed(line)
        for key in (line.section, "total"):
            totals[line.direction][key].add(line.voted, line.amendments, executed)
    return {
        str(direction): {str(section): _sums_json(sums) for section, sums in by_section.items()}
        for direction, by_section in totals.items()
    }


def _document_url(document, root_url: str) -> str | None:
    return None if document is None else root_url + document.url


def year_json(budget_year: BudgetYear, *, unpublished_executed: bool = False) -> dict[str, Any]:
    """The JSON document of a year (``DATA_LAYOUT.md``, "JSON"): the budget page in each language,
    the commune, the year's dates and documents, the totals per side and part, the chapters with
    their lines, the sectors. Amounts are strings with two decimals."""
    data = YearData(budget_year, unpublished_executed=unpublished_executed)
    year, budget = data.year, data.budget
    site = page_site(budget)
    commune = CommuneSettings.for_site(site) if site is not None else None
    root_url = site.root_url if site is not None else ""
    translations = {
        page.locale.language_code: page
        for page in BudgetPage.objects.filter(translation_key=budget.translation_key, live=True).select_related("locale")
    }
    chapters = []
    for chapter, lines, sums in data.chapters():
        chapters.append({
            "direction": chapter.direction, "section": chapter.section, "chapter": chapter.code,
            "label_ar": chapter.name_ar, "label_fr": chapter.name_fr,
            "explanation_ar": chapter.explanation_ar, "explanation_fr": chapter.explanation_fr,
            **_sums_json(sums),
            "lines": [
                {
                    "article": line.article, "paragraph": line.paragraph,
                    "label_ar": line.label_ar, "label_fr": line.label_fr,
                    "sector": line.sector.code if line.sector_id else None,
                    **_amounts(line.voted, line.amendments, line.final, data.executed(line),
                               execution_rate(data.executed(line), line.final)),
                    "programme_project": data.projects.get(line.tracked_project_id) if line.tracked_project_id else None,
                }
                for line in lines
            ],
        })
    return {
        "layout": LAYOUT_VERSION,
        "budget": {
            "title": {code: page.title for code, page in sorted(translations.items())},
            "url": {code: page.full_url for code, page in sorted(translations.items())},
        },
        "commune": {
            "name": {"ar": commune.name_ar, "fr": commune.name_fr} if commune else {},
            "population": commune.population if commune else None,
        },
        "year": year.year,
        "approved_on": _when(year.approved_on),
        "summary": {"ar": year.summary_ar, "fr": year.summary_fr},
        "budget_published_at": _when(year.budget_published_at),
        "account_published_at": _when(year.account_published_at),
        "documents": {
            "budget_document": _document_url(year.budget_document, root_url),
            "account_document": _document_url(year.account_document, root_url) if year.has_account else None,
        },
        "totals": _totals(data),
        "chapters": chapters,
        "sectors": [{column: getattr(sector, column) for column in SECTOR_COLUMNS} for sector in data.sectors],
    }
