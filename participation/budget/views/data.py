"""A published budget year as open data: the ``lines`` table as CSV, the workbook (``lines`` and
``sectors``) as XLSX, the whole year as JSON, in the ``budget/1`` layout (``exports``,
``DATA_LAYOUT.md``). Public, cached for anonymous visitors; the same data from the Arabic and the
French page; executed amounts only once the administrative account is published. And the year's
printable leaflet (``leaflet``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.text import slugify
from django.utils.translation import get_language_bidi

from participation.core.caching import anonymous_page_cache
from participation.core.exports import OPEN_DATA_FORMATS, open_data_response
from participation.core.pages import current_language

from ..exports import year_json, year_lines_csv, year_xlsx_bytes
from ..leaflet import leaflet_pdf_response
from ..models import BudgetPage, BudgetYear

FORMATS = OPEN_DATA_FORMATS


def _filename(page: BudgetPage, year: int, fmt: str) -> str:
    stem = f"{slugify(page.slug, allow_unicode=True) or 'budget'}-{year}"
    return f"{stem}-lines.csv" if fmt == "csv" else f"{stem}.{fmt}"


def _published_year(page: BudgetPage, year: int) -> BudgetYear:
    budget_year = BudgetYear.objects.filter(
        budget=page.logical_budget(), year=year, budget_published_at__isnull=False
    ).first()
    if budget_year is None:
        raise Http404
    return budget_year


@anonymous_page_cache
def open_data(request: HttpRequest, page: BudgetPage, year: int, fmt: str) -> HttpResponse:
    if fmt not in FORMATS:
        raise Http404
    budget_year = _published_year(page, year)
    return open_data_response(
        fmt, csv=lambda: year_lines_csv(budget_year),
        xlsx=lambda: year_xlsx_bytes(budget_year, unpublished_executed=False, rtl=get_language_bidi()),
        json_data=lambda: year_json(budget_year), filename=lambda fmt: _filename(page, year, fmt),
    )


@anonymous_page_cache
def leaflet_pdf(request: HttpRequest, page: BudgetPage, year: int) -> HttpResponse:
    """The printable citizen budget of a published year, in the page's language."""
    return leaflet_pdf_response(budget_year=_published_year(page, year), page=page, language=current_language())
