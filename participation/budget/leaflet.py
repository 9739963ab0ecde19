"""The printable "citizen budget" of a published year: a short PDF leaflet (the core's
``participation.core.pdf``) with the year's totals per side and part, where the money comes from
(the revenue chapters), where it goes (the expenses per functional sector, explained), the
largest investment lines, and where to read everything and ask a question. Executed amounts only
once the administrative account is published. Read with the open data's ``YearData`` (a fixed
number of queries); the document is made once per content version and language."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.text import slugify

from participation.core.caching import content_cached
from participation.core.pages import page_site
from site_template.communes.models import CommuneSettings

from .exports import SECTION_ORDER, Sums, YearData
from .models import BudgetLine, BudgetPage, BudgetYear, Direction, Section


@dataclass
class Share:
    """One row of a "where from / where to" table: a name, its explanation, its sums and its share
    of the side's final credits (percent, one decimal)."""

    name: str
    explanation: str
    part: str = ""
    sums: Sums = field(default_factory=Sums)
    share: Decimal | None = None


def _shares(rows: dict, total: Decimal) -> list[Share]:
    shares = sorted(rows.values(), key=lambda s: -s.sums.final)
    for share in shares:
        share.share = (share.sums.final * 100 / total).quantize(Decimal("0.1")) if total else None
    return shares


def leaflet_context(*, budget_year: BudgetYear, page: BudgetPage) -> dict:
    """What the leaflet shows, in the active language (``page``: the budget page in it)."""
    data = YearData(budget_year)
    totals = {
        direction: {section: Sums() for section in (*SECTION_ORDER, "total")}
        for direction in (Direction.REVENUE, Direction.EXPENSE)
    }
    revenue: dict[int, Share] = {}
    expense: dict[int | None, Share] = {}
    investments: list[BudgetLine] = []
    for line in data.lines:
        executed = data.executed(line)
        for key in (line.section, "total"):
            totals[line.direction][key].add(line.voted, line.amendments, executed)
        if line.direction == Direction.REVENUE:
            row = revenue.setdefault(
                line.chapter_id, Share(line.chapter.name, line.chapter.explanation, line.get_section_display())
            )
        else:
            sector = line.sector
            row = expense.setdefault(
                line.sector_id, Share(sector.name, sector.explanation) if sector else Share("—", "")
            )
            if line.section == Section.INVESTMENT:
                investments.append(line)
        row.sums.add(line.voted, line.amendments, executed)
    investments.sort(key=lambda line: -line.final)
    site = page_site(data.budget)
    commune = CommuneSettings.for_site(site) if site is not None else None
    year_url = page.full_url + page.reverse_subpage("year_route", args=[budget_year.year]) if page.full_url else ""
    return {
        "page": page,
        "budget_year": data.year,
        "show_executed": data.show_executed,
        "totals": totals,
        "revenue": _shares(revenue, totals[Direction.REVENUE]["total"].final),
        "expense": _shares(expense, totals[Direction.EXPENSE]["total"].final),
        "investments": investments[: page.logical_budget().big_projects_count],
        "commune": commune,
        "author": commune.name if commune else "",
        "year_url": year_url,
        "printed_at": timezone.localtime().strftime("%Y-%m-%d"),
    }


def leaflet_pdf_bytes(*, budget_year: BudgetYear, page: BudgetPage, language: str) -> bytes:
    from participation.core.pdf import render_pdf

    with translation.override(language):
        return render_pdf("budget/pdf/leaflet.html", leaflet_context(budget_year=budget_year, page=page))


def leaflet_pdf_response(*, budget_year: BudgetYear, page: BudgetPage, language: str) -> HttpResponse:
    """The leaflet as an inline PDF, made once per content version, page and language."""
    key = f"budget-leaflet:{budget_year.pk}:{page.pk}:{language}"
    data = content_cached(key, lambda: leaflet_pdf_bytes(budget_year=budget_year, page=page, language=language))
    response = HttpResponse(data, content_type="application/pdf")
    name = f"{slugify(page.slug) or 'budget'}-{budget_year.year}-{language}.pdf"
    response["Content-Disposition"] = content_disposition_header(as_attachment=False, filename=name)
    return response
