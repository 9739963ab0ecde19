"""The annual evaluation report (decree 2.16.301 art. 14-15) as people read it: its figures laid
out for a page, the admin and the PDF, whether they are the live ones (a draft) or the ones frozen
at publication (``AnnualReport.figures``, written by ``ProgrammeFigures.as_json``); and the PDF,
rendered from ``programme/pdf/annual_report.html`` by ``participation.core.pdf``."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from participation.core.pages import current_language, page_site

from .models import AnnualReport, ProgrammePage, Project, ProjectStatus


def _money(value) -> Decimal:
    try:
        return Decimal(str(value or "0"))
    except (InvalidOperation, ValueError):
        return Decimal("0")


def _rate(part: Decimal, whole: Decimal) -> float | None:
    return round(float(part / whole * 100), 1) if whole else None


@dataclass(frozen=True)
class MoneyRow:
    planned: Decimal
    committed: Decimal
    spent: Decimal

    @property
    def execution_rate(self) -> float | None:
        """Spent over planned, in per cent."""
        return _rate(self.spent, self.planned)

    @property
    def commitment_rate(self) -> float | None:
        return _rate(self.committed, self.planned)


@dataclass(frozen=True)
class AxisRow:
    number: int | str
    title: str
    projects: int
    done: int
    completion_rate: float | None
    money: MoneyRow


@dataclass(frozen=True)
class ReportFigures:
    projects: int
    done: int
    cancelled: int
    completion_rate: float | None
    money: MoneyRow
    axes: list[AxisRow]
    by_status: list[tuple[str, int]]
    on_track: int
    off_track: int
    no_data: int
    late: list[tuple[int, str]] = field(default_factory=list)
    late_count: int = 0

    @property
    def is_empty(self) -> bool:
        return not self.projects


def _money_row(data: dict) -> MoneyRow:
    data = data or {}
    return MoneyRow(planned=_money(data.get("planned")), committed=_money(data.get("committed")),
                    spent=_money(data.get("spent")))


def _label(group: dict, language: str) -> str:
    return group.get(f"label_{language}") or group.get("label_ar") or ""


def report_figures(data: dict, *, programme: ProgrammePage, language: str | None = None) -> ReportFigures:
    """The figures of ``data`` (``ProgrammeFigures.as_json()``, live or frozen) in ``language``
    (default: the active one); one query for the titles of the late projects."""
    language = (language or current_language())[:2]
    data = data or {}
    total = data.get("total") or {}
    statuses = dict(ProjectStatus.choices)
    late_ids = [pk for pk in data.get("late_project_ids") or [] if isinstance(pk, int)]
    late = []
    if late_ids:
        rows = Project.objects.filter(programme=programme, pk__in=late_ids).order_by("number")
        late = [(row.number, row.title) for row in rows.only("number", "title_ar", "title_fr")]
    indicators = data.get("indicators") or {}
    return ReportFigures(
        projects=total.get("projects", 0),
        done=total.get("done", 0),
        cancelled=total.get("cancelled", 0),
        completion_rate=total.get("completion_rate"),
        money=_money_row(total.get("money")),
        axes=[
            AxisRow(number=group.get("key", ""), title=_label(group, language), projects=group.get("projects", 0),
                    done=group.get("done", 0), completion_rate=group.get("completion_rate"),
                    money=_money_row(group.get("money")))
            for group in data.get("by_axis") or []
        ],
        by_status=[(str(statuses.get(status, status)), count) for status, count in data.get("by_status") or [] if count],
        on_track=indicators.get("on_track", 0),
        off_track=indicators.get("off_track", 0),
        no_data=indicators.get("no_data", 0),
        late=late,
        late_count=len(late_ids),
    )


def live_figures(report: AnnualReport) -> dict:
    """The programme's figures for the report's year, as they are now (seven queries)."""
    from .figures import programme_figures

    return programme_figures(programme=report.programme, year=report.year).as_json()


def shown_figures(report: AnnualReport, *, language: str | None = None) -> ReportFigures:
    """A published report shows its frozen figures; a draft, the live ones."""
    data = report.figures if report.is_published else live_figures(report)
    return report_figures(data, programme=report.programme, language=language)


def _pdf_context(*, report: AnnualReport, page: ProgrammePage) -> dict:
    from site_template.communes.models import CommuneSettings

    site = page_site(page)
    commune = CommuneSettings.for_site(site) if site else None
    return {
        "page": page,
        "report": report,
        "figures": shown_figures(report),
        "commune": commune,
        "author": commune.name if commune else "",
        "printed_at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
        "published_at": timezone.localtime(report.published_at).strftime("%Y-%m-%d") if report.published_at else "",
    }


def annual_report_pdf_bytes(*, report: AnnualReport, page: ProgrammePage, language: str) -> bytes:
    """The printable report: texts, figures (frozen once published) and late projects."""
    from participation.core.pdf import render_pdf

    with translation.override(language):
        return render_pdf("programme/pdf/annual_report.html", _pdf_context(report=report, page=page))


def annual_report_pdf_response(
    *, report: AnnualReport, page: ProgrammePage, language: str, cached: bool = False
) -> HttpResponse:
    """The PDF as a response; ``cached``: a published report's PDF is made once per content
    version and language (every visitor gets the same document)."""
    def build() -> bytes:
        return annual_report_pdf_bytes(report=report, page=page, language=language)

    if cached and report.published_at is not None:
        from participation.core.caching import content_cached

        key = f"programme-report-pdf:{report.pk}:{report.published_at.isoformat()}:{page.pk}:{language}"
        data = content_cached(key, build)
    else:
        data = build()
    response = HttpResponse(data, content_type="application/pdf")
    name = f"programme-{report.programme_id}-report-{report.year}-{language}.pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


def published_reports(programme: ProgrammePage) -> list[AnnualReport]:
    """The programme's published reports, newest first (for ``programme/includes/reports_list.html``)."""
    return list(AnnualReport.objects.filter(programme=programme.logical_programme(), published_at__isnull=False)
                .order_by("-year"))


def report_title(report: AnnualReport) -> str:
    return _("Annual evaluation report %(year)s") % {"year": report.year}
