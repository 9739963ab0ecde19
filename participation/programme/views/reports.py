"""Public pages of the annual evaluation reports: the published summary (texts and the figures
frozen at publication) and its PDF. A draft is not public (404): its focal point previews it in
the admin (``admin_reports.report_pdf``)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from participation.core.caching import anonymous_page_cache
from participation.core.pages import current_language

from .. import reports
from ..models import AnnualReport, ProgrammePage


def _published(page: ProgrammePage, year: int) -> AnnualReport:
    programme = page.logical_programme()
    report = (
        AnnualReport.objects.filter(programme=programme, year=year, published_at__isnull=False)
        .select_related("programme")
        .first()
    )
    if report is None:
        raise Http404
    return report


@anonymous_page_cache
def annual_report(request: HttpRequest, page: ProgrammePage, year: int) -> HttpResponse:
    report = _published(page, year)
    context = {
        "report": report,
        "report_title": reports.report_title(report),
        "figures": reports.report_figures(report.figures, programme=report.programme),
        "translation_suffix": f"reports/{year}/",
    }
    return page.render(request, template="programme/annual_report.html", context_overrides=context)


def annual_report_pdf(request: HttpRequest, page: ProgrammePage, year: int) -> HttpResponse:
    report = _published(page, year)
    return reports.annual_report_pdf_response(report=report, page=page, language=current_language(), cached=True)
