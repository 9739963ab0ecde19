"""The programme's spreadsheet round trip in the admin: upload a workbook (or a CSV table) for a
programme, see the row-by-row report, download the programme as XLSX in the same layout."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.text import slugify
from django.utils.translation import get_language_bidi, gettext_lazy
from django.utils.translation import gettext as _

from participation.core.exports import XLSX_CONTENT_TYPE, attachment
from participation.core.spreadsheets import ImportReport, read_upload
from site_template.accounts.staff import staff_view

from . import rules
from .exports import SHEETS, programme_xlsx
from .imports import MAX_BYTES, MAX_ROWS, programme_import
from .models import ProgrammePage


class ProgrammeImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (XLSX workbook, or one table as CSV)"),
        help_text=gettext_lazy("The layout of the XLSX download: sheets axes, projects, activities, indicators, "
                               "indicator_values, funding."),
    )


def _programme_for_staff(request, page_id: int) -> ProgrammePage:
    programme = get_object_or_404(ProgrammePage, pk=page_id).logical_programme()
    if not rules.can_manage(request.user, programme):
        raise PermissionDenied
    return programme


def _summary(report: ImportReport) -> str:
    parts = [
        _("%(sheet)s: %(created)s new, %(updated)s updated") % {"sheet": sheet, **counts}
        for sheet, counts in report.counts.items()
    ]
    return _("The programme is imported.") + " " + "; ".join(parts) + "."


@staff_view
def import_programme(request, page_id: int):
    programme = _programme_for_staff(request, page_id)
    report = None
    form = ProgrammeImportForm()
    if request.method == "POST":
        form = ProgrammeImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                content = read_upload(upload, max_bytes=MAX_BYTES)  # the size checked before a byte is read
            except ValidationError as exc:
                report = ImportReport(file_error=" ".join(exc.messages))
            else:
                report = programme_import(programme=programme, content=content, filename=upload.name,
                                          by=request.user)
            if report.ok:
                messages.success(request, _summary(report))
                for notice in report.notices:
                    messages.info(request, notice)
                return redirect("programme_admin:import", programme.pk)
    return TemplateResponse(
        request,
        "programme/admin/import.html",
        {"programme": programme, "form": form, "report": report, "sheets": SHEETS,
         "max_megabytes": MAX_BYTES // (1024 * 1024), "max_rows": MAX_ROWS},
    )


@staff_view
def export_programme(request, page_id: int):
    programme = _programme_for_staff(request, page_id)
    name = f"{slugify(programme.slug, allow_unicode=True) or 'programme'}.xlsx"
    return attachment(programme_xlsx(programme, rtl=get_language_bidi()), content_type=XLSX_CONTENT_TYPE,
                      filename=name)
