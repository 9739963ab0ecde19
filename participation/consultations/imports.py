"""Importing open projects from a CSV or XLSX spreadsheet: every row is checked first; if any row
is refused, nothing is imported and the report says, row by row, what was refused and why."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Axis, ConsultationPage, OpenProject

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


@dataclass
class RowError:
    row: int  # spreadsheet row number (header = 1)
    messages: list[str]


@dataclass
class ImportReport:
    created: list[OpenProject] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors and not self.file_error


def _read_rows(content: bytes, filename: str) -> list[list[str]]:
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise ValidationError(_("This is not a readable XLSX file.")) from exc
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append(["" if v is None else str(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                break
        workbook.close()
        return rows
    if filename.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValidationError(_("Save the CSV file in UTF-8 encoding.")) from exc
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        return [row for row in csv.reader(io.StringIO(text), dialect)]
    raise ValidationError(_("Choose a CSV or XLSX file."))


def _column_key(header: str) -> str:
    key = header.strip().lower()
    return HEADER_ALIASES.get(key, key)


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


def parse_amount(text: str) -> Decimal | None:
    """'1 200 000', '1200000.50', '1.200.000,50', '1,200,000' → Decimal; '' → None."""
    cleaned = re.sub(r"[\s\u00a0\u202f]|MAD|DH|درهم", "", text, flags=re.IGNORECASE)
    if not cleaned:
        return None
    if "," in cleaned and "." in cleaned:
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    elif "," in cleaned:
        cleaned = cleaned.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", cleaned) else cleaned.replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3}){2,}", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value < 0:  # "infinity", "NaN" are Decimals too
        raise ValueError(text)
    return value


def parse_whole_number(text: str) -> int:
    """'68', '68.0' (a spreadsheet's number cell) → 68; anything else (text, "infinity", "NaN",
    fractions, 0 or less) raises ValueError."""
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value != value.to_integral_value() or value <= 0:
        raise ValueError(text)
    return int(value)


def projects_import(*, consultation: ConsultationPage, content: bytes, filename: str) -> ImportReport:
    """Checks every row, then creates all projects in one transaction — or none."""
    report = ImportReport()
    if len(content) > MAX_BYTES:
        report.file_error = _("The file is too large (2 MB at most).")
        return report
    try:
        rows = _read_rows(content, filename)
    except ValidationError as exc:
        report.file_error = " ".join(exc.messages)
        return report
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        report.file_error = _("The file is empty.")
        return report
    header = [_column_key(h) for h in rows[0]]
    if "number" not in header or "title_ar" not in header:
        report.file_error = _("The first row must name the columns; “number” and “title_ar” are required.")
        return report
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown:
        report.file_error = _("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)}
        return report
    if len(rows) - 1 > MAX_ROWS:
        report.file_error = _("Too many rows (%(max)s at most).") % {"max": MAX_ROWS}
        return report

    existing = set(OpenProject.objects.filter(consultation=consultation).values_list("number", flat=True))
    seen: dict[int, int] = {}
    candidates: list[OpenProject] = []
    for index, row in enumerate(rows[1:], start=2):
        values = {key: (row[i].strip() if i < len(row) else "") for i, key in enumerate(header) if key}
        messages: list[str] = []
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
