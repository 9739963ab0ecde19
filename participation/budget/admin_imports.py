"""The staff screen importing a budget year from a spreadsheet (``imports.budget_year_import``):
the year and the file, then the report (refused rows, or the counts and the warnings)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from participation.core.rules import ActionRefused
from site_template.accounts.staff import staff_view

from . import rules
from .imports import budget_year_import, max_amount, max_bytes, max_rows
from .models import YEAR_VALIDATORS, BudgetPage


def _coming_year() -> int:
    return timezone.localdate().year + 1


class BudgetImportForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("Year"), validators=YEAR_VALIDATORS, initial=_coming_year,
                              widget=forms.NumberInput(attrs={"min": 1990, "max": 2100}))
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (XLSX workbook, or the lines table as CSV)"),
        help_text=gettext_lazy(
            "The layout of the open-data download: a sheet “lines” (one row per budget line, and a chapter row "
            "with an empty article before each chapter's lines, giving its name and totals) and, optionally, a "
            "sheet “sectors”; the first row names the columns. The whole file is checked first: on any error "
            "nothing is imported. Importing a year again replaces its lines (those citizens asked about are kept)."
        ),
    )


def _budget_for_staff(request, page_id: int) -> BudgetPage:
    budget = get_object_or_404(BudgetPage, pk=page_id).logical_budget()
    if not rules.can_manage(request.user, budget):
        raise PermissionDenied
    return budget


def _summary(report, year: int) -> str:
    counts = report.counts.get("lines", {})
    return _("The budget %(year)s is imported. Lines: %(created)s new, %(updated)s updated, %(deleted)s deleted.") % {
        "year": year, "created": counts.get("created", 0), "updated": counts.get("updated", 0),
        "deleted": counts.get("deleted", 0)}


@staff_view
def import_year(request, page_id: int):
    budget = _budget_for_staff(request, page_id)
    report = None
    form = BudgetImportForm()
    if request.method == "POST":
        form = BudgetImportForm(request.POST, request.FILES)
        if form.is_valid():
            year = form.cleaned_data["year"]
            try:
                report = budget_year_import(budget=budget, year=year, uploaded_file=form.cleaned_data["file"],
                                            by=request.user)
            except ActionRefused as exc:
                raise PermissionDenied from exc
            if report.ok:
                messages.success(request, _summary(report, year))
                for notice in report.notices:
                    messages.info(request, notice)
                form = BudgetImportForm(initial={"year": year})
    return TemplateResponse(
        request,
        "budget/admin/import.html",
        {"budget": budget, "form": form, "report": report, "max_megabytes": f"{max_bytes() / (1024 * 1024):g}",
         "max_rows": max_rows(), "max_amount": max_amount()},
    )
