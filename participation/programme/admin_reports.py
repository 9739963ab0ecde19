"""Staff screens of the annual evaluation reports (decree 2.16.301 art. 14-15): the programme's
reports, drafting one beside the live figures of its year, publishing it (its figures are then
frozen) or taking it back, and its PDF (a draft too: the focal point previews it here)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from participation.core.forms import add_validation_errors
from participation.core.pages import localized_page, source_language
from participation.core.rules import ActionRefused
from site_template.accounts.staff import staff_view
from site_template.params import parse_id

from . import reports, services
from .admin_access import programme_for_staff
from .models import AnnualReport, ProgrammePage

TEXT_FIELDS = [
    "summary_ar", "summary_fr", "resources_ar", "resources_fr", "obstacles_ar", "obstacles_fr",
    "corrective_measures_ar", "corrective_measures_fr",
]


class AnnualReportForm(forms.ModelForm):
    class Meta:
        model = AnnualReport
        fields = ["year", *TEXT_FIELDS]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5, "dir": "rtl" if name.endswith("_ar") else "ltr",
                                        "lang": name[-2:]})
            for name in TEXT_FIELDS
        }


def _report(programme: ProgrammePage, report_id: int) -> AnnualReport:
    report = AnnualReport.objects.filter(programme=programme, pk=report_id).select_related("programme").first()
    if report is None:
        raise Http404
    return report


def _default_year(programme: ProgrammePage) -> int:
    """Last year (the report assesses a year gone by), within the programme's period."""
    year = timezone.localdate().year - 1
    if programme.period_start and year < programme.period_start:
        year = programme.period_start
    if programme.period_end and year > programme.period_end:
        year = programme.period_end
    return year


@staff_view
def report_list(request, page_id: int):
    programme = programme_for_staff(request, page_id)
    rows = list(AnnualReport.objects.filter(programme=programme).order_by("-year"))
    return TemplateResponse(request, "programme/admin/reports.html", {
        "programme": programme, "reports": rows, "public_page": localized_page(programme).specific,
    })


@staff_view
def report_edit(request, page_id: int, report_id: int | None = None):
    """A new report (``report_id`` None) or an existing one, with the live figures of its year."""
    programme = programme_for_staff(request, page_id)
    report = _report(programme, report_id) if report_id else AnnualReport(programme=programme)
    initial = {} if report_id else {"year": _default_year(programme)}
    form = AnnualReportForm(instance=report, initial=initial)
    if request.method == "POST":
        form = AnnualReportForm(request.POST, instance=report)
        if form.is_valid():
            try:
                saved = services.annual_report_save(report=form.instance, by=request.user)
            except ValidationError as error:
                add_validation_errors(form, error)
            except ActionRefused:
                form.add_error(None, _("You may not change this programme."))
            else:
                messages.success(request, _("The report for %(year)s is saved.") % {"year": saved.year})
                return redirect("programme_admin:report_edit", programme.pk, saved.pk)
    year = report.year if report_id else parse_id(request.POST.get("year"))
    if year is None or not 1990 <= year <= 2100:
        year = report.year if report_id else _default_year(programme)
    figures_for = AnnualReport(programme=programme, year=year)
    live = reports.report_figures(reports.live_figures(figures_for), programme=programme)
    frozen = reports.report_figures(report.figures, programme=programme) if report_id and report.is_published else None
    return TemplateResponse(request, "programme/admin/report_edit.html", {
        "programme": programme, "report": report if report_id else None, "form": form, "year": year,
        "live_figures": live, "frozen_figures": frozen,
    })


@staff_view
@require_POST
def report_publish(request, page_id: int, report_id: int):
    """POST ``action=publish`` (figures frozen now) or ``action=unpublish``."""
    programme = programme_for_staff(request, page_id)
    report = _report(programme, report_id)
    try:
        if request.POST.get("action") == "unpublish":
            services.annual_report_unpublish(report=report, by=request.user)
            messages.success(request, _("The report for %(year)s is no longer published.") % {"year": report.year})
        else:
            services.annual_report_publish(report=report, by=request.user)
            messages.success(request, _("The report for %(year)s is published, with its figures as they are today.")
                             % {"year": report.year})
    except ActionRefused:
        messages.error(request, _("You may not change this programme."))
    return redirect("programme_admin:reports", programme.pk)


@staff_view
def report_pdf(request, page_id: int, report_id: int):
    """The PDF in ``?lang=ar|fr`` (default: the source language), published or not."""
    programme = programme_for_staff(request, page_id)
    report = _report(programme, report_id)
    languages = [code for code, _name in settings.LANGUAGES]
    language = request.GET.get("lang") if request.GET.get("lang") in languages else source_language()
    page = localized_page(programme, language).specific
    return reports.annual_report_pdf_response(report=report, page=page, language=language)
