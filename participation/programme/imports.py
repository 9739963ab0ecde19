"""Importing a programme from the spreadsheet the commune keeps: axes, projects, activities,
indicators, their yearly values and the funding plan, in the layout of ``exports`` (see
``DATA_LAYOUT.md``).

- XLSX: a workbook with up to six sheets, ``axes``, ``projects``, ``activities``,
  ``indicators``, ``indicator_values``, ``funding`` (or their Arabic or French names, see
  ``SHEET_ALIASES``); other sheets are ignored (the report says so). Column names are the keys
  of the layout, or their Arabic/French aliases (``COLUMN_ALIASES``).
- CSV: one table, recognised by its header: the ``projects`` table needs the ``axis`` column;
  ``axes`` is ``number`` + ``title_ar`` without ``axis``; ``activities`` has ``project``,
  ``number``, ``title_ar``; ``indicators`` has ``project``, ``number``, ``name_ar``;
  ``indicator_values`` has ``project``, ``indicator``, ``year``; ``funding`` has ``project``,
  ``year``, ``source_ar``. The open-data CSV (the projects table) imports as it is.

Every row of every sheet is checked first (columns, references to axes/projects/indicators in
the file or already in the programme, amounts, dates and their order, women + men = value,
duplicates); on any error nothing is written and the report lists sheet, row and messages.
Otherwise everything is written in one transaction. A re-import updates by numbers and never
duplicates: an axis by its number; a project by its number; an activity and an indicator by
(project, number); a value by (project, indicator, year); a funding line by (project, year,
source_ar). Only the columns present in the file are updated; rows missing from the file are
kept. ``status`` is read but ignored (it changes only through ``services.project_set_status``).
Reads are in bulk (a fixed number of queries); writes are bulk except projects, which go
through ``services.project_save`` (their participation thread) when new or changed."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from participation.core.pages import site_id_of
from participation.core.rules import require
from participation.core.spreadsheets import (
    CellError,
    ImportReport,
    Table,
    cell_text,
    check_size,
    column_keys,
    formula_message,
    header_key,
    is_csv,
    is_xlsx,
    parse_amount,
    parse_date,
    parse_whole_number,
    parse_yes_no,
    read_table,
    read_workbook,
)
from site_template.communes.models import Neighbourhood

from . import rules
from .exports import SHEETS
from .models import Activity, Axis, FundingLine, Indicator, IndicatorValue, ProgrammePage, Project

#: The upload limit of a programme file (setting ``PROGRAMME_IMPORT_MAX_BYTES``) and the rows of one sheet.
logger = logging.getLogger(__name__)

MAX_BYTES = getattr(settings, "PROGRAMME_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
MAX_ROWS = getattr(settings, "PROGRAMME_IMPORT_MAX_ROWS", 5000)

SHEET_ALIASES = {
    "المحاور": "axes", "axe": "axes", "axes stratégiques": "axes",
    "المشاريع": "projects", "projets": "projects", "projet": "projects",
    "الأنشطة": "activities", "activités": "activities", "activites": "activities",
    "المؤشرات": "indicators", "indicateurs": "indicators",
    "قيم المؤشرات": "indicator_values", "valeurs des indicateurs": "indicator_values", "valeurs": "indicator_values",
    "indicator values": "indicator_values",
    "التمويل": "funding", "خطة التمويل": "funding", "financement": "funding", "plan de financement": "funding",
}
COLUMN_ALIASES = {
    "رقم": "number", "الرقم": "number", "numéro": "number", "numero": "number", "n°": "number",
    "المحور": "axis", "رقم المحور": "axis", "axe": "axis",
    "المشروع": "project", "رقم المشروع": "project", "projet": "project",
    "المؤشر": "indicator", "رقم المؤشر": "indicator", "indicateur": "indicator",
    "السنة": "year", "année": "year", "annee": "year",
    "العنوان": "title_ar", "عنوان": "title_ar", "titre": "title_fr",
    "الوصف": "description_ar", "description": "description_fr",
    "الأحياء": "neighbourhoods", "quartiers": "neighbourhoods",
    "تاريخ البداية": "starts_on", "date de début": "starts_on", "date de debut": "starts_on",
    "تاريخ النهاية": "ends_on", "date de fin": "ends_on",
    "نسبة الإنجاز": "progress", "avancement": "progress", "avancement (%)": "progress",
    "الحالة": "status", "statut": "status", "état": "status",
    "الاسم": "name_ar", "nom": "name_fr", "الوحدة": "unit_ar", "unité": "unit_fr",
    "القيمة المرجعية": "baseline", "valeur de référence": "baseline", "الهدف": "target", "cible": "target",
    "القيمة": "value", "valeur": "value", "النساء": "women", "femmes": "women", "الرجال": "men", "hommes": "men",
    "المصدر": "source_ar", "source": "source_fr",
    "المبرمج": "planned", "prévu": "planned", "prevu": "planned",
    "الملتزم به": "committed", "engagé": "committed", "engage": "committed",
    "المصروف": "spent", "dépensé": "spent", "depense": "spent",
}
#: The columns naming a row (they must be in the header).
KEYS = {
    "axes": ("number",),
    "projects": ("number",),
    "activities": ("project", "number"),
    "indicators": ("project", "number"),
    "indicator_values": ("project", "indicator", "year"),
    "funding": ("project", "year", "source_ar"),
}
#: How a CSV file's table is recognised (these columns in the header; ``axes`` has no ``axis``).
CSV_SIGNATURES = {
    "axes": ("number", "title_ar"),
    "projects": ("number", "axis"),
    "activities": ("project", "number", "title_ar"),
    "indicators": ("project", "number", "name_ar"),
    "indicator_values": ("project", "indicator", "year"),
    "funding": ("project", "year", "source_ar"),
}
MODELS = {"axes": Axis, "projects": Project, "activities": Activity, "indicators": Indicator,
          "indicator_values": IndicatorValue, "funding": FundingLine}
_SEPARATORS = re.compile(r"[;؛\n]")


def _text(value: Any) -> str:
    return cell_text(value)


def _whole(value: Any) -> int | None:
    return None if cell_text(value) == "" else parse_whole_number(value)


def _percent(value: Any) -> int:
    return 0 if cell_text(value) == "" else parse_whole_number(value, minimum=0)


def _money(value: Any) -> Decimal:
    amount = parse_amount(value)
    return Decimal("0") if amount is None else amount


def _figure(value: Any) -> Decimal | None:
    return parse_amount(value, negative=True)


def _names(value: Any) -> list[str]:
    return [name.strip() for name in _SEPARATORS.split(cell_text(value)) if name.strip()]


PARSERS: dict[str, Callable[[Any], Any]] = {
    "number": _whole, "axis": _whole, "project": _whole, "indicator": _whole, "year": _whole,
    "progress": _percent, "starts_on": parse_date, "ends_on": parse_date,
    "planned": _money, "committed": _money, "spent": _money,
    "baseline": _figure, "target": _figure, "value": _figure, "women": parse_amount, "men": parse_amount,
    "counts_people": parse_yes_no, "neighbourhoods": _names, "status": _text,
}
#: Columns that are not a model field of the row (references, or read and ignored).
NOT_FIELDS = frozenset({"axis", "project", "indicator", "neighbourhoods", "status"})


@dataclass
class _Row:
    sheet: str
    title: str  # the sheet's title in the file
    number: int  # spreadsheet row
    values: dict[str, Any]
    messages: list[str] = field(default_factory=list)
    obj: Any = None
    new: bool = False
    changed: bool = False
    wanted_neighbourhoods: list | None = None  # a project's neighbourhoods, when they change


def _sheet_key(title: str) -> str:
    return header_key(title, SHEET_ALIASES).replace(" ", "_")


def _recognise_csv(keys: list[str]) -> str | None:
    present = {k for k in keys if k}
    matches = [sheet for sheet, signature in CSV_SIGNATURES.items()
               if set(signature) <= present and present <= set(SHEETS[sheet])]
    return matches[0] if len(matches) == 1 else None


def _read(content: bytes, filename: str, report: ImportReport) -> dict[str, Table] | None:
    if is_xlsx(filename):
        tables: dict[str, Table] = {}
        for title, table in read_workbook(content, filename, max_rows=MAX_ROWS, max_bytes=MAX_BYTES).items():
            key = _sheet_key(title)
            if key not in SHEETS:
                report.notices.append(_("The sheet “%(sheet)s” is not part of the layout: it was ignored.")
                                      % {"sheet": title})
            elif key in tables:
                report.file_error = _("Two sheets hold the table %(sheet)s: “%(first)s” and “%(second)s”.") % {
                    "sheet": key, "first": tables[key].title, "second": title}
                return None
            else:
                tables[key] = table
        if not tables:
            report.file_error = _("The workbook has none of the sheets axes, projects, activities, indicators, "
                                  "indicator_values, funding.")
            return None
        return tables
    if is_csv(filename):
        table = read_table(content, filename, max_rows=MAX_ROWS, max_bytes=MAX_BYTES)
        sheet = _recognise_csv(column_keys(table.header, COLUMN_ALIASES))
        if sheet is None:
            report.file_error = _("The columns of this CSV file match none of the tables of the layout "
                                  "(the projects table needs at least number and axis).")
            return None
        table.title = sheet
        return {sheet: table}
    raise ValidationError(_("Choose a CSV or XLSX file."))


def _check_header(sheet: str, table: Table, report: ImportReport) -> list[str]:
    keys = column_keys(table.header, COLUMN_ALIASES)
    messages = []
    allowed = set(SHEETS[sheet])
    unknown = [cell_text(h) for h, k in zip(table.header, keys, strict=True) if k and k not in allowed]
    if unknown:
        messages.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(unknown)})
    missing = [k for k in KEYS[sheet] if k not in keys]
    if missing:
        messages.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
    repeated = sorted({k for k in keys if k and keys.count(k) > 1})
    if repeated:
        messages.append(_("Columns named twice: %(columns)s.") % {"columns": ", ".join(repeated)})
    if messages:
        report.add_error(1, messages, sheet=table.title)
    return keys


def _parse_rows(sheet: str, table: Table, keys: list[str]) -> list[_Row]:
    rows = []
    labels = {k: cell_text(h) for h, k in zip(table.header, keys, strict=True) if k}
    for number, cells in table.rows:
        row = _Row(sheet=sheet, title=table.title, number=number, values={})
        if number in table.formulas:
            row.messages.append(formula_message(table.formulas[number]))
        for index, key in enumerate(keys):
            if not key:
                continue
            cell = cells[index] if index < len(cells) else None
            try:
                row.values[key] = PARSERS.get(key, _text)(cell)
            except CellError as exc:
                row.messages.append(f"{labels[key]}: {exc}")
                row.values[key] = None
        for key in KEYS[sheet]:
            if key in row.values and row.values[key] in (None, ""):
                if not any(message.startswith(f"{labels[key]}:") for message in row.messages):
                    row.messages.append(_("%(column)s: this cell cannot be empty.") % {"column": labels[key]})
        rows.append(row)
    return rows


def _assign(row: _Row, obj: Any, *, new: bool) -> None:
    """Sets the row's field columns on ``obj`` and notes whether anything changed."""
    for key, value in row.values.items():
        if key in NOT_FIELDS or key in KEYS[row.sheet] and not new:
            continue
        if new or getattr(obj, key) != value:
            setattr(obj, key, value)
            row.changed = True
    row.obj, row.new = obj, new
    row.changed = row.changed or new


def _clean(row: _Row, exclude: list[str]) -> None:
    if row.messages:
        return
    model = type(row.obj)
    try:
        row.obj.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            label = "" if name == "__all__" else str(model._meta.get_field(name).verbose_name)
            row.messages.extend(f"{label}: {error}" if label else error for error in errors)


class _Plan:
    """Every row of the file checked against the file and the programme, before any write."""

    def __init__(self, programme: ProgrammePage, tables: dict[str, Table], report: ImportReport) -> None:
        self.programme, self.report = programme, report
        self.rows: dict[str, list[_Row]] = {}
        keys = {sheet: _check_header(sheet, table, report) for sheet, table in tables.items()}
        if report.errors:
            return
        for sheet in SHEETS:
            if sheet in tables:
                self.rows[sheet] = _parse_rows(sheet, tables[sheet], keys[sheet])
        self._load()
        self.axes = self._plan_axes()
        self.projects = self._plan_projects()
        self.indicators = self._plan_children(
            "indicators", self.existing_indicators, lambda p, r: Indicator(project=p))
        self._plan_children("activities", self.existing_activities,
                            lambda p, r: Activity(project=p, sort_order=r.values.get("number")))
        self._plan_values()
        self._plan_children("funding", self.existing_funding, lambda p, r: FundingLine(project=p),
                            key=lambda r: (r.values.get("year"), r.values.get("source_ar")))
        for rows in self.rows.values():
            for row in rows:
                if row.messages:
                    report.add_error(row.number, row.messages, sheet=row.title)

    # -- bulk reads (a fixed number of queries) ----------------------------------------------
    def _load(self) -> None:
        programme = self.programme
        self.existing_axes = {a.number: a for a in Axis.objects.filter(programme=programme)}
        self.existing_projects = {
            p.number: p for p in Project.objects.filter(programme=programme).select_related("axis", "contribution")
            .prefetch_related("neighbourhoods")
        }
        self.existing_activities = {(a.project.number, a.number): a for a in
                                    Activity.objects.filter(project__programme=programme).select_related("project")}
        self.existing_indicators = {(i.project.number, i.number): i for i in
                                    Indicator.objects.filter(project__programme=programme).select_related("project")}
        self.existing_values = {
            (v.indicator.project.number, v.indicator.number, v.year): v
            for v in IndicatorValue.objects.filter(indicator__project__programme=programme)
            .select_related("indicator__project")
        }
        self.existing_funding = {(f.project.number, (f.year, f.source_ar)): f for f in
                                 FundingLine.objects.filter(project__programme=programme).select_related("project")}
        self.neighbourhoods: dict[str, Neighbourhood] = {}
        if "neighbourhoods" in {k for row in self.rows.get("projects", []) for k in row.values}:
            for neighbourhood in Neighbourhood.objects.filter(site_id=site_id_of(programme)):
                self.neighbourhoods.setdefault(neighbourhood.name_ar.strip(), neighbourhood)
                if neighbourhood.name_fr:
                    self.neighbourhoods.setdefault(neighbourhood.name_fr.strip().lower(), neighbourhood)

    @staticmethod
    def _first_seen(rows: list[_Row], key: Callable[[_Row], Any]) -> None:
        seen: dict[Any, int] = {}
        for row in rows:
            value = key(row)
            parts = value if isinstance(value, tuple) else (value,)
            parts = [inner for part in parts for inner in (part if isinstance(part, tuple) else (part,))]
            if any(part is None or part == "" for part in parts):
                continue
            if value in seen:
                row.messages.append(_("This row repeats row %(row)s (same numbers).") % {"row": seen[value]})
            else:
                seen[value] = row.number

    # -- each table --------------------------------------------------------------------------
    def _plan_axes(self) -> dict[int, Axis]:
        axes = dict(self.existing_axes)
        rows = self.rows.get("axes", [])
        self._first_seen(rows, lambda r: r.values.get("number"))
        for row in rows:
            number = row.values.get("number")
            if number is None:
                continue
            existing = axes.get(number)
            new = existing is None
            _assign(row, Axis(programme=self.programme) if new else existing, new=new)
            _clean(row, ["programme"])
            axes[number] = row.obj
        return axes

    def _plan_projects(self) -> dict[int, Project]:
        projects = dict(self.existing_projects)
        rows = self.rows.get("projects", [])
        self._first_seen(rows, lambda r: r.values.get("number"))
        for row in rows:
            number = row.values.get("number")
            if number is None:
                continue
            existing = projects.get(number)
            new = existing is None
            project = Project(programme=self.programme) if new else existing
            axis_number = row.values.get("axis")
            if axis_number is not None:
                axis = self.axes.get(axis_number)
                if axis is None:
                    row.messages.append(_("Unknown axis %(number)s: add it to the axes sheet first.")
                                        % {"number": axis_number})
                elif new or project.axis_id != axis.pk or axis.pk is None:
                    project.axis = axis
                    row.changed = True
            elif new and not row.messages:
                row.messages.append(_("A new project needs its axis (the axis column)."))
            _assign(row, project, new=new)
            if "neighbourhoods" in row.values and row.values["neighbourhoods"] is not None:
                wanted = []
                for name in row.values["neighbourhoods"]:
                    found = self.neighbourhoods.get(name) or self.neighbourhoods.get(name.lower())
                    if found is None:
                        row.messages.append(_("Unknown neighbourhood “%(name)s”.") % {"name": name})
                    else:
                        wanted.append(found)
                current = set() if new else {n.pk for n in project.neighbourhoods.all()}
                if {n.pk for n in wanted} != current:
                    row.wanted_neighbourhoods = wanted
            _clean(row, ["programme", "axis", "contribution"])
            projects[number] = project
        return projects

    def _project_of(self, row: _Row) -> Project | None:
        number = row.values.get("project")
        if number is None:
            return None
        project = self.projects.get(number)
        if project is None:
            row.messages.append(_("Unknown project %(number)s: add it to the projects sheet first.")
                                % {"number": number})
        return project

    def _plan_children(self, sheet: str, existing: dict, make: Callable[[Project, _Row], Any],
                       key: Callable[[_Row], Any] | None = None) -> dict:
        key = key or (lambda r: r.values.get("number"))
        planned = dict(existing)
        rows = self.rows.get(sheet, [])
        self._first_seen(rows, lambda r: (r.values.get("project"), key(r)))
        for row in rows:
            project = self._project_of(row)
            if project is None or key(row) in (None, "") or None in (key(row) if isinstance(key(row), tuple) else ()):
                continue
            full_key = (row.values["project"], key(row))
            obj = planned.get(full_key)
            new = obj is None
            _assign(row, make(project, row) if new else obj, new=new)
            _clean(row, ["project"])
            planned[full_key] = row.obj
        return planned

    def _plan_values(self) -> None:
        rows = self.rows.get("indicator_values", [])
        self._first_seen(rows, lambda r: (r.values.get("project"), r.values.get("indicator"), r.values.get("year")))
        for row in rows:
            project = self._project_of(row)
            number, year = row.values.get("indicator"), row.values.get("year")
            if project is None or number is None or year is None:
                continue
            indicator = self.indicators.get((row.values["project"], number))
            if indicator is None:
                row.messages.append(_("Unknown indicator %(indicator)s of project %(project)s: add it to the "
                                      "indicators sheet first.") % {"indicator": number,
                                                                   "project": row.values["project"]})
                continue
            obj = self.existing_values.get((row.values["project"], number, year))
            new = obj is None
            _assign(row, IndicatorValue(indicator=indicator) if new else obj, new=new)
            _clean(row, ["indicator"])

    # -- writes ------------------------------------------------------------------------------
    def write(self) -> None:
        from .services import project_save, public_pages_changed

        report = self.report
        self._bulk("axes", Axis)
        created, updated = 0, 0
        for row in self.rows.get("projects", []):
            if row.changed:
                if row.obj.axis_id is None:  # a new axis, saved just now
                    row.obj.axis = row.obj.axis
                project_save(project=row.obj)
                (report.created if row.new else report.updated).append(row.obj)
                created, updated = created + row.new, updated + (not row.new)
            if row.wanted_neighbourhoods is not None:
                row.obj.neighbourhoods.set(row.wanted_neighbourhoods)
                if not row.changed:
                    report.updated.append(row.obj)
                    updated += 1
        if "projects" in self.rows:
            report.counts["projects"] = {"created": created, "updated": updated}
        for sheet in ("indicators", "activities", "indicator_values", "funding"):
            self._bulk(sheet, MODELS[sheet])
        public_pages_changed()

    def _bulk(self, sheet: str, model) -> None:
        rows = self.rows.get(sheet)
        if rows is None:
            return
        for row in rows:  # parents saved since the rows were planned
            for name in ("project", "indicator"):
                parent = getattr(row.obj, name, None) if hasattr(model, f"{name}_id") else None
                if parent is not None and getattr(row.obj, f"{name}_id") is None:
                    setattr(row.obj, name, parent)
        new = [row.obj for row in rows if row.new]
        changed = [row for row in rows if row.changed and not row.new]
        model.objects.bulk_create(new, batch_size=500)
        if sheet in ("axes", "indicators") and any(obj.pk is None for obj in new):  # a backend without RETURNING
            if sheet == "axes":
                by_key = dict(Axis.objects.filter(programme=self.programme).values_list("number", "pk"))
                for obj in new:
                    obj.pk = by_key[obj.number]
            else:
                by_key = {(i.project_id, i.number): i.pk
                          for i in Indicator.objects.filter(project__programme=self.programme)}
                for obj in new:
                    obj.pk = by_key[(obj.project_id, obj.number)]
        fields = sorted({key for row in changed for key in row.values
                         if key not in NOT_FIELDS and key not in KEYS[sheet]})
        if changed and fields:
            model.objects.bulk_update([row.obj for row in changed], fields, batch_size=500)
        self.report.counts[sheet] = {"created": len(new), "updated": len(changed)}


def programme_import(*, programme: ProgrammePage, content: bytes, filename: str, by) -> ImportReport:
    """Checks every row of every sheet, then writes everything in one transaction — or nothing."""
    programme = programme.logical_programme()
    require(rules.can_manage(by, programme))
    report = ImportReport()
    try:
        check_size(len(content), MAX_BYTES)
        tables = _read(content, filename, report)
    except ValidationError as exc:
        report.file_error = " ".join(exc.messages)
        return report
    if tables is None:
        return report
    plan = _Plan(programme, tables, report)
    if not report.ok:
        return report
    try:
        with transaction.atomic():
            plan.write()
    except (DatabaseError, ValidationError):
        logger.exception("Programme import of %s failed while saving", programme.pk)
        report.created, report.updated, report.counts = [], [], {}
        report.file_error = _("The import failed while saving, so nothing was imported. Try again; if it fails "
                              "again, tell the site's administrator.")
    return report
