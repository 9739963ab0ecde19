"""Importing open projects from a CSV or XLSX spreadsheet: every row is checked first; if any row
is refused, nothing is imported and the report says, row by row, what was refused and why."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from participation.core.spreadsheets import (
    ImportReport,
    RowError,
    cell_text,
    column_keys,
    formula_message,
    parse_amount,
    parse_whole_number,
    read_table,
    row_values,
)

from .models import Axis, ConsultationPage, OpenProject

__all__ = ["ImportReport", "RowError", "parse_amount", "parse_whole_number", "projects_import"]

MAX_ROWS = 500
MAX_BYTES = 2 * 1024 * 1024
COLUMNS = (
    "number",
    "title_ar",
    "title_fr",
    "description_ar",
    "description_fr",
    "axis",
    "estimated_cost",
    "funding_ar",
    "funding_fr",
    "responsible_service_ar",
    "responsible_service_fr",
)
HEADER_ALIASES = {
    "رقم": "number",
    "الرقم": "number",
    "numéro": "number",
    "numero": "number",
    "عنوان": "title_ar",
    "العنوان": "title_ar",
    "titre": "title_fr",
    "axe": "axis",
    "المحور": "axis",
    "coût estimé": "estimated_cost",
    "cout estime": "estimated_cost",
    "الكلفة التقديرية": "estimated_cost",
}

_AXIS_LOOKUP: dict[str, str] | None = None


def _axis_value(text: str) -> str | None:
    """Accepts the code, or its label in English, Arabic or French."""
    from django.utils import translation

    global _AXIS_LOOKUP
    if _AXIS_LOOKUP is None:
        lookup = {}
        for value, label in Axis.choices:
            lookup[value] = value
            for language in ("en", *(code for code, _name in settings.LANGUAGES)):
                with translation.override(language):
                    lookup[str(label).strip().lower()] = value
        _AXIS_LOOKUP = lookup
    return _AXIS_LOOKUP.get(text.strip().lower())


def projects_import(*, consultation: ConsultationPage, content: bytes, filename: str) -> ImportReport:
    """Checks every row, then creates all projects in one transaction — or none."""
    report = ImportReport()
    try:
        table = read_table(content, filename, max_rows=MAX_ROWS, max_bytes=MAX_BYTES)
    except ValidationError as exc:
        report.file_error = " ".join(exc.messages)
        return report
    header = column_keys(table.header, HEADER_ALIASES)
    if "number" not in header or "title_ar" not in header:
        report.file_error = _("The first row must name the columns; “number” and “title_ar” are required.")
        return report
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        report.file_error = _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}
        return report

    existing = set(OpenProject.objects.filter(consultation=consultation).values_list("number", flat=True))
    seen: dict[int, int] = {}
    candidates: list[OpenProject] = []
    for index, row in table.rows:
        values = {key: cell_text(value) for key, value in row_values(header, row).items()}
        messages: list[str] = []
        if index in table.formulas:
            messages.append(formula_message(table.formulas[index]))
        number = None
        try:
            number = parse_whole_number(values.get("number", ""))
        except ValueError:
            messages.append(_("The number must be a positive whole number."))
        if number is not None:
            if number in existing:
                messages.append(_("Project %(number)s already exists in this consultation.") % {"number": number})
            elif number in seen:
                messages.append(
                    _("Project %(number)s is already on row %(row)s.") % {"number": number, "row": seen[number]}
                )
            else:
                seen[number] = index
        axis = Axis.OTHER
        if values.get("axis"):
            axis = _axis_value(values["axis"])
            if axis is None:
                messages.append(_("Unknown priority axis “%(axis)s”.") % {"axis": values["axis"]})
        cost = None
        try:
            cost = parse_amount(values.get("estimated_cost", ""))
        except ValueError:
            messages.append(_("The estimated cost “%(cost)s” is not an amount.") % {"cost": values["estimated_cost"]})
        project = OpenProject(
            consultation=consultation,
            number=number or 0,
            axis=axis or Axis.OTHER,
            estimated_cost=cost,
            **{k: values.get(k, "") for k in COLUMNS if k not in {"number", "axis", "estimated_cost"}},
        )
        if not messages:
            try:
                project.full_clean(exclude=["consultation"], validate_unique=False, validate_constraints=False)
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    label = name if name == "__all__" else str(OpenProject._meta.get_field(name).verbose_name)
                    messages.extend(f"{label}: {error}" for error in errors)
        if messages:
            report.errors.append(RowError(row=index, messages=messages))
        else:
            candidates.append(project)
    if report.errors:
        return report
    from .services import project_save

    with transaction.atomic():
        for project in candidates:
            report.created.append(project_save(project=project))
    return report
